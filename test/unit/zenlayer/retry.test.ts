import * as assert from 'node:assert/strict';
import { abortableSleep, isRetryable, retryDelayMs } from '../../../src/zenlayer/retry';
import { ZenlayerApiError, ZenlayerNetworkError, ZenlayerResponseError, ZenlayerTimeoutError } from '../../../src/zenlayer/errors';
import { ZenlayerInputError } from '../../../src/zenlayer/inputError';

const policy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

describe('retry policy', () => {
    it('retries rate limits, server errors and dropped connections only', () => {
        assert.ok(isRetryable(new ZenlayerApiError('A', 429, 'REQUEST_LIMIT_EXCEEDED', 'slow down', 'T1')));
        assert.ok(isRetryable(new ZenlayerApiError('A', 400, 'REQUEST_LIMIT_EXCEEDED', 'slow down', 'T1')), 'the code alone marks a rate limit');
        assert.ok(isRetryable(new ZenlayerApiError('A', 503, 'SERVICE_TEMPORARY_UNAVAILABLE', '', 'T1')));
        assert.ok(isRetryable(new ZenlayerResponseError('A', 502, 'notJson', { excerpt: '<html>Bad Gateway</html>' })));
        assert.ok(isRetryable(new ZenlayerNetworkError('A', 'https://x', 'ECONNRESET', new Error('reset'))));
        assert.ok(isRetryable(new ZenlayerNetworkError('A', 'https://x', 'UND_ERR_SOCKET', new Error('other side closed'))));
        assert.ok(
            !isRetryable(new ZenlayerNetworkError('A', 'https://x', 'ECONNREFUSED', new Error('refused'))),
            'a refused connection fails the same way again',
        );
        assert.ok(!isRetryable(new ZenlayerNetworkError('A', 'https://x', 'ENOTFOUND', new Error('no such host'))));
        assert.ok(!isRetryable(new ZenlayerNetworkError('A', 'https://x', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', new Error('bad certificate'))));
        assert.ok(!isRetryable(new ZenlayerApiError('A', 401, 'AUTHFAILURE_SIGNATURE_FAILURE', '', 'T1')));
        assert.ok(!isRetryable(new ZenlayerApiError('A', 400, 'INVALID_PARAMETER', '', 'T1')));
        assert.ok(
            isRetryable(new ZenlayerResponseError('A', 200, 'unreadableBody', { errorCode: 'UND_ERR_SOCKET' })),
            'a body that broke off is a dropped connection',
        );
        assert.ok(!isRetryable(new ZenlayerResponseError('A', 200, 'bodyTooLarge', { limitBytes: 1024 })), 'a body over the cap would only come again');
        assert.ok(!isRetryable(new ZenlayerResponseError('A', 500, 'invalidField', { field: 'code' })));
        assert.ok(!isRetryable(new ZenlayerTimeoutError('A', 1000)));
        assert.ok(!isRetryable(new ZenlayerInputError('A', { kind: 'noImageIds' })));
    });

    it('backs off exponentially within jitter bounds and the cap', () => {
        const error = new ZenlayerNetworkError('A', 'https://x', 'ECONNRESET', new Error('reset'));
        for (const [retry, full] of [
            [0, 500],
            [1, 1000],
            [2, 2000],
            [5, 8000],
            [10, 8000],
        ] as const) {
            assert.equal(
                retryDelayMs(policy, retry, error, () => 0),
                full / 2,
            );
            assert.equal(
                retryDelayMs(policy, retry, error, () => 1),
                full,
            );
        }
    });

    it('waits at least as long as Retry-After asks (the transport decides against the deadline whether to wait at all)', () => {
        const asked = (seconds: number): ZenlayerApiError => new ZenlayerApiError('A', 429, 'REQUEST_LIMIT_EXCEEDED', '', 'T1', seconds);
        assert.equal(
            retryDelayMs(policy, 0, asked(3), () => 0),
            3000,
        );
        assert.equal(
            retryDelayMs(policy, 0, asked(3600), () => 0),
            3_600_000,
        );
        assert.equal(
            retryDelayMs(policy, 40, asked(0), () => 1),
            8000,
            'a huge retry number stays at the cap, never Infinity',
        );
        const proxyBusy = new ZenlayerResponseError('A', 503, 'notJson', { retryAfterSeconds: 5 });
        assert.equal(
            retryDelayMs(policy, 0, proxyBusy, () => 0),
            5000,
            'a non-JSON 503 with Retry-After is honoured too',
        );
    });

    it('sleeps until aborted', async () => {
        const controller = new AbortController();
        const sleeping = abortableSleep(60_000, controller.signal);
        controller.abort(new Error('user cancelled'));
        await assert.rejects(sleeping, /user cancelled/);
        await abortableSleep(1, undefined);
    });
});
