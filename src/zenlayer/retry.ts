import { ZenlayerApiError, ZenlayerNetworkError, ZenlayerResponseError } from './errors';

export interface RetryPolicy {
    /** Retries after the first attempt. */
    readonly maxRetries: number;
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

/** Connections that broke after they were made: the other side may have seen the request. */
const DROPPED_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);

function isDroppedConnection(error: unknown): boolean {
    return error instanceof ZenlayerNetworkError && error.errorCode !== undefined && DROPPED_CONNECTION_CODES.has(error.errorCode);
}

/**
 * No connection was ever made (refused, no such host, unreachable, connect timeout, a certificate refused): the
 * request cannot have been sent. Other network failures (a parse error of the answer, an unknown code) may come after.
 */
const NEVER_CONNECTED_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EAI_NONAME',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EHOSTDOWN',
    'ENETDOWN',
    'UND_ERR_CONNECT_TIMEOUT',
]);
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|^UNABLE_TO_|^ERR_TLS_|^ERR_SSL_/;

export function isNeverConnected(error: unknown): boolean {
    const code = error instanceof ZenlayerNetworkError ? error.errorCode : undefined;
    return code !== undefined && (NEVER_CONNECTED_CODES.has(code) || CERTIFICATE_CODE.test(code));
}

/**
 * Dropped connections, and a DNS answer that was only late, are worth another try. A refused connection, an unknown
 * host or a bad certificate will fail the same way again, so retrying them only delays the "cannot reach" message.
 */
function isTransientNetworkFailure(error: unknown): boolean {
    return isDroppedConnection(error) || (error instanceof ZenlayerNetworkError && error.errorCode === 'EAI_AGAIN');
}

/**
 * Rate limits, server errors and dropped connections are worth another try; client errors are not. A body that broke
 * off mid-way is a dropped connection too. A body over the size cap or a malformed field would only come again.
 */
export function isRetryable(error: unknown): boolean {
    if (error instanceof ZenlayerApiError) {
        return error.isRateLimit || error.status >= 500;
    }
    if (error instanceof ZenlayerResponseError) {
        if (error.reason === 'bodyTooLarge' || error.reason === 'invalidField') {
            return false;
        }
        return error.reason === 'unreadableBody' || error.status >= 500 || error.status === 429;
    }
    return isTransientNetworkFailure(error);
}

/**
 * Exponential backoff with half jitter, never shorter than what the server asked for in Retry-After. A hostile
 * Retry-After cannot park the client: the transport does not wait past the call's deadline, it fails at once.
 */
export function retryDelayMs(policy: RetryPolicy, retryNumber: number, error: unknown, random: () => number): number {
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retryNumber, 30));
    const jittered = Math.round(exponential / 2 + (Math.min(1, Math.max(0, random())) * exponential) / 2);
    const retryAfterSeconds = error instanceof ZenlayerApiError || error instanceof ZenlayerResponseError ? error.retryAfterSeconds : undefined;
    return Math.max(jittered, retryAfterSeconds === undefined ? 0 : retryAfterSeconds * 1000);
}

/** A sleep that ends early, with the signal's reason, when the caller aborts. */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
            return;
        }
        const onAbort = (): void => {
            clearTimeout(timer);
            reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
