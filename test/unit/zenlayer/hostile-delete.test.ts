/**
 * DeleteImages against a hostile server fails closed: an image counts as deleted only on an answer that says so.
 * A silent server stops a chunked delete after one chunk; the rest is reported as not sent.
 */
import * as assert from 'node:assert/strict';
import {
    ZenlayerApiError,
    ZenlayerNetworkError,
    ZenlayerNotSentError,
    ZenlayerResponseError,
    ZenlayerTimeoutError,
    type ZenlayerWarning,
} from '../../../src/zenlayer';
import { type HostileServer, hostileServers, measure, sendJson, sleep, success, valueOf } from './hostile-server';

function ids(count: number, prefix = 'img'): string[] {
    return Array.from({ length: count }, (_, index) => `${prefix}-${index.toString().padStart(5, '0')}`);
}

describe('DeleteImages against a hostile server', () => {
    const servers = hostileServers();
    let server: HostileServer | undefined;

    // Before: an imageIds that is a string or an object counted every image as deleted.
    for (const [label, imageIds] of [
        ['a string', 'img-00000'],
        ['an object', { failed: [] }],
        ['missing', undefined],
        ['a list with a number', ['img-00000', 7]],
        ['null', null],
    ] as const) {
        it(`makes a chunk's outcome unknown when imageIds is ${label}, and counts nothing as deleted`, async () => {
            server = await servers.start((_request, response) => success(response, { imageIds }, 'T-ODD'));
            const api = servers.client(server.url, { maxImageIdsPerDelete: 2 });
            const report = await api.deleteImages(ids(3));
            assert.deepEqual(report.acceptedImageIds, []);
            assert.deepEqual(report.unknownOutcomeImageIds, ids(3));
            assert.deepEqual(report.failedImageIds, ids(3), 'failedImageIds still holds every ID not accepted');
            assert.deepEqual(report.notSentImageIds, [], 'the server answers, so the next chunk still goes');
            assert.equal(report.chunkErrors.length, 2);
            for (const chunkError of report.chunkErrors) {
                assert.equal(chunkError.outcome, 'unknownOutcome');
                assert.ok(
                    chunkError.error instanceof ZenlayerResponseError && chunkError.error.reason === 'invalidField' && chunkError.error.field === 'imageIds',
                );
                assert.equal(chunkError.error.requestId, 'T-ODD');
            }
            assert.deepEqual(report.requestIds, []);
        });
    }

    // Before: a requestId given only at the envelope's top level was lost.
    it('uses the top-level requestId when the inner one is missing', async () => {
        server = await servers.start((_request, response) => sendJson(response, 200, { requestId: 'T-OUTER', response: { imageIds: [] } }));
        const api = servers.client(server.url);
        const report = await api.deleteImages(['img-a']);
        assert.deepEqual(report.requestIds, ['T-OUTER']);
        assert.deepEqual(report.acceptedImageIds, ['img-a']);
    });

    it('ignores failed IDs that were not sent, and logs them once', async () => {
        const warnings: ZenlayerWarning[] = [];
        server = await servers.start((_request, response) => success(response, { imageIds: ['img-b', 'img-stranger', '', 'img-stranger', 'img-other'] }));
        const api = servers.client(server.url, { onWarning: (warning) => warnings.push(warning) });
        const report = await api.deleteImages(['img-a', 'img-b']);
        assert.deepEqual(report.acceptedImageIds, ['img-a']);
        assert.deepEqual(report.refusedImageIds, ['img-b']);
        assert.deepEqual(report.failedImageIds, ['img-b']);
        assert.equal(warnings.length, 1);
        assert.equal(warnings[0].kind, 'unexpectedIds');
        assert.equal(warnings[0].count, 3);
    });

    // Before: a silent server made a chunked delete of 10,000 IDs take about 50 minutes (100 chunks × 30 s).
    it('stops after a chunk that timed out: 10,000 IDs, one request, the rest reported as not sent', async () => {
        server = await servers.start(() => undefined);
        const api = servers.client(server.url, { timeoutMs: 300 });
        const measured = await measure(() => api.deleteImages(ids(10_000)));
        const report = valueOf(measured);
        assert.equal(server.requests.length, 1);
        assert.ok(measured.ms < 3000, `${measured.ms} ms`);
        assert.deepEqual(report.unknownOutcomeImageIds, ids(100), 'the chunk that timed out may or may not have been acted on');
        assert.deepEqual(report.notSentImageIds, ids(10_000).slice(100));
        assert.equal(report.failedImageIds.length, 10_000);
        assert.equal(report.chunkErrors.length, 100);
        const [first, second] = report.chunkErrors;
        assert.ok(first.error instanceof ZenlayerTimeoutError && first.outcome === 'unknownOutcome');
        assert.ok(second.error instanceof ZenlayerNotSentError && second.outcome === 'notSent');
        assert.equal(second.error.stoppedBy, first.error);
    });

    it('"Deleted 300, 700 not sent": three chunks go, the fourth cannot connect, Retry sends exactly the 700', async () => {
        let answered = 0;
        server = await servers.start((_request, response) => {
            answered++;
            if (answered === 3) {
                // The server goes away after this answer: its socket closes and new connections are refused.
                response.setHeader('connection', 'close');
                server?.refuseConnections();
            }
            success(response, { imageIds: [] }, `T-${answered}`);
        });
        const api = servers.client(server.url);
        const report = await api.deleteImages(ids(1000));
        assert.deepEqual(report.acceptedImageIds, ids(300));
        assert.deepEqual(report.requestIds, ['T-1', 'T-2', 'T-3']);
        assert.deepEqual(report.notSentImageIds, ids(1000).slice(300));
        assert.deepEqual(report.unknownOutcomeImageIds, []);
        const [unreachable, next] = report.chunkErrors;
        assert.ok(unreachable.error instanceof ZenlayerNetworkError && unreachable.error.errorCode === 'ECONNREFUSED', String(unreachable.error));
        assert.equal(unreachable.outcome, 'notSent');
        assert.ok(next.error instanceof ZenlayerNotSentError && next.error.stoppedBy === unreachable.error);
        assert.equal(server.requests.length, 3);
        // The server is back: a retry of what was not sent sends those 700 and nothing else.
        const again = await servers.start((_request, response) => success(response, { imageIds: [] }));
        const retryApi = servers.client(again.url);
        const retry = await retryApi.deleteImages(ids(1000).slice(300));
        assert.equal(retry.acceptedImageIds.length, 700);
        assert.deepEqual(
            again.requests.flatMap((request) => request.body.imageIds as string[]),
            ids(1000).slice(300),
        );
    });

    it('leaves the outcome of a chunk unknown when its connection drops after it was sent, and sends no more', async () => {
        let calls = 0;
        server = await servers.start((_request, response) => {
            calls++;
            if (calls === 2) {
                response.socket?.destroy();
                return;
            }
            success(response, { imageIds: [] });
        });
        const api = servers.client(server.url);
        const report = await api.deleteImages(ids(400));
        assert.deepEqual(report.acceptedImageIds, ids(100));
        assert.deepEqual(report.unknownOutcomeImageIds, ids(400).slice(100, 200));
        assert.deepEqual(report.notSentImageIds, ids(400).slice(200));
        assert.ok(report.chunkErrors[0].error instanceof ZenlayerNetworkError);
        assert.equal(server.requests.length, 2);
    });

    it('keeps sending after a chunk the API refused with an error envelope (the server is there and answering)', async () => {
        let calls = 0;
        server = await servers.start((_request, response) => {
            calls++;
            if (calls === 1) {
                sendJson(response, 400, { requestId: 'T-BAD', code: 'INVALID_PARAMETER', message: 'refused' });
                return;
            }
            success(response, { imageIds: [] });
        });
        const api = servers.client(server.url, { maxImageIdsPerDelete: 1 });
        const report = await api.deleteImages(['img-a', 'img-b']);
        assert.deepEqual(
            report.chunkErrors.map((entry) => entry.outcome),
            ['failed'],
        );
        assert.ok(report.chunkErrors[0].error instanceof ZenlayerApiError);
        assert.deepEqual(report.acceptedImageIds, ['img-b']);
        assert.deepEqual(report.notSentImageIds, []);
    });
});

