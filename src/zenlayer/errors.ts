/**
 * Typed failures of the Zenlayer client. Messages are English, for logs; they never contain credentials,
 * signatures or headers. The fields say what happened, so a UI can word it in the user's language. Input refused
 * before anything is sent: inputError.ts.
 */
export abstract class ZenlayerError extends Error {
    /** The API action the failure belongs to, e.g. `DeleteImages`. */
    abstract readonly action: string;
}

/** How far apart the clocks may be before a signed request is refused (TC3's window; Zenlayer documents none). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** The API answered with its error envelope `{requestId, code, message}`. */
export class ZenlayerApiError extends ZenlayerError {
    override readonly name = 'ZenlayerApiError';
    constructor(
        readonly action: string,
        readonly status: number,
        readonly code: string,
        readonly apiMessage: string,
        readonly requestId: string | undefined,
        /** Seconds the server asked us to wait (Retry-After), when it said. */
        readonly retryAfterSeconds?: number,
        /** Server clock minus ours, in seconds, from the response's Date header, when it had one. */
        readonly clockOffsetSeconds?: number,
    ) {
        super(`${action} failed: ${code} (HTTP ${status}): ${apiMessage}${requestId ? ` [requestId ${requestId}]` : ''}`);
    }

    /** The credentials or the clock are wrong; retrying the same request will not help. */
    get isAuthFailure(): boolean {
        return (
            this.status === 401 ||
            this.status === 403 ||
            this.code.startsWith('AUTHFAILURE') ||
            this.code.startsWith('INVALID_ACCESS_KEY') ||
            this.code.startsWith('INVALID_TOKEN')
        );
    }

    /**
     * An auth failure caused by the local clock, not by the key: re-entering the key will not help. The real service
     * is only known to answer a skewed clock with AUTHFAILURE_SIGNATURE_FAILURE, like a wrong key, so the server's
     * Date header decides; a code that names the timestamp is taken at its word.
     */
    get isClockSkew(): boolean {
        const offset = Math.abs(this.clockOffsetSeconds ?? 0);
        return this.isAuthFailure && (this.code.includes('TIMESTAMP') || offset > MAX_CLOCK_SKEW_SECONDS);
    }

    get isRateLimit(): boolean {
        return this.status === 429 || this.code === 'REQUEST_LIMIT_EXCEEDED';
    }
}

/**
 * Why an answer was not the JSON the API promises. `bodyTooLarge`: the body passed the client's `maxResponseBytes`
 * and the request was aborted there. `invalidField`: the JSON is an envelope, but one of its fields (named in
 * `field`: `totalCount`, `dataSet`, `imageIds`, `code`, …) is not what the API documents.
 */
export type ResponseProblem = 'notJson' | 'emptyBody' | 'notObject' | 'missingResponse' | 'missingCode' | 'unreadableBody' | 'bodyTooLarge' | 'invalidField';

function describeResponseProblem(reason: ResponseProblem, field: string | undefined, limitBytes: number | undefined): string {
    switch (reason) {
        case 'notJson':
            return 'the body is not JSON';
        case 'emptyBody':
            return 'the body is empty';
        case 'notObject':
            return 'the body is JSON but not an object';
        case 'missingResponse':
            return 'the body has no "response" object';
        case 'missingCode':
            return 'the error body has no "code"';
        case 'unreadableBody':
            return 'the body could not be read to the end';
        case 'bodyTooLarge':
            return `the body is larger than ${limitBytes ?? '?'} bytes (maxResponseBytes); it was not read further`;
        case 'invalidField':
            return `the field "${field ?? '?'}" is not what the API documents`;
    }
}

export interface ResponseErrorDetails {
    readonly excerpt?: string;
    readonly contentType?: string;
    readonly requestId?: string;
    readonly retryAfterSeconds?: number;
    /** With `invalidField`: which field, e.g. `totalCount`, `dataSet`, `imageIds`. */
    readonly field?: string;
    /** With `bodyTooLarge`: the cap that was passed, in bytes. */
    readonly limitBytes?: number;
    /** With `unreadableBody`: the system or undici error code of the broken read (ECONNRESET, UND_ERR_SOCKET…), when known. */
    readonly errorCode?: string;
}

/** The server answered, but not with the JSON the API promises (a proxy's HTML page, a truncated body). */
export class ZenlayerResponseError extends ZenlayerError {
    override readonly name = 'ZenlayerResponseError';
    readonly excerpt: string | undefined;
    readonly contentType: string | undefined;
    readonly requestId: string | undefined;
    readonly retryAfterSeconds: number | undefined;
    readonly field: string | undefined;
    readonly limitBytes: number | undefined;
    readonly errorCode: string | undefined;

