import * as assert from 'assert';
import { AccountChecks } from '../../../src/accounts/model/accountChecks';
import { accountCommands } from '../../support/accountCommands';
import { type AccountsChange, AccountStore } from '../../../src/shared/session/accountStore';
import { CredentialEntry } from '../../../src/accounts/commands/credentialEntry';
import type { CredentialSource } from '../../../src/shared/session/credentialSources';
import { type ImagesApi, Session } from '../../../src/shared/session/session';
import { ACCOUNTS_SECRET_KEY, LEGACY_CREDENTIALS_SECRET_KEY } from '../../../src/constants';
import { readSettings } from '../../../src/shared/settings/settings';
import { ZenlayerApiError, type ZenlayerCredentials } from '../../../src/zenlayer';
import { memoryLogger } from '../../support/imagesFeature';
import { MemoryMemento, MemorySecrets } from '../../support/memoryStorage';
import { ScriptedUi } from '../../support/scriptedUi';

const GOOD: ZenlayerCredentials = { accessKeyId: 'ZLGOODKEY0001', accessKeyPassword: 'right' };
const OTHER: ZenlayerCredentials = { accessKeyId: 'ZLSTAGINGKEY02', accessKeyPassword: 'right' };
const rejected = () => new ZenlayerApiError('DescribeZones', 401, 'AUTHFAILURE_SIGNATURE_FAILURE', 'Signature mismatch.', 'req-401');
const skewed = () => new ZenlayerApiError('DescribeZones', 401, 'AUTHFAILURE_SIGNATURE_FAILURE', 'Signature mismatch.', 'req-skew', undefined, 900);
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);

function setup(options: { sources?: CredentialSource[]; check?: (credentials: ZenlayerCredentials) => Error | undefined } = {}) {
    const secrets = new MemorySecrets();
    const logger = memoryLogger();
    const store = new AccountStore(secrets, logger);
    const changes: AccountsChange[] = [];
    store.onDidChange((change) => changes.push(change));
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
                    const failure =
                        options.check?.(credentials) ??
                        ('accessKeyPassword' in credentials && credentials.accessKeyPassword !== 'right' ? rejected() : undefined);
                    return failure ? Promise.reject(failure) : Promise.resolve([]);
                },
                close: () => Promise.resolve(),
            }) as unknown as ImagesApi,
    });
    const ui = new ScriptedUi();
    const discoverSources = () => Promise.resolve(options.sources ?? []);
    const checks = new AccountChecks(new MemoryMemento());
    // What the account's files saw: forgotten when it is removed, moved when it is renamed.
    const recordCalls: string[] = [];
    const records = {
        forget: (name: string) => Promise.resolve(void recordCalls.push(`forget ${name}`)),
        rename: (from: string, to: string) => Promise.resolve(void recordCalls.push(`rename ${from} -> ${to}`)),
    };
    const commands = accountCommands({
        ui,
        store,
        checks,
        logger,
        discoverSources,
        entry: new CredentialEntry({ ui, session, logger, discoverSources }),
        now: () => NOW,
        records,
    });
    const active = async () => store.active();
    const names = async () => (await store.state()).accounts.map((account) => account.name);
    return { secrets, store, logger, checked, ui, commands, active, names, checks, changes, recordCalls };
}

