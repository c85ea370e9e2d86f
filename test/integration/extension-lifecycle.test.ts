// Issue 15 in a real VS Code against the emulator: region rows, Copy to Regions… with its progress, Remove Copy from
// Region… and its refusals, Rename… (the F2 command on the selection, validation, protection warning) and Create Image
// from Instance… from a stopped instance. The emulator runs copies and creations in short stages so every one is seen.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import type { ImageNode, TreeNode } from '../../src/images/model/tree';
import type { LoggedRequest, RunningEmulator } from '../emulator';
import { findImage, type ScriptedUi, selectInView, setSetting, useSignedInExtension, waitFor } from './extension-support';

const label = (api: ZenlayerImagesTestApi, node: TreeNode): string => {
    const text = api.treeItem(node).label;
    return typeof text === 'string' ? text : (text?.label ?? '');
};
const description = (api: ZenlayerImagesTestApi, node: TreeNode): string => {
    const text = api.treeItem(node).description;
    return typeof text === 'string' ? text : '';
};
/** The region rows under an image row, as "label · description". */
const regionRows = (api: ZenlayerImagesTestApi, node: ImageNode): string[] => api.children(node).map((row) => `${label(api, row)} · ${description(api, row)}`);
const requests = (emulator: RunningEmulator, action: string): LoggedRequest[] => emulator.requestLog.filter((entry) => entry.action === action);

