/**
 * Listings against servers whose figures lie: every case ends in a complete result or a typed error, after a
 * bounded number of requests, in bounded time and memory. Bounds are generous so they cannot flake; the figures
 * before the fix are in the comments.
 */
import * as assert from 'node:assert/strict';
import { ZenlayerApiError, ZenlayerListingError, ZenlayerResponseError, type ZenlayerWarning } from '../../../src/zenlayer';
import { errorOf, hasControlCharacters, type HostileServer, hostileServers, image, measure, pageOf, sendJson, sleep, success, valueOf } from './hostile-server';

describe('listing against a hostile server', () => {
    const servers = hostileServers();
    let server: HostileServer | undefined;

    async function listWith(
        totalCount: unknown,
        dataSet: (body: Record<string, unknown>) => unknown,
        options = {},
    ): Promise<{ measured: Awaited<ReturnType<typeof measure>>; requests: number }> {
        server = await servers.start((request, response) => success(response, { totalCount, dataSet: dataSet(request.body) }));
        const api = servers.client(server.url, options);
        const measured = await measure(() => api.listCustomImages());
        return { measured, requests: server.requests.length };
    }

    // Before: 10^12 aborted the process (V8 out of memory), 10^11 took 33 s and 3 GB.
    for (const totalCount of [1e12, 1e11]) {
        it(`refuses a first page claiming ${totalCount.toExponential()} images after one request, allocating nothing from it`, async () => {
            const { measured, requests } = await listWith(totalCount, (body) => pageOf(body, 1_000_000_000_000));
            const error = errorOf(measured);
            assert.ok(error instanceof ZenlayerListingError, String(error));
            assert.equal(error.reason, 'tooManyPages');
            assert.equal(error.details.totalCount, totalCount);
            assert.equal(error.details.maxPages, 1000, 'the default is enough for 1,000,000 images');
            assert.equal(requests, 1);
            assert.ok(measured.ms < 2000, `${measured.ms} ms`);
            assert.ok(measured.peakRssMiB < 150, `${measured.peakRssMiB} MiB`);
        });
    }

    // Before: 10^300 threw an untyped RangeError; Infinity, negative and non-numeric totals yielded 1,000 of 2,500.
    for (const [label, totalCount] of [
        ['10^300', 1e300],
        ['Infinity (1e999 on the wire)', Number.POSITIVE_INFINITY],
        ['-5', -5],
        ['"lots"', 'lots'],
        ['2.5', 2.5],
        ['missing', undefined],
    ] as const) {
        it(`fails typed on a totalCount of ${label}`, async () => {
            server = await servers.start((request, response) => {
                const page = { totalCount, dataSet: pageOf(request.body, 2500) };
                // JSON.stringify cannot write Infinity; a hostile server can.
                const text = JSON.stringify({ requestId: 'T-1', response: { requestId: 'T-1', ...page } }).replace('"totalCount":null', '"totalCount":1e999');
                response.writeHead(200, { 'content-type': 'application/json' });
                response.end(text);
            });
            const api = servers.client(server.url);
            const error = await api.listCustomImages().then(
                () => undefined,
                (caught: unknown) => caught,
            );
            assert.ok(error instanceof ZenlayerResponseError, String(error));
            assert.equal(error.reason, 'invalidField');
            assert.equal(error.field, 'totalCount');
            assert.equal(error.requestId, 'T-1');
            assert.equal(server.requests.length, 1, 'a malformed figure is not retried');
        });
    }

    it('reads "2500" as a string count (real answers send numbers as strings) and lists everything', async () => {
        const { measured, requests } = await listWith('2500', (body) => pageOf(body, 2500));
        assert.equal((valueOf(measured) as unknown[]).length, 2500);
        assert.equal(requests, 3);
    });

    // Before: a dataSet that is an object, null or a string read as "no images".
    for (const [label, dataSet] of [
        ['an object', { images: [] }],
        ['null', null],
        ['a string', 'img-1,img-2'],
        ['a number', 7],
    ] as const) {
        it(`fails typed when dataSet is ${label} while images are claimed`, async () => {
            const { measured, requests } = await listWith(2500, () => dataSet);
            const error = errorOf(measured);
            assert.ok(error instanceof ZenlayerResponseError && error.reason === 'invalidField' && error.field === 'dataSet', String(error));
            assert.equal(requests, 1);
        });
    }

    it('reads a missing dataSet as empty only when the total is 0', async () => {
        server = await servers.start((_request, response) => success(response, { totalCount: 0 }));
        const api = servers.client(server.url);
        assert.deepEqual(await api.listCustomImages(), []);
    });

    // Before: 100 images per page while 5,000 were claimed yielded 100 images and no error.
    it('continues at the page size the server honours when it serves fewer than asked', async () => {
        server = await servers.start((request, response) => {
            const body = { ...request.body, pageSize: Math.min(100, Number(request.body.pageSize)) };
            success(response, { totalCount: 5000, dataSet: pageOf(body, 5000) });
        });
        const api = servers.client(server.url);
        const images = await api.listCustomImages();
        assert.equal(images.length, 5000);
        assert.equal(new Set(images.map((item) => item.id)).size, 5000);
        assert.equal(server.requests.length, 50);
        assert.ok(
            server.requests.slice(1).every((request) => request.body.pageSize === 100),
            'later pages ask for the size the server serves',
        );
    });

    it('fails as incomplete when short pages never add up to the claim (the same 100 images on every page)', async () => {
        const { measured, requests } = await listWith(5000, () => pageOf({ pageNum: 1, pageSize: 100 }, 5000));
        const error = errorOf(measured);
        assert.ok(error instanceof ZenlayerListingError, String(error));
        assert.equal(error.reason, 'incomplete');
        assert.equal(error.details.received, 100);
        assert.equal(error.details.pageSize, 100);
        assert.equal(requests, 150, 'three attempts of 50 pages, then it stops');
    });

    it('fails as incomplete when a first page is empty although images are claimed', async () => {
        const { measured, requests } = await listWith(3, () => []);
        const error = errorOf(measured);
        assert.ok(error instanceof ZenlayerListingError && error.reason === 'incomplete', String(error));
        assert.equal(requests, 1);
    });

    it('fails typed when a page holds more items than asked for', async () => {
        const { measured } = await listWith(5000, () => pageOf({ pageNum: 1, pageSize: 1500 }, 5000));
        const error = errorOf(measured);
        assert.ok(error instanceof ZenlayerResponseError && error.field === 'dataSet', String(error));
    });

    // Before: a server that kept returning full pages got 2,500+ requests in 20 s while memory passed 1.7 GB.
    it('stops a server that keeps serving full pages: a billion claimed, refused after one request', async () => {
        const { measured, requests } = await listWith(1_000_000_000, (body) => pageOf(body, 1_000_000_000));
        const error = errorOf(measured);
        assert.ok(error instanceof ZenlayerListingError && error.reason === 'tooManyPages', String(error));
        assert.equal(requests, 1);
    });

    it('stops at maxListPages: a claim within it is listed, one page more is refused before it is fetched', async () => {
        const within = await listWith(20_000, (body) => pageOf(body, 20_000), { maxListPages: 20 });
        assert.equal((valueOf(within.measured) as unknown[]).length, 20_000);
        assert.equal(within.requests, 20);
        await server?.close();
        const beyond = await listWith(20_001, (body) => pageOf(body, 20_001), { maxListPages: 20 });
        const error = errorOf(beyond.measured);
        assert.ok(error instanceof ZenlayerListingError && error.details.pagesNeeded === 21 && error.details.maxPages === 20, String(error));
        assert.equal(beyond.requests, 1);
    });

    it('keeps memory flat when every page repeats the same full page (duplicates kept once)', async () => {
        const { measured, requests } = await listWith(200_000, () => pageOf({ pageNum: 1, pageSize: 1000 }, 1000), { maxListPages: 200 });
        const error = errorOf(measured);
        assert.ok(error instanceof ZenlayerListingError && error.reason === 'incomplete' && error.details.received === 1000, String(error));
        assert.equal(requests, 600, 'three attempts of 200 pages');
        assert.ok(measured.peakRssMiB < 300, `${measured.peakRssMiB} MiB`);
        assert.ok(measured.ms < 30_000, `${measured.ms} ms`);
    });

    // Before: when page 2 failed, the listing rejected but kept fetching pages 6–20.
    it('aborts the pages in flight and starts no new one when a page fails', async () => {
        server = await servers.start(async (request, response) => {
            const pageNum = Number(request.body.pageNum);
            if (pageNum === 2) {
                sendJson(response, 400, { requestId: 'T-P2', code: 'INVALID_PARAMETER', message: 'page 2 refused' });
                return;
            }
            if (pageNum > 2) {
                await sleep(5000, request.gone);
            }
            if (!request.gone.aborted) {
                success(response, { totalCount: 20_000, dataSet: pageOf(request.body, 20_000) });
            }
        });
        const api = servers.client(server.url, { listConcurrency: 4 });
        const measured = await measure(() => api.listCustomImages());
        const error = errorOf(measured);
        assert.ok(error instanceof ZenlayerApiError && error.requestId === 'T-P2', String(error));
        assert.ok(measured.ms < 3000, `the slow pages were aborted, not waited for (${measured.ms} ms)`);
        // Requests already on the wire may reach the server a moment after the rejection; none may follow them.
        await sleep(300);
        const sent = server.requests.length;
        assert.ok(sent <= 5, `page 1, page 2 and at most three in flight; got ${sent}`);
        await sleep(500);
        assert.equal(server.requests.length, sent, 'no request after the listing failed');
        assert.ok(server.abandoned() >= 1, 'the pages in flight were aborted');
    });

    it('drops items without a usable ID, bounds every string, and says so once per page', async () => {
        const warnings: ZenlayerWarning[] = [];
        const hostile = {
            ...image(1),
            imageName: `\u001b[31mred\u001b[0m\r\nFAKE LOG LINE ${'x'.repeat(10_000)}`,
            imageDescription: 'a'.repeat(50_000),
            regionIdList: ['asia-east-1', 'bad region\n', 42],
            tags: { tags: [{ key: 'k\u0007', value: 'v'.repeat(500) }] },
        };
        const items = [hostile, { imageId: '' }, { imageId: '  ' }, { imageId: 'img with spaces' }, { imageId: 42 }, null, 'img-str', image(2)];
        server = await servers.start((_request, response) => success(response, { totalCount: items.length, dataSet: items }));
        const api = servers.client(server.url, { onWarning: (warning) => warnings.push(warning) });
        const images = await api.listCustomImages();
        assert.deepEqual(
            images.map((item) => item.id),
            [image(1).imageId, image(2).imageId],
        );
        const [first] = images;
        assert.ok(first.name.length <= 257 && first.name.startsWith('red FAKE LOG LINE'), first.name.slice(0, 40));
        assert.ok(!hasControlCharacters(first.name + (first.description ?? '') + first.tags[0].key));
        assert.ok((first.description ?? '').length <= 1025);
        assert.deepEqual(first.regionIds, ['asia-east-1']);
        assert.ok(first.tags[0].value.length <= 65);
        assert.equal(warnings.length, 1);
        assert.equal(warnings[0].kind, 'itemsDropped');
        assert.equal(warnings[0].count, 6);
    });
});

