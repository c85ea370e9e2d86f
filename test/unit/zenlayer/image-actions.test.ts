/**
 * The client's image lifecycle methods over loopback against the emulator: what they send, what they return, that
 * nothing malformed is ever sent, and which ones retry.
 */
import * as assert from 'node:assert/strict';
import {
    checkImageName,
    crossesBorder,
    IMAGE_NAME_MAX_LENGTH,
    type ImageNameProblem,
    regionsOfZones,
    ZenlayerApiError,
    ZenlayerClient,
    ZenlayerInputError,
    type ZenlayerWarning,
} from '../../../src/zenlayer';
import { type RunningEmulator, startEmulator } from '../../emulator';

const KEY = { accessKeyId: 'ZLLIFECYCLEKEY01', accessKeyPassword: 'zl-lifecycle-password' };

describe('ZenlayerClient image lifecycle against the emulator', () => {
    let emulator: RunningEmulator;
    let clock = 0;
    let api: ZenlayerClient;
    const warnings: ZenlayerWarning[] = [];

    beforeEach(async () => {
        clock = 1_000_000;
        warnings.length = 0;
        emulator = await startEmulator({ credentials: [KEY], taskClock: () => clock, copyPrepareMs: 1000, copyTransferMs: 4000, createDelayMs: 2000 });
        api = new ZenlayerClient({ endpoint: emulator.url, credentials: KEY, sleep: () => Promise.resolve(), onWarning: (warning) => warnings.push(warning) });
    });

    afterEach(async () => {
        await api.close();
        await emulator.close();
    });

    const idOf = (name: string): string => emulator.state.findByName(name)!.imageId;
    const sent = (action: string): unknown[] => emulator.requestLog.filter((entry) => entry.action === action).map((entry) => entry.body);

    async function refusedBeforeSending(call: () => Promise<unknown>, expected: Record<string, unknown>): Promise<void> {
        const before = emulator.requestLog.length;
        await assert.rejects(call(), (error: unknown) => {
            assert.ok(error instanceof ZenlayerInputError, String(error));
            assert.deepEqual({ ...error.problem }, expected);
            return true;
        });
        assert.equal(emulator.requestLog.length, before, 'nothing was sent');
    }

    describe('copyImage and describeImageCopyProgress', () => {
        it('sends {imageId, regionIdList}, returns the request ID, and follows the copy stage by stage', async () => {
            const id = idOf('app-server-base');
            const result = await api.copyImage(id, ['asia-east-1', 'na-west-1']);
            assert.deepEqual(sent('CopyImage'), [{ imageId: id, regionIdList: ['asia-east-1', 'na-west-1'] }]);
            assert.equal(result.requestId, emulator.requestLog.at(-1)?.requestId);
            assert.deepEqual(await api.describeImageCopyProgress(id), [
                { regionId: 'asia-east-1', regionName: 'Hong Kong', syncStage: 'PREPARING', queued: false, syncPercent: 0, errorInfo: undefined },
                { regionId: 'na-west-1', regionName: 'Los Angeles', syncStage: 'PREPARING', queued: true, syncPercent: 0, errorInfo: undefined },
            ]);
            clock += 2000;
            const [hongKong] = await api.describeImageCopyProgress(id);
            assert.deepEqual([hongKong.syncStage, hongKong.syncPercent], ['TRANSFERRING', 25]);
            clock += 7000;
            assert.deepEqual(await api.describeImageCopyProgress(id), []);
            const [image] = await api.describeImagesByIds([id]);
            assert.deepEqual([image.status, image.regionIds], ['AVAILABLE', ['asia-southeast-1', 'asia-east-1', 'na-west-1']]);
        });

        it("reads a failed destination's errorInfo", async () => {
            emulator.faults.failImageCopy({ errorInfo: 'Disk quota in na-west-1 exhausted.' });
            const id = idOf('app-server-base');
            await api.copyImage(id, ['na-west-1']);
            clock += 3000;
            const [failed] = await api.describeImageCopyProgress(id);
            assert.deepEqual([failed.regionId, failed.syncPercent, failed.errorInfo], ['na-west-1', 50, 'Disk quota in na-west-1 exhausted.']);
        });

        it("surfaces a refusal as ZenlayerApiError with Zenlayer's code and request ID, and never retries a copy, even after a 500", async () => {
            const error = await api.copyImage(idOf('web-frontend-2026-11'), ['asia-east-2']).catch((caught: unknown) => caught);
            assert.ok(error instanceof ZenlayerApiError, String(error));
            assert.deepEqual([error.status, error.code], [400, 'OPERATION_DENIED_CROSS_BORDER_IMAGE_COPY']);
            assert.equal(error.requestId, emulator.requestLog.at(-1)?.requestId);
            emulator.faults.failNext('internalError', 1, { action: 'CopyImage' });
            await assert.rejects(
                api.copyImage(idOf('app-server-base'), ['asia-east-1']),
                (caught: unknown) => caught instanceof ZenlayerApiError && caught.status === 500,
            );
            assert.equal(sent('CopyImage').length, 2, 'one attempt each');
            emulator.faults.failNext('internalError', 1, { action: 'DescribeImageCopyProgress' });
            assert.deepEqual(await api.describeImageCopyProgress(idOf('app-server-base')), []);
            assert.equal(sent('DescribeImageCopyProgress').length, 2, 'a read is retried');
        });

        it('refuses malformed image IDs and region lists before sending anything', async () => {
            const id = idOf('app-server-base');
            await refusedBeforeSending(() => api.copyImage(' ', ['asia-east-1']), { kind: 'imageIdBlank', position: 1 });
            await refusedBeforeSending(() => api.copyImage(id, []), { kind: 'fieldInvalid', field: 'regionIds', reason: 'empty' });
            await refusedBeforeSending(() => api.copyImage(id, 'asia-east-1' as unknown as string[]), {
                kind: 'fieldInvalid',
                field: 'regionIds',
                reason: 'wrongType',
            });
            await refusedBeforeSending(() => api.copyImage(id, ['asia-east-1', 'asia-east-1']), {
                kind: 'fieldInvalid',
                field: 'regionIds[1]',
                reason: 'duplicate',
            });
            await refusedBeforeSending(() => api.copyImage(id, ['asia-east-1', 7 as unknown as string]), {
                kind: 'fieldInvalid',
                field: 'regionIds[1]',
                reason: 'wrongType',
            });
            await refusedBeforeSending(() => api.copyImage(id, [' asia-east-1']), { kind: 'fieldInvalid', field: 'regionIds[0]', reason: 'spaces' });
            await refusedBeforeSending(() => api.copyImage(id, ['asia east 1']), { kind: 'fieldInvalid', field: 'regionIds[0]', reason: 'malformed' });
            await refusedBeforeSending(() => api.copyImage(id, ['r'.repeat(129)]), {
                kind: 'fieldInvalid',
                field: 'regionIds[0]',
                reason: 'tooLong',
                limit: 128,
            });
            await refusedBeforeSending(
                () =>
                    api.copyImage(
                        id,
                        Array.from({ length: 101 }, (_, i) => `r-${i}`),
                    ),
                { kind: 'fieldInvalid', field: 'regionIds', reason: 'tooMany', limit: 100 },
            );
            await refusedBeforeSending(() => api.describeImageCopyProgress(''), { kind: 'imageIdBlank', position: 1 });
        });
    });

    describe('deleteImageCopy', () => {
        it("sends {imageId, regionIds} once and returns the request ID; Zenlayer's refusals arrive typed", async () => {
            const id = idOf('ml-inference-cuda12');
            const result = await api.deleteImageCopy(id, ['na-west-1']);
            assert.deepEqual(sent('DeleteImageCopy'), [{ imageId: id, regionIds: ['na-west-1'] }]);
            assert.match(result.requestId ?? '', /^T[0-9A-F-]{36}$/);
            const [image] = await api.describeImagesByIds([id]);
            assert.deepEqual(image.regionIds, ['asia-east-1', 'asia-southeast-1']);
            await assert.rejects(
                api.deleteImageCopy(id, ['asia-east-1', 'asia-southeast-1']),
                (caught: unknown) => caught instanceof ZenlayerApiError && caught.code === 'OPERATION_DENIED_LAST_IMAGE_COPY',
            );
            await refusedBeforeSending(() => api.deleteImageCopy(id, []), { kind: 'fieldInvalid', field: 'regionIds', reason: 'empty' });
        });
    });

    describe('renameImage', () => {
        it('sends {imageIds, imageName} (duplicates once) and renames in place', async () => {
            const id = idOf('zz-scratch-image');
            await api.renameImage([id, id], 'scratch.2026-07');
            assert.deepEqual(sent('ModifyImagesAttributes'), [{ imageIds: [id], imageName: 'scratch.2026-07' }]);
            const [image] = await api.describeImagesByIds([id]);
            assert.equal(image.name, 'scratch.2026-07');
        });

        it("refuses a name Zenlayer would refuse, and a taken name arrives as Zenlayer's error", async () => {
            const id = idOf('zz-scratch-image');
            await refusedBeforeSending(() => api.renameImage([id], 'x'), { kind: 'imageNameInvalid', reason: 'tooShort' });
            await refusedBeforeSending(() => api.renameImage([id], 'web/image'), { kind: 'imageNameInvalid', reason: 'badCharacter' });
            await refusedBeforeSending(() => api.renameImage([], 'web-image'), { kind: 'noImageIds' });
            const tooMany = Array.from({ length: 101 }, (_, i) => `img-${i}`);
            await refusedBeforeSending(() => api.renameImage(tooMany, 'web-image'), { kind: 'fieldInvalid', field: 'imageIds', reason: 'tooMany', limit: 100 });
            await assert.rejects(
                api.renameImage([id], 'backup-agent-v3'),
                (caught: unknown) => caught instanceof ZenlayerApiError && caught.code === 'INVALID_IMAGE_NAME_DUPLICATE',
            );
        });
    });

    describe('createImage', () => {
        it('sends the tags in a TagAssociation, returns the new image, which is CREATING then AVAILABLE', async () => {
            const instanceId = emulator.state.findInstanceByName('web-2')!.instanceId;
            const made = await api.createImage({ instanceId, imageName: 'web-2-golden', resourceGroupId: ' ', tags: [{ key: 'env', value: 'prod' }] });
            assert.deepEqual(sent('CreateImage'), [{ instanceId, imageName: 'web-2-golden', tags: { tags: [{ key: 'env', value: 'prod' }] } }]);
            assert.equal(made.imageName, 'web-2-golden');
            assert.equal(made.requestId, emulator.requestLog.at(-1)?.requestId);
            assert.equal((await api.describeImagesByIds([made.imageId]))[0].status, 'CREATING');
            clock += 2000;
            const [image] = await api.describeImagesByIds([made.imageId]);
            assert.deepEqual([image.status, image.regionIds, image.tags], ['AVAILABLE', ['asia-east-1'], [{ key: 'env', value: 'prod' }]]);
        });

        it('refuses malformed input before sending, and arrives typed when Zenlayer refuses (GPU), never retried', async () => {
            const instanceId = emulator.state.findInstanceByName('web-2')!.instanceId;
            await refusedBeforeSending(() => api.createImage({ instanceId: '', imageName: 'ok-name' }), {
                kind: 'fieldInvalid',
                field: 'instanceId',
                reason: 'blank',
            });
            await refusedBeforeSending(() => api.createImage({ instanceId, imageName: 'ok-name-' }), { kind: 'imageNameInvalid', reason: 'badLastCharacter' });
            await refusedBeforeSending(
                () =>
                    api.createImage({
                        instanceId,
                        imageName: 'ok-name',
                        tags: [
                            { key: 'a', value: '1' },
                            { key: 'a', value: '2' },
                        ],
                    }),
                { kind: 'fieldInvalid', field: 'tags[1].key', reason: 'duplicate' },
            );
            await refusedBeforeSending(() => api.createImage({ instanceId, imageName: 'ok-name', tags: [{ key: 'a', value: 'v'.repeat(65) }] }), {
                kind: 'fieldInvalid',
                field: 'tags[0].value',
                reason: 'tooLong',
                limit: 64,
            });
            await refusedBeforeSending(() => api.createImage({ instanceId, imageName: 'ok-name', resourceGroupId: 'rg with spaces' }), {
                kind: 'fieldInvalid',
                field: 'resourceGroupId',
                reason: 'malformed',
            });
            await refusedBeforeSending(() => api.createImage(null as unknown as { instanceId: string; imageName: string }), {
                kind: 'fieldInvalid',
                field: 'input',
                reason: 'notObject',
            });
            const gpu = emulator.state.findInstanceByName('k8s-hk-node-06')!.instanceId;
            await assert.rejects(
                api.createImage({ instanceId: gpu, imageName: 'gpu-image' }),
                (caught: unknown) => caught instanceof ZenlayerApiError && caught.code === 'OPERATION_DENIED_GPU_INSTANCE_NOT_SUPPORT',
            );
            emulator.faults.failNext('internalError', 1, { action: 'CreateImage' });
            await assert.rejects(
                api.createImage({ instanceId, imageName: 'after-500' }),
                (caught: unknown) => caught instanceof ZenlayerApiError && caught.status === 500,
            );
            assert.equal(sent('CreateImage').length, 2);
            assert.equal(emulator.state.images().length, 40);
        });
    });

    describe('zones and regions', () => {
        it('names the regions from DescribeZones, with their side of the mainland China border', async () => {
            const zones = await api.describeZones();
            assert.deepEqual(
                zones.find((zone) => zone.zoneId === 'asia-east-2a'),
                {
                    zoneId: 'asia-east-2a',
                    regionId: 'asia-east-2',
                    zoneName: 'Shanghai A',
                    cityName: 'Shanghai',
                    cityCode: 'SHA',
                    countryCode: 'CN',
                    countryName: 'China',
                },
            );
            const regions = regionsOfZones(zones);
            assert.deepEqual(
                regions.map((region) => [region.regionId, region.cityName, region.border, region.zoneIds.length]),
                [
                    ['asia-east-1', 'Hong Kong', 'international', 2],
                    ['asia-southeast-1', 'Singapore', 'international', 2],
                    ['na-west-1', 'Los Angeles', 'international', 2],
                    ['eu-central-1', 'Frankfurt', 'international', 1],
                    ['sa-east-1', 'São Paulo', 'international', 1],
                    ['asia-east-2', 'Shanghai', 'mainlandChina', 1],
                    ['asia-north-2', 'Beijing', 'mainlandChina', 1],
                ],
            );
            assert.equal(crossesBorder(regions, ['asia-east-1'], 'asia-east-2'), true);
            assert.equal(crossesBorder(regions, ['asia-east-2'], 'asia-north-2'), false);
            assert.equal(crossesBorder(regions, ['asia-east-1'], 'mars-1'), false, 'an unknown region is left to the server');
            assert.deepEqual(warnings, []);
        });
    });
});

