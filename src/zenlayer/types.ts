/** ZEC image data as DescribeCustomImages / DescribeImages return it (API version 2025-09-01). */

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

/** Server-side filters of DescribeCustomImages. */
export interface CustomImageFilter {
    /** Fuzzy match on the image name. */
    readonly name?: string;
    readonly status?: ImageStatus;
    readonly osType?: OsType;
    readonly regionId?: string;
    readonly imageIds?: readonly string[];
    readonly category?: string;
    readonly resourceGroupId?: string;
}

export interface DeleteImagesResult {
    /** The distinct IDs that were asked for, in first-seen order. */
    readonly requested: readonly string[];
    /** IDs the API reported as failed, plus every ID of a chunk whose request failed. */
    readonly failedImageIds: readonly string[];
    /** One per chunk request that reached the API. */
    readonly requestIds: readonly string[];
    /** Chunks whose request itself failed, with the reason; their IDs are also in failedImageIds. */
    readonly chunkErrors: readonly { readonly imageIds: readonly string[]; readonly error: Error }[];
}

export interface Zone {
    readonly zoneId: string;
    readonly regionId: string;
    readonly zoneName: string | undefined;
    readonly cityName: string | undefined;
    readonly countryCode: string | undefined;
}
