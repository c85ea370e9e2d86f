import * as assert from 'assert';
import { CredentialCommands } from '../../../src/accounts/credentialCommands';
import type { CredentialSource } from '../../../src/accounts/credentialSources';
import { CredentialStore } from '../../../src/accounts/credentialStore';
import { type ImagesApi, Session } from '../../../src/accounts/session';
import { readSettings } from '../../../src/platform/settings';
import { ZenlayerApiError, type ZenlayerCredentials } from '../../../src/zenlayer';
import { EventEmitter } from '../../support/fakeVscode';
import { memoryLogger } from '../../support/imagesFeature';
import { ScriptedUi } from '../../support/scriptedUi';

/** VS Code's SecretStorage in memory; `broken` makes every call fail like a Linux desktop without a keyring. */
class MemorySecrets {
    readonly values = new Map<string, string>();
    broken = false;
    private readonly changed = new EventEmitter<{ key: string }>();
    readonly onDidChange = this.changed.event;
    get(key: string): Promise<string | undefined> {
        return this.broken ? Promise.reject(new Error('no keyring')) : Promise.resolve(this.values.get(key));
    }
    store(key: string, value: string): Promise<void> {
        if (this.broken) {
            return Promise.reject(new Error('no keyring'));
        }
        this.values.set(key, value);
        this.changed.fire({ key });
        return Promise.resolve();
    }
    delete(key: string): Promise<void> {
        this.values.delete(key);
        this.changed.fire({ key });
        return Promise.resolve();
    }
}

const GOOD: ZenlayerCredentials = { accessKeyId: 'ZLGOODKEY0001', accessKeyPassword: 'right' };
const rejected = () => new ZenlayerApiError('DescribeZones', 401, 'AUTHFAILURE_SIGNATURE_FAILURE', 'Signature mismatch.', 'req-401');
const skewed = () => new ZenlayerApiError('DescribeZones', 401, 'AUTHFAILURE_SIGNATURE_FAILURE', 'Signature mismatch.', 'req-skew', undefined, 900);

function setup(options: { sources?: CredentialSource[]; check?: (credentials: ZenlayerCredentials) => Error | undefined } = {}) {
    const secrets = new MemorySecrets();
    const store = new CredentialStore(secrets);
    const logger = memoryLogger();
    const checked: ZenlayerCredentials[] = [];
    const session = new Session({
        store,
        logger,
        settings: () => readSettings(() => undefined).settings,
        createDispatcher: () => undefined,
        createApi: ({ credentials }) =>
            ({
                describeZones: () => {
                    checked.push(credentials);
                    const failure = options.check?.(credentials) ?? ('accessKeyPassword' in credentials && credentials.accessKeyPassword !== 'right' ? rejected() : undefined);
                    return failure ? Promise.reject(failure) : Promise.resolve([]);
                },
                close: () => Promise.resolve(),
            }) as unknown as ImagesApi,
    });
    const ui = new ScriptedUi();
    const commands = new CredentialCommands({ ui, store, session, logger, discoverSources: () => Promise.resolve(options.sources ?? []) });
    const stored = async () => store.get();
    return { secrets, store, logger, checked, ui, commands, stored };
}

