import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { callEmulator, startEmulator } from '../index';
import type { CallOptions, CallResult, RunningEmulator } from '../index';

type Json = Record<string, unknown>;

describe('emulator fault injection', () => {
    let emu: RunningEmulator;
    let agent: Agent;
    const call = (options: CallOptions = {}): Promise<CallResult> => callEmulator(emu.url, { dispatcher: agent, action: 'DescribeZones', ...options });
    const codeOf = (result: CallResult): unknown => (result.json as Json | undefined)?.code;

    beforeEach(async () => {
        emu = await startEmulator({ deleteDelayMs: 50 });
        agent = new Agent();
    });
    afterEach(async () => {
        await agent.destroy();
        await emu.close();
    });

    it('rateLimitEvery(3): every third request gets 429 REQUEST_LIMIT_EXCEEDED, without Retry-After', async () => {
        emu.faults.rateLimitEvery(3);
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) {
            const result = await call();
            statuses.push(result.status);
            if (result.status === 429) {
                assert.equal(codeOf(result), 'REQUEST_LIMIT_EXCEEDED');
                assert.equal(result.headers['retry-after'], undefined);
                assert.deepEqual(Object.keys(result.json as Json).sort(), ['code', 'message', 'requestId']);
            }
        }
        assert.deepEqual(statuses, [200, 200, 429, 200, 200, 429, 200]);
        emu.faults.rateLimitEvery(0);
        assert.equal((await call()).status, 200);
    });

    it('failNext(rateLimit) answers 429 once (no Retry-After: the real service is not known to send one), then normally', async () => {
        emu.faults.failNext('rateLimit');
        const limited = await call();
        assert.equal(limited.status, 429);
        assert.equal(codeOf(limited), 'REQUEST_LIMIT_EXCEEDED');
        assert.equal(limited.headers['retry-after'], undefined);
        assert.equal((await call()).status, 200);
    });

    it('retryAfterSeconds adds Retry-After to injected 429s (failNext and rateLimitEvery), only to those', async () => {
        emu.faults.failNext('rateLimit', 2, { action: 'DescribeZones', retryAfterSeconds: 3 });
        emu.faults.failNext('rateLimit', 1, { retryAfterSeconds: 0 });
        emu.faults.failNext('rateLimit');
        const headers: (string | string[] | undefined)[] = [];
        for (let i = 0; i < 4; i++) {
            const result = await call();
            assert.equal(result.status, 429);
            headers.push(result.headers['retry-after']);
        }
        assert.deepEqual(headers, ['3', '3', '0', undefined]);
        emu.faults.rateLimitEvery(2, { retryAfterSeconds: 7 });
        assert.equal((await call()).status, 200);
        const limited = await call();
        assert.equal(limited.status, 429);
        assert.equal(limited.headers['retry-after'], '7');
        emu.faults.reset();
        emu.faults.rateLimitEvery(1);
        assert.equal((await call()).headers['retry-after'], undefined, 'reset() forgets the Retry-After');
        assert.throws(() => emu.faults.failNext('internalError', 1, { retryAfterSeconds: 1 }), /only applies to 'rateLimit'/);
        assert.throws(() => emu.faults.failNext('rateLimit', 1, { retryAfterSeconds: 1.5 }), /retryAfterSeconds/);
        assert.throws(() => emu.faults.rateLimitEvery(2, { retryAfterSeconds: -1 }), /retryAfterSeconds/);
    });

    it('failNext(internalError, 2) answers two 500 INTERNAL_SERVER_ERROR envelopes', async () => {
        emu.faults.failNext('internalError', 2);
        for (let i = 0; i < 2; i++) {
            const result = await call();
            assert.equal(result.status, 500);
            assert.equal(result.headers['content-type'], 'application/json');
            assert.equal(codeOf(result), 'INTERNAL_SERVER_ERROR');
            assert.match((result.json as Json).requestId as string, /^T[0-9A-F-]{36}$/);
        }
        assert.equal(emu.faults.pending, 0);
        assert.equal((await call()).status, 200);
    });

    it('failNext(reset) destroys the socket without an answer', async () => {
        emu.faults.failNext('reset');
        await assert.rejects(call(), (error: Error) => /socket|reset|closed|terminated/i.test(`${error.message} ${(error as { code?: string }).code ?? ''}`));
        assert.equal((await call()).status, 200);
        const entry = emu.requestLog[0];
        assert.equal(entry.fault, 'reset');
        assert.equal(entry.status, 0);
    });

    it('failNext(nonJson502) answers an HTML 502', async () => {
        emu.faults.failNext('nonJson502');
        const result = await call();
        assert.equal(result.status, 502);
        assert.equal(result.headers['content-type'], 'text/html');
        assert.equal(result.json, undefined);
        assert.match(result.text, /<html>.*502 Bad Gateway/s);
    });

    it('failNext(truncated) answers 200 with a cut-off JSON body', async () => {
        emu.faults.failNext('truncated');
        const result = await call();
        assert.equal(result.status, 200);
        assert.equal(result.headers['content-type'], 'application/json');
        assert.ok(result.text.startsWith('{"requestId":"T'));
        assert.throws(() => JSON.parse(result.text) as unknown, SyntaxError);
    });

    it('failNext(hang) never answers: the client times out, the next request is served', async () => {
        emu.faults.failNext('hang');
        const started = Date.now();
        await assert.rejects(call({ signal: AbortSignal.timeout(300) }), /abort|timeout/i);
        assert.ok(Date.now() - started >= 250);
        assert.equal((await call()).status, 200);
        assert.equal(emu.requestLog[0].fault, 'hang');
    });

    it('close() finishes promptly while a request hangs, and that request fails', async () => {
        emu.faults.failNext('hang');
        const pending = call().then(
            () => 'answered',
            () => 'failed',
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        const started = Date.now();
        await emu.close();
        assert.ok(Date.now() - started < 1000);
        assert.equal(await pending, 'failed');
    });

    it('failNext with an action only hits that action, and a faulted DeleteImages changes nothing', async () => {
        emu.faults.failNext('internalError', 1, { action: 'DeleteImages' });
        assert.equal((await call()).status, 200);
        const id = emu.state.findByName('web-frontend-2026-11')!.imageId;
        const faulted = await call({ action: 'DeleteImages', body: { imageIds: [id] } });
        assert.equal(faulted.status, 500);
        assert.equal(emu.state.getImage(id)?.imageStatus, 'AVAILABLE');
        const retried = await call({ action: 'DeleteImages', body: { imageIds: [id] } });
        assert.equal(retried.status, 200);
        assert.equal(emu.state.getImage(id)?.imageStatus, 'DELETING');
    });

    it('queues faults in order', async () => {
        emu.faults.failNext('rateLimit');
        emu.faults.failNext('nonJson502');
        assert.equal(emu.faults.pending, 2);
        assert.equal((await call()).status, 429);
        assert.equal((await call()).status, 502);
        assert.equal((await call()).status, 200);
    });

    it('setLatency delays every response; reset() clears faults and restores the start latency', async () => {
        emu.faults.setLatency(250);
        let started = Date.now();
        assert.equal((await call()).status, 200);
        assert.ok(Date.now() - started >= 240, `took ${Date.now() - started} ms`);
        emu.faults.failNext('internalError', 5);
        emu.faults.rateLimitEvery(1);
        emu.faults.reset();
        assert.equal(emu.faults.pending, 0);
        started = Date.now();
        assert.equal((await call()).status, 200);
        assert.ok(Date.now() - started < 200);
    });

    it('the latencyMs option applies from the start and to error answers too', async () => {
        const slow = await startEmulator({ latencyMs: 200 });
        try {
            const started = Date.now();
            const result = await callEmulator(slow.url, { dispatcher: agent, path: '/nope' });
            assert.equal(result.status, 404);
            assert.ok(Date.now() - started >= 190);
        } finally {
            await slow.close();
        }
    });

    it('rejects nonsense fault arguments', () => {
        assert.throws(() => emu.faults.failNext('explode' as 'hang'), RangeError);
        assert.throws(() => emu.faults.failNext('hang', 0), RangeError);
        assert.throws(() => emu.faults.rateLimitEvery(-1), RangeError);
        assert.throws(() => emu.faults.setLatency(-5), RangeError);
    });
});
