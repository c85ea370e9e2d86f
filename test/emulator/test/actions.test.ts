import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { callEmulator, startEmulator } from '../index';
import { emulatorPerTest } from './support';
import type { Json } from './support';

describe('emulator actions', () => {
    const fx = emulatorPerTest({ deleteDelayMs: 150 });
    const { ok, imageId: idOf } = fx;

    async function list(body: Json): Promise<{ totalCount: number; dataSet: Json[] }> {
        return (await ok({ action: 'DescribeCustomImages', body })) as unknown as { totalCount: number; dataSet: Json[] };
    }

    describe('DescribeCustomImages', () => {
        it('returns the CustomImage shape with totalCount, default page 1 of 20, in creation order', async () => {
            const page = await list({});
            const custom = fx.emu.state.images();
            assert.equal(page.totalCount, custom.length);
            assert.equal(page.dataSet.length, 20);
            assert.deepEqual(
                page.dataSet.map((i) => i.imageId),
                custom.slice(0, 20).map((i) => i.imageId),
            );
            const first = page.dataSet[0];
            assert.deepEqual(Object.keys(first).sort(), [
                'category',
                'imageDescription',
                'imageId',
                'imageName',
                'imageSize',
                'imageSource',
                'imageStatus',
                'imageType',
                'imageVersion',
                'minDiskSize',
                'nicNetworkType',
                'osType',
                'regionIdList',
                'resourceGroupId',
                'resourceGroupName',
                'tags',
            ]);
            assert.equal(first.imageType, 'CUSTOM_IMAGE');
            assert.equal(first.imageSource, 'CUSTOM');
            assert.equal(typeof first.imageSize, 'string');
            assert.ok(Number.isInteger(first.minDiskSize));
            assert.ok(Array.isArray((first.tags as { tags: unknown[] }).tags));
            assert.ok(page.dataSet.every((i) => i.imageType === 'CUSTOM_IMAGE'));
        });

        it('pages with pageNum/pageSize without overlap and totalCount stays the same', async () => {
            const a = await list({ pageNum: 1, pageSize: 15 });
            const b = await list({ pageNum: 2, pageSize: 15 });
            const c = await list({ pageNum: 3, pageSize: 15 });
            const d = await list({ pageNum: 4, pageSize: 15 });
            assert.equal(a.totalCount, 40);
            assert.equal(b.totalCount, 40);
            assert.deepEqual([a.dataSet.length, b.dataSet.length, c.dataSet.length, d.dataSet.length], [15, 15, 10, 0]);
            const ids = [...a.dataSet, ...b.dataSet, ...c.dataSet].map((i) => i.imageId);
            assert.equal(new Set(ids).size, 40);
        });

        it('sends imageSize null while CREATING, and null descriptions as null', async () => {
            const creating = (await list({ imageStatus: 'CREATING' })).dataSet;
            assert.ok(creating.length >= 1);
            assert.ok(creating.every((i) => i.imageSize === null && (i.regionIdList as string[]).length === 0));
            const all = (await list({ pageSize: 100 })).dataSet;
            assert.ok(all.some((i) => i.imageDescription === null));
        });

        it('filters by regionId, imageStatus, osType, category and resourceGroupId', async () => {
            const hk = await list({ regionId: 'asia-east-1', pageSize: 100 });
            assert.ok(hk.totalCount > 0 && hk.totalCount < 40);
            assert.ok(hk.dataSet.every((i) => (i.regionIdList as string[]).includes('asia-east-1')));
            const failed = await list({ imageStatus: 'FAILED', pageSize: 100 });
            assert.ok(failed.totalCount > 0);
            assert.ok(failed.dataSet.every((i) => i.imageStatus === 'FAILED'));
            const windows = await list({ osType: 'windows', category: 'windows', pageSize: 100 });
            assert.ok(windows.totalCount > 0);
            assert.ok(windows.dataSet.every((i) => i.osType === 'windows' && i.category === 'Windows'));
            const rg = fx.emu.state.findByName('db-primary-golden')!.resourceGroupId!;
            const data = await list({ resourceGroupId: rg, pageSize: 100 });
            assert.ok(data.dataSet.map((i) => i.imageName).includes('db-primary-golden'));
            assert.ok(data.dataSet.every((i) => i.resourceGroupId === rg));
        });

        it('matches imageName fuzzily and case-insensitively, and filters by imageIds', async () => {
            const web = await list({ imageName: 'WEB-FRONTEND' });
            assert.deepEqual(web.dataSet.map((i) => i.imageName).sort(), ['web-frontend-2026-09', 'web-frontend-2026-10', 'web-frontend-2026-11']);
            const byIds = await list({ imageIds: [idOf('db-primary-golden'), 'img-does-not-exist', idOf('win-iis-2022')] });
            assert.deepEqual(
                byIds.dataSet.map((i) => i.imageName),
                ['db-primary-golden', 'win-iis-2022'],
            );
            assert.equal(byIds.totalCount, 2);
        });

        it('filters by tagKeys and tags (all must be present)', async () => {
            const ml = await list({ tagKeys: ['team'], tags: [{ key: 'team', value: 'ml' }] });
            assert.deepEqual(ml.dataSet.map((i) => i.imageName).sort(), ['ml-inference-cuda12', 'ml-training-cuda12']);
            const none = await list({
                tags: [
                    { key: 'team', value: 'ml' },
                    { key: 'env', value: 'staging' },
                ],
            });
            assert.equal(none.totalCount, 0);
        });

        it('treats empty filter lists as no filter (emulator choice: the Go SDK omits empty slices)', async () => {
            const all = await list({});
            for (const body of [{ imageIds: [] }, { tagKeys: [] }, { tags: [] }, { imageIds: [], tagKeys: [], tags: [] }]) {
                const result = await list(body);
                assert.equal(result.totalCount, all.totalCount, JSON.stringify(body));
                assert.deepEqual(
                    result.dataSet.map((i) => i.imageId),
                    all.dataSet.map((i) => i.imageId),
                );
            }
            const zone = await ok({ action: 'DescribeImages', body: { zoneId: 'asia-east-1a' } });
            assert.equal((await ok({ action: 'DescribeImages', body: { zoneId: 'asia-east-1a', imageIds: [] } })).totalCount, zone.totalCount);
        });

        it('does not list public images', async () => {
            const ubuntu = await list({ imageName: 'Ubuntu 24.04' });
            assert.equal(ubuntu.totalCount, 0);
        });
    });

    describe('DescribeImages', () => {
        it('requires zoneId: 400 MISSING_PARAMETER', async () => {
            const result = await callEmulator(fx.emu.url, { dispatcher: fx.agent, action: 'DescribeImages', body: {} });
            assert.equal(result.status, 400);
            assert.equal((result.json as Json).code, 'MISSING_PARAMETER');
        });

        it('answers 404 INVALID_ZONE_NOT_FOUND for an unknown zone', async () => {
            const result = await callEmulator(fx.emu.url, { dispatcher: fx.agent, action: 'DescribeImages', body: { zoneId: 'SEL--A' } });
            assert.equal(result.status, 404);
            assert.equal((result.json as Json).code, 'INVALID_ZONE_NOT_FOUND');
            assert.match((result.json as Json).message as string, /SEL--A/);
        });

        it("returns public images first, then the custom images of the zone's region, in the Image shape", async () => {
            const response = (await ok({ action: 'DescribeImages', body: { zoneId: 'eu-central-1a', pageSize: 100 } })) as {
                totalCount: number;
                dataSet: Json[];
            };
            const publicCount = fx.emu.state.publicImages().length;
            const frankfurt = fx.emu.state.images().filter((i) => i.regionIdList.includes('eu-central-1'));
            assert.equal(response.totalCount, publicCount + frankfurt.length);
            assert.ok(response.dataSet.slice(0, publicCount).every((i) => i.imageType === 'PUBLIC_IMAGE' && i.imageSource === 'OFFICIAL'));
            assert.deepEqual(
                response.dataSet.slice(publicCount).map((i) => i.imageId),
                frankfurt.map((i) => i.imageId),
            );
            assert.ok(!('regionIdList' in response.dataSet[0]));
            assert.ok(!('resourceGroupId' in response.dataSet[0]));
        });

        it('filters by imageType, imageSource, osType and pages', async () => {
            const publicOnly = (await ok({ action: 'DescribeImages', body: { zoneId: 'asia-east-1a', imageType: 'PUBLIC_IMAGE' } })) as {
                totalCount: number;
                dataSet: Json[];
            };
            assert.equal(publicOnly.totalCount, fx.emu.state.publicImages().length);
            const custom = (await ok({
                action: 'DescribeImages',
                body: { zoneId: 'asia-east-1a', imageSource: 'CUSTOM', osType: 'linux', pageSize: 2, pageNum: 2 },
            })) as { totalCount: number; dataSet: Json[] };
            assert.equal(custom.dataSet.length, 2);
            assert.ok(custom.totalCount > 2);
            assert.ok(custom.dataSet.every((i) => i.imageSource === 'CUSTOM' && i.osType === 'linux'));
        });
    });

    describe('DescribeZones', () => {
        it('returns every zone as ZoneInfo, or only the requested ones', async () => {
            const all = (await ok({ action: 'DescribeZones', body: {} })) as { zoneSet: Json[] };
            assert.equal(all.zoneSet.length, fx.emu.state.zones().length);
            assert.ok(!('totalCount' in all));
            const regions = new Set(all.zoneSet.map((z) => z.regionId));
            assert.ok(['asia-east-1', 'asia-southeast-1', 'na-west-1', 'eu-central-1', 'sa-east-1'].every((r) => regions.has(r)));
            for (const key of [
                'zoneId',
                'regionId',
                'zoneName',
                'cityName',
                'cityCode',
                'countryCode',
                'countryName',
                'timeZone',
                'supportHaVip',
                'supportSecurityGroup',
            ]) {
                assert.ok(key in all.zoneSet[0], key);
            }
            const some = (await ok({ action: 'DescribeZones', body: { zoneIds: ['na-west-1a', 'nowhere-1a'] } })) as { zoneSet: Json[] };
            assert.deepEqual(
                some.zoneSet.map((z) => z.zoneId),
                ['na-west-1a'],
            );
        });

        it('treats zoneIds: [] as no filter (emulator choice: the Go SDK omits empty slices)', async () => {
            const empty = (await ok({ action: 'DescribeZones', body: { zoneIds: [] } })) as { zoneSet: Json[] };
            assert.equal(empty.zoneSet.length, fx.emu.state.zones().length);
        });

        it('rejects zoneIds of the wrong type with INVALID_PARAMETER', async () => {
            const result = await callEmulator(fx.emu.url, { dispatcher: fx.agent, action: 'DescribeZones', body: { zoneIds: 'na-west-1a' } });
            assert.equal(result.status, 400);
            assert.equal((result.json as Json).code, 'INVALID_PARAMETER');
            assert.match((result.json as Json).message as string, /zoneIds/);
        });
    });

    describe('DeleteImages', () => {
        const del = async (imageIds: string[]): Promise<string[]> =>
            ((await ok({ action: 'DeleteImages', body: { imageIds } })) as { imageIds: string[] }).imageIds;

        it('moves deletable images to DELETING, then removes them after deleteDelayMs', async () => {
            const web = idOf('web-frontend-2026-11');
            assert.deepEqual(await del([web]), []);
            assert.equal(fx.emu.state.getImage(web)?.imageStatus, 'DELETING');
            const during = await list({ imageIds: [web] });
            assert.equal(during.dataSet[0]?.imageStatus, 'DELETING');
            await delay(400);
            assert.equal(fx.emu.state.getImage(web), undefined);
            assert.equal((await list({ imageIds: [web] })).totalCount, 0);
        });

        it('lists unknown, public, in-use and undeletable-status images as failed and changes nothing else', async () => {
            const deletable = ['app-server-base', 'win-sqlserver-2019', 'legacy-centos7-php'].map(idOf); // AVAILABLE, FAILED, UNAVAILABLE
            const refused = [
                'img-unknown-0001',
                'ubuntu2404_20240712',
                idOf('db-primary-golden'),
                idOf('ci-runner-ubuntu-2404'), // CREATING
                idOf('ml-training-cuda12'), // SYNCING
                idOf('old-build-2025-01'), // DELETING
                idOf('cache-redis-7'), // PROCESSING
            ];
            const before = new Map(fx.emu.state.allImages().map((i) => [i.imageId, i.imageStatus]));
            const failed = await del([refused[0], deletable[0], ...refused.slice(1), ...deletable.slice(1), deletable[0], refused[0]]);
            assert.deepEqual(failed, refused, 'failed IDs, distinct, in request order');
            for (const image of fx.emu.state.allImages()) {
                const expected = deletable.includes(image.imageId) ? 'DELETING' : before.get(image.imageId);
                assert.equal(image.imageStatus, expected, image.imageName);
            }
            assert.equal(fx.emu.state.pendingDeletions, 3);
        });

        it('unknownIdMode notFoundError: an unknown ID fails the whole call with 404 and nothing changes', async () => {
            const strict = await startEmulator({ unknownIdMode: 'notFoundError' });
            try {
                const web = strict.state.findByName('web-frontend-2026-11')!.imageId;
                const result = await callEmulator(strict.url, { dispatcher: fx.agent, action: 'DeleteImages', body: { imageIds: [web, 'img-missing'] } });
                assert.equal(result.status, 404);
                assert.equal((result.json as Json).code, 'INVALID_IMAGE_NOT_FOUND');
                assert.match((result.json as Json).message as string, /img-missing/);
                assert.equal(strict.state.getImage(web)?.imageStatus, 'AVAILABLE');
                const refusedOnly = await callEmulator(strict.url, {
                    dispatcher: fx.agent,
                    action: 'DeleteImages',
                    body: { imageIds: [strict.state.findByName('db-primary-golden')!.imageId] },
                });
                assert.deepEqual((refusedOnly.json as { response: Json }).response.imageIds, [strict.state.findByName('db-primary-golden')!.imageId]);
            } finally {
                await strict.close();
            }
        });

        it('close() cancels pending deletions', async () => {
            const slow = await startEmulator({ deleteDelayMs: 60_000 });
            const id = slow.state.findByName('web-frontend-2026-11')!.imageId;
            const result = await callEmulator(slow.url, { dispatcher: fx.agent, action: 'DeleteImages', body: { imageIds: [id] } });
            assert.equal(result.status, 200);
            assert.equal(slow.state.pendingDeletions, 1);
            await slow.close();
            assert.equal(slow.state.pendingDeletions, 0);
            assert.equal(slow.state.getImage(id)?.imageStatus, 'DELETING');
        });
    });
});
