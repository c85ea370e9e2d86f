import type { Dispatcher } from 'undici';
import { type CallResult, errorCodeOf, parseEnvelope, readBody } from './envelope';
import {
    ZenlayerAbortError,
    ZenlayerApiError,
    ZenlayerClosedError,
    ZenlayerError,
    ZenlayerNetworkError,
    ZenlayerResponseError,
    ZenlayerTimeoutError,
} from './errors';
import type { ValidatedOptions } from './options';
import { isRetryable, retryDelayMs } from './retry';
import { signZc2, ZC2_ALGORITHM } from './signer';
import type { ApiCallEvent } from './types';
import { Agent } from './undiciParts';
import { stringList } from './wire';

const ZEC_SERVICE = 'zec';
export const ZEC_API_VERSION = '2025-09-01';
const CONTENT_TYPE = 'application/json';
/** Matches the X-ZC-Request-Client charset the API accepts (letters, digits, `-_ ,;.`). */
const REQUEST_CLIENT = 'vscode-zenlayer-images';

/** What the transport needs of the client's validated options. */
export type TransportOptions = Pick<
    ValidatedOptions,
    'endpoint' | 'credentials' | 'dispatcher' | 'timeoutMs' | 'deadlineMs' | 'maxResponseBytes' | 'retryPolicy' | 'now' | 'random' | 'sleep' | 'onApiCall'
>;

export interface CallOptions {
    readonly signal?: AbortSignal;
    /** Only idempotent reads may be retried; a retried delete must be the user's choice. */
    readonly retry: boolean;
    /** The IDs the call is about: for the call log, and to log only failed IDs that were sent. */
    readonly imageIds?: readonly string[];
}

/** Which clock an attempt runs against: the request timeout, or what is left of the call's deadline. */
interface AttemptClock {
    readonly ms: number;
    readonly limit: 'request' | 'deadline';
}

const ZEC_PATH = `/api/v2/${ZEC_SERVICE}`;

/**
 * Signs, sends and unwraps one ZEC action: `POST {endpoint}/api/v2/zec` with the action in X-ZC-Action. Every call
 * has a deadline across its retries; every body is read up to a size cap; close() aborts whatever is in flight.
 */
export class ZecTransport {
    private readonly origin: string;
    private readonly host: string;
    private readonly ownAgent: Agent | undefined;
    private readonly dispatcher: Dispatcher;
    /** Aborted by close(): every request and retry wait listens to it. */
    private readonly lifetime = new AbortController();
    private closing: Promise<void> | undefined;

    constructor(private readonly options: TransportOptions) {
        const base = new URL(options.endpoint);
        this.origin = base.origin;
        // URL.host drops default ports, which is what HTTP stacks put in the Host header and what must be signed.
        this.host = base.host;
        this.ownAgent = options.dispatcher ? undefined : new Agent({ keepAliveTimeout: 30_000, connections: 8 });
        this.dispatcher = options.dispatcher ?? (this.ownAgent as Agent);
    }

    get closed(): boolean {
        return this.lifetime.signal.aborted;
    }

    async call(action: string, params: Record<string, unknown>, callOptions: CallOptions): Promise<CallResult> {
        if (this.closed) {
            throw new ZenlayerClosedError(action);
        }
        const body = JSON.stringify(params);
        const deadlineAt = performance.now() + this.options.deadlineMs;
        const maxRetries = callOptions.retry ? this.options.retryPolicy.maxRetries : 0;
        for (let attempt = 1; ; attempt++) {
            try {
                return await this.attempt(action, body, attempt, callOptions, this.clockFor(deadlineAt));
            } catch (error) {
                if (attempt > maxRetries || !isRetryable(error) || this.closed) {
                    throw error;
                }
                const delay = retryDelayMs(this.options.retryPolicy, attempt - 1, error, this.options.random);
                // No attempt would fit before the deadline: fail now, with what the server said (and the wait it asked for).
                if (delay >= deadlineAt - performance.now()) {
                    throw error;
                }
                await this.pause(action, delay, callOptions.signal);
            }
        }
    }

    /** Idempotent. Aborts every request in flight (they end with ZenlayerClosedError) and refuses new ones. */
    close(): Promise<void> {
        if (!this.closing) {
            this.lifetime.abort();
            // destroy, not close: close would wait for the requests just aborted to wind down.
            this.closing = this.ownAgent ? this.ownAgent.destroy().catch(() => undefined) : Promise.resolve();
        }
        return this.closing;
    }

    private clockFor(deadlineAt: number): AttemptClock {
        const remaining = Math.max(1, Math.floor(deadlineAt - performance.now()));
        return remaining < this.options.timeoutMs ? { ms: remaining, limit: 'deadline' } : { ms: this.options.timeoutMs, limit: 'request' };
    }

