/**
 * Error codes the emulator answers with. Attested for the real service (SDKs, CLI, Terraform provider, docs):
 * REQUEST_LIMIT_EXCEEDED (429), AUTHFAILURE_SIGNATURE_FAILURE, INVALID_ZONE_NOT_FOUND, INVALID_IMAGE_NOT_FOUND, and the
 * image lifecycle codes marked below; the others are emulator choices in the same UPPER_SNAKE_CASE style. README.md
 * has the full table.
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
    /** Attested: DeleteImageCopy on an image that is not AVAILABLE (official CLI). */
    imageStatus: 'INVALID_IMAGE_STATUS',
    /** Attested: CreateImage over the custom-image quota (documentation). */
    imageQuotaExceeded: 'INVALID_IMAGE_QUOTA_EXCEED',
    /** Attested: CreateImage with an unknown instance (documentation). */
    instanceNotFound: 'INVALID_INSTANCE_NOT_FOUND',
    /** Attested: CreateImage from an instance that is not STOPPED (documentation). */
    instanceStatusNotSupported: 'OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT',
    /** Attested: CreateImage from an instance busy with another operation (documentation); here: IMAGING. */
    instanceInOperation: 'OPERATION_DENIED_INSTANCE_IN_OPERATION',
    /** Attested: CreateImage from a GPU instance (documentation). */
    gpuInstanceNotSupported: 'OPERATION_DENIED_GPU_INSTANCE_NOT_SUPPORT',
    /** Attested for the VM service's DescribeImageQuota; used here for an unknown region ID. */
    regionNotFound: 'INVALID_REGION_NOT_FOUND',
    /** Emulator choice: CopyImage across the mainland China border (refusal documented, code not). */
    crossBorderCopy: 'OPERATION_DENIED_CROSS_BORDER_IMAGE_COPY',
    /** Emulator choice: DeleteImageCopy that would leave no region (refusal documented, code not). */
    lastImageCopy: 'OPERATION_DENIED_LAST_IMAGE_COPY',
    /** Emulator choice: CopyImage to a region that already holds the image. */
    imageCopyExists: 'INVALID_IMAGE_COPY_EXIST',
    /** Emulator choice: DeleteImageCopy of a region that does not hold the image. */
    imageCopyNotFound: 'INVALID_IMAGE_COPY_NOT_FOUND',
    /** Emulator choice: ModifyImagesAttributes or CreateImage with a name another image of the account has. */
    imageNameDuplicate: 'INVALID_IMAGE_NAME_DUPLICATE',
    /** Emulator choice: CreateImage into a resource group the account does not have. */
    resourceGroupNotFound: 'INVALID_RESOURCE_GROUP_NOT_FOUND',
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
