/** CopyImage, DescribeImageCopyProgress and DeleteImageCopy: stages on a stepped clock, every refusal, per account. */
import * as assert from 'node:assert/strict';
import { DEMO_ACCOUNTS } from '../index';
import { lifecyclePerTest } from './lifecycle-support';
import type { Json } from './support';

const HK = 'asia-east-1';
const SG = 'asia-southeast-1';
const LA = 'na-west-1';
const SHANGHAI = 'asia-east-2';
const BEIJING = 'asia-north-2';
const STAGING_KEY = { accessKeyId: DEMO_ACCOUNTS[1].accessKeyId, accessKeyPassword: DEMO_ACCOUNTS[1].accessKeyPassword };

describe('emulator image copies', () => {
    const fx = lifecyclePerTest({ copyPrepareMs: 1000, copyTransferMs: 4000, copyParallel: 1 });
    const { ok, refused, describe: image, progress, clock } = fx;

    const copy = (imageId: string, regionIdList: unknown): Promise<Json> => ok({ action: 'CopyImage', body: { imageId, regionIdList } });
    const stages = (entries: Json[]): unknown[] => entries.map((e) => [e.destRegionId, e.syncStage, e.queued, e.syncPercent, e.errorInfo]);

    describe('CopyImage and DescribeImageCopyProgress', () => {
        it('answers with the requestId only, then the image is SYNCING: PREPARING, then each destination TRANSFERRING in turn while the others are queued, then AVAILABLE in every region', async () => {
            const id = fx.imageId('app-server-base');
            const response = await copy(id, [HK, LA]);
            assert.deepEqual(Object.keys(response), ['requestId']);
            assert.equal((await image(id))?.imageStatus, 'SYNCING');

            const preparing = await progress(id);
            assert.deepEqual(Object.keys(preparing[0]).sort(), ['destRegionId', 'destRegionName', 'errorInfo', 'queued', 'syncPercent', 'syncStage']);
            assert.deepEqual(
                preparing.map((e) => e.destRegionName),
                ['Hong Kong', 'Los Angeles'],
            );
            assert.deepEqual(stages(preparing), [
                [HK, 'PREPARING', false, 0, null],
                [LA, 'PREPARING', true, 0, null],
            ]);

            clock.advance(1000 + 1000);
            assert.deepEqual(stages(await progress(id)), [
                [HK, 'TRANSFERRING', false, 25, null],
                [LA, 'PREPARING', true, 0, null],
            ]);
            clock.advance(1500);
            assert.deepEqual(stages(await progress(id)), [
                [HK, 'TRANSFERRING', false, 62.5, null],
                [LA, 'PREPARING', true, 0, null],
            ]);

            clock.advance(1500 + 1);
            // Hong Kong is done: no longer listed, and usable (in regionIdList) while the image still syncs.
            const halfway = await image(id);
            assert.equal(halfway?.imageStatus, 'SYNCING');
            assert.deepEqual(halfway?.regionIdList, [SG, HK]);
            assert.deepEqual(stages(await progress(id)), [[LA, 'TRANSFERRING', false, 0.02, null]]);

            clock.advance(4000);
            const done = await image(id);
            assert.equal(done?.imageStatus, 'AVAILABLE');
            assert.deepEqual(done?.regionIdList, [SG, HK, LA]);
            assert.deepEqual(await progress(id), []);
            assert.equal(fx.emu.state.pendingImageTasks, 0);
        });

        it('sends syncPercent with at most two decimals and never 100 while a destination is listed', async () => {
            const id = fx.imageId('backup-agent-v3');
            await copy(id, [SG]);
            const seen: number[] = [];
            for (let step = 0; step < 5000; step += 333) {
                const [entry] = await progress(id);
                if (entry) {
                    seen.push(entry.syncPercent as number);
                }
                clock.advance(333);
            }
            assert.ok(seen.length >= 10, String(seen));
            assert.ok(
                seen.every((percent) => percent >= 0 && percent < 100 && Number(percent.toFixed(2)) === percent),
                String(seen),
            );
            assert.deepEqual(
                [...seen].sort((a, b) => a - b),
                seen,
                'rising',
            );
        });

        it('copies within mainland China (Shanghai to Beijing), and duplicates in regionIdList count once', async () => {
            const id = fx.imageId('测试镜像-web');
            await copy(id, [BEIJING, BEIJING]);
            assert.equal((await progress(id)).length, 1);
            clock.advance(5000);
            assert.deepEqual((await image(id))?.regionIdList, [SHANGHAI, BEIJING]);
        });

        it('answers an empty list for an image that is not SYNCING, and for a seeded SYNCING image (no copy runs for seed data)', async () => {
            assert.deepEqual(await progress(fx.imageId('app-server-base')), []);
            assert.deepEqual(await progress(fx.imageId('ci-runner-ubuntu-2404')), []);
            assert.deepEqual(await progress(fx.imageId('ml-training-cuda12')), []);
        });

        it('a failed destination stays listed with its errorInfo, frozen half-way, until the copy ends; then the image is FAILED without that region', async () => {
            fx.emu.faults.failImageCopy({ regionId: LA, errorInfo: 'Transfer to na-west-1 timed out.' });
            const id = fx.imageId('app-server-base');
            await copy(id, [LA, HK]);
            clock.advance(1000 + 2000);
            assert.deepEqual(stages(await progress(id)), [
                [LA, 'TRANSFERRING', false, 50, 'Transfer to na-west-1 timed out.'],
                [HK, 'PREPARING', true, 0, null],
            ]);
            clock.advance(2000 + 2000);
            assert.deepEqual(stages(await progress(id)), [
                [LA, 'TRANSFERRING', false, 50, 'Transfer to na-west-1 timed out.'],
                [HK, 'TRANSFERRING', false, 50, null],
            ]);
            assert.equal((await image(id))?.imageStatus, 'SYNCING');
            clock.advance(2000);
            const after = await image(id);
            assert.equal(after?.imageStatus, 'FAILED');
            assert.deepEqual(after?.regionIdList, [SG, HK]);
            assert.deepEqual(await progress(id), []);
        });

        it('a fault without a region fails the next destination only, with an errorInfo that names the region', async () => {
            fx.emu.faults.failImageCopy();
            const id = fx.imageId('app-server-base');
            await copy(id, [HK, LA]);
            clock.advance(1000 + 2000);
            const [failed] = await progress(id);
            assert.equal(failed.destRegionId, HK);
            assert.match(failed.errorInfo as string, /asia-east-1/);
            clock.advance(10_000);
            assert.deepEqual((await image(id))?.regionIdList, [SG, LA]);
        });

        it('refuses a missing or malformed imageId or regionIdList with the parameter named, and changes nothing', async () => {
            const id = fx.imageId('app-server-base');
            await refused({ action: 'CopyImage', body: { regionIdList: [HK] } }, 400, 'MISSING_PARAMETER', /imageId/);
            await refused({ action: 'CopyImage', body: { imageId: id } }, 400, 'MISSING_PARAMETER', /regionIdList/);
            await refused({ action: 'CopyImage', body: { imageId: id, regionIdList: [] } }, 400, 'INVALID_PARAMETER', /regionIdList/);
            await refused({ action: 'CopyImage', body: { imageId: id, regionIdList: HK } }, 400, 'INVALID_PARAMETER', /regionIdList/);
            await refused({ action: 'CopyImage', body: { imageId: id, regionIdList: [HK, 7] } }, 400, 'INVALID_PARAMETER', /regionIdList\[1\]/);
            await refused({ action: 'CopyImage', body: { imageId: id, regionIdList: [' '] } }, 400, 'INVALID_PARAMETER', /regionIdList\[0\]/);
            await refused({ action: 'CopyImage', body: { imageId: 42, regionIdList: [HK] } }, 400, 'INVALID_PARAMETER', /imageId/);
            await refused({ action: 'DescribeImageCopyProgress', body: {} }, 400, 'MISSING_PARAMETER', /imageId/);
            assert.equal((await image(id))?.imageStatus, 'AVAILABLE');
        });

        it("refuses unknown images, public images and another account's images as not found", async () => {
            const staging = fx.emu.account('staging').findByName('staging-db-golden')!.imageId;
            for (const imageId of ['img-does-not-exist', 'ubuntu2404_20240712', staging]) {
                await refused({ action: 'CopyImage', body: { imageId, regionIdList: [LA] } }, 404, 'INVALID_IMAGE_NOT_FOUND', new RegExp(imageId));
                await refused({ action: 'DescribeImageCopyProgress', body: { imageId } }, 404, 'INVALID_IMAGE_NOT_FOUND');
                await refused({ action: 'DeleteImageCopy', body: { imageId, regionIds: [HK] } }, 404, 'INVALID_IMAGE_NOT_FOUND');
            }
            assert.equal(fx.emu.account('staging').getImage(staging)?.imageStatus, 'AVAILABLE');
        });

        it('copies only an AVAILABLE image: refuses CREATING, FAILED, UNAVAILABLE, DELETING, and SYNCING (no second copy while one runs)', async () => {
            for (const name of ['ci-runner-ubuntu-2404', 'win-sqlserver-2019', 'legacy-centos7-php', 'old-build-2025-01', 'ml-training-cuda12']) {
                const status = fx.emu.state.findByName(name)!.imageStatus;
                await refused(
                    { action: 'CopyImage', body: { imageId: fx.imageId(name), regionIdList: ['sa-east-1'] } },
                    400,
                    'INVALID_IMAGE_STATUS',
                    new RegExp(status),
                );
            }
            const id = fx.imageId('app-server-base');
            await copy(id, [HK]);
            await refused({ action: 'CopyImage', body: { imageId: id, regionIdList: [LA] } }, 400, 'INVALID_IMAGE_STATUS', /SYNCING/);
            assert.deepEqual(
                stages(await progress(id)).map((entry) => (entry as unknown[])[0]),
                [HK],
            );
        });

        it('refuses an unknown region, a region that already holds the image, and any cross-border destination, all or nothing', async () => {
            const id = fx.imageId('web-frontend-2026-11'); // Hong Kong and Singapore
            await refused({ action: 'CopyImage', body: { imageId: id, regionIdList: [LA, 'mars-1'] } }, 404, 'INVALID_REGION_NOT_FOUND', /mars-1/);
            await refused({ action: 'CopyImage', body: { imageId: id, regionIdList: [LA, SG] } }, 400, 'INVALID_IMAGE_COPY_EXIST', /asia-southeast-1/);
            await refused(
                { action: 'CopyImage', body: { imageId: id, regionIdList: [LA, SHANGHAI] } },
                400,
                'OPERATION_DENIED_CROSS_BORDER_IMAGE_COPY',
                /asia-east-2 is mainland China/,
            );
            await refused(
                { action: 'CopyImage', body: { imageId: fx.imageId('测试镜像-web'), regionIdList: [HK] } },
                400,
                'OPERATION_DENIED_CROSS_BORDER_IMAGE_COPY',
                /asia-east-1 is outside mainland China/,
            );
            const after = await image(id);
            assert.equal(after?.imageStatus, 'AVAILABLE');
            assert.deepEqual(after?.regionIdList, [HK, SG]);
        });

        it('a copy in progress keeps DeleteImages away (the ID is listed as failed)', async () => {
            const id = fx.imageId('app-server-base');
            await copy(id, [HK]);
            assert.deepEqual((await ok({ action: 'DeleteImages', body: { imageIds: [id] } })).imageIds, [id]);
        });
    });

    describe('DeleteImageCopy', () => {
        const removeCopy = (imageId: string, regionIds: unknown): Promise<Json> => ok({ action: 'DeleteImageCopy', body: { imageId, regionIds } });

        it('removes the copies at once; DescribeCustomImages and DescribeImages of that region no longer show the image there', async () => {
            const id = fx.imageId('ml-inference-cuda12'); // Hong Kong, Singapore, Los Angeles
            assert.deepEqual(Object.keys(await removeCopy(id, [SG, LA])), ['requestId']);
            const after = await image(id);
            assert.deepEqual(after?.regionIdList, [HK]);
            assert.equal(after?.imageStatus, 'AVAILABLE');
            const inSingapore = await ok({ action: 'DescribeCustomImages', body: { regionId: SG, pageSize: 100 } });
            assert.ok(!(inSingapore.dataSet as Json[]).some((i) => i.imageId === id));
            const zoneImages = await ok({ action: 'DescribeImages', body: { zoneId: 'na-west-1a', imageType: 'CUSTOM_IMAGE', pageSize: 100 } });
            assert.ok(!(zoneImages.dataSet as Json[]).some((i) => i.imageId === id));
        });

        it('removes a copy where instances use the image (they keep running from their disks; the caller decides)', async () => {
            const id = fx.imageId('db-replica-golden'); // used in Singapore and Los Angeles
            await removeCopy(id, [LA]);
            assert.deepEqual((await image(id))?.regionIdList, [SG]);
            assert.equal(fx.emu.state.instancesUsing(id).length, 2);
        });

        it('refuses to remove the last copy, or every copy at once (that is DeleteImages)', async () => {
            await refused(
                { action: 'DeleteImageCopy', body: { imageId: fx.imageId('backup-agent-v3'), regionIds: [LA] } },
                400,
                'OPERATION_DENIED_LAST_IMAGE_COPY',
                /at least one/i,
            );
            const two = fx.imageId('web-frontend-2026-11');
            await refused({ action: 'DeleteImageCopy', body: { imageId: two, regionIds: [SG, HK] } }, 400, 'OPERATION_DENIED_LAST_IMAGE_COPY');
            assert.deepEqual((await image(two))?.regionIdList, [HK, SG]);
        });

        it('refuses regions that do not hold the image and unknown regions, all or nothing', async () => {
            const id = fx.imageId('ml-inference-cuda12');
            await refused(
                { action: 'DeleteImageCopy', body: { imageId: id, regionIds: [SG, 'eu-central-1'] } },
                404,
                'INVALID_IMAGE_COPY_NOT_FOUND',
                /eu-central-1/,
            );
            await refused({ action: 'DeleteImageCopy', body: { imageId: id, regionIds: [SG, 'mars-1'] } }, 404, 'INVALID_REGION_NOT_FOUND', /mars-1/);
            assert.deepEqual((await image(id))?.regionIdList, [HK, SG, LA]);
        });

        it('works only on an AVAILABLE image: INVALID_IMAGE_STATUS while it syncs (documented) and in any other status', async () => {
            const id = fx.imageId('web-frontend-2026-11');
            await copy(id, [LA]);
            await refused({ action: 'DeleteImageCopy', body: { imageId: id, regionIds: [SG] } }, 400, 'INVALID_IMAGE_STATUS', /SYNCING/);
            await refused(
                { action: 'DeleteImageCopy', body: { imageId: fx.imageId('legacy-centos7-php'), regionIds: [LA] } },
                400,
                'INVALID_IMAGE_STATUS',
                /UNAVAILABLE/,
            );
            clock.advance(5000);
            await removeCopy(id, [SG]);
            assert.deepEqual((await image(id))?.regionIdList, [HK, LA]);
        });

        it('refuses missing or malformed parameters', async () => {
            const id = fx.imageId('ml-inference-cuda12');
            await refused({ action: 'DeleteImageCopy', body: { regionIds: [SG] } }, 400, 'MISSING_PARAMETER', /imageId/);
            await refused({ action: 'DeleteImageCopy', body: { imageId: id } }, 400, 'MISSING_PARAMETER', /regionIds/);
            await refused({ action: 'DeleteImageCopy', body: { imageId: id, regionIds: [] } }, 400, 'INVALID_PARAMETER', /regionIds/);
            await refused({ action: 'DeleteImageCopy', body: { imageId: id, regionIds: [null] } }, 400, 'INVALID_PARAMETER', /regionIds\[0\]/);
        });
    });

    describe('accounts, listings and the in-process API', () => {
        it('a copy in one account changes nothing in the other, whose same-named image stays where it was', async () => {
            const demo = fx.imageId('app-server-base');
            const staging = fx.emu.account('staging').findByName('app-server-base')!;
            await copy(demo, [HK]);
            assert.equal(staging.imageStatus, 'AVAILABLE');
            assert.deepEqual(staging.regionIdList, [SG]);
            await refused({ action: 'DescribeImageCopyProgress', body: { imageId: demo }, credentials: STAGING_KEY }, 404, 'INVALID_IMAGE_NOT_FOUND');
        });

        it('paging and filters of DescribeCustomImages see the copies: the same total, the new region matched', async () => {
            const before = await ok({ action: 'DescribeCustomImages', body: { regionId: LA, pageSize: 100 } });
            const id = fx.imageId('app-server-base');
            await copy(id, [LA]);
            clock.advance(5000);
            const after = await ok({ action: 'DescribeCustomImages', body: { regionId: LA, pageSize: 100 } });
            assert.equal(after.totalCount, (before.totalCount as number) + 1);
            assert.ok((after.dataSet as Json[]).some((i) => i.imageId === id));
            const pages = await Promise.all([1, 2, 3].map((pageNum) => ok({ action: 'DescribeCustomImages', body: { pageNum, pageSize: 15 } })));
            assert.deepEqual(
                pages.map((p) => p.totalCount),
                [40, 40, 40],
            );
            assert.equal(new Set(pages.flatMap((p) => (p.dataSet as Json[]).map((i) => i.imageId))).size, 40);
        });

        it('reset() and removeImage() cancel a copy in progress', async () => {
            const id = fx.imageId('app-server-base');
            await copy(id, [HK]);
            assert.equal(fx.emu.state.pendingImageTasks, 1);
            fx.emu.reset();
            assert.equal(fx.emu.state.pendingImageTasks, 0);
            assert.equal(fx.emu.state.getImage(id)?.imageStatus, 'AVAILABLE');
            await copy(id, [HK]);
            fx.emu.state.removeImage(id);
            assert.equal(fx.emu.state.pendingImageTasks, 0);
        });
    });
});