describe('CredentialCommands: Configure Credentials', () => {
    it('asks for the key ID and a masked password that survive focus loss, checks them, then stores them', async () => {
        const { ui, commands, stored, checked } = setup();
        ui.typeNext(GOOD.accessKeyId).typeNext('right');
        await commands.configure();
        const [id, password] = ui.inputs();
        assert.strictEqual(id.options.title, 'Zenlayer AccessKey ID (1/2)');
        assert.strictEqual(id.options.ignoreFocusOut, true);
        assert.strictEqual(password.options.password, true);
        assert.strictEqual(password.options.ignoreFocusOut, true);
        assert.deepStrictEqual(checked, [GOOD], 'checked with Zenlayer before saving');
        assert.deepStrictEqual(await stored(), GOOD);
        assert.deepStrictEqual(ui.of('progress').map((call) => call.title), ['Checking the credentials with Zenlayer…']);
        assert.deepStrictEqual(ui.messages('info').map((call) => call.message), ['Zenlayer credentials saved (AccessKey ID ZLGOODKEY0001).']);
    });

    it('refuses an AccessKey ID with spaces or the wrong shape, in the input box', async () => {
        for (const [typed, problem] of [
            ['   ', 'Enter the AccessKey ID.'],
            ['ZL GOOD KEY', 'The AccessKey ID contains spaces; paste it without them.'],
            ['short', 'An AccessKey ID has 8 to 128 letters, digits, "-" or "_".'],
        ] as const) {
            const { ui, commands, stored } = setup();
            ui.typeNext(typed);
            await commands.configure();
            assert.strictEqual(ui.inputs()[0].validation, problem, typed);
            assert.strictEqual(await stored(), undefined);
        }
    });

    it('on rejection says why with the requestId and lets the user re-enter, keeping the key ID typed', async () => {
        const { ui, commands, stored, checked } = setup();
        ui.typeNext(GOOD.accessKeyId).typeNext('wrong').clickNext('Re-enter').typeNext(GOOD.accessKeyId).typeNext('right');
        await commands.configure();
        const [error] = ui.messages('error');
        assert.strictEqual(error.message, 'Zenlayer rejected these credentials: AUTHFAILURE_SIGNATURE_FAILURE: Signature mismatch. (requestId req-401)');
        assert.deepStrictEqual(error.buttons, ['Re-enter', 'Show Log']);
        assert.strictEqual(ui.inputs()[2].options.value, GOOD.accessKeyId);
        assert.strictEqual(checked.length, 2);
        assert.deepStrictEqual(await stored(), GOOD);
    });

    it('with a skewed clock says the clock is off and offers Retry, not Re-enter', async () => {
        let skew = true;
        const { ui, commands, stored } = setup({ check: () => (skew ? skewed() : undefined) });
        ui.typeNext(GOOD.accessKeyId).typeNext('right').clickNext((call) => {
            skew = false;
            return call.buttons.includes('Retry') ? 'Retry' : undefined;
        });
        await commands.configure();
        const [error] = ui.messages('error');
        assert.match(error.message, /this computer's clock is more than 5 minutes off/);
        assert.deepStrictEqual(error.buttons, ['Retry', 'Show Log']);
        assert.deepStrictEqual(await stored(), GOOD);
    });

    it('stores nothing when the dialog is dismissed at any step', async () => {
        const { ui, commands, stored, checked } = setup();
        ui.typeNext(GOOD.accessKeyId).typeNext(undefined);
        await commands.configure();
        assert.strictEqual(await stored(), undefined);
        assert.deepStrictEqual(checked, []);
    });

    it('offers credentials found in the environment and the zeno CLI profiles (current first), still checking them', async () => {
        const sources: CredentialSource[] = [
            { kind: 'environment', accessKeyId: 'ZLENVKEY0001', credentials: { accessKeyId: 'ZLENVKEY0001', accessKeyPassword: 'right' } },
            { kind: 'cliProfile', profile: 'prod', isCurrent: true, credentials: { accessKeyId: 'ZLPRODKEY001', accessKeyPassword: 'wrong' } },
        ];
        const { ui, commands, stored, checked } = setup({ sources });
        ui.pickNext((labels) => [labels[2]]);
        await commands.configure();
        const [pick] = ui.of('pick');
        assert.deepStrictEqual(pick.labels, ['$(key) Enter an AccessKey ID and password', '$(terminal) Import from the environment', '$(file) Import CLI profile "prod"']);
        assert.deepStrictEqual(checked.map((credentials) => 'accessKeyId' in credentials && credentials.accessKeyId), ['ZLPRODKEY001']);
        assert.strictEqual(await stored(), undefined, 'a rejected import is not saved');
    });

    it('without a keyring says how to get one, and stores nothing', async () => {
        const { ui, commands, secrets } = setup();
        secrets.broken = true;
        ui.typeNext(GOOD.accessKeyId).typeNext('right');
        await commands.configure();
        assert.match(ui.messages('error')[0].message, /gnome-keyring or KWallet\), or start VS Code with --password-store=basic/);
        assert.strictEqual(secrets.values.size, 0);
    });
});

describe('CredentialCommands: Sign Out', () => {
    it('removes the credentials from SecretStorage and says so, without the password in any log line', async () => {
        const { ui, commands, stored, logger, store } = setup();
        await store.store(GOOD);
        await commands.signOut();
        assert.strictEqual(await stored(), undefined);
        assert.deepStrictEqual(ui.messages('info').map((call) => call.message), ['Signed out of Zenlayer. Your credentials were removed from VS Code.']);
        assert.ok(logger.lines.every((line) => !line.includes('right')));
    });
});
