import * as assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import {
    type ApiCallEvent,
    ZenlayerAbortError,
    ZenlayerApiError,
    ZenlayerClient,
    type ZenlayerClientOptions,
    ZenlayerInputError,
    ZenlayerNetworkError,
    ZenlayerResponseError,
    ZenlayerTimeoutError,
} from '../../../src/zenlayer';
import { generateSeed, type RunningEmulator, startEmulator } from '../../emulator';

const KEY = { accessKeyId: 'ZLTESTKEYID0001', accessKeyPassword: 'ZLTestSecretPassword0001' };

describe('ZenlayerClient against the emulator', () => {
    let emulator: RunningEmulator;
    const clients: ZenlayerClient[] = [];
    const retryDelays: number[] = [];
    const events: ApiCallEvent[] = [];

    function client(overrides: Partial<ZenlayerClientOptions> = {}): ZenlayerClient {
        const created = new ZenlayerClient({
            endpoint: emulator.url,
            credentials: KEY,
            // Retries wait for nothing here; the delays they asked for are checked instead.
            sleep: (ms) => {
                retryDelays.push(ms);
                return Promise.resolve();
            },
            onApiCall: (event) => events.push(event),
            ...overrides,
        });
        clients.push(created);
        return created;
    }

    function actionsLogged(action: string): number {
        return emulator.requestLog.filter((entry) => entry.action === action).length;
    }

    beforeEach(async () => {
        emulator = await startEmulator({ credentials: [KEY], tokens: ['zl-token-1'], seed: generateSeed(2500), deleteDelayMs: 200 });
        retryDelays.length = 0;
        events.length = 0;
    });

    afterEach(async () => {
        await Promise.all(clients.splice(0).map((c) => c.close()));
        await emulator.close();
    });

    describe('listing', () => {
        it('fetches every page of a 2,500-image account, one request per 1,000 images', async () => {
            const images = await client().listCustomImages();
            assert.equal(images.length, 2500);
            assert.equal(new Set(images.map((image) => image.id)).size, 2500);
            assert.equal(actionsLogged('DescribeCustomImages'), 3);
            const pages = emulator.requestLog.map((entry) => entry.body as { pageNum: number; pageSize: number });
            assert.deepEqual(pages.map((page) => page.pageNum).sort(), [1, 2, 3]);
            assert.ok(pages.every((page) => page.pageSize === 1000));
        });

        it('maps wire fields to typed images', async () => {
            const [image] = await client().listCustomImages({ imageIds: [emulator.state.images()[0].imageId] });
            const wire = emulator.state.images()[0];
            assert.equal(image?.id, wire.imageId);
            assert.equal(image?.name, wire.imageName);
            assert.equal(image?.status, wire.imageStatus);
            assert.equal(image?.type, 'CUSTOM_IMAGE');
            assert.deepEqual(image?.regionIds, wire.regionIdList);
        });

        it('passes filters to the API and returns only what matches', async () => {
            const target = emulator.state.images().find((image) => image.imageStatus === 'AVAILABLE' && image.osType === 'linux')!;
            const filtered = await client().listCustomImages({ status: 'AVAILABLE', osType: 'linux', regionId: target.regionIdList[0] });
            assert.ok(filtered.length > 0 && filtered.length < 2500);
            assert.ok(filtered.every((image) => image.status === 'AVAILABLE' && image.osType === 'linux' && image.regionIds.includes(target.regionIdList[0])));
            const sent = emulator.requestLog[0]?.body as Record<string, unknown>;
            assert.equal(sent.imageStatus, 'AVAILABLE');
            assert.equal(sent.osType, 'linux');
            assert.equal(sent.regionId, target.regionIdList[0]);

            const byName = await client().listCustomImages({ name: target.imageName.slice(0, -1).toUpperCase() });
            assert.ok(
                byName.some((image) => image.id === target.imageId),
                'the name filter is fuzzy and case-insensitive',
            );
        });

        it('lists again when an image disappears between pages, so none goes missing', async () => {
            await emulator.close();
            let removed: string | undefined;
            emulator = await startEmulator({
                credentials: [KEY],
                seed: generateSeed(2500),
                onRequest: (entry) => {
                    const body = entry.body as { pageNum?: number };
                    if (removed === undefined && entry.action === 'DescribeCustomImages' && body.pageNum === 1) {
                        // Deleted right after page 1 was read: every later image shifts one place towards page 1.
                        removed = emulator.state.images()[0]?.imageId;
                        emulator.state.removeImage(removed ?? '');
                    }
                },
            });
            const images = await client().listCustomImages();
            const expected = emulator.state.images().map((image) => image.imageId);
            assert.equal(expected.length, 2499);
            assert.deepEqual(images.map((image) => image.id).sort(), [...expected].sort());
            assert.equal(actionsLogged('DescribeCustomImages'), 6, 'three pages, then the three pages again');
        });

        it('retries a rate-limited page with backoff, and waits as long as Retry-After asks when it is sent', async () => {
            emulator.faults.failNext('rateLimit', 1, { action: 'DescribeCustomImages' });
            emulator.faults.failNext('rateLimit', 1, { action: 'DescribeCustomImages', retryAfterSeconds: 3 });
            const images = await client().listCustomImages();
            assert.equal(images.length, 2500);
            assert.equal(retryDelays.length, 2);
            assert.ok(retryDelays[0] >= 250 && retryDelays[0] <= 500, `the first backoff is 250–500 ms, got ${retryDelays[0]}`);
            assert.ok(retryDelays[1] >= 3000, `Retry-After: 3 asks for at least three seconds, got ${retryDelays[1]}`);
        });

        it('retries a 500, a reset connection and a proxy HTML 502 on reads', async () => {
            emulator.faults.failNext('internalError', 1);
            emulator.faults.failNext('reset', 1);
            emulator.faults.failNext('nonJson502', 1);
            const zones = await client().describeZones();
            assert.ok(zones.length > 0);
            assert.equal(retryDelays.length, 3);
        });

        it('gives up after the retry cap with the last typed error and its requestId', async () => {
            emulator.faults.failNext('internalError', 10);
            const error = await client()
                .describeZones()
                .then(
                    () => undefined,
                    (caught: unknown) => caught,
                );
            assert.ok(error instanceof ZenlayerApiError);
            assert.equal(error.status, 500);
            assert.equal(error.code, 'INTERNAL_SERVER_ERROR');
            assert.match(error.requestId ?? '', /^T[0-9A-F-]{36}$/);
            assert.equal(actionsLogged('DescribeZones'), 4, 'one try and three retries');
        });

        it('describes images by ID, chunked by 100, and omits the ones that are gone', async () => {
            const ids = emulator.state
                .images()
                .slice(0, 150)
                .map((image) => image.imageId);
            const found = await client().describeImagesByIds([...ids, 'img-does-not-exist']);
            assert.equal(found.length, 150);
            assert.equal(actionsLogged('DescribeCustomImages'), 2);
        });
    });

    describe('deleting', () => {
        function deletable(count: number): string[] {
            return emulator.state
                .images()
                .filter((image) => ['AVAILABLE', 'FAILED', 'UNAVAILABLE'].includes(image.imageStatus) && (image.inUseByInstanceIds ?? []).length === 0)
                .slice(0, count)
                .map((image) => image.imageId);
        }

        it('reports success when the API lists no failed IDs, and the images go DELETING', async () => {
            const ids = deletable(3);
            const result = await client().deleteImages(ids);
            assert.deepEqual(result.requested, ids);
            assert.deepEqual(result.failedImageIds, []);
            assert.equal(result.requestIds.length, 1);
            assert.ok(ids.every((id) => emulator.state.getImage(id)?.imageStatus === 'DELETING'));
        });

        it('reports the IDs the API refused and deletes the rest', async () => {
            const inUse = emulator.state.images().find((image) => (image.inUseByInstanceIds ?? []).length > 0)!.imageId;
            const ids = [...deletable(2), inUse, 'img-unknown-0001'];
            const result = await client().deleteImages(ids);
            assert.deepEqual([...result.failedImageIds].sort(), [inUse, 'img-unknown-0001'].sort());
            assert.deepEqual([...result.refusedImageIds].sort(), [inUse, 'img-unknown-0001'].sort());
            assert.deepEqual(result.acceptedImageIds, ids.slice(0, 2));
            assert.deepEqual([result.notSentImageIds, result.unknownOutcomeImageIds, result.chunkErrors], [[], [], []]);
            assert.notEqual(emulator.state.getImage(inUse)?.imageStatus, 'DELETING');
            assert.ok(ids.slice(0, 2).every((id) => emulator.state.getImage(id)?.imageStatus === 'DELETING'));
        });

        it('reports every ID as failed when the API refuses them all', async () => {
            const result = await client().deleteImages(['img-unknown-1', 'img-unknown-2']);
            assert.deepEqual([...result.failedImageIds].sort(), ['img-unknown-1', 'img-unknown-2']);
            assert.equal(result.chunkErrors.length, 0);
        });

        it('removes duplicates and splits into calls of the configured size', async () => {
            const ids = deletable(5);
            const result = await client({ maxImageIdsPerDelete: 2 }).deleteImages([...ids, ids[0], ids[1]]);
            assert.deepEqual(result.requested, ids);
            assert.equal(actionsLogged('DeleteImages'), 3);
            assert.deepEqual(
                emulator.requestLog.map((entry) => (entry.body as { imageIds: string[] }).imageIds.length),
                [2, 2, 1],
            );
            assert.equal(result.requestIds.length, 3);
        });

        it('never retries a delete: a rate-limited chunk fails, and the other chunks still go', async () => {
            const ids = deletable(4);
            emulator.faults.failNext('rateLimit', 1, { action: 'DeleteImages' });
            const result = await client({ maxImageIdsPerDelete: 2 }).deleteImages(ids);
            assert.equal(actionsLogged('DeleteImages'), 2);
            assert.deepEqual(result.failedImageIds, ids.slice(0, 2));
            assert.equal(result.chunkErrors.length, 1);
            const error = result.chunkErrors[0].error;
            assert.ok(error instanceof ZenlayerApiError && error.isRateLimit);
            assert.match(error.requestId ?? '', /^T/);
            assert.equal(retryDelays.length, 0);
            assert.ok(ids.slice(2).every((id) => emulator.state.getImage(id)?.imageStatus === 'DELETING'));
        });

        it('refuses bad input before sending anything', async () => {
            const c = client();
            await assert.rejects(c.deleteImages([]), (error: unknown) => error instanceof ZenlayerInputError && /At least one image ID/.test(error.message));
            await assert.rejects(c.deleteImages(['img-1', '  ']), /Image ID #2 is blank/);
            await assert.rejects(c.deleteImages([' img-1']), /leading or trailing spaces/);
            await assert.rejects(c.deleteImages([42 as unknown as string]), /Image ID #1 is not a string/);
            assert.equal(emulator.requestLog.length, 0);
        });
    });

    describe('failures', () => {
        it('maps a proxy HTML 502 to a response error with the status, not a crash', async () => {
            emulator.faults.failNext('nonJson502', 1);
            const result = await client().deleteImages(['img-unknown-1']);
            const error = result.chunkErrors[0]?.error;
            assert.ok(error instanceof ZenlayerResponseError);
            assert.equal(error.status, 502);
            assert.match(error.message, /not JSON/);
        });

        it('maps a truncated body to a response error', async () => {
            emulator.faults.failNext('truncated', 10);
            await assert.rejects(client().describeZones(), (error: unknown) => error instanceof ZenlayerResponseError && error.status === 200);
        });

        it('maps a reset connection to a network error', async () => {
            emulator.faults.failNext('reset', 10);
            await assert.rejects(client().describeZones(), (error: unknown) => error instanceof ZenlayerNetworkError);
        });

        it('times out a request that gets no answer', async () => {
            emulator.faults.failNext('hang', 1);
            const started = Date.now();
            const result = await client({ timeoutMs: 300 }).deleteImages(['img-unknown-1']);
            const error = result.chunkErrors[0]?.error;
            assert.ok(error instanceof ZenlayerTimeoutError, String(error));
            assert.equal(error.timeoutMs, 300);
            assert.ok(Date.now() - started < 5000);
        });

        it('stops when the caller aborts, and sends no further delete chunks', async () => {
            emulator.faults.failNext('hang', 1);
            const controller = new AbortController();
            setTimeout(() => controller.abort(), 100);
            const result = await client({ maxImageIdsPerDelete: 1 }).deleteImages(['img-a', 'img-b'], { signal: controller.signal });
            assert.ok(result.chunkErrors.every((chunkError) => chunkError.error instanceof ZenlayerAbortError));
            assert.deepEqual(result.failedImageIds, ['img-a', 'img-b']);
            assert.deepEqual(result.unknownOutcomeImageIds, ['img-a'], 'the chunk on the wire when the caller aborted');
            assert.deepEqual(result.notSentImageIds, ['img-b']);
            assert.equal(actionsLogged('DeleteImages') <= 1, true);
            await assert.rejects(client().listCustomImages({}, { signal: AbortSignal.abort() }), ZenlayerAbortError);
        });

        it('reports rejected credentials as an auth failure with the API code', async () => {
            const wrong = client({ credentials: { accessKeyId: KEY.accessKeyId, accessKeyPassword: 'not-the-password' } });
            const error = await wrong.describeZones().then(
                () => undefined,
                (caught: unknown) => caught,
            );
            assert.ok(error instanceof ZenlayerApiError && error.isAuthFailure, String(error));
            assert.equal(error.code, 'AUTHFAILURE_SIGNATURE_FAILURE');
            assert.ok(!error.message.includes('not-the-password'));
            assert.equal(actionsLogged('DescribeZones'), 1, 'auth failures are not retried');
        });

        it('reports a skewed clock as an auth failure', async () => {
            const skewed = client({ now: () => Date.now() - 10 * 60 * 1000 });
            await assert.rejects(
                skewed.describeZones(),
                (error: unknown) => error instanceof ZenlayerApiError && error.isAuthFailure && error.isClockSkew && error.status === 401,
            );
            const wrongKey = client({ credentials: { accessKeyId: KEY.accessKeyId, accessKeyPassword: 'wrong' } });
            await assert.rejects(wrongKey.describeZones(), (error: unknown) => error instanceof ZenlayerApiError && !error.isClockSkew);
        });

        it('accepts a Bearer token instead of an access key', async () => {
            const zones = await client({ credentials: { token: 'zl-token-1' } }).describeZones();
            assert.ok(zones.length > 0);
            await assert.rejects(
                client({ credentials: { token: 'zl-token-wrong' } }).describeZones(),
                (error: unknown) => error instanceof ZenlayerApiError && error.isAuthFailure,
            );
        });

        it('never puts the secret or the signature in errors or call events', async () => {
            emulator.faults.failNext('internalError', 10);
            await client()
                .describeZones()
                .catch(() => undefined);
            emulator.faults.reset();
            await client().deleteImages(['img-unknown-1']);
            const text = JSON.stringify(events);
            assert.ok(events.length >= 5);
            assert.ok(!text.includes(KEY.accessKeyPassword));
            assert.ok(!/Signature=|Authorization/i.test(text));
            assert.ok(events.some((event) => event.action === 'DeleteImages' && event.failedImageIds?.includes('img-unknown-1')));
        });
    });
});

describe('ZenlayerClient without a server', () => {
    let closedPort: number;
    let holder: Server;

    before(async () => {
        // Take a free port, then release it, so nothing listens there.
        holder = createServer();
        await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
        closedPort = (holder.address() as { port: number }).port;
        await new Promise<void>((resolve) => holder.close(() => resolve()));
    });

    it('maps a refused connection to a network error naming the endpoint', async () => {
        const client = new ZenlayerClient({
            endpoint: `http://127.0.0.1:${closedPort}`,
            credentials: KEY,
            retryPolicy: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
        });
        try {
            const error = await client.describeZones().then(
                () => undefined,
                (caught: unknown) => caught,
            );
            assert.ok(error instanceof ZenlayerNetworkError);
            assert.equal(error.errorCode, 'ECONNREFUSED');
            assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${closedPort}`));
        } finally {
            await client.close();
        }
    });

    it('refuses plain http except on loopback, and endpoints with a path', () => {
        assert.throws(
            () => new ZenlayerClient({ endpoint: 'http://console.zenlayer.com', credentials: KEY }),
            (error: unknown) =>
                error instanceof ZenlayerInputError && error.problem.kind === 'endpointPlainHttp' && /only allowed for a loopback address/.test(error.message),
        );
        assert.throws(
            () => new ZenlayerClient({ endpoint: 'ftp://console.zenlayer.com', credentials: KEY }),
            (error: unknown) => error instanceof ZenlayerInputError && error.problem.kind === 'endpointScheme',
        );
        assert.throws(
            () => new ZenlayerClient({ endpoint: 'https://user:pw@console.zenlayer.com', credentials: KEY }),
            (error: unknown) => error instanceof ZenlayerInputError && error.problem.kind === 'endpointUserInfo' && !error.message.includes('pw@'),
        );
        // Passwords pasted into values that are not even URLs are not echoed either.
        for (const endpoint of ['user:s3cret@console.zenlayer.com', 'https://user:s3cret@[bad']) {
            assert.throws(
                () => new ZenlayerClient({ endpoint, credentials: KEY }),
                (error: unknown) =>
                    error instanceof ZenlayerInputError && !error.message.includes('s3cret') && !JSON.stringify(error.problem).includes('s3cret'),
            );
        }
        assert.throws(() => new ZenlayerClient({ endpoint: 'https://console.zenlayer.com/api', credentials: KEY }), /origin only/);
        assert.throws(() => new ZenlayerClient({ endpoint: 'console.zenlayer.com', credentials: KEY }), /not a valid URL/);
        assert.equal(new ZenlayerClient({ endpoint: 'https://console.zenlayer.com:443/', credentials: KEY }).endpoint, 'https://console.zenlayer.com');
    });

    it('refuses incomplete credentials and impossible options', () => {
        assert.throws(() => new ZenlayerClient({ credentials: { accessKeyId: ' ', accessKeyPassword: 'x' } }), /credentials are incomplete/);
        assert.throws(() => new ZenlayerClient({ credentials: { token: '' } }), /credentials are incomplete/);
        assert.throws(() => new ZenlayerClient({ credentials: KEY, pageSize: 5000 }), /pageSize must be a whole number from 1 to 1000/);
        assert.throws(
            () => new ZenlayerClient({ credentials: KEY, retryPolicy: { maxRetries: 11, baseDelayMs: 1, maxDelayMs: 1 } }),
            /retryPolicy.maxRetries must be a whole number from 0 to 10/,
        );
        assert.throws(() => new ZenlayerClient({ credentials: KEY, maxImageIdsPerDelete: 0 }), /maxImageIdsPerDelete/);
    });
});

describe('ZenlayerClient and the server clock', () => {
    /** Answers every request as the real service is reported to answer a skewed clock: like a wrong signature. */
    async function withSignatureFailureServer(use: (endpoint: string) => Promise<void>): Promise<void> {
        const server = createHttpServer((_request, response) => {
            response.statusCode = 401;
            response.setHeader('content-type', 'application/json');
            response.end(JSON.stringify({ requestId: 'T2', code: 'AUTHFAILURE_SIGNATURE_FAILURE', message: 'signature mismatch' }));
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        try {
            await use(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
        } finally {
            await new Promise<void>((resolve) => server.close(() => resolve()));
        }
    }

    async function failure(endpoint: string, now: () => number): Promise<ZenlayerApiError> {
        const client = new ZenlayerClient({ endpoint, credentials: KEY, now });
        try {
            const error = await client.describeZones().then(
                () => undefined,
                (caught: unknown) => caught,
            );
            assert.ok(error instanceof ZenlayerApiError);
            return error;
        } finally {
            await client.close();
        }
    }

    it('tells a skewed local clock from a wrong key by the server Date header', async () => {
        await withSignatureFailureServer(async (endpoint) => {
            const skewed = await failure(endpoint, () => Date.now() - 10 * 60 * 1000);
            assert.ok(skewed.isClockSkew, `offset ${skewed.clockOffsetSeconds}`);
            assert.ok((skewed.clockOffsetSeconds ?? 0) >= 590);
            const inTime = await failure(endpoint, Date.now);
            assert.ok(!inTime.isClockSkew, 'with a correct clock the same answer means the key is wrong');
        });
    });
});
