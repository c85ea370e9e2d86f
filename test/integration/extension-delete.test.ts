// The delete flows in a real VS Code against the emulator: context menu (one and many), palette, confirm, cancel,
// partial failure, request failure, retry, and the polling that removes deleted images from the tree.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import { type RunningEmulator, startEmulator } from '../emulator';
import { pollDelayMs } from '../../src/images/model/polling';
import {
    deleteRequests,
    expectNoRequestUntil,
    findImage,
    imageNodes,
    isPollOf,
    pollIntervalMs,
    ScriptedUi,
    setSetting,
    useSignedInExtension,
    waitFor,
} from './extension-support';

describe('extension: delete images', () => {
    // Its tests pick images the fixture workspace's infra/ references; extension-references.test.ts covers those confirmations.
    const fixture = useSignedInExtension({ deleteDelayMs: 1500 }, { workspaceReferences: false });
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(() => ({ emulator, api, ui } = fixture.current));

    it('deletes one image after the modal Delete, says so, shows it as deleting and then drops it from the tree', async () => {
        await vscode.commands.executeCommand('zenlayer.images.focus'); // polling runs only while the view is visible
        const node = findImage(api, 'web-frontend-2026-11');
        ui.clickNext('Delete');
        let whileSending: vscode.TreeItem | undefined;
        ui.duringProgress = () => (whileSending = api.treeItem(findImage(api, 'web-frontend-2026-11')));
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.strictEqual(whileSending?.description, 'Deleting…');
        assert.ok(whileSending.iconPath instanceof vscode.ThemeIcon && whileSending.iconPath.id === 'loading~spin');

        const [confirm] = ui.messages('warning');
        assert.strictEqual(confirm.modal, true);
        assert.deepStrictEqual(confirm.buttons, ['Delete']);
        assert.match(confirm.message, /web-frontend-2026-11/);
        assert.deepStrictEqual(deleteRequests(emulator), [[node.image.id]]);
        assert.ok(ui.of('progress').length === 1, 'the request ran under a progress notification');
        assert.deepStrictEqual(ui.messages('info'), [], 'accepted is no notification of its own: one "Deleted" comes once gone');
        assert.deepStrictEqual(
            ui.of('background').map((call) => call.title),
            ['Deleting image web-frontend-2026-11…'],
            'the status bar says it goes on',
        );

        // At once: DELETING and no longer offered for delete; then gone once the emulator finishes.
        const deleting = findImage(api, 'web-frontend-2026-11');
        assert.strictEqual(deleting.image.status, 'DELETING');
        assert.ok(!String(api.treeItem(deleting).contextValue).endsWith('.deletable'));
        await waitFor(() => !imageNodes(api).some((n) => n.image.name === 'web-frontend-2026-11'), 'the deleted image to leave the tree', 20_000);
        assert.ok(
            emulator.requestLog.some((entry) => entry.action === 'DescribeCustomImages' && JSON.stringify(entry.body).includes(node.image.id)),
            'polled by ID',
        );
        assert.deepStrictEqual(api.pollingIds(), []);
        await waitFor(() => ui.messages('info').some((m) => m.message === 'Deleted image web-frontend-2026-11'), '"Deleted" once the image is gone');
    });

    it('does not poll while the view is hidden, and catches up when it is shown', async () => {
        await vscode.commands.executeCommand('workbench.view.explorer');
        const node = findImage(api, 'zz-scratch-image');
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        const polls = () => emulator.requestLog.filter((entry) => isPollOf(entry, node.image.id));
        const accepted = emulator.requestLog.find((entry) => entry.action === 'DeleteImages');
        assert.ok(accepted);
        // The first check falls due one poll interval after the delete was accepted (pollDelayMs(0)), the second
        // pollDelayMs(1) after that: a poller that ignored the hidden view would have sent at least one by then.
        const interval = pollIntervalMs();
        await expectNoRequestUntil(
            emulator,
            (entry) => isPollOf(entry, node.image.id),
            accepted.time + pollDelayMs(0, interval) + pollDelayMs(1, interval),
            'polled while the view is hidden',
        );
        assert.deepStrictEqual(api.pollingIds(), [node.image.id], 'still followed, to be checked once the view shows');
        await vscode.commands.executeCommand('zenlayer.images.focus');
        await waitFor(() => !imageNodes(api).some((n) => n.image.id === node.image.id), 'the deleted image to leave the tree once visible', 20_000);
        assert.ok(polls().length > 0);
    });

    it('sends nothing when the confirmation is cancelled', async () => {
        const node = findImage(api, 'web-frontend-2026-09');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.strictEqual(ui.messages('warning').length, 1, 'the modal was shown');
        assert.deepStrictEqual(deleteRequests(emulator), []);
        assert.strictEqual(findImage(api, 'web-frontend-2026-09').image.status, 'AVAILABLE');
    });

    it('skips images that cannot be deleted, says why, and sends nothing when none are left', async () => {
        const creating = findImage(api, 'ci-runner-ubuntu-2404');
        const processing = findImage(api, 'cache-redis-7');
        await vscode.commands.executeCommand('zenlayer.deleteImage', creating, [creating, processing]);
        assert.deepStrictEqual(deleteRequests(emulator), []);
        const [warning] = ui.messages('warning');
        assert.strictEqual(
            warning.message,
            'Nothing to delete: ci-runner-ubuntu-2404 (CREATING), cache-redis-7 (PROCESSING).',
            'names the images and their statuses',
        );
    });

    it('reports a partial failure naming the refused image, and Retry Failed re-sends only that one', async () => {
        const deletable = findImage(api, 'web-frontend-2026-09');
        const inUse = findImage(api, 'db-primary-golden');
        ui.clickNext('Delete All').clickNext('Retry Failed');
        await vscode.commands.executeCommand('zenlayer.deleteImage', deletable, [deletable, inUse]);

        const confirm = ui.messages('warning')[0];
        assert.match(confirm.message, /Delete 2 images: web-frontend-2026-09, db-primary-golden\?/);
        assert.deepStrictEqual(confirm.buttons, ['Delete 1 Unused Only', 'Delete All'], 'an image in use offers to delete only the unused');
        assert.match(confirm.detail ?? '', /In use by instances: db-primary-golden \(2 instances\)\./);
        const partials = ui
            .messages('warning')
            .filter((m) => m.message.startsWith('Deleting 1 of 2 images. Not deleted: db-primary-golden — used by 2 instances (web-1, web-2).'));
        assert.strictEqual(partials.length, 1, JSON.stringify(ui.messages()));
        assert.deepStrictEqual(partials[0].buttons, ['Show Details', 'Retry Failed', 'Copy Failed IDs']);
        const firstDelete = emulator.requestLog.find((entry) => entry.action === 'DeleteImages');
        assert.ok(firstDelete?.requestId);
        assert.ok(partials[0].message.endsWith(`(requestId ${firstDelete.requestId})`), `the DeleteImages requestId ends "${partials[0].message}"`);
        assert.strictEqual(ui.messages('error').length, 0, 'an image in use is an expected refusal, not an error');

        // The retry went out with only the failed ID, and failed again the same way.
        assert.deepStrictEqual(deleteRequests(emulator), [[deletable.image.id, inUse.image.id], [inUse.image.id]]);
        const retried = ui.messages('warning').filter((m) => m.message.startsWith('db-primary-golden was not deleted: used by 2 instances (web-1, web-2).'));
        assert.strictEqual(retried.length, 1);
        // The refused image stays marked in the tree until the next refresh.
        const marked = api.treeItem(findImage(api, 'db-primary-golden'));
        assert.match(String(marked.description), /delete failed/);
        await vscode.commands.executeCommand('zenlayer.refresh');
        assert.doesNotMatch(String(api.treeItem(findImage(api, 'db-primary-golden')).description), /delete failed/);
    });

    it('Show Details lists the failed images and Copy Failed IDs puts their IDs on the clipboard', async () => {
        const inUse = findImage(api, 'db-replica-golden');
        ui.clickNext('Delete').clickNext('Show Details');
        await vscode.commands.executeCommand('zenlayer.deleteImage', inUse, [inUse]);
        const [document] = ui.of('document');
        assert.match(document.content, /db\\-replica\\-golden/);
        assert.ok(document.content.includes(inUse.image.id));
        assert.match(
            document.content,
            /db\\-replica\\-golden\*\* \(`[^`]+`, AVAILABLE\): used by 2 instances \\\(la\\-db\\-replica\\-02, sg\\-db\\-replica\\-01\\\)/,
        );
        const deleteCall = emulator.requestLog.find((entry) => entry.action === 'DeleteImages');
        assert.ok(deleteCall?.requestId);
        assert.ok(document.content.includes(`DeleteImages requestId(s): \`${deleteCall.requestId}\``), document.content);
        assert.doesNotMatch(document.content, /not in the AVAILABLE state/, 'FAILED and UNAVAILABLE images are offered for delete too');

        ui.clickNext('Delete').clickNext('Copy Failed IDs');
        await vscode.commands.executeCommand('zenlayer.deleteImage', inUse, [inUse]);
        assert.deepStrictEqual(
            ui.of('clipboard').map((c) => c.text),
            [inUse.image.id],
        );
    });

    it('reports a failed request as an error with code and requestId, offers Retry, and the retry succeeds', async () => {
        const node = findImage(api, 'backup-agent-v3');
        emulator.faults.failNext('internalError', 1, { action: 'DeleteImages' });
        ui.clickNext('Delete').clickNext('Retry');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);

        const [error] = ui.messages('error');
        assert.ok(error, JSON.stringify(ui.messages()));
        const failedEntry = emulator.requestLog.find((entry) => entry.action === 'DeleteImages' && entry.status >= 500);
        assert.ok(failedEntry?.code);
        assert.ok(error.message.includes(failedEntry.code), error.message);
        assert.ok(error.message.includes(failedEntry.requestId), `the requestId is in "${error.message}"`);
        assert.deepStrictEqual(error.buttons, ['Show Log', 'Retry']);
        assert.strictEqual(deleteRequests(emulator).length, 2, 'DeleteImages is never retried by itself; the user retried once');
        assert.deepStrictEqual(
            ui.of('background').map((call) => call.title),
            ['Deleting image backup-agent-v3…'],
            'the retry was accepted',
        );
    });

    it('deletes from the palette through a multi-select quick pick of deletable images only', async () => {
        ui.pickNext(() => ['app-server-base', 'api-gateway-2026-10']).clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImages');
        const [pick] = ui.of('pick');
        assert.strictEqual(pick.many, true);
        assert.ok(pick.labels.includes('app-server-base'));
        assert.ok(!pick.labels.includes('ci-runner-ubuntu-2404'), 'CREATING images are not offered');
        assert.ok(!pick.labels.includes('old-build-2025-01'), 'DELETING images are not offered');
        assert.match(ui.messages('warning')[0].message, /Delete 2 images/);
        assert.deepStrictEqual(
            deleteRequests(emulator).map((ids) => ids.length),
            [2],
        );
        assert.deepStrictEqual(
            ui.of('background').map((call) => call.title),
            ['Deleting 2 images…'],
        );
    });

    it("says in the palette pick that the view's filter narrows the images offered", async () => {
        ui.pickNext(() => ['$(symbol-text) Name contains…']).typeNext('web-frontend');
        await vscode.commands.executeCommand('zenlayer.filter');
        try {
            await vscode.commands.executeCommand('zenlayer.deleteImages');
            const [pick] = ui.of('pick').filter((call) => call.many);
            assert.strictEqual(pick.title, 'Delete Zenlayer Images (filtered: name: web-frontend)');
            assert.ok(pick.labels.length > 0 && pick.labels.every((label) => label.includes('web-frontend')), pick.labels.join());
            assert.deepStrictEqual(deleteRequests(emulator), []);
        } finally {
            await vscode.commands.executeCommand('zenlayer.clearFilter');
        }
    });

    it('after a failed load, the palette delete shows the load error with Retry instead of "no images"', async () => {
        const down = await startEmulator();
        const url = down.url;
        await down.close();
        await setSetting('endpoint', url);
        try {
            await waitFor(
                () => {
                    const [first] = api.children();
                    return first?.kind === 'message' && first.message !== 'loading';
                },
                'the error item',
                30_000,
            );
            await api.whenIdle();
            await vscode.commands.executeCommand('zenlayer.deleteImages');
            assert.deepStrictEqual(ui.of('pick'), [], 'no empty picker');
            assert.deepStrictEqual(ui.messages('info'), [], 'no "there are no custom images"');
            const [error] = ui.messages('error');
            assert.ok(error, JSON.stringify(ui.messages()));
            assert.match(error.message, /^Could not load the images to choose from: Cannot reach/);
            assert.deepStrictEqual(error.buttons, ['Retry']);
        } finally {
            await setSetting('endpoint', emulator.url);
        }
        await waitFor(() => imageNodes(api).length > 0, 'the list back', 30_000);
    });

    it('after a load refused for clock skew, the palette delete shows that error, not "no images"', async () => {
        const aheadOfUs = await startEmulator({ now: () => Date.now() + 10 * 60 * 1000 });
        await setSetting('endpoint', aheadOfUs.url);
        try {
            await waitFor(
                () => {
                    const [first] = api.children();
                    return first?.kind === 'message' && first.message === 'clockSkew';
                },
                'the clock row',
                30_000,
            );
            await vscode.commands.executeCommand('zenlayer.deleteImages');
            assert.deepStrictEqual(ui.of('pick'), [], 'no empty picker');
            assert.deepStrictEqual(ui.messages('info'), [], 'no "there are no custom images"');
            const [error] = ui.messages('error');
            assert.ok(error, JSON.stringify(ui.messages()));
            assert.match(error.message, /^Could not load the images to choose from: .*clock/);
        } finally {
            await setSetting('endpoint', emulator.url);
            await aheadOfUs.close();
        }
        await waitFor(() => imageNodes(api).length > 0, 'the list back', 30_000);
    });

    it('sends nothing when the palette pick is dismissed', async () => {
        await vscode.commands.executeCommand('zenlayer.deleteImages');
        assert.strictEqual(ui.of('pick').length, 1);
        assert.deepStrictEqual(deleteRequests(emulator), []);
    });

    it('with typeToConfirm, deletes only after the exact name is typed', async () => {
        await setSetting('delete.confirmation', 'typeToConfirm');
        const node = findImage(api, 'monitoring-stack');
        ui.typeNext('monitoring');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.strictEqual(ui.inputs()[0].validation, 'Type "monitoring-stack" to delete.');
        assert.deepStrictEqual(deleteRequests(emulator), []);

        ui.typeNext('monitoring-stack');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.deepStrictEqual(deleteRequests(emulator), [[node.image.id]]);
    });

    it('expands a selected group to its deletable images', async () => {
        await setSetting('images.groupBy', 'osType');
        try {
            await waitFor(() => api.children().every((node) => node.kind === 'group'), 'the tree to regroup');
            const bsd = api.children().find((node) => node.kind === 'group' && node.key === 'bsd');
            assert.ok(bsd && bsd.kind === 'group');
            ui.clickNext('Delete');
            await vscode.commands.executeCommand('zenlayer.deleteImage', bsd, [bsd]);
            const confirm = ui.messages('warning')[0];
            // freebsd-14-router is AVAILABLE, freebsd-13-pf is FAILED: both deletable.
            assert.match(confirm.message, /Delete 2 images/);
            assert.strictEqual(deleteRequests(emulator)[0].length, 2);
        } finally {
            await setSetting('images.groupBy', undefined);
        }
    });
});
