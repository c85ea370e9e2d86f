import { Agent, type Dispatcher, request } from 'undici';
import { ZenlayerAbortError, ZenlayerApiError, ZenlayerError, ZenlayerNetworkError, ZenlayerResponseError, ZenlayerTimeoutError } from './errors';
import { abortableSleep, DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, type RetryPolicy } from './retry';
import { signZc2, ZC2_ALGORITHM } from './signer';

const ZEC_SERVICE = 'zec';
export const ZEC_API_VERSION = '2025-09-01';
const CONTENT_TYPE = 'application/json';
/** Matches the X-ZC-Request-Client charset the API accepts (letters, digits, `-_ ,;.`). */
const REQUEST_CLIENT = 'vscode-zenlayer-images';

export type ZenlayerCredentials = { readonly accessKeyId: string; readonly accessKeyPassword: string } | { readonly token: string };

/** What one HTTP attempt did; handed to the caller's logger. Holds no secrets. */
export interface ApiCallEvent {
    readonly action: string;
    readonly durationMs: number;
    /** 1 for the first try, 2 for the first retry, … */
    readonly attempt: number;
    readonly status?: number;
    readonly requestId?: string;
    readonly outcome: 'ok' | 'error';
    readonly errorCode?: string;
    readonly errorMessage?: string;
    readonly imageIds?: readonly string[];
    readonly failedImageIds?: readonly string[];
}

export interface TransportOptions {
    readonly endpoint: string;
    readonly credentials: ZenlayerCredentials;
    readonly dispatcher?: Dispatcher;
    readonly timeoutMs: number;
    readonly retryPolicy: RetryPolicy;
    readonly now: () => number;
    readonly random: () => number;
    readonly sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
    readonly onApiCall?: (event: ApiCallEvent) => void;
}

export interface CallOptions {
    readonly signal?: AbortSignal;
    /** Only idempotent reads may be retried; a retried delete must be the user's choice. */
    readonly retry: boolean;
    /** For the call log only. */
    readonly imageIds?: readonly string[];
}

interface SuccessEnvelope {
    readonly requestId: string | undefined;
    readonly response: Record<string, unknown>;
}

/** Signs, sends and unwraps one ZEC action: `POST {endpoint}/api/v2/zec` with the action in X-ZC-Action. */
export class ZecTransport {
    private readonly url: string;
    private readonly host: string;
    private readonly ownAgent: Agent | undefined;
    private readonly dispatcher: Dispatcher;

    constructor(private readonly options: TransportOptions) {
        const base = new URL(options.endpoint);
        this.url = new URL(`/api/v2/${ZEC_SERVICE}`, base).toString();
        // URL.host drops default ports, which is what HTTP stacks put in the Host header and what must be signed.
        this.host = base.host;
        this.ownAgent = options.dispatcher ? undefined : new Agent({ keepAliveTimeout: 30_000, connections: 8 });
        this.dispatcher = options.dispatcher ?? (this.ownAgent as Agent);
    }

    async call(action: string, params: Record<string, unknown>, callOptions: CallOptions): Promise<Record<string, unknown>> {
        const maxRetries = callOptions.retry ? this.options.retryPolicy.maxRetries : 0;
        for (let attempt = 1; ; attempt++) {
            try {
                return await this.attempt(action, params, attempt, callOptions);
            } catch (error) {
                if (attempt > maxRetries || !isRetryable(error)) {
                    throw error;
                }
                const delay = retryDelayMs(this.options.retryPolicy, attempt - 1, error, this.options.random);
                try {
                    await this.options.sleep(delay, callOptions.signal);
                } catch {
                    throw new ZenlayerAbortError(action);
                }
            }
        }
    }

    async close(): Promise<void> {
        await this.ownAgent?.close();
    }

