/**
 * The image lifecycle answers from a hostile server: copy progress with absurd, missing or mistyped fields, floods of
 * entries, garbage in texts; CreateImage answers without a usable image ID. Nothing from the wire is trusted.
 */
import * as assert from 'node:assert/strict';
import { type ImageCopyProgress, ZenlayerApiError, ZenlayerResponseError, type ZenlayerWarning } from '../../../src/zenlayer';
import { hasControlCharacters, type HostileServer, hostileServers, sendJson, success } from './hostile-server';

describe('image lifecycle answers from a hostile server', () => {
    const servers = hostileServers();
    let server: HostileServer | undefined;

    /** describeImageCopyProgress against a server answering `dataSet`, with the warnings it raised. */
    async function progressFor(dataSet: unknown, extra: Record<string, unknown> = {}): Promise<{ progress: ImageCopyProgress[]; warnings: ZenlayerWarning[] }> {
        server = await servers.start((_request, response) => success(response, dataSet === undefined ? extra : { dataSet, ...extra }));
        const warnings: ZenlayerWarning[] = [];
        const api = servers.client(server.url, { onWarning: (warning) => warnings.push(warning) });
        return { progress: await api.describeImageCopyProgress('img-1'), warnings };
    }

    const entry = (fields: Record<string, unknown>): Record<string, unknown> => ({
        destRegionId: 'asia-east-1',
        destRegionName: 'Hong Kong',
        syncStage: 'TRANSFERRING',
        queued: false,
        syncPercent: 42.5,
        errorInfo: null,
        ...fields,
    });

    it('clamps syncPercent to 0–100, keeps two decimals rounded down, and drops what is not a finite number', async () => {
        const cases: [unknown, number | undefined][] = [
            [1e9, 100],
            [100.0001, 100],
            [-5, 0],
            [-1e308, 0],
            [74.23, 74.23],
            [42.129, 42.12],
            [99.999, 99.99],
            [0, 0],
            ['63.5', 63.5],
            [' 7 ', 7],
            ['1e9', 100],
            ['-3', 0],
            ['NaN', undefined],
            ['Infinity', undefined],
            ['12abc', undefined],
            ['', undefined],
            [true, undefined],
            [null, undefined],
            [{}, undefined],
            [[50], undefined],
            ['9'.repeat(400), undefined],
        ];
        const { progress } = await progressFor(cases.map(([syncPercent], index) => entry({ destRegionId: `region-${index}`, syncPercent })));
        assert.deepEqual(
            progress.map((item) => item.syncPercent),
            cases.map(([, expected]) => expected),
        );
        const missing = await progressFor([{ destRegionId: 'asia-east-1' }]);
        assert.deepEqual(missing.progress, [
            { regionId: 'asia-east-1', regionName: undefined, syncStage: undefined, queued: false, syncPercent: undefined, errorInfo: undefined },
        ]);
    });

    it('reads an absent or null dataSet as nothing in progress, and anything but a list as a typed error', async () => {
        assert.deepEqual((await progressFor(undefined)).progress, []);
        assert.deepEqual((await progressFor(null)).progress, []);
        for (const dataSet of [{ destRegionId: 'asia-east-1' }, 'none', 42, true]) {
            server = await servers.start((_request, response) => success(response, { dataSet }));
            const error = await servers
                .client(server.url)
                .describeImageCopyProgress('img-1')
                .catch((caught: unknown) => caught);
            assert.ok(error instanceof ZenlayerResponseError, String(error));
            assert.deepEqual([error.reason, error.field, error.requestId], ['invalidField', 'dataSet', 'T-HOSTILE-1']);
        }
    });

    it('drops entries without a usable region ID and repeated regions, and reports how many', async () => {
        const { progress, warnings } = await progressFor([
            42,
            null,
            'asia-east-1',
            [],
            {},
            entry({ destRegionId: '' }),
            entry({ destRegionId: 'bad region\n' }),
            entry({ destRegionId: 7 }),
            entry({ destRegionId: 'asia-east-1', syncPercent: 10 }),
            entry({ destRegionId: 'asia-east-1', syncPercent: 90 }),
            entry({ destRegionId: 'na-west-1' }),
        ]);
        assert.deepEqual(
            progress.map((item) => [item.regionId, item.syncPercent]),
            [
                ['asia-east-1', 10],
                ['na-west-1', 42.5],
            ],
        );
        assert.equal(warnings.length, 1);
        assert.deepEqual([warnings[0].kind, warnings[0].count, warnings[0].action], ['itemsDropped', 9, 'DescribeImageCopyProgress']);
    });

    it('keeps at most 200 entries of a flood, fast', async () => {
        const flood = Array.from({ length: 10_000 }, (_, index) => entry({ destRegionId: `region-${index}` }));
        const started = performance.now();
        const { progress, warnings } = await progressFor(flood);
        assert.equal(progress.length, 200);
        assert.equal(warnings[0].count, 9_800);
        assert.ok(performance.now() - started < 3000, `${performance.now() - started} ms`);
    });

    it('cleans and bounds the texts, and takes only known shapes for the stage and the queue flag', async () => {
        const { progress } = await progressFor([
            entry({
                destRegionId: 'r-1',
                destRegionName: `\u001b[31mHong Kong\u001b[0m\r\nFAKE LOG LINE ${'x'.repeat(10_000)}`,
                errorInfo: `boom\u0007\n${'e'.repeat(50_000)}`,
                syncStage: '<script>',
                queued: 'true',
            }),
            entry({ destRegionId: 'r-2', destRegionName: 42, errorInfo: { code: 'X' }, syncStage: 'VERIFYING', queued: 1 }),
            entry({ destRegionId: 'r-3', destRegionName: '   ', errorInfo: '', syncStage: null, queued: 'yes' }),
        ]);
        const [first, second, third] = progress;
        assert.ok(
            first.regionName !== undefined &&
                first.regionName.length <= 257 &&
                !hasControlCharacters(first.regionName) &&
                first.regionName.startsWith('Hong Kong FAKE LOG LINE'),
            first.regionName,
        );
        assert.ok(first.errorInfo !== undefined && first.errorInfo.length <= 501 && !hasControlCharacters(first.errorInfo), first.errorInfo);
        assert.deepEqual([first.syncStage, first.queued], [undefined, true]);
        assert.deepEqual([second.regionName, second.errorInfo, second.syncStage, second.queued], [undefined, undefined, 'VERIFYING', false]);
        assert.deepEqual([third.regionName, third.errorInfo, third.syncStage, third.queued], [undefined, undefined, undefined, false]);
    });

    it('CreateImage: an answer without a usable imageId is a typed error (the image may exist), a bad name falls back to the one asked for', async () => {
        for (const imageId of [undefined, null, '', 'img with spaces', 42, 'i'.repeat(200), { id: 'img-1' }]) {
            server = await servers.start((_request, response) => success(response, { imageId, imageName: 'x' }));
            const error = await servers
                .client(server.url)
                .createImage({ instanceId: 'ins-1', imageName: 'web-1' })
                .catch((caught: unknown) => caught);
            assert.ok(error instanceof ZenlayerResponseError, `${JSON.stringify(imageId)}: ${String(error)}`);
            assert.deepEqual([error.reason, error.field], ['invalidField', 'imageId']);
            assert.equal(server.requests.length, 1, 'never retried');
        }
        for (const [imageName, expected] of [
            [undefined, 'web-1'],
            [42, 'web-1'],
            ['', 'web-1'],
            ['web-1\u001b[2J', 'web-1'],
        ] as const) {
            server = await servers.start((_request, response) => success(response, { imageId: 'img-new', imageName }));
            const made = await servers.client(server.url).createImage({ instanceId: 'ins-1', imageName: 'web-1' });
            assert.deepEqual([made.imageId, made.imageName, made.requestId], ['img-new', expected, 'T-HOSTILE-1']);
        }
    });

    it('never retries a copy, a copy removal or a creation, even on a 503; retries a rename and a progress read', async () => {
        const busy = await servers.start((_request, response) =>
            sendJson(response, 503, { requestId: 'T-BUSY', code: 'SERVICE_UNAVAILABLE', message: 'busy' }),
        );
        const api = servers.client(busy.url, { sleep: () => Promise.resolve() });
        for (const call of [
            () => api.copyImage('img-1', ['r-1']),
            () => api.deleteImageCopy('img-1', ['r-1']),
            () => api.createImage({ instanceId: 'ins-1', imageName: 'web-1' }),
        ]) {
            const before = busy.requests.length;
            await assert.rejects(call(), (caught: unknown) => caught instanceof ZenlayerApiError && caught.status === 503 && caught.requestId === 'T-BUSY');
            assert.equal(busy.requests.length - before, 1);
        }
        for (const call of [() => api.renameImage(['img-1'], 'web-1'), () => api.describeImageCopyProgress('img-1')]) {
            const before = busy.requests.length;
            await assert.rejects(call(), ZenlayerApiError);
            assert.equal(busy.requests.length - before, 4, 'the first try and three retries');
        }
    });

    it('a success without the response object is a typed error for every action, never a success', async () => {
        server = await servers.start((_request, response) => sendJson(response, 200, { requestId: 'T-1', imageId: 'img-new' }));
        const api = servers.client(server.url);
        for (const call of [
            () => api.copyImage('img-1', ['r-1']),
            () => api.deleteImageCopy('img-1', ['r-1']),
            () => api.renameImage(['img-1'], 'web-1'),
            () => api.createImage({ instanceId: 'ins-1', imageName: 'web-1' }),
            () => api.describeImageCopyProgress('img-1'),
        ]) {
            await assert.rejects(call(), (caught: unknown) => caught instanceof ZenlayerResponseError && caught.reason === 'missingResponse');
        }
    });
});