describe('describeImagesByIds against a hostile server', () => {
    const servers = hostileServers();
    let server: HostileServer | undefined;

    // Before: describeImagesByIds returned images nobody asked for, and a blank ID from the server was accepted.
    it('returns only the images asked about, drops blank and malformed IDs, and logs each once', async () => {
        const warnings: ZenlayerWarning[] = [];
        server = await servers.start((request, response) => {
            const asked = (request.body.imageIds as string[]).map((id) => ({ imageId: id, imageName: id, imageStatus: 'DELETING' }));
            const dataSet = [...asked, image(900), image(901), { imageId: '' }, { imageId: ' img-x' }];
            success(response, { totalCount: dataSet.length, dataSet });
        });
        const api = servers.client(server.url, { onWarning: (warning) => warnings.push(warning) });
        const found = await api.describeImagesByIds(['img-a', 'img-b']);
        assert.deepEqual(
            found.map((item) => item.id),
            ['img-a', 'img-b'],
        );
        assert.deepEqual(
            warnings.map((warning) => [warning.kind, warning.count]),
            [
                ['itemsDropped', 2],
                ['unexpectedIds', 2],
            ],
        );
        assert.deepEqual(warnings[1].sample, [image(900).imageId, image(901).imageId]);
    });

    it('pages a lookup when the server serves one image per page, but not past one page per ID', async () => {
        server = await servers.start((request, response) => {
            const ids = request.body.imageIds as string[];
            const pageNum = Number(request.body.pageNum);
            success(response, { totalCount: ids.length, dataSet: [{ imageId: ids[pageNum - 1], imageStatus: 'AVAILABLE' }] });
        });
        const api = servers.client(server.url);
        const found = await api.describeImagesByIds(['img-a', 'img-b', 'img-c']);
        assert.deepEqual(
            found.map((item) => item.id),
            ['img-a', 'img-b', 'img-c'],
            'a short page is not read as "the others are gone"',
        );
        assert.equal(server.requests.length, 3);
        await server.close();
        server = await servers.start((_request, response) => success(response, { totalCount: 1_000_000, dataSet: [image(1)] }));
        const lying = servers.client(server.url);
        const error = await lying.describeImagesByIds(['img-a']).then(
            () => undefined,
            (caught: unknown) => caught,
        );
        assert.ok(error instanceof ZenlayerListingError && error.reason === 'tooManyPages', String(error));
        assert.equal(server.requests.length, 1);
    });
});