    private async attempt(action: string, params: Record<string, unknown>, attempt: number, callOptions: CallOptions): Promise<Record<string, unknown>> {
        const started = this.options.now();
        const report = (event: Omit<ApiCallEvent, 'action' | 'attempt' | 'durationMs' | 'imageIds'>): void => {
            this.options.onApiCall?.({ action, attempt, durationMs: this.options.now() - started, imageIds: callOptions.imageIds, ...event });
        };
        try {
            const envelope = await this.send(action, JSON.stringify(params), callOptions.signal);
            const failed = envelope.response.imageIds;
            report({ outcome: 'ok', status: 200, requestId: envelope.requestId, failedImageIds: action === 'DeleteImages' && Array.isArray(failed) ? (failed as string[]) : undefined });
            return envelope.response;
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

    private async send(action: string, body: string, signal: AbortSignal | undefined): Promise<SuccessEnvelope> {
        if (signal?.aborted) {
            throw new ZenlayerAbortError(action);
        }
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), this.options.timeoutMs);
        const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
        try {
            const response = await request(this.url, { method: 'POST', headers: this.headersFor(action, body), body, dispatcher: this.dispatcher, signal: combined });
            let text: string;
            try {
                text = await response.body.text();
            } catch (error) {
                throw this.transportError(action, error, signal, timeout.signal, response.statusCode);
            }
            return parseEnvelope(action, response.statusCode, response.headers, text, this.options.now());
        } catch (error) {
            if (error instanceof ZenlayerError) {
                throw error;
            }
            throw this.transportError(action, error, signal, timeout.signal);
        } finally {
            clearTimeout(timer);
        }
    }

    private transportError(action: string, error: unknown, callerSignal: AbortSignal | undefined, timeoutSignal: AbortSignal, status?: number): ZenlayerError {
        if (callerSignal?.aborted) {
            return new ZenlayerAbortError(action);
        }
        if (timeoutSignal.aborted) {
            return new ZenlayerTimeoutError(action, this.options.timeoutMs);
        }
        if (status !== undefined) {
            // Headers arrived but the body broke off mid-way.
            return new ZenlayerResponseError(action, status, 'unreadableBody');
        }
        return new ZenlayerNetworkError(action, this.options.endpoint, errorCodeOf(error), error);
    }
}

function errorCodeOf(error: unknown): string | undefined {
    const code = (error as { code?: unknown } | undefined)?.code ?? (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    return typeof code === 'string' ? code : undefined;
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}

/** A short, printable excerpt of a body that was not the JSON we expected. */
function excerpt(text: string): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Retry-After in seconds, from either of its forms (delta-seconds or an HTTP date). */
function retryAfterSeconds(headers: Record<string, string | string[] | undefined>, now: number): number | undefined {
    const value = headerValue(headers, 'retry-after')?.trim();
    if (!value) {
        return undefined;
    }
    if (/^\d+$/.test(value)) {
        return Number(value);
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function parseEnvelope(action: string, status: number, headers: Record<string, string | string[] | undefined>, text: string, now: number): SuccessEnvelope {
    const retryAfter = retryAfterSeconds(headers, now);
    const contentType = headerValue(headers, 'content-type');
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new ZenlayerResponseError(action, status, text.length === 0 ? 'emptyBody' : 'notJson', { excerpt: text.length === 0 ? undefined : excerpt(text), contentType, retryAfterSeconds: retryAfter });
    }
    if (!isObject(parsed)) {
        throw new ZenlayerResponseError(action, status, 'notObject', { excerpt: excerpt(text), contentType, retryAfterSeconds: retryAfter });
    }
    const requestId = typeof parsed.requestId === 'string' ? parsed.requestId : undefined;
    if (status === 200 && isObject(parsed.response)) {
        return { requestId, response: parsed.response };
    }
    if (typeof parsed.code === 'string') {
        const message = typeof parsed.message === 'string' ? parsed.message : '';
        const serverTime = Date.parse(headerValue(headers, 'date') ?? '');
        const clockOffset = Number.isNaN(serverTime) ? undefined : Math.round((serverTime - now) / 1000);
        throw new ZenlayerApiError(action, status, parsed.code, message, requestId, retryAfter, clockOffset);
    }
    throw new ZenlayerResponseError(action, status, status === 200 ? 'missingResponse' : 'missingCode', { excerpt: excerpt(text), contentType, requestId, retryAfterSeconds: retryAfter });
}

/** Defaults a client fills in when the caller does not care. */
export function defaultTransportHooks(): Pick<TransportOptions, 'now' | 'random' | 'sleep' | 'retryPolicy'> {
    return { now: Date.now, random: Math.random, sleep: abortableSleep, retryPolicy: DEFAULT_RETRY_POLICY };
}
