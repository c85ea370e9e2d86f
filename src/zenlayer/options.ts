import type { Dispatcher } from 'undici';
import { MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_TAG_TEXT_LENGTH } from './bounds';
import { DEFAULT_ENDPOINT, validateEndpoint } from './endpoint';
import { type FilterProblem, ZenlayerInputError } from './errors';
import { abortableSleep, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import {
    type ApiCallEvent,
    type CustomImageFilter,
    IMAGE_STATUSES,
    INSTANCE_STATUSES,
    type InstanceFilter,
    OS_TYPES,
    type ZenlayerCredentials,
    type ZenlayerWarning,
} from './types';

/** Checks everything a caller hands the client, so bad input is a ZenlayerInputError and never a TypeError. */

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
/** Zenlayer's ID filters take at most 100 IDs (DescribeInstances documents it; the image filters are treated alike). */
export const MAX_IDS_PER_FILTER = 100;
/** DescribeInstances and the image listings take at most 20 tag keys and 20 tags. */
const MAX_TAG_FILTERS = 20;
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

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/** The caller's AbortSignal, if any; anything else in its place is refused. */
export function requestSignal(action: string, options: unknown): AbortSignal | undefined {
    if (options === undefined) {
        return undefined;
    }
    if (!isObject(options)) {
        throw new ZenlayerInputError(action, { kind: 'optionWrongType', option: 'options', expected: 'object' });
    }
    if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
        throw new ZenlayerInputError(action, { kind: 'optionWrongType', option: 'options.signal', expected: 'AbortSignal' });
    }
    return options.signal;
}

/** Validates image IDs the way a user would want to hear about it, and drops duplicates. */
export function distinctImageIds(action: string, imageIds: unknown): string[] {
    if (!Array.isArray(imageIds) || imageIds.length === 0) {
        throw new ZenlayerInputError(action, { kind: 'noImageIds' });
    }
    imageIds.forEach((id: unknown, index) => {
        const position = index + 1;
        if (typeof id !== 'string') {
            throw new ZenlayerInputError(action, { kind: 'imageIdNotString', position });
        }
        if (id.trim() === '') {
            throw new ZenlayerInputError(action, { kind: 'imageIdBlank', position });
        }
        if (id.trim() !== id) {
            throw new ZenlayerInputError(action, { kind: 'imageIdSpaces', position });
        }
        // eslint-disable-next-line no-control-regex -- control characters are what is refused
        if (id.length > MAX_ID_LENGTH || /[\s\u0000-\u001f\u007f-\u009f]/.test(id)) {
            throw new ZenlayerInputError(action, { kind: 'imageIdMalformed', position, maxLength: MAX_ID_LENGTH });
        }
    });
    return [...new Set(imageIds as string[])];
}

/** Builds the request fields of a filter, refusing anything of the wrong shape. */
class FilterReader {
    readonly params: Record<string, unknown> = {};
    private readonly fields: Record<string, unknown>;

    constructor(
        private readonly action: string,
        filter: unknown,
    ) {
        if (!isObject(filter)) {
            this.fail('filter', 'notObject');
        }
        this.fields = filter;
    }

    fail(field: string, reason: FilterProblem, limit?: number): never {
        throw new ZenlayerInputError(this.action, { kind: 'filterInvalid', field, reason, ...(limit === undefined ? {} : { limit }) });
    }

    /** A trimmed string, sent as `wireName`; blank means no filter. */
    text(field: string, maxLength: number, wireName = field): void {
        const value = this.fields[field];
        if (value === undefined || value === null) {
            return;
        }
        if (typeof value !== 'string') {
            this.fail(field, 'wrongType');
        }
        const trimmed = value.trim();
        if (trimmed.length > maxLength) {
            this.fail(field, 'tooLong', maxLength);
        }
        if (trimmed !== '') {
            this.params[wireName] = trimmed;
        }
    }

    oneOf(field: string, allowed: readonly string[], wireName = field): void {
        const value = this.fields[field];
        if (value === undefined || value === null || value === '') {
            return;
        }
        if (typeof value !== 'string' || !allowed.includes(value)) {
            this.fail(field, typeof value === 'string' ? 'notAllowed' : 'wrongType');
        }
        this.params[wireName] = value;
    }

    private list(field: string, max: number): unknown[] | undefined {
        const value = this.fields[field];
        if (value === undefined || value === null) {
            return undefined;
        }
        if (!Array.isArray(value)) {
            this.fail(field, 'wrongType');
        }
        if (value.length > max) {
            this.fail(field, 'tooMany', max);
        }
        // An empty list would mean "match nothing" to some servers and "no filter" to others; send none.
        return value.length > 0 ? value : undefined;
    }

    private entry(field: string, value: unknown, maxLength: number): string {
        if (typeof value !== 'string') {
            this.fail(field, 'wrongType');
        }
        if (value.trim() === '') {
            this.fail(field, 'blank');
        }
        if (value.trim() !== value) {
            this.fail(field, 'spaces');
        }
        if (value.length > maxLength) {
            this.fail(field, 'tooLong', maxLength);
        }
        return value;
    }

    ids(field: string): void {
        const list = this.list(field, MAX_IDS_PER_FILTER);
        if (list) {
            this.params[field] = [...new Set(list.map((id, index) => this.entry(`${field}[${index}]`, id, MAX_ID_LENGTH)))];
        }
    }

    tagKeys(): void {
        const list = this.list('tagKeys', MAX_TAG_FILTERS);
        if (list) {
            this.params.tagKeys = list.map((key, index) => this.entry(`tagKeys[${index}]`, key, MAX_TAG_TEXT_LENGTH));
        }
    }

    tags(): void {
        const list = this.list('tags', MAX_TAG_FILTERS);
        if (list) {
            this.params.tags = list.map((tag, index) => {
                if (!isObject(tag)) {
                    this.fail(`tags[${index}]`, 'wrongType');
                }
                return {
                    key: this.entry(`tags[${index}].key`, tag.key, MAX_TAG_TEXT_LENGTH),
                    value: this.entry(`tags[${index}].value`, tag.value, MAX_TAG_TEXT_LENGTH),
                };
            });
        }
    }
}

/** DescribeCustomImages request fields of a filter. */
export function imageFilterParams(action: string, filter: CustomImageFilter | undefined): Record<string, unknown> {
    const reader = new FilterReader(action, filter === undefined ? {} : filter);
    reader.text('name', MAX_NAME_LENGTH, 'imageName');
    reader.oneOf('status', IMAGE_STATUSES, 'imageStatus');
    reader.oneOf('osType', OS_TYPES);
    reader.text('regionId', MAX_ID_LENGTH);
    reader.text('category', MAX_NAME_LENGTH);
    reader.text('resourceGroupId', MAX_ID_LENGTH);
    reader.ids('imageIds');
    return reader.params;
}

/** DescribeInstances request fields of a filter (an IPv6 address is at most 45 characters). */
export function instanceFilterParams(action: string, filter: InstanceFilter | undefined): Record<string, unknown> {
    const reader = new FilterReader(action, filter === undefined ? {} : filter);
    reader.ids('instanceIds');
    reader.text('zoneId', MAX_ID_LENGTH);
    reader.text('imageId', MAX_ID_LENGTH);
    reader.text('ipv4Address', 64);
    reader.text('ipv6Address', 64);
    reader.oneOf('status', INSTANCE_STATUSES);
    reader.text('name', MAX_NAME_LENGTH);
    reader.text('resourceGroupId', MAX_ID_LENGTH);
    reader.tagKeys();
    reader.tags();
    return reader.params;
}