/** Lets the store's change events (read back from SecretStorage) arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function cliProfile(profile: string, credentials: ZenlayerCredentials, isCurrent = false): CredentialSource {
    return { kind: 'cliProfile', profile, credentials, isCurrent };
}

describe('AccountCommands: Configure Credentials', () => {
    it('signs in the first time without asking for a name: the key ID and a masked password, checked, stored as the active account "default"', async () => {
        const { ui, commands, active, checked, checks } = setup();
        ui.typeNext(GOOD.accessKeyId).typeNext('right');
        await commands.configure();
        const [id, password] = ui.inputs();
        assert.strictEqual(id.options.title, 'Zenlayer AccessKey ID (1/2)');
        assert.strictEqual(id.options.ignoreFocusOut, true);
        assert.strictEqual(password.options.password, true);
        assert.strictEqual(password.options.ignoreFocusOut, true);
        assert.deepStrictEqual(checked, [GOOD], 'checked with Zenlayer before saving');
        assert.deepStrictEqual(await active(), { name: 'default', credentials: GOOD });
        assert.deepStrictEqual(checks.get('default'), { ok: true, at: NOW });
        assert.deepStrictEqual(
            ui.of('progress').map((call) => call.title),
            ['Checking the credentials with Zenlayer…'],
        );
        assert.deepStrictEqual(
            ui.messages('info').map((call) => call.message),
            ['Added the Zenlayer account "default" (AccessKey ID ••••••••0001); the view shows it now.'],
        );
    });

    it('refuses an AccessKey ID with spaces or the wrong shape, in the input box', async () => {
        for (const [typed, problem] of [
            ['   ', 'Enter the AccessKey ID.'],
            ['ZL GOOD KEY', 'The AccessKey ID contains spaces; paste it without them.'],
            ['short', 'An AccessKey ID has 8 to 128 letters, digits, "-" or "_".'],
        ] as const) {
            const { ui, commands, active } = setup();
            ui.typeNext(typed);
            await commands.configure();
            assert.strictEqual(ui.inputs()[0].validation, problem, typed);
            assert.strictEqual(await active(), undefined);
        }
    });

    it('on rejection says why with the requestId and lets the user re-enter, keeping the key ID typed', async () => {
        const { ui, commands, active, checked } = setup();
        ui.typeNext(GOOD.accessKeyId).typeNext('wrong').clickNext('Re-enter').typeNext(GOOD.accessKeyId).typeNext('right');
        await commands.configure();
        const [error] = ui.messages('error');
        assert.strictEqual(error.message, 'Zenlayer rejected these credentials: AUTHFAILURE_SIGNATURE_FAILURE: Signature mismatch. (requestId req-401)');
        assert.deepStrictEqual(error.buttons, ['Re-enter', 'Show Log']);
        assert.strictEqual(ui.inputs()[2].options.value, GOOD.accessKeyId);
        assert.strictEqual(checked.length, 2);
        assert.deepStrictEqual((await active())?.credentials, GOOD);
    });

    it('with a skewed clock says the clock is off and offers Retry, not Re-enter', async () => {
        let skew = true;
        const { ui, commands, active } = setup({ check: () => (skew ? skewed() : undefined) });
        ui.typeNext(GOOD.accessKeyId)
            .typeNext('right')
            .clickNext((call) => {
                skew = false;
                return call.buttons.includes('Retry') ? 'Retry' : undefined;
            });
        await commands.configure();
        const [error] = ui.messages('error');
        assert.match(error.message, /this computer's clock is more than 5 minutes off/);
        assert.deepStrictEqual(error.buttons, ['Retry', 'Show Log']);
        assert.deepStrictEqual((await active())?.credentials, GOOD);
    });

    it('stores nothing when the dialog is dismissed at any step', async () => {
        const { ui, commands, active, checked, secrets } = setup();
        ui.typeNext(GOOD.accessKeyId).typeNext(undefined);
        await commands.configure();
        assert.strictEqual(await active(), undefined);
        assert.deepStrictEqual(checked, []);
        assert.strictEqual(secrets.values.size, 0);
    });

    it('offers credentials found in the environment and the zeno CLI profiles (current first), still checking them', async () => {
        const sources: CredentialSource[] = [
            { kind: 'environment', accessKeyId: 'ZLENVKEY0001', credentials: { accessKeyId: 'ZLENVKEY0001', accessKeyPassword: 'right' } },
            cliProfile('prod', { accessKeyId: 'ZLPRODKEY001', accessKeyPassword: 'wrong' }, true),
        ];
        const { ui, commands, active, checked } = setup({ sources });
        ui.pickNext((labels) => labels.filter((label) => label.includes('"prod"')));
        await commands.configure();
        const [pick] = ui.of('pick');
        assert.deepStrictEqual(pick.labels, [
            '$(key) Enter an AccessKey ID and password',
            '$(shield) Enter an access token',
            '$(terminal) Import from the environment',
            '$(file) Import CLI profile "prod"',
        ]);
        assert.deepStrictEqual(
            checked.map((credentials) => 'accessKeyId' in credentials && credentials.accessKeyId),
            ['ZLPRODKEY001'],
        );
        assert.strictEqual(await active(), undefined, 'a rejected import is not saved');
    });

    it('without a keyring says how to get one, and stores nothing', async () => {
        const { ui, commands, secrets } = setup();
        secrets.broken = true;
        ui.typeNext(GOOD.accessKeyId).typeNext('right');
        await commands.configure();
        assert.match(ui.messages('error')[0].message, /unlock a keyring \(gnome-keyring, KWallet\) or start with --password-store=basic/);
        assert.strictEqual(secrets.values.size, 0);
    });

    it('with an active account replaces its credentials and keeps its name and the other accounts', async () => {
        const { ui, commands, store, active, names } = setup();
        await store.saveAll(
            [
                { name: 'prod', credentials: GOOD },
                { name: 'staging', credentials: OTHER },
            ],
            'staging',
        );
        const renewed = { accessKeyId: 'ZLSTAGINGKEY03', accessKeyPassword: 'right' };
        ui.typeNext(renewed.accessKeyId).typeNext('right');
        await commands.configure();
        assert.deepStrictEqual(await active(), { name: 'staging', credentials: renewed });
        assert.deepStrictEqual(await names(), ['prod', 'staging']);
        assert.deepStrictEqual(
            ui.messages('info').map((call) => call.message),
            ['Zenlayer credentials saved for "staging" (AccessKey ID ••••••••EY03).'],
        );
    });
});

describe('AccountCommands: several accounts', () => {
    it('Add Account asks for a name (refusing a taken one in any case), then credentials, and switches to it', async () => {
        const { ui, commands, store, active, names, changes } = setup();
        await store.save({ name: 'Production', credentials: GOOD }, { activate: true });
        await settle();
        changes.length = 0;
        ui.typeNext('production');
        await commands.add();
        assert.strictEqual(ui.inputs()[0].validation, 'An account named "production" already exists.');
        assert.deepStrictEqual(await names(), ['Production'], 'nothing stored after an invalid name');

        ui.typeNext(' staging ')
            .pickNext((labels) => [labels[0]])
            .typeNext(OTHER.accessKeyId)
            .typeNext('right');
        await commands.add();
        assert.deepStrictEqual(ui.of('pick')[0].labels, ['$(key) Enter an AccessKey ID and password', '$(shield) Enter an access token']);
        assert.deepStrictEqual(await active(), { name: 'staging', credentials: OTHER });
        await settle();
        assert.deepStrictEqual(changes, [{ switched: true }]);
    });

    it('Add Account takes an access token too (masked like a password); a rejected token is asked for again', async () => {
        const { ui, commands, active, checked } = setup({
            check: (credentials) => ('token' in credentials && credentials.token !== 'tok-right' ? rejected() : undefined),
        });
        ui.typeNext('ci')
            .pickNext((labels) => labels.filter((label) => label.includes('access token')))
            .typeNext(' tok-wrong ')
            .clickNext('Re-enter')
            .typeNext('tok-right');
        await commands.add();
        const tokenInputs = ui.inputs().slice(1);
        assert.deepStrictEqual(
            tokenInputs.map((input) => input.options.password),
            [true, true],
        );
        assert.deepStrictEqual(checked, [{ token: 'tok-wrong' }, { token: 'tok-right' }], 'trimmed, and checked each time');
        assert.deepStrictEqual(await active(), { name: 'ci', credentials: { token: 'tok-right' } });
        assert.deepStrictEqual(
            ui.messages('info').map((call) => call.message),
            ['Added the Zenlayer account "ci" (access token); the view shows it now.'],
        );
    });

    it('imports every zeno CLI profile in one write, checks each, lists the rejected and the clashing ones with why, and activates the CLI current profile', async () => {
        const sources = [
            cliProfile('staging', OTHER, true),
            cliProfile('broken', { accessKeyId: 'ZLBROKENKEY1', accessKeyPassword: 'wrong' }),
            cliProfile('ci', { token: 'tok-ci' }),
            cliProfile('Prod', { accessKeyId: 'ZLPRODKEY999', accessKeyPassword: 'right' }),
            cliProfile('same', GOOD),
        ];
        const { ui, commands, store, names, active, checked, secrets, changes, checks } = setup({ sources });
        await store.saveAll(
            [
                { name: 'prod', credentials: { accessKeyId: 'ZLPRODKEY001', accessKeyPassword: 'right' } },
                { name: 'same', credentials: GOOD },
            ],
            undefined,
        );
        await settle();
        changes.length = 0;
        let writes = 0;
        secrets.onDidChange(() => writes++);
        await commands.importFromCli();
        assert.deepStrictEqual(await names(), ['prod', 'same', 'staging', 'ci']);
        assert.strictEqual((await active())?.name, 'staging', "the CLI's current profile, as no account was active");
        assert.strictEqual(writes, 1, 'one write, so every window refreshes once');
        assert.strictEqual(checked.length, 3, 'profiles whose name is taken are not even checked');
        assert.deepStrictEqual(
            ui.of('progress').map((call) => call.title),
            ['Checking 3 zeno CLI profile(s) with Zenlayer…'],
        );
        const [warning] = ui.messages('warning');
        assert.strictEqual(
            warning.message,
            'Imported 2 account(s) from the zeno CLI: staging, ci. The view shows "staging". Already added: same. ' +
                'Not imported: Prod (an account with this name but other credentials exists; rename it first); broken (AUTHFAILURE_SIGNATURE_FAILURE: Signature mismatch. (requestId req-401)).',
        );
        assert.deepStrictEqual(checks.get('ci'), { ok: true, at: NOW });
        assert.strictEqual(checks.get('broken'), undefined, 'nothing is kept of a profile that was not imported');
        await settle();
        assert.deepStrictEqual(changes, [{ switched: true }]);
    });

    it('an import keeps the active account when there is one, and says so when the CLI has no profiles', async () => {
        const { ui, commands, store, active } = setup({ sources: [cliProfile('staging', OTHER, true)] });
        await store.save({ name: 'prod', credentials: GOOD }, { activate: true });
        await commands.importFromCli();
        assert.strictEqual((await active())?.name, 'prod');
        assert.deepStrictEqual(
            ui.messages('info').map((call) => call.message),
            ['Imported 1 account(s) from the zeno CLI: staging.'],
        );

        const empty = setup();
        await empty.commands.importFromCli();
        assert.deepStrictEqual(
            empty.ui.messages('info').map((call) => call.message),
            ['No zeno CLI profiles were found in ~/.zenlayer/credentials.json.'],
        );
    });

    it('Switch Account lists each account with its masked key ID and last check, the active one first, and switches to the pick', async () => {
        const { ui, commands, store, active, checks, changes } = setup();
        await store.saveAll(
            [
                { name: 'prod', credentials: GOOD },
                { name: 'staging', credentials: OTHER },
                { name: 'ci', credentials: { token: 'tok-ci' } },
            ],
            'staging',
        );
        await checks.record('prod', { ok: false, at: NOW - 3 * 3600_000, reason: 'AUTHFAILURE_SIGNATURE_FAILURE: Signature mismatch.' });
        await checks.record('staging', { ok: true, at: NOW - 5 * 60_000 });
        await settle();
        changes.length = 0;
        ui.pickNext((labels) => [labels.find((label) => label.endsWith('prod'))!]);
        await commands.switchAccount();
        const [pick] = ui.of('pick');
        assert.deepStrictEqual(pick.labels, [
            '$(check) staging',
            '$(account) prod',
            '$(account) ci',
            '$(add) Add Account…',
            '$(cloud-download) Import Accounts from the zeno CLI…',
        ]);
        assert.strictEqual((await active())?.name, 'prod');
        await settle();
        assert.deepStrictEqual(changes, [{ switched: true }]);
        assert.deepStrictEqual(
            ui.of('status').map((call) => call.text),
            ['Zenlayer: switched to "prod"'],
        );
    });

    it('Rename keeps the credentials and the last check; renaming the active account is not a switch', async () => {
        const { ui, commands, store, active, checks, changes, recordCalls } = setup();
        await store.saveAll(
            [
                { name: 'prod', credentials: GOOD },
                { name: 'staging', credentials: OTHER },
            ],
            'prod',
        );
        await checks.record('prod', { ok: true, at: NOW });
        await settle();
        changes.length = 0;
        ui.pickNext(() => ['prod'])
            .typeNext('staging')
            .pickNext(() => ['prod'])
            .typeNext('production');
        await commands.rename();
        assert.strictEqual(ui.inputs()[0].validation, 'An account named "staging" already exists.');
        await commands.rename();
        assert.deepStrictEqual(await active(), { name: 'production', credentials: GOOD });
        assert.deepStrictEqual(checks.get('production'), { ok: true, at: NOW });
        assert.strictEqual(checks.get('prod'), undefined);
        assert.deepStrictEqual(recordCalls, ['rename prod -> production'], 'its observation record and delete history move with it');
        await settle();
        assert.deepStrictEqual(changes, [{ switched: false }]);
    });

    it('Remove asks first (the modal names the masked key), keeps everything on Cancel, and after removing the active one offers to switch', async () => {
        const { ui, commands, store, names, active, recordCalls } = setup();
        await store.saveAll(
            [
                { name: 'prod', credentials: GOOD },
                { name: 'staging', credentials: OTHER },
            ],
            'staging',
        );
        ui.pickNext(() => ['staging']);
        await commands.remove();
        const [question] = ui.messages('warning');
        assert.strictEqual(question.modal, true);
        assert.strictEqual(question.message, 'Remove the Zenlayer account "staging" from VS Code?');
        assert.match(question.detail ?? '', /AccessKey ID ••••••••EY02 are deleted|\(AccessKey ID ••••••••EY02\)/);
        assert.deepStrictEqual(await names(), ['prod', 'staging']);
        assert.deepStrictEqual(recordCalls, [], 'cancelled: its files stay');

        ui.pickNext(() => ['staging']).clickNext('Remove');
        await commands.remove();
        assert.deepStrictEqual(await names(), ['prod']);
        assert.deepStrictEqual(recordCalls, ['forget staging'], 'its observation record is forgotten');
        assert.strictEqual(await active(), undefined, 'no account is chosen for the user');
        assert.deepStrictEqual(ui.messages('info').at(-1)?.buttons, ['Switch Account…']);
    });

    it('Sign Out of All Accounts confirms when there are several, then removes every credential from SecretStorage', async () => {
        const { ui, commands, store, secrets, logger, recordCalls } = setup();
        await store.saveAll(
            [
                { name: 'prod', credentials: GOOD },
                { name: 'staging', credentials: OTHER },
            ],
            'prod',
        );
        await commands.signOutAll();
        assert.strictEqual(ui.messages('warning')[0].message, 'Sign out of all 2 Zenlayer accounts?');
        assert.ok(secrets.values.has(ACCOUNTS_SECRET_KEY), 'dismissed: nothing removed');
        ui.clickNext('Sign Out');
        await commands.signOutAll();
        assert.strictEqual(secrets.values.size, 0);
        assert.deepStrictEqual(recordCalls.sort(), ['forget prod', 'forget staging']);
        assert.deepStrictEqual(
            ui.messages('info').map((call) => call.message),
            ['Signed out of 2 Zenlayer accounts. Their credentials were removed from VS Code.'],
        );
        assert.ok(
            logger.lines.every((line) => !line.includes('right')),
            'no password in the log',
        );
    });
});

describe('AccountStore', () => {
    it('moves the single credential set of version 0.1 to the active account "default" once, then removes the old key', async () => {
        const secrets = new MemorySecrets();
        secrets.values.set(LEGACY_CREDENTIALS_SECRET_KEY, JSON.stringify(GOOD));
        const logger = memoryLogger();
        const store = new AccountStore(secrets, logger);
        assert.deepStrictEqual(await store.active(), { name: 'default', credentials: GOOD });
        assert.strictEqual(secrets.values.has(LEGACY_CREDENTIALS_SECRET_KEY), false);
        assert.ok(logger.lines.some((line) => line.includes('Moved the stored credentials to the account "default"')));
        const again = new AccountStore(secrets, logger);
        assert.deepStrictEqual(await again.state(), { accounts: [{ name: 'default', credentials: GOOD }], active: 'default' });
    });

    it('a stored value it cannot read is reported in the log, never guessed at', async () => {
        const secrets = new MemorySecrets();
        secrets.values.set(ACCOUNTS_SECRET_KEY, '{"accounts": "nope"}');
        const logger = memoryLogger();
        assert.strictEqual(await new AccountStore(secrets, logger).active(), undefined);
        assert.ok(logger.lines.some((line) => line.includes('The stored accounts cannot be read (no accounts list)')));
    });

    it('follows another window: a switch there is a switch here', async () => {
        const secrets = new MemorySecrets();
        const here = new AccountStore(secrets, memoryLogger());
        const there = new AccountStore(secrets, memoryLogger());
        await there.saveAll(
            [
                { name: 'prod', credentials: GOOD },
                { name: 'staging', credentials: OTHER },
            ],
            'prod',
        );
        assert.strictEqual((await here.active())?.name, 'prod');
        const changes: AccountsChange[] = [];
        here.onDidChange((change) => changes.push(change));
        await there.activate('staging');
        await settle();
        assert.strictEqual((await here.active())?.name, 'staging');
        assert.deepStrictEqual(changes, [{ switched: true }]);
    });
});
