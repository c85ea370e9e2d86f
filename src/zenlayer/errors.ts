/**
 * Typed failures of the Zenlayer client. Messages are English, for logs; they never contain credentials,
 * signatures or headers. The fields say what happened, so a UI can word it in the user's language.
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

/**
 * What was wrong with a filter value: the filter is not an object, a value has the wrong type, is blank, too long,
 * not one of the allowed values, has leading or trailing spaces, or a list has too many entries (`limit` says how
 * long or how many may be).
 */
export type FilterProblem = 'notObject' | 'wrongType' | 'blank' | 'tooLong' | 'notAllowed' | 'spaces' | 'tooMany';

/**
 * What was wrong with an input of an image action (a region list, an instance ID, tags): a FilterProblem, or a list
 * with no entries, an entry given twice, or a value that is not an ID (characters an ID never has).
 */
export type FieldProblem = FilterProblem | 'empty' | 'duplicate' | 'malformed';

/**
 * Why a text is not an image name Zenlayer accepts: 2–63 characters, ASCII letters, digits, `-`, `_`, `.`, starting
 * and ending with a letter or digit. `badCharacter`: a space, `/`, a non-ASCII letter or other punctuation.
 */
export type ImageNameProblem = 'notString' | 'tooShort' | 'tooLong' | 'badFirstCharacter' | 'badLastCharacter' | 'badCharacter';

/** What was wrong with input the client refused before sending anything. */
export type InputProblem =
    | { readonly kind: 'endpointNotUrl' | 'endpointScheme' | 'endpointPlainHttp' | 'endpointUserInfo' | 'endpointNotOrigin'; readonly endpoint: string }
    | { readonly kind: 'noImageIds' }
    | { readonly kind: 'imageIdNotString' | 'imageIdBlank' | 'imageIdSpaces'; readonly position: number }
    /** Contains spaces or control characters inside, or is longer than `maxLength`. */
    | { readonly kind: 'imageIdMalformed'; readonly position: number; readonly maxLength: number }
    | { readonly kind: 'credentialsIncomplete' }
    /** Holds characters an HTTP header cannot carry (spaces, control characters, non-ASCII), or is absurdly long. */
    | { readonly kind: 'credentialsMalformed'; readonly field: 'accessKeyId' | 'accessKeyPassword' | 'token' }
    | { readonly kind: 'optionOutOfRange'; readonly option: string; readonly min: number; readonly max: number }
    | { readonly kind: 'optionWrongType'; readonly option: string; readonly expected: ExpectedOptionType }
    /** `field` names the filter field, with the position for list entries: `imageIds[3]`, `tags[0].key`. */
    | { readonly kind: 'filterInvalid'; readonly field: string; readonly reason: FilterProblem; readonly limit?: number }
    | { readonly kind: 'imageNameInvalid'; readonly reason: ImageNameProblem }
    /** An input of an image action; `field` as for filters: `regionIds[1]`, `instanceId`, `tags[0].key`. */
    | { readonly kind: 'fieldInvalid'; readonly field: string; readonly reason: FieldProblem; readonly limit?: number };

function describeInputProblem(problem: InputProblem): string {
    switch (problem.kind) {
        case 'endpointNotUrl':
            return `The Zenlayer endpoint "${problem.endpoint}" is not a valid URL; expected something like https://console.zenlayer.com.`;
        case 'endpointScheme':
            return `The Zenlayer endpoint "${problem.endpoint}" must start with https://.`;
        case 'endpointPlainHttp':
            return (
                `The Zenlayer endpoint "${problem.endpoint}" uses plain http://, ` +
                `which is only allowed for a loopback address (127.0.0.1, localhost); use https://.`
            );
        case 'endpointUserInfo':
            return `The Zenlayer endpoint "${problem.endpoint}" must not contain a user name or password.`;
        case 'endpointNotOrigin':
            return `The Zenlayer endpoint "${problem.endpoint}" must be an origin only (no path, query or fragment); the client adds /api/v2/zec itself.`;
        case 'noImageIds':
            return 'At least one image ID is needed.';
        case 'imageIdNotString':
            return `Image ID #${problem.position} is not a string.`;
        case 'imageIdBlank':
            return `Image ID #${problem.position} is blank.`;
        case 'imageIdSpaces':
            return `Image ID #${problem.position} has leading or trailing spaces.`;
        case 'imageIdMalformed':
            return `Image ID #${problem.position} contains spaces or control characters, or is longer than ${problem.maxLength} characters.`;
        case 'credentialsIncomplete':
            return 'Zenlayer credentials are incomplete: an AccessKey ID and AccessKey Password, or a token, are required.';
        case 'credentialsMalformed':
            return `The Zenlayer ${problem.field} contains characters that cannot be sent (spaces, control characters or non-ASCII), or is too long.`;
        case 'optionOutOfRange':
            return `${problem.option} must be a whole number from ${problem.min} to ${problem.max}.`;
        case 'optionWrongType':
            return `${problem.option} must be ${describeExpected(problem.expected)}.`;
        case 'filterInvalid':
            return `Filter field ${problem.field}: ${describeFilterProblem(problem.reason, problem.limit)}.`;
        case 'imageNameInvalid':
            return (
                `The image name ${describeImageNameProblem(problem.reason)}; ` +
                'it must be 2 to 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit.'
            );
        case 'fieldInvalid':
            return `${problem.field}: ${describeFilterProblem(problem.reason, problem.limit)}.`;
    }
}

function describeImageNameProblem(reason: ImageNameProblem): string {
    switch (reason) {
        case 'notString':
            return 'is not a string';
        case 'tooShort':
            return 'is shorter than 2 characters';
        case 'tooLong':
            return 'is longer than 63 characters';
        case 'badFirstCharacter':
            return 'does not start with a letter or digit';
        case 'badLastCharacter':
            return 'does not end with a letter or digit';
        case 'badCharacter':
            return 'contains a character other than letters, digits, "-", "_" and "."';
    }
}

function describeFilterProblem(reason: FieldProblem, limit: number | undefined): string {
    switch (reason) {
        case 'empty':
            return 'needs at least one entry';
        case 'duplicate':
            return 'is given more than once';
        case 'malformed':
            return 'is not an ID (it holds characters an ID never has)';
        case 'notObject':
            return 'the filter must be an object';
        case 'wrongType':
            return 'wrong type';
        case 'blank':
            return 'must not be blank';
        case 'tooLong':
            return `longer than ${limit ?? '?'} characters`;
        case 'notAllowed':
            return 'not one of the allowed values';
        case 'spaces':
            return 'has leading or trailing spaces';
        case 'tooMany':
            return `more than ${limit ?? '?'} entries`;
    }
}

/** Bad input caught before anything was sent. */
export class ZenlayerInputError extends ZenlayerError {
    override readonly name = 'ZenlayerInputError';
    constructor(
        readonly action: string,
        readonly problem: InputProblem,
    ) {
        super(describeInputProblem(problem));
    }
}

type ExpectedOptionType = 'object' | 'function' | 'dispatcher' | 'AbortSignal';

function describeExpected(expected: ExpectedOptionType): string {
    switch (expected) {
        case 'object':
            return 'an object';
        case 'dispatcher':
            return 'an undici Dispatcher';
        default:
            return `a ${expected}`;
    }
}
