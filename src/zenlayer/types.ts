/** What the client takes and gives: ZEC data as the API returns it (version 2025-09-01), credentials, call events. */

/** An AccessKey (signed with ZC2-HMAC-SHA256) or an access token (sent as Bearer). */
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

/** Image data as DescribeCustomImages / DescribeImages return it. */
export const IMAGE_STATUSES = ['CREATING', 'AVAILABLE', 'UNAVAILABLE', 'SYNCING', 'FAILED', 'DELETING', 'PROCESSING'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export const IMAGE_TYPES = ['PUBLIC_IMAGE', 'CUSTOM_IMAGE'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const IMAGE_SOURCES = ['OFFICIAL', 'MARKETING', 'CUSTOM', 'APP'] as const;
export type ImageSource = (typeof IMAGE_SOURCES)[number];

export const OS_TYPES = ['linux', 'bsd', 'windows', 'android', 'any'] as const;
export type OsType = (typeof OS_TYPES)[number];

export interface ImageTag {
    readonly key: string;
    readonly value: string;
}

/**
 * One image, normalised from the wire: optional or null fields become undefined, sizes become numbers.
 * Enum-like fields are plain strings: usually one of the lists above, but a newer API's values are kept, not dropped.
 */
export interface ZenlayerImage {
    readonly id: string;
    readonly name: string;
    readonly type: string;
    readonly source: string;
    readonly status: string;
    /** GiB; unknown until a custom image is AVAILABLE. */
    readonly sizeGiB: number | undefined;
    readonly minDiskSizeGiB: number | undefined;
    readonly osType: string | undefined;
    readonly category: string | undefined;
    readonly version: string | undefined;
    readonly description: string | undefined;
    readonly regionIds: readonly string[];
    readonly resourceGroupId: string | undefined;
    readonly resourceGroupName: string | undefined;
    readonly tags: readonly ImageTag[];
}

/**
 * Server-side filters of DescribeCustomImages. Blank strings mean "no filter". The client refuses (ZenlayerInputError
 * `filterInvalid`) values of the wrong type, statuses and OS types not in the lists above, and more than 100 imageIds.
 */
export interface CustomImageFilter {
    /** Fuzzy match on the image name. */
    readonly name?: string;
    readonly status?: ImageStatus;
    readonly osType?: OsType;
    readonly regionId?: string;
    /** At most 100. */
    readonly imageIds?: readonly string[];
    readonly category?: string;
    readonly resourceGroupId?: string;
}

/**
 * What became of the IDs of one DeleteImages chunk whose request did not end in a verdict:
 * - `failed`: the request failed and Zenlayer did not act on it (an API error, a proxy's error page, no connection);
 * - `unknownOutcome`: the chunk was sent but no usable verdict came back (a 200 whose `imageIds` is not a list of
 *   strings, a timeout, a body that broke off): the images may or may not be DELETING; refresh before retrying;
 * - `notSent`: never sent, because an earlier chunk timed out or could not reach Zenlayer, the caller aborted, or
 *   the client was closed; sending them again is safe.
 */
export type DeleteChunkOutcome = 'failed' | 'unknownOutcome' | 'notSent';

export interface DeleteChunkError {
    readonly imageIds: readonly string[];
    readonly error: Error;
    readonly outcome: DeleteChunkOutcome;
}

/**
 * The outcome of a delete. Every requested ID is in exactly one of: accepted, refused, or a chunk error (whose
 * outcome is failed, unknownOutcome or notSent). `failedImageIds` is everything but the accepted ones.
 */
export interface DeleteImagesResult {
    /** The distinct IDs that were asked for, in first-seen order. */
    readonly requested: readonly string[];
    /** IDs the API reported as failed, plus every ID of a chunk whose request failed or was not sent. */
    readonly failedImageIds: readonly string[];
    /** One per chunk request that reached the API. */
    readonly requestIds: readonly string[];
    /** Chunks whose request itself failed or was not sent, with the reason; their IDs are also in failedImageIds. */
    readonly chunkErrors: readonly { readonly imageIds: readonly string[]; readonly error: Error; readonly outcome?: DeleteChunkOutcome }[];
    /** Accepted by the API: they go DELETING, then vanish. (Always set by ZenlayerClient.deleteImages.) */
    readonly acceptedImageIds?: readonly string[];
    /** Listed as failed in the API's answer (in use, in a state Zenlayer refuses, unknown…). */
    readonly refusedImageIds?: readonly string[];
    /** Never sent (see DeleteChunkOutcome `notSent`): what a "Retry" should send. */
    readonly notSentImageIds?: readonly string[];
    /** Sent, but the answer could not tell what happened to them (see DeleteChunkOutcome `unknownOutcome`). */
    readonly unknownOutcomeImageIds?: readonly string[];
}

/** What ZenlayerClient.deleteImages returns: a DeleteImagesResult with every field filled in. */
export interface DeleteImagesReport extends DeleteImagesResult {
    readonly chunkErrors: readonly DeleteChunkError[];
    readonly acceptedImageIds: readonly string[];
    readonly refusedImageIds: readonly string[];
    readonly notSentImageIds: readonly string[];
    readonly unknownOutcomeImageIds: readonly string[];
}

/** Instance statuses of DescribeInstances (zec 2025-09-01, as the official CLI documents them). */
export const INSTANCE_STATUSES = [
    'DEPLOYING',
    'REBUILDING',
    'REBOOT',
    'RUNNING',
    'STOPPED',
    'BOOTING',
    'RELEASING',
    'STOPPING',
    'RECYCLE',
    'RECYCLING',
    'CREATE_FAILED',
    'IMAGING',
    'RESIZING',
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/**
 * One ZEC instance, normalised from the wire like ZenlayerImage: every string cleaned and bounded, missing or
 * malformed fields undefined. `status` is a plain string: usually one of INSTANCE_STATUSES, a newer value is kept.
 */
export interface ZenlayerInstance {
    readonly id: string;
    readonly name: string;
    readonly zoneId: string | undefined;
    /** e.g. `z2a.cpu.1`. */
    readonly instanceType: string | undefined;
    readonly cpuCores: number | undefined;
    readonly memoryGiB: number | undefined;
    /** The image the instance runs from; undefined when the answer had none. */
    readonly imageId: string | undefined;
    readonly imageName: string | undefined;
    readonly status: string;
    /** As sent, `YYYY-MM-ddTHH:mm:ssZ`. */
    readonly createTime: string | undefined;
    readonly resourceGroupId: string | undefined;
    readonly resourceGroupName: string | undefined;
    readonly tags: readonly ImageTag[];
}

/** Server-side filters of DescribeInstances, as the official CLI documents them. Blank strings mean "no filter". */
export interface InstanceFilter {
    /** At most 100. */
    readonly instanceIds?: readonly string[];
    readonly zoneId?: string;
    /** Only instances running from this image. */
    readonly imageId?: string;
    readonly ipv4Address?: string;
    readonly ipv6Address?: string;
    readonly status?: InstanceStatus;
    /** Fuzzy match on the instance name. */
    readonly name?: string;
    readonly resourceGroupId?: string;
    /** At most 20, each 1–64 characters. */
    readonly tagKeys?: readonly string[];
    /** At most 20; key and value 1–64 characters. */
    readonly tags?: readonly ImageTag[];
}

/**
 * Something odd in an answer that the client tolerated, reported once per answer (for the log): items without a
 * usable ID that were dropped, or IDs the caller did not ask about that were ignored.
 */
export interface ZenlayerWarning {
    readonly action: string;
    readonly kind: 'itemsDropped' | 'unexpectedIds';
    readonly count: number;
    /** Up to ten of the IDs concerned, cleaned (`unexpectedIds` only). */
    readonly sample: readonly string[];
    readonly requestId: string | undefined;
    /** One English line for a log; holds nothing secret. */
    readonly message: string;
}

/** One zone of DescribeZones. ZEC has no DescribeRegions: a region is named by its zones (city, country). */
export interface Zone {
    readonly zoneId: string;
    /** '' when the answer had none (such a zone belongs to no region). */
    readonly regionId: string;
    readonly zoneName: string | undefined;
    readonly cityName: string | undefined;
    /** Three-letter IATA city code, e.g. `HKG`. */
    readonly cityCode: string | undefined;
    /** ISO 3166-1 alpha-2, e.g. `HK`, `CN`. */
    readonly countryCode: string | undefined;
    readonly countryName: string | undefined;
}

/** What a copy, a copy removal or a rename returns: the request ID, for the user's notification and the log. */
export interface ImageActionResult {
    readonly requestId: string | undefined;
}

/** CreateImage's answer. The image is CREATING from then on (DescribeCustomImages follows it). */
export interface CreatedImage extends ImageActionResult {
    readonly imageId: string;
    /** As Zenlayer echoed it (the name asked for when the answer had none). */
    readonly imageName: string;
}

/** What CreateImage needs. `tags`: at most 20, keys unique, key and value 1–64 characters. */
export interface CreateImageInput {
    /** A STOPPED, non-GPU instance. */
    readonly instanceId: string;
    /** See checkImageName. */
    readonly imageName: string;
    /** Blank or absent: Zenlayer's default resource group. */
    readonly resourceGroupId?: string;
    readonly tags?: readonly ImageTag[];
}

/** Stages of DescribeImageCopyProgress, as the official CLI documents them. */
export const IMAGE_SYNC_STAGES = ['PREPARING', 'TRANSFERRING'] as const;
export type ImageSyncStage = (typeof IMAGE_SYNC_STAGES)[number];

/** One destination of a copy in progress (DescribeImageCopyProgress), every field bounded and checked. */
export interface ImageCopyProgress {
    readonly regionId: string;
    readonly regionName: string | undefined;
    /** Usually one of IMAGE_SYNC_STAGES; a newer value is kept; undefined when the answer had none (or garbage). */
    readonly syncStage: string | undefined;
    /** Waiting for a transfer slot. False unless the answer said true. */
    readonly queued: boolean;
    /** 0–100, two decimals (rounded down, so a copy never reads 100 before it is done); undefined unless a finite number. */
    readonly syncPercent: number | undefined;
    /** Why the copy to this region failed, when it did. */
    readonly errorInfo: string | undefined;
}
