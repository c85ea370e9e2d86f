import type { Dispatcher } from 'undici';
import { isObject } from './callInput';
import { DEFAULT_ENDPOINT, validateEndpoint } from './endpoint';
import { ZenlayerInputError } from './inputError';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import type { ApiCallEvent, ZenlayerCredentials, ZenlayerWarning } from './types';

/**
 * Checks the options a caller builds the client with, so bad input is a ZenlayerInputError and never a TypeError (the
 * inputs of each call: callInput.ts, filters.ts, imageInput.ts).
 */

export interface ZenlayerClientOptions {
    /** Origin of the API; default https://console.zenlayer.com. Plain http only for loopback. */
    readonly endpoint?: string;
    readonly credentials: ZenlayerCredentials;
    /** For proxies (ProxyAgent, EnvHttpProxyAgent); by default the client keeps its own keep-alive Agent. */
    readonly dispatcher?: Dispatcher;
    /** Per HTTP request; default 30 s, at most 2^31−1 ms (what a timer can hold). */
    readonly timeoutMs?: number;
    /** Per call, across its retries and their waits; default twice timeoutMs. A wait that would pass it fails at once. */
    readonly deadlineMs?: number;
    /** DeleteImages is split into calls of at most this many IDs; default 100, at most 1000. */
    readonly maxImageIdsPerDelete?: number;
    /** Page size of listings; the API allows at most 1000 (the default). */
    readonly pageSize?: number;
    /** How many listing pages may be in flight at once after the first; default 4, at most 16. */
    readonly listConcurrency?: number;
    /** Pages a listing may take before it fails with ZenlayerListingError `tooManyPages`; default enough for 1,000,000 items. */
    readonly maxListPages?: number;
    /** Largest response body read, in bytes; a longer one is aborted there. Default 16 MiB (a 1,000-image page is well under 2 MiB). */
    readonly maxResponseBytes?: number;
    readonly retryPolicy?: RetryPolicy;
    /** Injectable clock (ms since epoch) for signing timestamps and durations. */
    readonly now?: () => number;
    readonly random?: () => number;
    readonly sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
    /** Called after every HTTP attempt, for logging; receives no secrets. */
    readonly onApiCall?: (event: ApiCallEvent) => void;
    /** Called once per answer the client had to tidy up (items dropped, IDs nobody asked about); for the log. */
    readonly onWarning?: (warning: ZenlayerWarning) => void;
}

export interface RequestOptions {
    readonly signal?: AbortSignal;
}

