// The images tree in a real VS Code against the emulator: what each item shows, grouping, the server-side filter,
// the copy and details actions, and the error state inside the view.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import { DEMO_ACCESS_KEY_PASSWORD, type RunningEmulator, startEmulator } from '../emulator';
import { findImage, imageNodes, isFailureRow, rootLabels, ScriptedUi, setSetting, signInToEmulator, useSignedInExtension, waitFor } from './extension-support';

describe('extension: images tree', () => {
    const fixture = useSignedInExtension({});
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(() => ({ emulator, api, ui } = fixture.current));

    it('lists every custom image, sorted by name (case-insensitive, numbers in numeric order), from one fetch', async () => {
        // Beside the seed (created in no particular order): names whose order differs from a plain string sort.
        const added = ['Web-Frontend-2', 'web-frontend-10', 'web-frontend-1', 'ALMA9-base'].map((imageName) => emulator.state.addImage({ imageName }).imageId);
        try {
            emulator.clearRequestLog();
            await vscode.commands.executeCommand('zenlayer.refresh');
            const names = imageNodes(api).map((node) => node.image.name);
            assert.deepStrictEqual(
                [...names].sort(),
                emulator.state
                    .images()
                    .map((image) => image.imageName)
                    .sort(),
                'every image of the account, once',
            );
            const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
            const outOfOrder = names.slice(1).flatMap((name, index) => (byName.compare(names[index], name) > 0 ? [`${names[index]} before ${name}`] : []));
            assert.deepStrictEqual(outOfOrder, [], 'every row after the one above it');
            assert.ok(names.indexOf('web-frontend-1') < names.indexOf('Web-Frontend-2') && names.indexOf('Web-Frontend-2') < names.indexOf('web-frontend-10'));
            assert.ok(names.indexOf('ALMA9-base') < names.indexOf('alma9-hardened'), 'upper case sorts with lower case');
            const listCalls = emulator.requestLog.filter((entry) => entry.action === 'DescribeCustomImages');
            assert.strictEqual(listCalls.length, 1, 'one fetch per refresh (one page)');
        } finally {
            added.forEach((imageId) => emulator.state.removeImage(imageId));
            await vscode.commands.executeCommand('zenlayer.refresh');
        }
    });

    it('shows status and size, a status icon, a context value and a tooltip with every field', () => {
        const item = api.treeItem(findImage(api, 'web-frontend-2026-11'));
        assert.strictEqual(item.label, 'web-frontend-2026-11');
        assert.strictEqual(item.description, '30 GiB');
        assert.strictEqual(item.contextValue, 'zenlayer.image.custom.available.deletable');
        assert.ok(item.iconPath instanceof vscode.ThemeIcon);
        assert.strictEqual(item.iconPath.id, 'pass');
        const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : '';
        for (const field of ['ID', 'Status', 'Type', 'Source', 'Size', 'Minimum disk size', 'OS type', 'Category', 'Regions', 'Resource group', 'Tags']) {
            assert.ok(tooltip.includes(`| ${field} |`), `tooltip has ${field}`);
        }
        assert.match(tooltip, /env=prod/);

        const creating = api.treeItem(findImage(api, 'ci-runner-ubuntu-2404'));
        assert.ok(creating.iconPath instanceof vscode.ThemeIcon && creating.iconPath.id === 'loading~spin');
        assert.strictEqual(creating.contextValue, 'zenlayer.image.custom.creating');
    });

    it('groups by status with counts, regroups without fetching, and back', async () => {
        emulator.clearRequestLog();
        await setSetting('images.groupBy', 'status');
        await waitFor(() => api.children().every((node) => node.kind === 'group'), 'status groups');
        const available = emulator.state.images().filter((image) => image.imageStatus === 'AVAILABLE').length;
        const labels = rootLabels(api);
        assert.ok(labels.includes('AVAILABLE'), labels.join());
        const group = api.children().find((node) => node.kind === 'group' && node.key === 'AVAILABLE');
        assert.ok(group);
        assert.strictEqual(api.treeItem(group).description, `${available} images`);
        assert.deepStrictEqual(
            emulator.requestLog.filter((entry) => entry.action === 'DescribeCustomImages'),
            [],
            'no fetch on regroup or expand',
        );

        await setSetting('images.groupBy', 'region');
        await waitFor(() => rootLabels(api).includes('No region'), 'region groups');
        await setSetting('images.groupBy', undefined);
        await waitFor(() => api.children().every((node) => node.kind === 'image'), 'a flat list again');
    });

    it('Group By writes the workspace setting when the workspace defines one, so the tree does regroup', async () => {
        const folder = vscode.workspace.workspaceFolders?.[0];
        assert.ok(folder, 'the test host opens a workspace folder');
        const settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
        const hadSettingsFile = fs.existsSync(settingsFile);
        const configuration = () => vscode.workspace.getConfiguration('zenlayer');
        await configuration().update('images.groupBy', 'status', vscode.ConfigurationTarget.Workspace);
        try {
            await waitFor(() => api.children().some((node) => node.kind === 'group' && node.key === 'AVAILABLE'), 'status groups from the workspace setting');
            ui.pickNext(() => ['OS type']);
            await vscode.commands.executeCommand('zenlayer.groupBy');
            await waitFor(() => api.children().some((node) => node.kind === 'group' && node.key === 'bsd'), 'OS type groups after Group By');
            const inspected = configuration().inspect<string>('images.groupBy');
            assert.strictEqual(inspected?.workspaceValue, 'osType', 'written where the value in effect lives');
            assert.strictEqual(inspected?.globalValue, undefined, 'user settings untouched');
        } finally {
            await configuration().update('images.groupBy', undefined, vscode.ConfigurationTarget.Workspace);
            if (!hadSettingsFile) {
                fs.rmSync(settingsFile, { force: true }); // the fixture folder stays as committed (the empty .vscode is not tracked)
            }
        }
        await waitFor(() => api.children().every((node) => node.kind === 'image'), 'a flat list again');
    });

    it('filters by name on the server, shows the filter in the view message above the rows, and clears it', async () => {
        emulator.clearRequestLog();
        ui.pickNext(() => ['$(symbol-text) Name contains…']).typeNext('web-frontend');
        await vscode.commands.executeCommand('zenlayer.filter');
        const listCall = emulator.requestLog.find((entry) => entry.action === 'DescribeCustomImages');
        assert.strictEqual((listCall?.body as { imageName?: string }).imageName, 'web-frontend');
        assert.deepStrictEqual(
            imageNodes(api)
                .map((node) => node.image.name)
                .sort(),
            ['web-frontend-2026-09', 'web-frontend-2026-10', 'web-frontend-2026-11'],
        );
        assert.strictEqual(api.viewMessage(), 'Filtered by name: web-frontend. Clear the filter to see every image.');

        ui.pickNext(() => ['$(circle-filled) Status…']).pickNext(() => ['FAILED']);
        await vscode.commands.executeCommand('zenlayer.filter');
        assert.deepStrictEqual(
            api.children().map((node) => node.kind === 'message' && node.message),
            ['noMatches'],
            'an empty result says so inside the view',
        );

        await vscode.commands.executeCommand('zenlayer.clearFilter');
        assert.strictEqual(api.viewMessage(), undefined);
        assert.strictEqual(imageNodes(api).length, emulator.state.images().length);
    });

    it('copies the ID and the name, and opens read-only JSON details', async () => {
        const node = findImage(api, 'web-frontend-2026-11');
        await vscode.commands.executeCommand('zenlayer.copyImageId', node);
        await vscode.commands.executeCommand('zenlayer.copyImageName', node);
        assert.deepStrictEqual(
            ui.of('clipboard').map((call) => call.text),
            [node.image.id, 'web-frontend-2026-11'],
        );
        assert.strictEqual(ui.of('status').length, 2, 'each copy is confirmed in the status bar');

        await vscode.commands.executeCommand('zenlayer.viewDetails', node);
        const [document] = ui.of('document');
        assert.strictEqual(document.name, 'web-frontend-2026-11.json');
        assert.strictEqual((JSON.parse(document.content) as { id: string }).id, node.image.id);
    });

    it('opens View Details as a read-only JSON editor in VS Code itself', async () => {
        api.setUi(undefined);
        try {
            await vscode.commands.executeCommand('zenlayer.viewDetails', findImage(api, 'web-frontend-2026-11'));
            const editor = vscode.window.activeTextEditor;
            assert.ok(editor);
            assert.strictEqual(editor.document.uri.scheme, 'zenlayer-details');
            assert.strictEqual(editor.document.languageId, 'json');
            assert.match(editor.document.getText(), /"name": "web-frontend-2026-11"/);
            await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        } finally {
            api.setUi(ui);
        }
    });

    it('shows "cannot reach Zenlayer — retry" inside the view when the endpoint is down, and recovers on retry', async () => {
        const down = await startEmulator();
        const url = down.url;
        await down.close();
        await setSetting('endpoint', url);
        try {
            await waitFor(() => isFailureRow(api.children()[0]), 'the error item', 30_000);
            const [item] = api.children();
            assert.ok(item.kind === 'message' && item.message === 'unreachable', JSON.stringify(item));
            const treeItem = api.treeItem(item);
            assert.strictEqual(treeItem.command?.command, 'zenlayer.refresh', 'clicking it retries');
        } finally {
            await setSetting('endpoint', emulator.url);
        }
        await waitFor(() => imageNodes(api).length > 0, 'the list after retry', 30_000);
    });

    it('shows "credentials rejected — configure" inside the view when Zenlayer refuses the stored key', async () => {
        const otherAccount = await startEmulator({ credentials: [{ accessKeyId: 'OTHERACCOUNTKEY1', accessKeyPassword: 'another-password' }] });
        try {
            await setSetting('endpoint', otherAccount.url);
            await waitFor(() => isFailureRow(api.children()[0]), 'the error item');
            const [item] = api.children();
            assert.ok(item.kind === 'message' && item.message === 'credentialsRejected', JSON.stringify(item));
            assert.match(item.detail ?? '', /AUTHFAILURE/);
            assert.strictEqual(api.treeItem(item).command?.command, 'zenlayer.configureCredentials', 'clicking it opens Configure Credentials');
        } finally {
            await setSetting('endpoint', emulator.url);
            await otherAccount.close();
        }
        await waitFor(() => imageNodes(api).length > 0, 'the list back');
    });

    it('shows "computer clock is off — retry" instead of blaming the key when the clocks are 10 minutes apart', async () => {
        const aheadOfUs = await startEmulator({ now: () => Date.now() + 10 * 60 * 1000 });
        try {
            await setSetting('endpoint', aheadOfUs.url);
            await waitFor(() => isFailureRow(api.children()[0]), 'the error item');
            const [item] = api.children();
            assert.ok(item.kind === 'message' && item.message === 'clockSkew', JSON.stringify(item));
            assert.match(item.detail ?? '', /clock/i);
            assert.strictEqual(api.treeItem(item).command?.command, 'zenlayer.refresh', 'clicking it tries again rather than asking for the key');
        } finally {
            await setSetting('endpoint', emulator.url);
            await aheadOfUs.close();
        }
        await waitFor(() => imageNodes(api).length > 0, 'the list back');
    });

    it('explains an unusable http.proxy inside the view, without the proxy password', async () => {
        const http = () => vscode.workspace.getConfiguration('http');
        await http().update('proxy', 'socks5://someone:proxy-secret@127.0.0.1:1080', vscode.ConfigurationTarget.Global);
        try {
            await waitFor(() => {
                const [first] = api.children();
                return first?.kind === 'message' && first.message === 'loadFailed';
            }, 'the error item');
            const [item] = api.children();
            assert.ok(item.kind === 'message');
            assert.match(item.detail ?? '', /^The proxy socks5:\/\/127\.0\.0\.1:1080\/? \(from http\.proxy\) cannot be used/);
            assert.ok(!(item.detail ?? '').includes('proxy-secret'));
        } finally {
            await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
        }
        await waitFor(() => imageNodes(api).length > 0, 'the list back');
    });

    it("logs each API call (a sign-in's check, a listing) with action, duration and Zenlayer's requestId, and never the password, signature or header", async () => {
        // Signed in within this test, so the password was typed and signed with just before the log is read.
        await signInToEmulator(api, emulator);
        await vscode.commands.executeCommand('zenlayer.refresh');
        await api.whenIdle();
        const lines = api.logLines().join('\n');
        const check = emulator.requestLog.find((entry) => entry.action === 'DescribeZones' && entry.status === 200);
        const listing = emulator.requestLog.find((entry) => entry.action === 'DescribeCustomImages' && entry.status === 200);
        assert.ok(check && listing, 'the sign-in checked the key and listed the images');
        for (const { action, requestId } of [check, listing]) {
            assert.match(
                lines,
                new RegExp(`${action} ok \\| \\d+ ms \\| attempt 1 \\| HTTP 200 \\| requestId ${requestId}`),
                `the ${action} call is logged with its requestId`,
            );
        }
        assert.ok(!lines.includes(DEMO_ACCESS_KEY_PASSWORD), 'the password is in the log');
        assert.ok(!/Signature=|Authorization|ZC2-HMAC-SHA256 Credential/i.test(lines), 'a signature or Authorization header is in the log');
    });
});
