/**
 * Typed failures of the Zenlayer client. Messages never contain credentials, signatures or headers:
 * they are shown to users and written to logs as they are.
 */
export abstract class ZenlayerError extends Error {
    /** The API action the failure belongs to, e.g. `DeleteImages`. */
    abstract readonly action: string;
}

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
    ) {
        super(`${action} failed: ${code} (HTTP ${status}): ${apiMessage}${requestId ? ` [requestId ${requestId}]` : ''}`);
    }

    /** The credentials or the clock are wrong; retrying the same request will not help. */
    get isAuthFailure(): boolean {
        return this.status === 401 || this.status === 403 || this.code.startsWith('AUTHFAILURE') || this.code.startsWith('INVALID_ACCESS_KEY') || this.code.startsWith('INVALID_TOKEN');
    }

    get isRateLimit(): boolean {
        return this.status === 429 || this.code === 'REQUEST_LIMIT_EXCEEDED';
    }
}

/** The server answered, but not with the JSON the API promises (a proxy's HTML page, a truncated body). */
export class ZenlayerResponseError extends ZenlayerError {
    override readonly name = 'ZenlayerResponseError';
    constructor(
        readonly action: string,
        readonly status: number,
        readonly detail: string,
        readonly requestId?: string,
    ) {
        super(`${action} failed: unexpected response (HTTP ${status}): ${detail}`);
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

/** Bad input caught before anything was sent. */
export class ZenlayerInputError extends ZenlayerError {
    override readonly name = 'ZenlayerInputError';
    constructor(
        readonly action: string,
        message: string,
    ) {
        super(message);
    }
}