/** setTimeout fires at once for anything longer (and warns), so no timeout may exceed it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
export const MAX_PAGE_SIZE = 1000;
/** Items the default page limit allows a listing. */
const DEFAULT_MAX_LISTED_ITEMS = 1_000_000;
const MAX_RETRIES = 10;
const MAX_ACCESS_KEY_ID_LENGTH = 256;
const MAX_SECRET_LENGTH = 4096;
/** Visible ASCII: what an Authorization header can carry without surprises. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export interface ValidatedOptions {
    readonly endpoint: string;
    readonly credentials: ZenlayerCredentials;
    readonly dispatcher: Dispatcher | undefined;
    readonly timeoutMs: number;
    readonly deadlineMs: number;
    readonly maxImageIdsPerDelete: number;
    readonly pageSize: number;
    readonly listConcurrency: number;
    readonly maxListPages: number;
    readonly maxResponseBytes: number;
    readonly retryPolicy: RetryPolicy;
    readonly now: () => number;
    readonly random: () => number;
    readonly sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
    readonly onApiCall: ((event: ApiCallEvent) => void) | undefined;
    readonly onWarning: ((warning: ZenlayerWarning) => void) | undefined;
}

function wholeNumber(option: string, value: unknown, fallback: number, min: number, max: number): number {
    if (value === undefined) {
        return fallback;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw new ZenlayerInputError('configuration', { kind: 'optionOutOfRange', option, min, max });
    }
    return value;
}

function optionalFunction<T>(option: string, value: unknown): T | undefined {
    if (value !== undefined && typeof value !== 'function') {
        throw new ZenlayerInputError('configuration', { kind: 'optionWrongType', option, expected: 'function' });
    }
    return value as T | undefined;
}

function validateCredentials(value: unknown): ZenlayerCredentials {
    const incomplete = (): never => {
        throw new ZenlayerInputError('configuration', { kind: 'credentialsIncomplete' });
    };
    const malformed = (field: 'accessKeyId' | 'accessKeyPassword' | 'token'): never => {
        throw new ZenlayerInputError('configuration', { kind: 'credentialsMalformed', field });
    };
    if (!isObject(value)) {
        return incomplete();
    }
    if ('token' in value) {
        const token = typeof value.token === 'string' ? value.token.trim() : incomplete();
        if (token === '') {
            incomplete();
        }
        return HEADER_SAFE.test(token) && token.length <= MAX_SECRET_LENGTH ? { token } : malformed('token');
    }
    const { accessKeyId, accessKeyPassword } = value;
    if (typeof accessKeyId !== 'string' || typeof accessKeyPassword !== 'string' || accessKeyId.trim() === '' || accessKeyPassword === '') {
        return incomplete();
    }
    const id = accessKeyId.trim();
    if (!HEADER_SAFE.test(id) || id.length > MAX_ACCESS_KEY_ID_LENGTH) {
        malformed('accessKeyId');
    }
    // The password never goes on the wire (it keys the HMAC), so any characters are fine; only its size is bounded.
    if (accessKeyPassword.length > MAX_SECRET_LENGTH) {
        malformed('accessKeyPassword');
    }
    return { accessKeyId: id, accessKeyPassword };
}

function validateRetryPolicy(value: unknown): RetryPolicy {
    if (value === undefined) {
        return DEFAULT_RETRY_POLICY;
    }
    if (!isObject(value)) {
        throw new ZenlayerInputError('configuration', { kind: 'optionWrongType', option: 'retryPolicy', expected: 'object' });
    }
    return {
        maxRetries: wholeNumber('retryPolicy.maxRetries', value.maxRetries, DEFAULT_RETRY_POLICY.maxRetries, 0, MAX_RETRIES),
        baseDelayMs: wholeNumber('retryPolicy.baseDelayMs', value.baseDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs, 0, MAX_TIMER_MS),
        maxDelayMs: wholeNumber('retryPolicy.maxDelayMs', value.maxDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs, 0, MAX_TIMER_MS),
    };
}

function validateDispatcher(value: unknown): Dispatcher | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== 'object' || value === null || typeof (value as { request?: unknown }).request !== 'function') {
        throw new ZenlayerInputError('configuration', { kind: 'optionWrongType', option: 'dispatcher', expected: 'dispatcher' });
    }
    return value as Dispatcher;
}

export function validateClientOptions(options: ZenlayerClientOptions): ValidatedOptions {
    if (!isObject(options)) {
        throw new ZenlayerInputError('configuration', { kind: 'optionWrongType', option: 'options', expected: 'object' });
    }
    const endpoint = validateEndpoint(options.endpoint ?? DEFAULT_ENDPOINT);
    const credentials = validateCredentials(options.credentials);
    const timeoutMs = wholeNumber('timeoutMs', options.timeoutMs, 30_000, 1, MAX_TIMER_MS);
    const pageSize = wholeNumber('pageSize', options.pageSize, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    return {
        endpoint,
        credentials,
        dispatcher: validateDispatcher(options.dispatcher),
        timeoutMs,
        deadlineMs: wholeNumber('deadlineMs', options.deadlineMs, Math.min(MAX_TIMER_MS, 2 * timeoutMs), 1, MAX_TIMER_MS),
        maxImageIdsPerDelete: wholeNumber('maxImageIdsPerDelete', options.maxImageIdsPerDelete, 100, 1, 1000),
        pageSize,
        listConcurrency: wholeNumber('listConcurrency', options.listConcurrency, 4, 1, 16),
        maxListPages: wholeNumber('maxListPages', options.maxListPages, Math.ceil(DEFAULT_MAX_LISTED_ITEMS / pageSize), 1, DEFAULT_MAX_LISTED_ITEMS),
        maxResponseBytes: wholeNumber('maxResponseBytes', options.maxResponseBytes, 16 * 2 ** 20, 1024, 2 ** 30),
        retryPolicy: validateRetryPolicy(options.retryPolicy),
        now: optionalFunction<() => number>('now', options.now) ?? Date.now,
        random: optionalFunction<() => number>('random', options.random) ?? Math.random,
        sleep: optionalFunction<ValidatedOptions['sleep']>('sleep', options.sleep) ?? abortableSleep,
        onApiCall: optionalFunction('onApiCall', options.onApiCall),
        onWarning: optionalFunction('onWarning', options.onWarning),
    };
}
