/**
 * Error codes the emulator answers with. Only REQUEST_LIMIT_EXCEEDED (429), AUTHFAILURE_SIGNATURE_FAILURE,
 * INVALID_ZONE_NOT_FOUND and INVALID_IMAGE_NOT_FOUND are attested for the real service (SDKs, Terraform provider, docs);
 * the others are emulator choices in the same UPPER_SNAKE_CASE style. README.md has the full table.
 */
export const ERROR_CODES = {
    notFound: 'NOT_FOUND',
    methodNotAllowed: 'METHOD_NOT_ALLOWED',
    unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
    payloadTooLarge: 'REQUEST_ENTITY_TOO_LARGE',
    invalidAction: 'INVALID_ACTION',
    invalidVersion: 'INVALID_VERSION',
    missingAuthorization: 'AUTHFAILURE_MISSING_AUTHORIZATION',
    invalidAuthorization: 'AUTHFAILURE_INVALID_AUTHORIZATION',
    invalidAccessKey: 'AUTHFAILURE_INVALID_ACCESS_KEY',
    /** Emulator choice, unattested; only used when `clockSkewCode` is set to it. */
    timestampExpired: 'AUTHFAILURE_TIMESTAMP_EXPIRED',
    signatureFailure: 'AUTHFAILURE_SIGNATURE_FAILURE',
    invalidToken: 'AUTHFAILURE_INVALID_TOKEN',
    invalidParameter: 'INVALID_PARAMETER',
    missingParameter: 'MISSING_PARAMETER',
    zoneNotFound: 'INVALID_ZONE_NOT_FOUND',
    imageNotFound: 'INVALID_IMAGE_NOT_FOUND',
    rateLimit: 'REQUEST_LIMIT_EXCEEDED',
    internalError: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/**
 * What a correctly signed request with a skewed X-ZC-Timestamp gets by default. The CLI's guide says a skewed clock
 * produces AUTHFAILURE_SIGNATURE_FAILURE; no separate code is attested.
 */
export const DEFAULT_CLOCK_SKEW_CODE: string = ERROR_CODES.signatureFailure;

/** Thrown inside the request pipeline; the server turns it into the `{requestId, code, message}` envelope. */
export class ApiFailure extends Error {
    constructor(
        readonly status: number,
        /** An ErrorCode, or a configured code such as `clockSkewCode`. */
        readonly code: string,
        message: string,
        readonly headers: Record<string, string> = {},
    ) {
        super(message);
    }
}
