import type { ImageTag } from '../../zenlayer/types';

/**
 * One entry of the delete history (deleteHistory.ts): a delete, by any path, as it happened: what was asked, how, what
 * became of each image, the request IDs, and enough of each image (name, size, regions, tags) that a person knows later
 * what it was.
 */

export const DELETE_TRIGGERS = ['contextMenu', 'deleteKey', 'palette', 'prune', 'plan', 'retry'] as const;
export type DeleteTrigger = (typeof DELETE_TRIGGERS)[number];

/**
 * What became of one image: `accepted` (Zenlayer took the delete), `gone` (accepted, and no longer listed since),
 * `refused` (listed as failed; `reason` says what most likely stood in the way), `failed` (the request failed,
 * Zenlayer did not act), `notSent`, `unknown` (sent, no usable answer).
 */
export const IMAGE_RESULTS = ['accepted', 'gone', 'refused', 'failed', 'notSent', 'unknown'] as const;
export type ImageResult = (typeof IMAGE_RESULTS)[number];

/** Why an image was most likely refused: a kind (`inUse`, `status`, `notFound`, `unknown`…) and its detail (a status, a count). */
export interface HistoryReason {
    readonly kind: string;
    readonly detail?: string;
}

export interface HistoryImage {
    readonly id: string;
    readonly name?: string;
    readonly sizeGiB?: number;
    readonly regionIds: readonly string[];
    readonly tags: readonly ImageTag[];
    readonly result: ImageResult;
    readonly reason?: HistoryReason;
    /** For failed, notSent and unknown: the error's message (the client's English text, nothing secret). */
    readonly error?: string;
    /** For gone: when the extension saw that Zenlayer no longer lists it. */
    readonly goneAt?: number;
}

export interface HistoryEntry {
    readonly id: string;
    /** When the delete was sent (milliseconds since 1970). */
    readonly at: number;
    readonly account: string;
    readonly trigger: DeleteTrigger;
    /** The IDs that were asked for. */
    readonly requested: readonly string[];
    readonly requestIds: readonly string[];
    readonly images: readonly HistoryImage[];
    /** The fingerprint of the cleanup plan that was applied (trigger `plan`). */
    readonly planFingerprint?: string;
    /** Images of the delete past MAX_IMAGES_PER_ENTRY: counted, not described. */
    readonly omittedImages?: number;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'id'>;