describe('checkImageName', () => {
    it('accepts what Zenlayer accepts and says what is wrong with the rest', () => {
        const verdicts: [unknown, ImageNameProblem | undefined][] = [
            ['ab', undefined],
            ['web-frontend_2026.11', undefined],
            ['9lives', undefined],
            ['A'.repeat(IMAGE_NAME_MAX_LENGTH), undefined],
            ['', 'tooShort'],
            ['a', 'tooShort'],
            ['A'.repeat(IMAGE_NAME_MAX_LENGTH + 1), 'tooLong'],
            ['测'.repeat(64), 'tooLong'],
            ['-web', 'badFirstCharacter'],
            ['.web', 'badFirstCharacter'],
            [' web', 'badFirstCharacter'],
            ['测试镜像', 'badFirstCharacter'],
            ['web-', 'badLastCharacter'],
            ['web_', 'badLastCharacter'],
            ['web image', 'badCharacter'],
            ['web/image', 'badCharacter'],
            ['wëb', 'badCharacter'],
            ['web\nx', 'badCharacter'],
            ['web\u202ex', 'badCharacter'],
            [42, 'notString'],
            [undefined, 'notString'],
        ];
        for (const [name, expected] of verdicts) {
            assert.equal(checkImageName(name), expected, JSON.stringify(name));
        }
    });
});
