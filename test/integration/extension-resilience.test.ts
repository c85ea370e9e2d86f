// Resilience in a real VS Code against the emulator: polling survives a failed refresh, a delete that Zenlayer
// undoes stops being polled, a superseded refresh is aborted, and the Delete key acts on the view's selection.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import type { RunningEmulator } from '../emulator';
import { deleteRequests, findImage, imageNodes, ScriptedUi, selectInView, useSignedInExtension, waitFor } from './extension-support';

/** DescribeCustomImages list requests (not the poller's by-ID checks) for page 2 and later. */
function laterPageRequests(emulator: RunningEmulator): number {
    return emulator.requestLog.filter((entry) => {
        const body = entry.body as { pageNum?: number; imageIds?: unknown } | undefined;
        return entry.action === 'DescribeCustomImages' && body?.imageIds === undefined && (body?.pageNum ?? 1) >= 2;
    }).length;
}

describe('extension: resilience', () => {
    // Deleted images stay DELETING for 10 s: long enough for a failed refresh and a recovery before they go.
    const fixture = useSignedInExtension({ deleteDelayMs: 10_000 });
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(() => ({ emulator, api, ui } = fixture.current));

    it('keeps polling a deleted image through a failed refresh, and drops it once gone after the recovery', async () => {
        emulator.state.addImage({ imageName: 'deleted-across-a-failed-refresh' }); // an ID no other suite logs
        await vscode.commands.executeCommand('zenlayer.refresh');
        const node = findImage(api, 'deleted-across-a-failed-refresh');
        const id = node.image.id;
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.deepStrictEqual(api.pollingIds(), [id]);

        // Hidden, so no poll takes one of the faults meant for the refresh.
        await vscode.commands.executeCommand('workbench.view.explorer');
        emulator.faults.failNext('reset', 10);
        await vscode.commands.executeCommand('zenlayer.refresh');
        const [errorItem] = api.children();
        assert.ok(errorItem.kind === 'message' && ['unreachable', 'loadFailed'].includes(errorItem.message), JSON.stringify(errorItem));
        assert.deepStrictEqual(api.pollingIds(), [id], 'a failed listing says nothing about the deleted image');

        emulator.faults.reset();
        await vscode.commands.executeCommand('zenlayer.images.focus');
        await vscode.commands.executeCommand('zenlayer.refresh');
        assert.strictEqual(findImage(api, 'deleted-across-a-failed-refresh').image.status, 'DELETING');
        assert.deepStrictEqual(api.pollingIds(), [id]);
        await waitFor(() => !imageNodes(api).some((n) => n.image.id === id), 'the deleted image to leave the tree', 25_000);
        assert.deepStrictEqual(api.pollingIds(), []);
        assert.ok(api.logLines().some((line) => line.includes(`Deleted and gone: ${id}`)));
    });

    it('stops polling an image that is AVAILABLE again after an accepted delete, and marks it failed', async () => {
        // An image of its own: seed IDs repeat across suites, and the log is shared with them.
        emulator.state.addImage({ imageName: 'delete-undone-by-zenlayer' });
        await vscode.commands.executeCommand('zenlayer.refresh');
        const node = findImage(api, 'delete-undone-by-zenlayer');
        const id = node.image.id;
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.deepStrictEqual(api.pollingIds(), [id]);
        emulator.state.setStatus(id, 'AVAILABLE'); // Zenlayer gave up on the delete

        await waitFor(() => api.pollingIds().length === 0, 'the poller to stop watching the image', 10_000);
        const item = api.treeItem(findImage(api, 'delete-undone-by-zenlayer'));
        assert.match(String(item.description), /AVAILABLE · delete failed/);
        assert.ok(
            api.logLines().some((line) => line.includes('no longer DELETING') && line.includes(`${id} (AVAILABLE)`)),
            api.logLines().join('\n'),
        );
        assert.ok(!api.logLines().some((line) => line.includes(`Deleted and gone: ${id}`)));
    });

    it("the Delete key (the command with its key binding's argument) deletes the node selected in the view", async () => {
        const node = findImage(api, 'backup-agent-v3');
        // One node: reveal() replaces the selection, so the test API cannot build a multi-selection.
        await selectInView(api, node);
        assert.deepStrictEqual(
            api.selection().map((selected) => selected.id),
            [node.id],
        );
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', { target: 'selection' });
        assert.match(ui.messages('warning')[0].message, /backup-agent-v3/);
        assert.deepStrictEqual(deleteRequests(emulator), [[node.image.id]]);
    });

    it('after a Delete key delete the row below takes the selection, so pressing Delete again deletes it', async () => {
        const rows = imageNodes(api);
        const index = rows.findIndex((row) => row.image.name === 'monitoring-stack');
        const next = rows.slice(index + 1).find((row) => row.image.status !== 'DELETING');
        assert.ok(index >= 0 && next, 'monitoring-stack and a row below it');
        await selectInView(api, rows[index]);
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', { target: 'selection' });
        await waitFor(
            () => api.selection().some((node) => node.kind === 'image' && node.image.id === next.image.id),
            `the selection to move to ${next.image.name}; it is ${JSON.stringify(api.selection().map((n) => n.id))}; ${api
                .logLines()
                .filter((l) => /select/i.test(l))
                .join(' | ')}`,
        );
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', { target: 'selection' });
        assert.deepStrictEqual(deleteRequests(emulator), [[rows[index].image.id], [next.image.id]]);
    });

    it('aborts a refresh that a newer one supersedes: no more pages fetched, no error, the newer result shown', async () => {
        // Three pages of 1,000, so a full listing is several requests.
        for (let index = 0; index < 2100; index++) {
            emulator.state.addImage({ imageName: `bulk-${String(index).padStart(4, '0')}` });
        }
        await vscode.commands.executeCommand('zenlayer.refresh');
        assert.strictEqual(laterPageRequests(emulator), 2, 'a full listing asks for pages 2 and 3');

        emulator.clearRequestLog();
        emulator.faults.setLatency(1500);
        const errorsBefore = api.logLines().filter((line) => line.startsWith('[error]')).length;
        const received = emulator.requestsReceived;
        const first = vscode.commands.executeCommand('zenlayer.refresh');
        // The first refresh's first page is at the emulator (held there by the latency) before the second refresh starts.
        await waitFor(() => emulator.requestsReceived > received, "the first refresh's first request to reach the emulator");
        emulator.state.addImage({ imageName: 'added-between-refreshes' });
        const second = vscode.commands.executeCommand('zenlayer.refresh');
        await Promise.all([first, second]);
        await api.whenIdle();

        findImage(api, 'added-between-refreshes'); // the second refresh's listing is the one shown
        assert.strictEqual(laterPageRequests(emulator), 2, 'only the second refresh fetched pages 2 and 3');
        assert.strictEqual(api.logLines().filter((line) => line.startsWith('[error]')).length, errorsBefore, 'the aborted refresh logged no error');
        assert.ok(
            api.children().every((root) => root.kind !== 'message'),
            'no error item',
        );
    });
});