describe('retries and deadlines against a hostile server', () => {
    const servers = hostileServers();
    let server: HostileServer | undefined;

    // Before: `Retry-After: 999999` made one call take 90 s.
    it("fails at once when Retry-After asks for more than the deadline, with the server's wait in the error", async () => {
        server = await servers.start((_request, response) =>
            sendJson(response, 429, { requestId: 'T-SLOW', code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }, { 'retry-after': '999999' }),
        );
        const api = servers.client(server.url);
        const measured = await measure(() => api.describeZones());
        const error = 'error' in measured.outcome ? measured.outcome.error : undefined;
        assert.ok(error instanceof ZenlayerApiError && error.isRateLimit, String(error));
        assert.equal(error.retryAfterSeconds, 999_999);
        assert.equal(server.requests.length, 1);
        assert.ok(measured.ms < 1000, `${measured.ms} ms`);
    });

    it('waits for a Retry-After that fits in the deadline', async () => {
        let calls = 0;
        server = await servers.start((_request, response) => {
            calls++;
            if (calls === 1) {
                sendJson(response, 429, { requestId: 'T-1', code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }, { 'retry-after': '1' });
                return;
            }
            success(response, { zoneSet: [] });
        });
        const api = servers.client(server.url, { deadlineMs: 5000 });
        const measured = await measure(() => api.describeZones());
        assert.deepEqual(valueOf(measured), []);
        assert.ok(measured.ms >= 990 && measured.ms < 4000, `${measured.ms} ms`);
    });

    it('keeps every call within its deadline across retries of a server that answers 500 slowly', async () => {
        server = await servers.start(async (request, response) => {
            await sleep(300, request.gone);
            if (!request.gone.aborted) {
                sendJson(response, 500, { requestId: 'T-500', code: 'INTERNAL_SERVER_ERROR', message: 'again' });
            }
        });
        const api = servers.client(server.url, { timeoutMs: 5000, deadlineMs: 1000, retryPolicy: { maxRetries: 10, baseDelayMs: 50, maxDelayMs: 100 } });
        const measured = await measure(() => api.describeZones());
        const error = 'error' in measured.outcome ? measured.outcome.error : undefined;
        assert.ok(error instanceof ZenlayerApiError || (error instanceof ZenlayerTimeoutError && error.limit === 'deadline'), String(error));
        assert.ok(measured.ms < 1500, `${measured.ms} ms`);
        assert.ok(server.requests.length <= 4, `${server.requests.length} requests`);
    });

    // Before: maxRetries NaN or Infinity retried without end (1,157 requests in 12 s); now such a policy is refused,
    // and the largest allowed one is bounded.
    it('bounds the retries of a server that always fails at the largest retry count allowed', async () => {
        server = await servers.start((_request, response) =>
            sendJson(response, 503, { requestId: 'T-503', code: 'SERVICE_TEMPORARY_UNAVAILABLE', message: 'down' }),
        );
        const api = servers.client(server.url, { retryPolicy: { maxRetries: 10, baseDelayMs: 0, maxDelayMs: 0 } });
        await assert.rejects(api.describeZones(), ZenlayerApiError);
        assert.equal(server.requests.length, 11);
    });
});