    constructor(
        readonly action: string,
        readonly status: number,
        readonly reason: ResponseProblem,
        details: ResponseErrorDetails = {},
    ) {
        const contentType = details.contentType ? `, ${details.contentType}` : '';
        const excerpt = details.excerpt ? `: "${details.excerpt}"` : '';
        const requestId = details.requestId ? ` [requestId ${details.requestId}]` : '';
        super(
            `${action} failed: unexpected response (HTTP ${status}${contentType}): ` +
                `${describeResponseProblem(reason, details.field, details.limitBytes)}${excerpt}${requestId}`,
        );
        this.excerpt = details.excerpt;
        this.contentType = details.contentType;
        this.requestId = details.requestId;
        this.retryAfterSeconds = details.retryAfterSeconds;
        this.field = details.field;
        this.limitBytes = details.limitBytes;
        this.errorCode = details.errorCode;
    }
}

/** No answer: DNS, refused or reset connection, TLS failure, proxy failure. */
export class ZenlayerNetworkError extends ZenlayerError {
    override readonly name = 'ZenlayerNetworkError';
    constructor(
        readonly action: string,
        readonly endpoint: string,
        /** The system or undici error code (ECONNREFUSED, UND_ERR_SOCKET…), when known. */
        readonly errorCode: string | undefined,
        cause: unknown,
    ) {
        super(`${action} failed: cannot reach ${endpoint}${errorCode ? ` (${errorCode})` : ''}: ${cause instanceof Error ? cause.message : String(cause)}`, {
            cause,
        });
    }
}

/**
 * No (complete) answer in time. `limit` says which clock ran out: `request`, the per-request `timeoutMs`; or
 * `deadline`, the call's `deadlineMs` across retries (then `timeoutMs` is that deadline).
 */
export class ZenlayerTimeoutError extends ZenlayerError {
    override readonly name = 'ZenlayerTimeoutError';
    constructor(
        readonly action: string,
        readonly timeoutMs: number,
        readonly limit: 'request' | 'deadline' = 'request',
    ) {
        super(`${action} failed: no answer within ${timeoutMs} ms${limit === 'deadline' ? ' (the deadline of the call, retries included)' : ''}`);
    }
}

/** The client was closed: a call made afterwards, or one in flight when close() aborted it. Nothing more is sent. */
export class ZenlayerClosedError extends ZenlayerError {
    override readonly name = 'ZenlayerClosedError';
    constructor(readonly action: string) {
        super(`${action} was not completed: the client is closed`);
    }
}

/**
 * A listing that cannot be completed truthfully. `tooManyPages`: the server claims more than `maxListPages` pages
 * (checked before they are fetched). `incomplete`: the pages do not add up to what the server claims, even after
 * listing again (the server serves nothing while claiming more, or its pages keep disagreeing).
 */
export class ZenlayerListingError extends ZenlayerError {
    override readonly name = 'ZenlayerListingError';
    constructor(
        readonly action: string,
        readonly reason: 'tooManyPages' | 'incomplete',
        readonly details: {
            /** What the first page claimed. */
            readonly totalCount: number;
            /** The page size the listing used (the server's, when it serves fewer than asked). */
            readonly pageSize: number;
            /** With `tooManyPages`: pages the claim needs, and the limit. */
            readonly pagesNeeded?: number;
            readonly maxPages?: number;
            /** With `incomplete`: distinct items received in the last attempt. */
            readonly received?: number;
            readonly requestId?: string;
        },
    ) {
        const { totalCount, pageSize } = details;
        super(
            reason === 'tooManyPages'
                ? `${action} failed: the server claims ${totalCount} items, ${details.pagesNeeded ?? '?'} pages of ${pageSize}, ` +
                      `more than the ${details.maxPages ?? '?'} pages a listing may take (maxListPages)`
                : `${action} failed: the listing is incomplete: the server claims ${totalCount} items ` +
                      `but served ${details.received ?? '?'} distinct ones in pages of ${pageSize}`,
        );
    }
}

/**
 * A DeleteImages chunk that was not sent because an earlier chunk timed out or could not reach Zenlayer: the next
 * one would most likely fare the same, and the user should decide. `stoppedBy` is that earlier chunk's error.
 */
export class ZenlayerNotSentError extends ZenlayerError {
    override readonly name = 'ZenlayerNotSentError';
    constructor(
        readonly action: string,
        readonly stoppedBy: ZenlayerError,
    ) {
        super(`${action} not sent: an earlier request failed (${stoppedBy.message})`, { cause: stoppedBy });
    }
}

/** The caller aborted the request through its AbortSignal. */
export class ZenlayerAbortError extends ZenlayerError {
    override readonly name = 'ZenlayerAbortError';
    constructor(readonly action: string) {
        super(`${action} was cancelled`);
    }
}
