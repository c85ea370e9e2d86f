// Linux without a keyring: VS Code's SecretStorage throws. The account commands must say what to do, and
// must not fall back to any other place for the password. Built from the extension's own classes inside the real
// VS Code, with a SecretStorage that fails the way a missing keyring makes it fail.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AccountChecks } from '../../src/accounts/model/accountChecks';
import { accountCommands, type AccountCommandsByMethod } from '../support/accountCommands';
import { AccountStore } from '../../src/shared/session/accountStore';
import { CredentialEntry } from '../../src/accounts/commands/credentialEntry';
import { readSettings } from '../../src/shared/settings/settings';
import { Session } from '../../src/shared/session/session';
import type { Logger } from '../../src/platform/logger';
import { ZenlayerClient } from '../../src/zenlayer';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, type RunningEmulator, startEmulator } from '../emulator';
import { ScriptedUi } from './extension-support';

const KEYRING_ERROR = 'Cannot create an item in a locked collection';

class KeyringlessSecretStorage implements vscode.SecretStorage {
    private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
    readonly onDidChange = this.changed.event;
    get(): Thenable<string | undefined> {
        return Promise.reject(new Error(KEYRING_ERROR));
    }
    store(): Thenable<void> {
        return Promise.reject(new Error(KEYRING_ERROR));
    }
    delete(): Thenable<void> {
        return Promise.reject(new Error(KEYRING_ERROR));
    }
}

class RecordingLogger implements Logger {
    readonly lines: string[] = [];
    debug = (message: string): number => this.lines.push(message);
    info = (message: string): number => this.lines.push(message);
    warn = (message: string): number => this.lines.push(message);
    error = (message: string): number => this.lines.push(message);
}

describe('extension: SecretStorage unavailable', () => {
    let emulator: RunningEmulator;
    let store: AccountStore;
    let session: Session;
    let logger: RecordingLogger;

    before(async () => {
        emulator = await startEmulator();
    });

    after(async () => {
        await emulator.close();
    });

    beforeEach(() => {
        logger = new RecordingLogger();
        store = new AccountStore(new KeyringlessSecretStorage(), logger);
        session = new Session({
            store,
            logger,
            createApi: (options) => new ZenlayerClient(options),
            createDispatcher: () => undefined,
            settings: () => readSettings((key) => (key === 'endpoint' ? emulator.url : undefined)).settings,
        });
    });

    afterEach(async () => {
        await session.dispose();
        store.dispose();
    });

    function commands(ui: ScriptedUi): AccountCommandsByMethod {
        const discoverSources = () => Promise.resolve([]);
        const memento = { keys: () => [], get: () => undefined, update: () => Promise.resolve() };
        return accountCommands({
            ui,
            store,
            logger,
            discoverSources,
            checks: new AccountChecks(memento),
            entry: new CredentialEntry({ ui, session, logger, discoverSources }),
            now: Date.now,
            records: { forget: () => Promise.resolve(), rename: () => Promise.resolve() },
        });
    }

    it('configure: explains that the keyring is missing and what to install, before asking for a key it could not keep', async () => {
        const ui = new ScriptedUi().typeNext(DEMO_ACCESS_KEY_ID).typeNext(DEMO_ACCESS_KEY_PASSWORD);
        await commands(ui).configure();
        assert.equal(ui.inputs().length, 0, 'no key is asked for');
        assert.equal(emulator.requestLog.filter((entry) => entry.action === 'DescribeZones').length, 0);
        const errors = ui.messages('error');
        assert.equal(errors.length, 1, JSON.stringify(ui.calls));
        assert.match(errors[0].message, /secret storage/i);
        assert.match(errors[0].message, /gnome-keyring|KWallet/);
        assert.match(errors[0].message, /--password-store=basic/);
        assert.equal(ui.messages('info').length, 0, 'nothing claims the credentials were saved');
        assert.ok(!logger.lines.join('\n').includes(DEMO_ACCESS_KEY_PASSWORD), 'the password is not logged');
    });

    it('sign out: reports the same help instead of claiming success', async () => {
        const ui = new ScriptedUi();
        await commands(ui).signOutAll();
        assert.equal(ui.messages('error').length, 1);
        assert.match(ui.messages('error')[0].message, /keyring/);
        assert.equal(ui.messages('info').length, 0);
    });

    it('reading the credentials fails with the typed error the tree turns into that help', async () => {
        await assert.rejects(session.api(), (error: Error) => error.name === 'SecretStorageUnavailableError' && error.message.includes(KEYRING_ERROR));
    });
});
