// Credentials in a real VS Code against the emulator: validation before saving, rejection with the API's reason and
// re-entry, import from the environment, sign-out, and that the password lands nowhere but SecretStorage.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, type RunningEmulator, startEmulator } from '../emulator';
import { ACCOUNTS_SECRET_KEY, EXTENSION_ID } from '../../src/constants';
import { imageNodes, isFailureRow, ScriptedUi, setSetting, signInToEmulator, userSettingsFile, useSignedInExtension, waitFor } from './extension-support';

describe('extension: credentials', () => {
    const fixture = useSignedInExtension({});
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(() => ({ emulator, api, ui } = fixture.current));

    after(() => {
        delete process.env.ZENLAYER_ACCESS_KEY_ID;
        delete process.env.ZENLAYER_ACCESS_KEY_SECRET;
    });

    it('rejects an invalid AccessKey ID in the input box', async () => {
        ui.typeNext('not valid');
        await vscode.commands.executeCommand('zenlayer.configureCredentials');
        assert.match(ui.inputs()[0].validation ?? '', /spaces/);
        assert.strictEqual(emulator.requestLog.length, 0, 'nothing sent');
    });

    it('asks for the password in a masked box that survives focus loss', async () => {
        ui.typeNext(DEMO_ACCESS_KEY_ID); // then Escape on the password
        await vscode.commands.executeCommand('zenlayer.configureCredentials');
        const [idBox, passwordBox] = ui.inputs();
        assert.strictEqual(idBox.options.ignoreFocusOut, true);
        assert.strictEqual(passwordBox.options.password, true);
        assert.strictEqual(passwordBox.options.ignoreFocusOut, true);
    });

    it('tests credentials before saving; on rejection says why and lets the user re-enter', async () => {
        ui.typeNext(DEMO_ACCESS_KEY_ID).typeNext('wrong-password').clickNext('Re-enter').typeNext(DEMO_ACCESS_KEY_ID).typeNext(DEMO_ACCESS_KEY_PASSWORD);
        await vscode.commands.executeCommand('zenlayer.configureCredentials');

        const [rejection] = ui.messages('error');
        const rejected = emulator.requestLog.find((entry) => entry.action === 'DescribeZones' && entry.status >= 400);
        assert.ok(rejected?.code, 'the emulator refused the signature');
        assert.match(rejection.message, new RegExp(`rejected these credentials: ${rejected.code}`));
        assert.ok(rejection.message.includes(rejected.requestId));
        assert.strictEqual(ui.inputs()[2].options.value, DEMO_ACCESS_KEY_ID, 're-entry keeps the key ID');
        assert.strictEqual(ui.of('progress').length, 2, 'each check shows progress');
        assert.match(ui.messages('info')[0].message, /credentials saved for "default" \(AccessKey ID ••••••••EY01\)/);
    });

    it("with a skewed clock, says the computer's clock is off and offers Retry, not Re-enter", async () => {
        const skewed = await startEmulator({ now: () => Date.now() + 10 * 60_000 });
        await setSetting('endpoint', skewed.url);
        try {
            ui.typeNext(DEMO_ACCESS_KEY_ID).typeNext(DEMO_ACCESS_KEY_PASSWORD);
            await vscode.commands.executeCommand('zenlayer.configureCredentials');
            const [error] = ui.messages('error');
            assert.ok(error, JSON.stringify(ui.messages()));
            assert.match(error.message, /this computer's clock is more than 5 minutes off/);
            const refused = skewed.requestLog.find((entry) => entry.action === 'DescribeZones');
            assert.ok(refused && refused.status === 401, JSON.stringify(refused));
            assert.ok(error.message.includes(refused.requestId), "Zenlayer's own answer and requestId follow");
            assert.doesNotMatch(error.message, /rejected these credentials/);
            assert.deepStrictEqual(error.buttons, ['Retry', 'Show Log']);
            assert.deepStrictEqual(ui.messages('info'), [], 'nothing saved');
        } finally {
            await setSetting('endpoint', emulator.url);
            await skewed.close();
        }
        await waitFor(() => imageNodes(api).length > 0, 'the list back');
    });

    it('signs out: the tree empties for the welcome view, polling stops, and signing in brings the images back', async () => {
        const node = imageNodes(api).find((candidate) => candidate.image.name === 'zz-scratch-image');
        assert.ok(node);
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.deepStrictEqual(api.pollingIds(), [node.image.id], 'the deleted image is being watched');

        await vscode.commands.executeCommand('zenlayer.signOut');
        await waitFor(() => !api.signedIn(), 'signed-out state');
        await api.whenIdle();
        assert.strictEqual(api.signedIn(), false);
        assert.deepStrictEqual(api.children(), [], 'empty so the Configure Credentials welcome shows');
        assert.deepStrictEqual(api.pollingIds(), [], 'no image polling continues after sign-out');
        assert.ok(
            ui.messages('info').some((message) => /Signed out/.test(message.message)),
            JSON.stringify(ui.messages('info')),
        );

        await signInToEmulator(api, emulator);
        assert.ok(imageNodes(api).length > 0);
    });

    it('keeps using the endpoint of the user settings file after the workbench re-reads settings, across sign-out and sign-in', async () => {
        // As `npm start` and the UI tests do: the endpoint only in the user settings file, then any settings change
        // through the workbench. In a remote window (code-server is one) VS Code stops applying a machine-scoped user
        // value once it re-reads settings; the credential check then went to https://console.zenlayer.com.
        const file = userSettingsFile();
        const original = fs.readFileSync(file, 'utf8');
        await setSetting('endpoint', undefined);
        const edited = JSON.stringify({ ...(JSON.parse(original) as object), 'zenlayer.endpoint': emulator.url }, null, 4);
        try {
            // Written again every 5 s until VS Code has read it: on a loaded machine the file watcher can miss a write
            // that lands right after VS Code's own write of the same file (the setting removed above).
            for (let attempt = 1; ; attempt++) {
                fs.writeFileSync(file, edited);
                const read = await waitFor(
                    () => vscode.workspace.getConfiguration('zenlayer').inspect('endpoint')?.globalValue === emulator.url,
                    'VS Code to read the settings file',
                    5_000,
                ).then(
                    () => true,
                    () => false,
                );
                if (read) {
                    break;
                }
                assert.ok(attempt < 6, 'VS Code did not read the settings file within 30 s (written 6 times)');
            }
            await vscode.workspace.getConfiguration('zenlayer').update('images.groupBy', 'status', vscode.ConfigurationTarget.Global);
            await vscode.commands.executeCommand('zenlayer.signOut');
            await waitFor(() => !api.signedIn(), 'signed-out state');
            emulator.clearRequestLog();
            await signInToEmulator(api, emulator, { keepEndpoint: true });
            assert.ok(
                emulator.requestLog.some((entry) => entry.action === 'DescribeZones' && entry.status === 200),
                'the credential check went to the emulator',
            );
            assert.ok(
                emulator.requestLog.some((entry) => entry.action === 'DescribeCustomImages'),
                'the images came from the emulator',
            );
        } finally {
            fs.writeFileSync(file, original);
        }
    });

    it('ignores an endpoint in the workspace settings: an opened folder cannot send the signed requests elsewhere', async () => {
        const folder = vscode.workspace.workspaceFolders?.[0];
        assert.ok(folder, 'the integration run opens the fixture workspace');
        const elsewhere = await startEmulator();
        const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
        const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // Group By in the same file shows when VS Code has read it (it reports no workspace value for the endpoint at all).
        fs.writeFileSync(file, JSON.stringify({ 'zenlayer.endpoint': elsewhere.url, 'zenlayer.images.groupBy': 'osType' }));
        try {
            await waitFor(() => vscode.workspace.getConfiguration('zenlayer').get('images.groupBy') === 'osType', 'VS Code to read the workspace settings');
            await vscode.commands.executeCommand('zenlayer.refresh');
            await api.whenIdle();
            assert.ok(
                emulator.requestLog.some((entry) => entry.action === 'DescribeCustomImages'),
                'still listed from the user-configured emulator',
            );
            assert.deepStrictEqual(elsewhere.requestLog, [], 'nothing was sent to the workspace endpoint');
        } finally {
            if (original === undefined) {
                fs.rmSync(file);
            } else {
                fs.writeFileSync(file, original);
            }
            await elsewhere.close();
        }
    });

    it('offers to import ZENLAYER_ACCESS_KEY_ID/SECRET, still checking them first', async () => {
        process.env.ZENLAYER_ACCESS_KEY_ID = DEMO_ACCESS_KEY_ID;
        process.env.ZENLAYER_ACCESS_KEY_SECRET = DEMO_ACCESS_KEY_PASSWORD;
        try {
            ui.pickNext((labels) => labels.filter((label) => label.includes('Import from the environment')));
            await vscode.commands.executeCommand('zenlayer.configureCredentials');
            assert.ok(ui.of('pick')[0].labels.some((label) => label.includes('Import from the environment')));
            assert.strictEqual(ui.inputs().length, 0, 'no typing needed');
            assert.ok(
                emulator.requestLog.some((entry) => entry.action === 'DescribeZones' && entry.status === 200 && entry.accessKeyId === DEMO_ACCESS_KEY_ID),
            );
            assert.match(ui.messages('info')[0].message, /credentials saved/);
        } finally {
            delete process.env.ZENLAYER_ACCESS_KEY_ID;
            delete process.env.ZENLAYER_ACCESS_KEY_SECRET;
        }
    });

    it("offers the profiles of the zeno CLI's ~/.zenlayer/credentials.json, current profile first", async () => {
        const home = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-home-'));
        const originalHome = process.env.HOME;
        fs.mkdirSync(path.join(home, '.zenlayer'));
        fs.writeFileSync(
            path.join(home, '.zenlayer', 'credentials.json'),
            JSON.stringify({
                default: { access_key_id: 'STALEKEY0000001', access_key_secret: 'stale' },
                demo: { access_key_id: DEMO_ACCESS_KEY_ID, access_key_secret: DEMO_ACCESS_KEY_PASSWORD },
            }),
        );
        fs.writeFileSync(path.join(home, '.zenlayer', 'config.json'), JSON.stringify({ current_profile: 'demo' }));
        process.env.HOME = home;
        try {
            ui.pickNext((labels) => labels.filter((label) => label.includes('"demo"')));
            await vscode.commands.executeCommand('zenlayer.configureCredentials');
            const [pick] = ui.of('pick');
            assert.deepStrictEqual(pick.labels.slice(2), ['$(file) Import CLI profile "demo"', '$(file) Import CLI profile "default"']);
            assert.ok(
                emulator.requestLog.some((entry) => entry.action === 'DescribeZones' && entry.status === 200 && entry.accessKeyId === DEMO_ACCESS_KEY_ID),
            );
            assert.match(ui.messages('info')[0].message, /credentials saved/);
        } finally {
            process.env.HOME = originalHome;
            fs.rmSync(home, { recursive: true, force: true });
        }
    });

    it('keeps a password typed in this test in SecretStorage and nowhere else: no setting, settings.json, state, storage folder, log or message', async () => {
        // Typed here, a rejected one first: everything below looks for what this sign-in could have left behind.
        const rejectedPassword = 'zl-rejected-password-7Q4W';
        ui.typeNext(DEMO_ACCESS_KEY_ID).typeNext(rejectedPassword).clickNext('Re-enter').typeNext(DEMO_ACCESS_KEY_ID).typeNext(DEMO_ACCESS_KEY_PASSWORD);
        await vscode.commands.executeCommand('zenlayer.configureCredentials');
        assert.match(ui.messages('info').at(-1)?.message ?? '', /credentials saved/, JSON.stringify(ui.messages()));
        assert.ok(
            emulator.requestLog.some((entry) => entry.action === 'DescribeZones' && entry.status === 401),
            'the rejected password was sent and refused',
        );
        assert.ok(
            emulator.requestLog.some((entry) => entry.action === 'DescribeZones' && entry.status === 200),
            'the right one was accepted',
        );
        const passwords = [DEMO_ACCESS_KEY_PASSWORD, rejectedPassword];
        const leaked = (text: string) => passwords.filter((password) => text.includes(password));

        // SecretStorage holds the accepted password, and only that one.
        const stored = (await api.secrets.get(ACCOUNTS_SECRET_KEY)) ?? '';
        assert.ok(stored.includes(DEMO_ACCESS_KEY_PASSWORD), 'SecretStorage holds the password');
        assert.ok(!stored.includes(rejectedPassword), 'the rejected password was not stored');

        // Every setting the extension contributes, at every level: default, user, workspace, folder, language-specific.
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension);
        const manifest = extension.packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } };
        const keys = Object.keys(manifest.contributes.configuration.properties);
        assert.ok(keys.length > 0);
        const configuration = vscode.workspace.getConfiguration();
        for (const key of keys) {
            assert.deepStrictEqual(leaked(JSON.stringify(configuration.inspect(key) ?? {})), [], `a password is in ${key}`);
        }

        // Every settings.json the workbench has (user, plus the remote user file when the host is remote as under
        // code-server), as the workbench itself reads them, wherever they live in this host; and the workspace's file.
        const available = new Set(await vscode.commands.getCommands(true));
        const openers = ['workbench.action.openSettingsJson', 'workbench.action.openRemoteSettingsFile'].filter((command) => available.has(command));
        const texts: string[] = [];
        api.setUi(undefined);
        try {
            for (const opener of openers) {
                await vscode.commands.executeCommand(opener);
                await waitFor(() => vscode.window.activeTextEditor?.document.fileName.endsWith('settings.json') === true, `${opener} to open a settings.json`);
                const editor = vscode.window.activeTextEditor;
                assert.ok(editor);
                texts.push(editor.document.getText());
                await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
            }
        } finally {
            api.setUi(ui);
        }
        assert.ok(
            texts.some((text) => text.includes('"zenlayer.endpoint"')),
            'one of them is the file the tests write zenlayer.* settings to',
        );
        const folder = vscode.workspace.workspaceFolders?.[0];
        assert.ok(folder, 'the integration run opens the fixture workspace');
        const workspaceSettings = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
        if (fs.existsSync(workspaceSettings)) {
            texts.push(fs.readFileSync(workspaceSettings, 'utf8'));
        }
        for (const text of texts) {
            assert.deepStrictEqual(leaked(text), [], 'a password is in a settings.json');
        }

        // The extension's global and workspace state, every key, and every file in its storage and log folders.
        const { globalState, workspaceState, folders } = api.storage();
        for (const [scope, memento] of [
            ['global state', globalState],
            ['workspace state', workspaceState],
        ] as const) {
            for (const key of memento.keys()) {
                assert.deepStrictEqual(leaked(`${key} ${JSON.stringify(memento.get(key))}`), [], `a password is in the ${scope} under ${key}`);
            }
        }
        assert.ok(globalState.keys().length > 0, 'the global state holds the last check of the account, so it was looked at');
        const files = (dir: string): string[] =>
            fs.existsSync(dir)
                ? fs
                      .readdirSync(dir, { withFileTypes: true })
                      .flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
                : [];
        for (const file of folders.flatMap((uri) => files(uri.fsPath))) {
            assert.deepStrictEqual(leaked(fs.readFileSync(file, 'latin1')), [], `a password is in ${file}`);
        }

        // The log and whatever the person was shown.
        assert.ok(
            api.logLines().some((line) => line.includes('DescribeZones')),
            "the log holds this sign-in's calls",
        );
        assert.deepStrictEqual(leaked(api.logLines().join('\n')), [], 'a password is in the log');
        // Messages, and the input boxes as offered (not what was typed into them): a re-entry box is pre-filled with the key ID only.
        assert.deepStrictEqual(leaked(JSON.stringify([ui.messages(), ui.inputs().map((input) => input.options)])), [], 'a password was shown');
    });

    it('refuses a plain http endpoint that is not loopback, inside the view', async () => {
        await setSetting('endpoint', 'http://example.com');
        try {
            await waitFor(() => isFailureRow(api.children()[0]), 'the error item');
            const [item] = api.children();
            assert.ok(item.kind === 'message');
            assert.ok(item.message === 'loadFailed', JSON.stringify(item));
            // The client refused before sending anything: the loopback rule, not a network error.
            assert.match(item.detail ?? '', /"http:\/\/example\.com\/?" uses plain http:\/\/, which is allowed only for a loopback address/);
            assert.doesNotMatch(item.detail ?? '', /Cannot reach/);
        } finally {
            await setSetting('endpoint', emulator.url);
        }
        await waitFor(() => imageNodes(api).length > 0, 'the list back');
    });
});