describe('emulator image copies, several destinations at once', () => {
    const fx = lifecyclePerTest({ copyPrepareMs: 0, copyTransferMs: 1000, copyParallel: 2 });

    it('transfers copyParallel destinations together and queues the rest', async () => {
        const id = fx.imageId('monitoring-stack'); // Hong Kong and Los Angeles
        await fx.ok({ action: 'CopyImage', body: { imageId: id, regionIdList: [SG, 'eu-central-1', 'sa-east-1'] } });
        fx.clock.advance(500);
        assert.deepEqual(
            (await fx.progress(id)).map((e) => [e.destRegionId, e.syncStage, e.queued, e.syncPercent]),
            [
                [SG, 'TRANSFERRING', false, 50],
                ['eu-central-1', 'TRANSFERRING', false, 50],
                ['sa-east-1', 'PREPARING', true, 0],
            ],
        );
        fx.clock.advance(1000);
        assert.deepEqual(
            (await fx.progress(id)).map((e) => [e.destRegionId, e.syncStage, e.queued, e.syncPercent]),
            [['sa-east-1', 'TRANSFERRING', false, 50]],
        );
        fx.clock.advance(500);
        assert.deepEqual((await fx.describe(id))?.regionIdList, [HK, LA, SG, 'eu-central-1', 'sa-east-1']);
    });
});
