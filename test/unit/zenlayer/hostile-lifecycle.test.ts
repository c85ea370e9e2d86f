/** close() against a server that hangs: idempotent, immediate, and every later call is a typed "client closed". */
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { ZenlayerClosedError } from '../../../src/zenlayer';
import { type HostileServer, hostileServers, sleep, success } from './hostile-server';

describe('closing the client', () => {
    const servers = hostileServers();
    let server: HostileServer | undefined;

    // Before: close() waited for a hanging request (29.5 s), a second close() threw undici's ClientDestroyedError,
    // and a call after close read as "cannot reach".
    it('aborts a hanging request at once, can be called twice, and refuses later calls without sending', async () => {
        server = await servers.start(() => undefined);
        const api = servers.client(server.url);
        const hanging = api.describeZones().then(
            () => undefined,
            (caught: unknown) => caught,
        );
        await sleep(100);
        assert.equal(server.requests.length, 1);
        const started = performance.now();
        await api.close();
        const error = await hanging;
        assert.ok(performance.now() - started < 1000, `${performance.now() - started} ms`);
        assert.ok(error instanceof ZenlayerClosedError, String(error));
        assert.equal(error.action, 'DescribeZones');
        await api.close();
        assert.ok(api.closed);
        await assert.rejects(api.listCustomImages(), ZenlayerClosedError);
        await assert.rejects(api.describeImagesByIds(['img-a']), ZenlayerClosedError);
        const report = await api.deleteImages(['img-a', 'img-b']);
        assert.deepEqual(report.notSentImageIds, ['img-a', 'img-b']);
        assert.ok(report.chunkErrors[0].error instanceof ZenlayerClosedError);
        assert.equal(server.requests.length, 1, 'nothing is sent after close()');
    });

    it('stops a delete in flight: the chunk on the wire has an unknown outcome, the rest are not sent', async () => {
        server = await servers.start(() => undefined);
        const api = servers.client(server.url, { maxImageIdsPerDelete: 1 });
        const deleting = api.deleteImages(['img-a', 'img-b', 'img-c']);
        await sleep(100);
        await api.close();
        const report = await deleting;
        assert.deepEqual(report.unknownOutcomeImageIds, ['img-a']);
        assert.deepEqual(report.notSentImageIds, ['img-b', 'img-c']);
        assert.ok(report.chunkErrors.every((entry) => entry.error instanceof ZenlayerClosedError));
        assert.equal(server.requests.length, 1);
    });

    it('cuts short a retry wait when closed', async () => {
        let calls = 0;
        server = await servers.start((_request, response) => {
            calls++;
            response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '20' });
            response.end(JSON.stringify({ requestId: 'T-1', code: 'SERVICE_TEMPORARY_UNAVAILABLE', message: 'wait' }));
        });
        const api = servers.client(server.url, { deadlineMs: 60_000 });
        const waiting = api.describeZones().then(
            () => undefined,
            (caught: unknown) => caught,
        );
        await sleep(200);
        const started = performance.now();
        await api.close();
        assert.ok((await waiting) instanceof ZenlayerClosedError);
        assert.ok(performance.now() - started < 1000);
        assert.equal(calls, 1);
    });

    it('leaves a dispatcher it was given open (it belongs to the caller)', async () => {
        server = await servers.start((_request, response) => success(response, { zoneSet: [] }));
        const agent = new Agent();
        const api = servers.client(server.url, { dispatcher: agent });
        await api.describeZones();
        await api.close();
        const other = servers.client(server.url, { dispatcher: agent });
        assert.deepEqual(await other.describeZones(), []);
        await other.close();
        await agent.close();
    });
});
