/**
 * Bodies and texts from a hostile server: a body is read up to maxResponseBytes and the request aborted there; error
 * texts, codes and request IDs are bounded and cleaned before they reach an error or the call log.
 */
import * as assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { type ApiCallEvent, ZenlayerApiError, ZenlayerResponseError } from '../../../src/zenlayer';
import { cleanText } from '../../../src/zenlayer/bounds';
import { errorOf, hasControlCharacters, type HostileServer, hostileServers, measure, pageOf, sendJson, sleep, stream, success } from './hostile-server';

const MiB = 2 ** 20;

/** Waits up to two seconds for `condition`: the server hears of an abort a moment after the client acts. */
async function eventually(condition: () => boolean, what: string): Promise<void> {
    for (let waited = 0; !condition(); waited += 20) {
        assert.ok(waited < 2000, what);
        await sleep(20);
    }
}

describe('response bodies from a hostile server', () => {
    const servers = hostileServers();
    let server: HostileServer | undefined;

    // Before: an endless body passed 3 GB of RSS in 4.5 s; with a 2 s timeout memory still reached 1.9 GB first.
    for (const timeoutMs of [30_000, 2_000]) {
        it(`aborts an endless body at the size cap (timeout ${timeoutMs / 1000} s), with memory bounded`, async () => {
            server = await servers.start(async (request, response) => {
                response.writeHead(200, { 'content-type': 'application/json' });
                response.write('{"requestId":"T-1","response":{"requestId":"T-1","totalCount":1,"dataSet":["');
                await stream(response, Buffer.alloc(64 * 1024, 'a'), Number.POSITIVE_INFINITY, request.gone);
            });
            const api = servers.client(server.url, { timeoutMs, maxResponseBytes: 8 * MiB });
            const measured = await measure(() => api.listCustomImages());
            const error = errorOf(measured);
            assert.ok(error instanceof ZenlayerResponseError, String(error));
            assert.equal(error.reason, 'bodyTooLarge');
            assert.equal(error.limitBytes, 8 * MiB);
            assert.equal(server.requests.length, 1, 'a body over the cap is not retried');
            assert.ok(measured.ms < 5000, `${measured.ms} ms`);
            assert.ok(measured.peakRssMiB < 200, `${measured.peakRssMiB} MiB`);
            await eventually(() => server?.abandoned() === 1, 'the download was aborted, not drained');
        });
    }

    // Before: a 500 MB body was read whole (1.5 GB) before "not JSON".
    it('refuses a body whose Content-Length passes the cap without reading it', async () => {
        server = await servers.start(async (request, response) => {
            response.writeHead(502, { 'content-type': 'text/html', 'content-length': String(500 * MiB) });
            await stream(response, Buffer.alloc(64 * 1024, '<'), 500 * MiB, request.gone);
        });
        const api = servers.client(server.url, { retryPolicy: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
        const measured = await measure(() => api.describeZones());
        const error = errorOf(measured);
        assert.ok(error instanceof ZenlayerResponseError && error.reason === 'bodyTooLarge' && error.status === 502, String(error));
        assert.equal(error.limitBytes, 16 * MiB, 'the default cap');
        assert.ok(measured.ms < 2000, `${measured.ms} ms`);
        assert.ok(measured.peakRssMiB < 100, `${measured.peakRssMiB} MiB`);
    });

    it('reads a 1,000-image page of realistic size under the default cap', async () => {
        const big = (n: number): Record<string, unknown> => ({
            imageId: `img-${n}`,
            imageName: 'n'.repeat(63),
            imageDescription: 'd'.repeat(255),
            regionIdList: ['asia-east-1', 'asia-southeast-1', 'na-west-1'],
            tags: { tags: Array.from({ length: 20 }, (_, t) => ({ key: `key-${t}`, value: 'v'.repeat(32) })) },
        });
        server = await servers.start((request, response) => success(response, { totalCount: 1000, dataSet: pageOf(request.body, 1000, big) }));
        const api = servers.client(server.url);
        assert.equal((await api.listCustomImages()).length, 1000);
    });

    // Before: a connection reset in the middle of a 200 body was not retried on reads.
    it('retries a read whose 200 body breaks off mid-way, like any reset', async () => {
        let calls = 0;
        server = await servers.start((_request, response) => {
            calls++;
            if (calls === 1) {
                response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
                response.write('{"requestId":"T-1","response":{"zoneSet":[');
                setTimeout(() => (response.socket as Socket).destroy(), 20);
                return;
            }
            success(response, { zoneSet: [{ zoneId: 'asia-east-1a', regionId: 'asia-east-1' }] });
        });
        const api = servers.client(server.url, { sleep: () => Promise.resolve() });
        const zones = await api.describeZones();
        assert.deepEqual(
            zones.map((zone) => zone.zoneId),
            ['asia-east-1a'],
        );
        assert.equal(calls, 2);
    });
});

describe('error texts from a hostile server', () => {
    const servers = hostileServers();
    let server: HostileServer | undefined;

    // Before: a 5 MB message with ANSI codes and CR/LF became a 5,343,990-character error and log line.
    it('cuts a 5 MB message with ANSI codes and CR/LF to one short printable line, in the error and the log', async () => {
        const message = `\u001b[2J\u001b[31mDenied\u001b[0m\r\n2026-01-01 INFO fake log line\u202e${'x'.repeat(5 * MiB)}`;
        server = await servers.start((_request, response) => sendJson(response, 403, { requestId: 'T-BIG', code: 'AUTHFAILURE_SIGNATURE_FAILURE', message }));
        const events: ApiCallEvent[] = [];
        const api = servers.client(server.url, { onApiCall: (event) => events.push(event) });
        const measured = await measure(() => api.describeZones());
        const error = errorOf(measured);
        assert.ok(error instanceof ZenlayerApiError, String(error));
        assert.ok(error.apiMessage.startsWith('Denied 2026-01-01 INFO fake log line'), error.apiMessage.slice(0, 60));
        assert.ok(error.apiMessage.length <= 501, `${error.apiMessage.length}`);
        assert.ok(error.message.length < 700, `${error.message.length}`);
        assert.ok(!hasControlCharacters(error.message) && !error.message.includes('\u202e'));
        assert.equal(error.requestId, 'T-BIG');
        assert.equal(events.length, 1);
        assert.ok((events[0].errorMessage ?? '').length < 700 && !hasControlCharacters(events[0].errorMessage ?? ''));
    });

    it('refuses a code that is not UPPER_SNAKE_CASE and drops a request ID that is not one', async () => {
        server = await servers.start((request, response) => {
            const code = request.body.pageNum === undefined ? 'INJECTED\r\nX-Evil: 1' : 'INVALID_PARAMETER';
            sendJson(response, 400, { requestId: `T-1\u001b[0m${'y'.repeat(1000)}`, code, message: 'no' });
        });
        const api = servers.client(server.url);
        const badCode = await api.describeZones().then(
            () => undefined,
            (caught: unknown) => caught,
        );
        assert.ok(badCode instanceof ZenlayerResponseError && badCode.reason === 'invalidField' && badCode.field === 'code', String(badCode));
        assert.ok(!hasControlCharacters(badCode.message));
        const badId = await api.listCustomImages().then(
            () => undefined,
            (caught: unknown) => caught,
        );
        assert.ok(badId instanceof ZenlayerApiError && badId.code === 'INVALID_PARAMETER', String(badId));
        assert.equal(badId.requestId, undefined);
    });

    it('keeps the excerpt of a non-JSON page short and printable', async () => {
        server = await servers.start((_request, response) => {
            response.writeHead(200, { 'content-type': 'text/html' });
            response.end(`<html>\u001b[5m${'<b>'.repeat(100_000)}</html>`);
        });
        const api = servers.client(server.url);
        const error = await api.describeZones().then(
            () => undefined,
            (caught: unknown) => caught,
        );
        assert.ok(error instanceof ZenlayerResponseError && error.reason === 'notJson', String(error));
        assert.ok((error.excerpt ?? '').length <= 121 && !hasControlCharacters(error.excerpt ?? ''));
    });

    it('cleanText: printable, single line, bounded, never half a surrogate pair', () => {
        assert.equal(cleanText('a\r\nb\tc\u0000d', 100), 'a b c d');
        assert.equal(cleanText('\u001b[1;31mred\u001b[0m', 100), 'red');
        assert.equal(cleanText('abcdef', 3), 'abc…');
        assert.equal(cleanText(`ab${'😀'}`, 3), 'ab…', 'the emoji would be cut in half');
        assert.equal(cleanText('  spaced   out  ', 100), 'spaced out');
    });
});
