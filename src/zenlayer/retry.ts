import { ZenlayerApiError, ZenlayerNetworkError, ZenlayerResponseError } from './errors';

export interface RetryPolicy {
    /** Retries after the first attempt. */
    readonly maxRetries: number;
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Connections that broke after they were made, or a DNS answer that was only late. A refused connection, an unknown
 * host or a bad certificate will fail the same way again, so retrying them only delays the "cannot reach" message.
 */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'EAI_AGAIN']);

/** Rate limits, server errors and dropped connections are worth another try; client errors are not. */
export function isRetryable(error: unknown): boolean {
    if (error instanceof ZenlayerApiError) {
        return error.isRateLimit || error.status >= 500;
    }
    if (error instanceof ZenlayerResponseError) {
        return error.status >= 500 || error.status === 429;
    }
    return error instanceof ZenlayerNetworkError && error.errorCode !== undefined && TRANSIENT_NETWORK_CODES.has(error.errorCode);
}

/**
 * Exponential backoff with full jitter, never shorter than what the server asked for
 * in Retry-After (capped, so a hostile header cannot park the client).
 */
export function retryDelayMs(policy: RetryPolicy, retryNumber: number, error: unknown, random: () => number): number {
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryNumber);
    const jittered = Math.round(exponential / 2 + (random() * exponential) / 2);
    const retryAfterSeconds = error instanceof ZenlayerApiError || error instanceof ZenlayerResponseError ? error.retryAfterSeconds : undefined;
    const requested = retryAfterSeconds === undefined ? 0 : Math.min(retryAfterSeconds * 1000, 30_000);
    return Math.max(jittered, requested);
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
