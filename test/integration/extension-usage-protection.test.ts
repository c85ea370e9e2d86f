// Usage and protection in a real VS Code against the emulator: an in-use selection offers "Delete N Unused Only",
// Delete Unused Images… prunes only what no instance uses (and refuses without knowing), protected images are skipped
// by every path, a workspace cannot lift the user's protection, and from the threshold the count must be typed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import type { RunningEmulator } from '../emulator';
import { deleteRequests, findImage, imageNodes, type ScriptedUi, setSetting, useSignedInExtension, waitFor } from './extension-support';

describe('extension: usage and protection', () => {
    // Its tests pick images the fixture workspace's infra/ references; extension-references.test.ts covers those confirmations.
    const fixture = useSignedInExtension({}, { workspaceReferences: false });
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(async () => {
        ({ emulator, api, ui } = fixture.current);
        // Every test starts from the seed: the tests here delete the same named images.
        emulator.reset();
        await vscode.commands.executeCommand('zenlayer.refresh');
        await api.whenIdle();
        emulator.clearRequestLog();
    });
    afterEach(async () => {
        emulator.faults.reset();
        await setSetting('delete.protectedImages', undefined);
        await setSetting('delete.typeCountThreshold', undefined);
        await setSetting('cleanup.keepNewest', undefined);
        await setSetting('cleanup.minAgeDays', undefined);
        await setSetting('references.enabled', undefined);
    });

    /** What a prune should offer: every deletable custom image no instance of the emulator uses, as the tree lists them. */
    function deletableUnused(): { name: string; sizeGiB: number }[] {
        return imageNodes(api)
            .filter((node) => /\.deletable$/.test(String(api.treeItem(node).contextValue)) && !emulator.state.isInUse(node.image.id))
            .map((node) => ({ name: node.image.name, sizeGiB: node.image.sizeGiB ?? 0 }));
    }

    it('an in-use image in the selection: the confirmation names it and "Delete 1 Unused Only" sends only the unused one', async () => {
        const used = findImage(api, 'db-primary-golden');
        const free = findImage(api, 'backup-agent-v3');
        ui.clickNext('Delete 1 Unused Only');
        await vscode.commands.executeCommand('zenlayer.deleteImage', used, [used, free]);
        const [question] = ui.messages('warning');
        assert.deepStrictEqual(question.buttons, ['Delete 1 Unused Only', 'Delete All']);
        assert.match(question.detail ?? '', /In use by instances: db-primary-golden \(2 instances\)/);
        assert.deepStrictEqual(deleteRequests(emulator), [[free.image.id]]);
        assert.ok(emulator.state.findByName('db-primary-golden'), 'the image in use was not sent');
    });

    it('Delete Unused Images… offers exactly the deletable unused images with their count and GiB, and deletes what stays ticked', async () => {
        // Without the family and age rules and the workspace's references (the cleanup suite tests those), the prune
        // offers every deletable unused image.
        await setSetting('cleanup.keepNewest', 0);
        await setSetting('cleanup.minAgeDays', 0);
        await setSetting('references.enabled', false);
        const expected = deletableUnused();
        assert.ok(expected.length >= 10, `the demo account has enough unused images (${expected.length})`);
        const keep = 'backup-agent-v3';
        assert.ok(expected.some((image) => image.name === keep));
        const sent = expected.filter((image) => image.name !== keep);
        ui.pickNext((labels) => labels.filter((label) => label !== keep))
            .clickNext('Delete')
            .typeNext(String(sent.length));
        await vscode.commands.executeCommand('zenlayer.deleteUnusedImages');

        const [pick] = ui.of('pick');
        const names = new Set(imageNodes(api).map((node) => node.image.name));
        assert.deepStrictEqual(pick.labels.filter((label) => names.has(label)).sort(), expected.map((image) => image.name).sort());
        const total = expected.reduce((sum, image) => sum + image.sizeGiB, 0);
        assert.ok(pick.title?.startsWith(`Delete Unused Images: ${expected.length} image(s), ${total} GiB · `), pick.title);
        assert.deepStrictEqual(deleteRequests(emulator).flat().length, sent.length);
        assert.ok(emulator.state.findByName(keep), 'the unticked image is kept');
        assert.ok(
            !deleteRequests(emulator)
                .flat()
                .some((id) => emulator.state.isInUse(id)),
            'no image in use was sent',
        );

        const freed = sent.reduce((sum, image) => sum + image.sizeGiB, 0);
        await waitFor(
            () => ui.messages('info').some((message) => message.message === `Deleted ${sent.length} images, freeing ${freed} GiB`),
            `"Deleted ${sent.length} images, freeing ${freed} GiB"`,
            30_000,
        );
    });

    it('Delete Unused Images… refuses and sends nothing when the instances cannot be listed; the view says usage is unknown', async () => {
        emulator.faults.failNext('internalError', 20, { action: 'DescribeInstances' });
        await vscode.commands.executeCommand('zenlayer.deleteUnusedImages');
        const [error] = ui.messages('error');
        assert.ok(error, JSON.stringify(ui.calls));
        assert.match(error.message, /^Cannot tell which images are unused: the instances could not be listed \(.+\)\. Nothing was deleted\.$/);
        assert.strictEqual(ui.of('pick').length, 0);
        assert.deepStrictEqual(deleteRequests(emulator), []);
        assert.match(api.viewMessage() ?? '', /Instance usage unknown/);
    });

    it('protected images are skipped by the context menu, the palette, Delete Unused Images and Retry Failed, naming the entry', async () => {
        await setSetting('delete.protectedImages', ['backup-*']);
        await waitFor(() => /lock/.test(JSON.stringify(api.treeItem(findImage(api, 'backup-agent-v3')).iconPath)), 'the protected row to show a lock');
        const node = findImage(api, 'backup-agent-v3');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.deepStrictEqual(
            ui.messages('warning').map((m) => m.message),
            ['Nothing to delete: backup-agent-v3 (protected by zenlayer.delete.protectedImages: backup-*).'],
        );

        // No family or age rule: only the protection may keep backup-agent-v3 out of the prune.
        await setSetting('cleanup.keepNewest', 0);
        await setSetting('cleanup.minAgeDays', 0);
        ui.pickNext(() => undefined).pickNext(() => undefined);
        await vscode.commands.executeCommand('zenlayer.deleteImages');
        await vscode.commands.executeCommand('zenlayer.deleteUnusedImages');
        const [palette, prune] = ui.of('pick');
        assert.ok(palette.labels.length > 0 && !palette.labels.includes('backup-agent-v3'), 'not offered by the palette');
        assert.ok(prune.labels.length > 0 && !prune.labels.includes('backup-agent-v3'), 'not offered by Delete Unused Images');

        // Retry Failed after the image became protected: Zenlayer refuses db-primary-golden (in use); while the delete
        // runs (slowed down), the person protects it; the retry then sends nothing.
        const used = findImage(api, 'db-primary-golden');
        emulator.faults.setLatency(1500);
        let protecting: Thenable<void> | undefined;
        ui.clickNext(() => {
            protecting = setSetting('delete.protectedImages', ['backup-*', 'db-primary-*']);
            return 'Delete';
        }).clickNext('Retry Failed');
        await vscode.commands.executeCommand('zenlayer.deleteImage', used, [used]);
        await protecting;
        assert.strictEqual(deleteRequests(emulator).length, 1, 'only the first delete was sent');
        assert.ok(
            ui
                .messages('warning')
                .some((m) => m.message === 'Nothing to delete: db-primary-golden (protected by zenlayer.delete.protectedImages: db-primary-*).'),
            JSON.stringify(ui.messages('warning').map((m) => m.message)),
        );
    });

    it("a workspace can add protection but never lift the user's", async () => {
        await setSetting('delete.protectedImages', ['backup-*']);
        const folder = vscode.workspace.workspaceFolders?.[0];
        assert.ok(folder, 'the integration run opens the fixture workspace');
        const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
        const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify({ 'zenlayer.delete.protectedImages': ['monitoring-*'] }));
        try {
            await waitFor(
                () => /lock/.test(JSON.stringify(api.treeItem(findImage(api, 'monitoring-stack')).iconPath)),
                'the workspace entry to protect monitoring-stack',
            );
            fs.writeFileSync(file, JSON.stringify({ 'zenlayer.delete.protectedImages': [] }));
            await waitFor(() => !/lock/.test(JSON.stringify(api.treeItem(findImage(api, 'monitoring-stack')).iconPath)), 'the workspace entry to be gone');
            const node = findImage(api, 'backup-agent-v3');
            await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
            assert.deepStrictEqual(
                ui.messages('warning').map((m) => m.message),
                ['Nothing to delete: backup-agent-v3 (protected by zenlayer.delete.protectedImages: backup-*).'],
            );
            assert.deepStrictEqual(deleteRequests(emulator), [], 'an empty workspace list does not unprotect');
        } finally {
            if (original === undefined) {
                fs.rmSync(file);
            } else {
                fs.writeFileSync(file, original);
            }
        }
    });

    it('from zenlayer.delete.typeCountThreshold images the count must be typed; a wrong count deletes nothing', async () => {
        await setSetting('delete.typeCountThreshold', 3);
        const names = ['backup-agent-v3', 'monitoring-stack', 'app-server-base'];
        ui.pickNext(() => names)
            .clickNext('Delete')
            .typeNext('2');
        await vscode.commands.executeCommand('zenlayer.deleteImages');
        const [typed] = ui.inputs();
        assert.strictEqual(typed.options.title, 'Delete 3 images?');
        assert.match(String(typed.options.prompt), /Type the number of images, 3, to confirm\./);
        assert.strictEqual(typed.options.validateInput?.('2'), 'Type "3" to delete.');
        assert.deepStrictEqual(deleteRequests(emulator), [], 'a wrong count sends nothing');

        ui.pickNext(() => names)
            .clickNext('Delete')
            .typeNext('3');
        await vscode.commands.executeCommand('zenlayer.deleteImages');
        assert.deepStrictEqual(
            deleteRequests(emulator).map((ids) => ids.length),
            [3],
        );
    });
});