    private async pause(action: string, ms: number, callerSignal: AbortSignal | undefined): Promise<void> {
        const signal = callerSignal ? AbortSignal.any([callerSignal, this.lifetime.signal]) : this.lifetime.signal;
        try {
            await this.options.sleep(ms, signal);
        } catch {
            throw this.closed && !callerSignal?.aborted ? new ZenlayerClosedError(action) : new ZenlayerAbortError(action);
        }
        if (this.closed) {
            throw new ZenlayerClosedError(action);
        }
    }

    private async attempt(action: string, body: string, attempt: number, callOptions: CallOptions, clock: AttemptClock): Promise<CallResult> {
        const started = this.options.now();
        const report = (event: Omit<ApiCallEvent, 'action' | 'attempt' | 'durationMs' | 'imageIds'>): void => {
            this.options.onApiCall?.({ action, attempt, durationMs: this.options.now() - started, imageIds: callOptions.imageIds, ...event });
        };
        try {
            const result = await this.send(action, body, callOptions.signal, clock);
            report({
                outcome: 'ok',
                status: 200,
                requestId: result.requestId,
                failedImageIds: action === 'DeleteImages' ? sentAmong(result.response.imageIds, callOptions.imageIds) : undefined,
            });
            return result;
        } catch (error) {
            const zenlayerError = error as ZenlayerError;
            report({
                outcome: 'error',
                status: 'status' in zenlayerError ? (zenlayerError.status as number) : undefined,
                requestId: 'requestId' in zenlayerError ? (zenlayerError.requestId as string | undefined) : undefined,
                errorCode: zenlayerError instanceof ZenlayerApiError ? zenlayerError.code : zenlayerError.name,
                errorMessage: zenlayerError.message,
            });
            throw error;
        }
    }

    private headersFor(action: string, body: string): Record<string, string> {
        const headers: Record<string, string> = {
            'content-type': CONTENT_TYPE,
            'x-zc-action': action,
            'x-zc-version': ZEC_API_VERSION,
            'x-zc-service': ZEC_SERVICE,
            'x-zc-request-client': REQUEST_CLIENT,
        };
        const credentials = this.options.credentials;
        if ('token' in credentials) {
            headers.authorization = `Bearer ${credentials.token}`;
            return headers;
        }
        const timestamp = String(Math.floor(this.options.now() / 1000));
        const { authorization } = signZc2({ ...credentials, contentType: CONTENT_TYPE, host: this.host, body, timestamp });
        headers['x-zc-timestamp'] = timestamp;
        headers['x-zc-signature-method'] = ZC2_ALGORITHM;
        headers.authorization = authorization;
        return headers;
    }

    private async send(action: string, body: string, callerSignal: AbortSignal | undefined, clock: AttemptClock): Promise<CallResult> {
        if (callerSignal?.aborted) {
            throw new ZenlayerAbortError(action);
        }
        if (this.closed) {
            throw new ZenlayerClosedError(action);
        }
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), clock.ms);
        const signal = AbortSignal.any(callerSignal ? [callerSignal, this.lifetime.signal, timeout.signal] : [this.lifetime.signal, timeout.signal]);
        const fail = (error: unknown, status?: number): ZenlayerError => this.transportError(action, error, callerSignal, timeout.signal, clock, status);
        let response: Dispatcher.ResponseData;
        try {
            response = await this.dispatcher.request({
                origin: this.origin,
                path: ZEC_PATH,
                method: 'POST',
                headers: this.headersFor(action, body),
                body,
                signal,
            });
        } catch (error) {
            clearTimeout(timer);
            throw fail(error);
        }
        try {
            const text = await readBody(action, response, this.options.maxResponseBytes);
            return parseEnvelope(action, response.statusCode, response.headers, text, this.options.now());
        } catch (error) {
            throw error instanceof ZenlayerError ? error : fail(error, response.statusCode);
        } finally {
            clearTimeout(timer);
            // Stops the download of a body that was not read to the end (too large, or a parse that failed early).
            response.body.destroy();
        }
    }

    private transportError(
        action: string,
        error: unknown,
        callerSignal: AbortSignal | undefined,
        timeoutSignal: AbortSignal,
        clock: AttemptClock,
        status?: number,
    ): ZenlayerError {
        if (callerSignal?.aborted) {
            return new ZenlayerAbortError(action);
        }
        if (this.closed) {
            return new ZenlayerClosedError(action);
        }
        if (timeoutSignal.aborted) {
            return clock.limit === 'deadline'
                ? new ZenlayerTimeoutError(action, this.options.deadlineMs, 'deadline')
                : new ZenlayerTimeoutError(action, this.options.timeoutMs);
        }
        if (status !== undefined) {
            // Headers arrived but the body broke off mid-way.
            return new ZenlayerResponseError(action, status, 'unreadableBody', { errorCode: errorCodeOf(error) });
        }
        return new ZenlayerNetworkError(action, this.options.endpoint, errorCodeOf(error), error);
    }
}

/** The failed IDs of a DeleteImages answer that were sent, for the call log; undefined when the list is malformed. */
function sentAmong(failed: unknown, sent: readonly string[] | undefined): string[] | undefined {
    const list = stringList(failed);
    const asked = new Set(sent);
    return list?.filter((id) => asked.has(id));
}