describe('extension: regional copies, rename, create', function () {
    this.timeout(60_000);
    const fixture = useSignedInExtension({ copyPrepareMs: 600, copyTransferMs: 3000, createDelayMs: 2500 });
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(async () => {
        ({ emulator, api, ui } = fixture.current);
        emulator.reset(); // every test starts from the seed: they copy, trim and rename the same images
        await vscode.commands.executeCommand('zenlayer.refresh');
        await api.whenIdle();
        emulator.clearRequestLog();
    });
    afterEach(async () => {
        emulator.faults.reset();
        await setSetting('delete.protectedImages', undefined);
        // A copy or creation still followed would report into the next test.
        await waitFor(() => api.followedIds().length === 0, 'the copies and creations to settle', 30_000);
    });

    it('an image in several regions expands to its regions with the instances using it there; one in a single region is a leaf', async () => {
        const multi = findImage(api, 'ml-inference-cuda12');
        assert.strictEqual(api.treeItem(multi).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
        api.children(multi); // expanding asks for the region names once
        await waitFor(() => regionRows(api, findImage(api, 'ml-inference-cuda12'))[0]?.startsWith('Hong Kong'), 'the region names');
        const expected = ['asia-east-1', 'asia-southeast-1', 'na-west-1'].map((regionId) => {
            const zones = new Set(emulator.state.getRegion(regionId)?.zoneIds ?? []);
            const using = emulator.state.instancesUsing(multi.image.id).filter((instance) => zones.has(instance.zoneId)).length;
            return using === 0 ? 'unused here' : using === 1 ? '1 instance' : `${using} instances`;
        });
        assert.deepStrictEqual(regionRows(api, findImage(api, 'ml-inference-cuda12')), [
            `Hong Kong · ${expected[0]} · asia-east-1`,
            `Singapore · ${expected[1]} · asia-southeast-1`,
            `Los Angeles · ${expected[2]} · na-west-1`,
        ]);
        assert.strictEqual(api.treeItem(findImage(api, 'cache-memcached')).collapsibleState, vscode.TreeItemCollapsibleState.None);
        assert.strictEqual(requests(emulator, 'DescribeZones').length, 1);
    });

    it('Copy to Regions…: offers the regions on its side of the border, then the rows show the progress until it is AVAILABLE again', async () => {
        const image = findImage(api, 'cache-memcached');
        ui.pickNext(() => ['Frankfurt']);
        await vscode.commands.executeCommand('zenlayer.copyImageToRegions', image);
        const [pick] = ui.of('pick');
        const separator = pick.labels.indexOf('Not offered: across the mainland China border');
        assert.deepStrictEqual(pick.labels.slice(0, separator).sort(), ['Frankfurt', 'Hong Kong', 'Los Angeles', 'São Paulo']);
        assert.deepStrictEqual(pick.labels.slice(separator + 1), ['$(circle-slash) Shanghai', '$(circle-slash) Beijing']);
        assert.deepStrictEqual(
            requests(emulator, 'CopyImage').map((entry) => entry.body),
            [{ imageId: image.image.id, regionIdList: ['eu-central-1'] }],
        );
        assert.match(
            ui.messages('info')[0]?.message ?? '',
            /^Copying cache-memcached to Frankfurt \(eu-central-1\): its rows show the progress\. \(requestId .+\)$/,
        );

        const seen = new Set<string>();
        await waitFor(
            () => {
                const rows = regionRows(api, findImage(api, 'cache-memcached'));
                rows.forEach((row) => seen.add(row));
                return rows.some((row) => /^Frankfurt · SYNCING [1-9]\d?% · eu-central-1$/.test(row));
            },
            'the Frankfurt row to show a percentage',
            20_000,
        );
        await waitFor(() => findImage(api, 'cache-memcached').image.status === 'AVAILABLE', 'the copy to end', 30_000);
        assert.deepStrictEqual(findImage(api, 'cache-memcached').image.regionIds, ['asia-southeast-1', 'eu-central-1']);
        assert.deepStrictEqual(
            regionRows(api, findImage(api, 'cache-memcached')).map((row) => row.split(' · ')[0]),
            ['Singapore', 'Frankfurt'],
        );
        await waitFor(() => ui.of('status').some((status) => status.text === 'cache-memcached is now also in Frankfurt (eu-central-1)'), 'the status bar');
        assert.ok(requests(emulator, 'DescribeImageCopyProgress').length >= 1);
        assert.ok(
            api.logLines().some((line) => /CopyImage ok .*requestId/.test(line)),
            'the log names the call',
        );
        assert.ok(api.logLines().some((line) => /DescribeImageCopyProgress ok/.test(line)));
    });

    it("Copy to Regions…: a destination that fails is named with Zenlayer's errorInfo", async () => {
        emulator.faults.failImageCopy({ regionId: 'sa-east-1', errorInfo: 'storage unavailable in sa-east-1' });
        ui.pickNext(() => ['São Paulo']);
        await vscode.commands.executeCommand('zenlayer.copyImageToRegions', findImage(api, 'cache-memcached'));
        await waitFor(
            () => regionRows(api, findImage(api, 'cache-memcached')).includes('São Paulo · failed: storage unavailable in sa-east-1 · sa-east-1'),
            'the failed row',
            20_000,
        );
        await waitFor(() => ui.messages('error').length > 0, 'the failure notification', 30_000);
        assert.match(
            ui.messages('error')[0].message,
            /^Copying cache-memcached failed in São Paulo \(sa-east-1\): storage unavailable in sa-east-1 \(requestId .+\)$/,
        );
        assert.strictEqual(findImage(api, 'cache-memcached').image.status, 'FAILED');
    });

    it('Remove Copy from Region… on a region row: the confirmation names image, region and GiB; the row goes, the image stays', async () => {
        const image = findImage(api, 'k8s-node-1.30');
        api.children(image);
        await waitFor(() => regionRows(api, findImage(api, 'k8s-node-1.30'))[1]?.startsWith('Singapore'), 'the region names');
        const singapore = api.children(findImage(api, 'k8s-node-1.30')).find((row) => row.kind === 'region' && row.regionId === 'asia-southeast-1');
        assert.strictEqual(api.treeItem(singapore!).contextValue, 'zenlayer.imageRegion.held');
        ui.clickNext('Remove Copy');
        await vscode.commands.executeCommand('zenlayer.removeImageCopy', singapore);
        const [confirm] = ui.messages('warning');
        assert.strictEqual(confirm.message, 'Remove the copy of k8s-node-1.30 from Singapore (asia-southeast-1)?');
        assert.match(confirm.detail ?? '', /^40 GiB no longer stored \(40 GiB per copy\)\.\nk8s-node-1\.30 stays in Hong Kong \(asia-east-1\)\./);
        assert.deepStrictEqual(
            requests(emulator, 'DeleteImageCopy').map((entry) => entry.body),
            [{ imageId: image.image.id, regionIds: ['asia-southeast-1'] }],
        );
        assert.match(
            ui.messages('info')[0]?.message ?? '',
            /^Removed k8s-node-1\.30 from Singapore \(asia-southeast-1\): 40 GiB no longer stored\. \(requestId .+\)$/,
        );
        assert.deepStrictEqual(emulator.state.findByName('k8s-node-1.30')?.regionIdList, ['asia-east-1']);
        const after = findImage(api, 'k8s-node-1.30');
        assert.strictEqual(api.treeItem(after).collapsibleState, vscode.TreeItemCollapsibleState.None, 'one region left: a leaf again');
    });

    it('Remove Copy from Region…: the last copy is Delete Image, protected images keep their copies, in-use regions are not pre-selected', async () => {
        await vscode.commands.executeCommand('zenlayer.removeImageCopy', findImage(api, 'web-frontend-2026-10'));
        await setSetting('delete.protectedImages', ['k8s-*']);
        await waitFor(() => findImage(api, 'k8s-node-1.31').protectedBy !== undefined, 'the protection to apply');
        await vscode.commands.executeCommand('zenlayer.removeImageCopy', findImage(api, 'k8s-node-1.31'));
        assert.deepStrictEqual(
            ui.messages('warning').map((message) => message.message),
            [
                'web-frontend-2026-10 is only in Hong Kong (asia-east-1): its last copy cannot be removed. Removing it is deleting the image: use Delete Image.',
                'k8s-node-1.31 is protected by zenlayer.delete.protectedImages (k8s-*): its copies are never removed.',
            ],
        );
        // An image whose instances run in some of its regions: those are offered but not ticked.
        const used = findImage(api, 'ml-inference-cuda12');
        const usedIn = new Set(emulator.state.instancesUsing(used.image.id).map((instance) => instance.zoneId.replace(/[a-z]$/, '')));
        ui.pickNext(() => undefined);
        await vscode.commands.executeCommand('zenlayer.removeImageCopy', used);
        const [pick] = ui.of('pick');
        const expected = ['Hong Kong', 'Singapore', 'Los Angeles'].filter((_, index) => !usedIn.has(['asia-east-1', 'asia-southeast-1', 'na-west-1'][index]));
        assert.deepStrictEqual(pick.preselected, expected);
        assert.deepStrictEqual(requests(emulator, 'DeleteImageCopy'), [], 'nothing was sent');
    });

    it('Rename… (what F2 runs, on the selection): checked as typed, warns when protection changes, renames the row in place', async () => {
        await setSetting('delete.protectedImages', ['*-golden']);
        await waitFor(() => findImage(api, 'db-replica-golden').protectedBy !== undefined, 'the protection to apply');
        const image = findImage(api, 'db-replica-golden');
        await selectInView(api, image);
        ui.typeNext('db replica').typeNext('db-replica-old');
        await vscode.commands.executeCommand('zenlayer.renameImage', { target: 'selection' });
        await vscode.commands.executeCommand('zenlayer.renameImage', { target: 'selection' });
        const [invalid, valid] = ui.inputs();
        assert.strictEqual(invalid.options.value, 'db-replica-golden');
        assert.strictEqual(invalid.validation, 'An image name has only letters (A–Z, a–z), digits, "-", "_" and ".".');
        assert.strictEqual(valid.validation, 'db-replica-old would no longer be protected by zenlayer.delete.protectedImages (*-golden): it could be deleted.');
        assert.deepStrictEqual(
            requests(emulator, 'ModifyImagesAttributes').map((entry) => entry.body),
            [{ imageIds: [image.image.id], imageName: 'db-replica-old' }],
        );
        const renamed = findImage(api, 'db-replica-old');
        assert.strictEqual(renamed.image.id, image.image.id);
        assert.strictEqual(renamed.protectedBy, undefined, 'protection re-evaluated on the new name');
        assert.match(ui.messages('info')[0]?.message ?? '', /^Renamed db-replica-golden to db-replica-old\. \(requestId .+\)$/);
        assert.strictEqual(requests(emulator, 'DescribeCustomImages').length, 0, 'renamed in place, without listing again');
        assert.strictEqual(emulator.state.findByName('db-replica-old')?.imageId, image.image.id);
    });

    it('Rename…: a name another listed image has is caught as it is typed, and nothing is sent', async () => {
        ui.typeNext('web-frontend-2026-10');
        await vscode.commands.executeCommand('zenlayer.renameImage', findImage(api, 'cache-memcached'));
        // The listed name is caught as it is typed; nothing goes out.
        assert.strictEqual(ui.inputs()[0].validation, 'Another image is already named web-frontend-2026-10.');
        assert.deepStrictEqual(requests(emulator, 'ModifyImagesAttributes'), []);
    });

    it('Create Image from Instance…: a STOPPED instance, a name from its image family and today, CREATING until AVAILABLE', async () => {
        const stopped = emulator.state.findInstanceByName('web-2');
        assert.strictEqual(stopped?.status, 'STOPPED');
        ui.pickNext(() => ['web-2'])
            .typeNext('db-primary-snapshot')
            .typeNext('env=test');
        await vscode.commands.executeCommand('zenlayer.createImage');
        const [pick] = ui.of('pick');
        assert.ok(pick.labels.indexOf('web-2') < pick.labels.indexOf('Not eligible: only STOPPED, non-GPU instances'), 'eligible ones first');
        assert.ok(
            pick.labels.some((text) => /^\$\(circle-slash\) /.test(text)),
            'running instances are listed as not eligible',
        );
        const [name] = ui.inputs();
        assert.match(name.options.value ?? '', /^db-primary-golden-\d{4}-\d{2}-\d{2}$/, 'suggested from the image family and the date');
        assert.deepStrictEqual(
            requests(emulator, 'CreateImage').map((entry) => entry.body),
            [{ instanceId: stopped.instanceId, imageName: 'db-primary-snapshot', tags: { tags: [{ key: 'env', value: 'test' }] } }],
        );
        assert.strictEqual(findImage(api, 'db-primary-snapshot').image.status, 'CREATING');
        assert.match(
            ui.messages('info')[0]?.message ?? '',
            /^Creating db-primary-snapshot from web-2: it reads CREATING until Zenlayer is done\. \(requestId .+\)$/,
        );
        await waitFor(() => findImage(api, 'db-primary-snapshot').image.status === 'AVAILABLE', 'the new image to be AVAILABLE', 30_000);
        assert.deepStrictEqual(findImage(api, 'db-primary-snapshot').image.regionIds, ['asia-east-1']);
        await waitFor(() => ui.of('status').some((status) => status.text === 'db-primary-snapshot is AVAILABLE'), 'the status bar');
    });
});
