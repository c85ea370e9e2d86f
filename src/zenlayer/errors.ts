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
        return this.status === 401 || this.status === 403 || this.code.startsWith('AUTHFAILURE') || this.code.startsWith('INVALID_ACCESS_KEY') || this.code.startsWith('INVALID_TOKEN');
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

/** Why an answer was not the JSON the API promises. */
export type ResponseProblem = 'notJson' | 'emptyBody' | 'notObject' | 'missingResponse' | 'missingCode' | 'unreadableBody';

const RESPONSE_PROBLEM_TEXT: Record<ResponseProblem, string> = {
    notJson: 'the body is not JSON',
    emptyBody: 'the body is empty',
    notObject: 'the body is JSON but not an object',
    missingResponse: 'the body has no "response" object',
    missingCode: 'the error body has no "code"',
    unreadableBody: 'the body could not be read to the end',
};

/** The server answered, but not with the JSON the API promises (a proxy's HTML page, a truncated body). */
export class ZenlayerResponseError extends ZenlayerError {
    override readonly name = 'ZenlayerResponseError';
    readonly excerpt: string | undefined;
    readonly contentType: string | undefined;
    readonly requestId: string | undefined;
    readonly retryAfterSeconds: number | undefined;

    constructor(
        readonly action: string,
        readonly status: number,
        readonly reason: ResponseProblem,
        details: { excerpt?: string; contentType?: string; requestId?: string; retryAfterSeconds?: number } = {},
    ) {
        super(`${action} failed: unexpected response (HTTP ${status}${details.contentType ? `, ${details.contentType}` : ''}): ${RESPONSE_PROBLEM_TEXT[reason]}${details.excerpt ? `: "${details.excerpt}"` : ''}`);
        this.excerpt = details.excerpt;
        this.contentType = details.contentType;
        this.requestId = details.requestId;
        this.retryAfterSeconds = details.retryAfterSeconds;
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
        super(`${action} failed: cannot reach ${endpoint}${errorCode ? ` (${errorCode})` : ''}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
}

/** The request took longer than the configured timeout. */
export class ZenlayerTimeoutError extends ZenlayerError {
    override readonly name = 'ZenlayerTimeoutError';
    constructor(
        readonly action: string,
        readonly timeoutMs: number,
    ) {
        super(`${action} failed: no answer within ${timeoutMs} ms`);
    }
}

/** The caller aborted the request through its AbortSignal. */
export class ZenlayerAbortError extends ZenlayerError {
    override readonly name = 'ZenlayerAbortError';
    constructor(readonly action: string) {
        super(`${action} was cancelled`);
    }
}

/** What was wrong with input the client refused before sending anything. */
export type InputProblem =
    | { readonly kind: 'endpointNotUrl' | 'endpointScheme' | 'endpointPlainHttp' | 'endpointUserInfo' | 'endpointNotOrigin'; readonly endpoint: string }
    | { readonly kind: 'noImageIds' }
    | { readonly kind: 'imageIdNotString' | 'imageIdBlank' | 'imageIdSpaces'; readonly position: number }
    | { readonly kind: 'credentialsIncomplete' }
    | { readonly kind: 'optionOutOfRange'; readonly option: string; readonly max: number };

function describeInputProblem(problem: InputProblem): string {
    switch (problem.kind) {
        case 'endpointNotUrl':
            return `The Zenlayer endpoint "${problem.endpoint}" is not a valid URL; expected something like https://console.zenlayer.com.`;
        case 'endpointScheme':
            return `The Zenlayer endpoint "${problem.endpoint}" must use https://.`;
        case 'endpointPlainHttp':
            return `The Zenlayer endpoint "${problem.endpoint}" uses plain http://, which is only allowed for a loopback address (127.0.0.1, localhost); use https://.`;
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
        case 'credentialsIncomplete':
            return 'Zenlayer credentials are incomplete: an AccessKey ID and AccessKey Password, or a token, are required.';
        case 'optionOutOfRange':
            return `${problem.option} must be a whole number from 1 to ${problem.max}.`;
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
