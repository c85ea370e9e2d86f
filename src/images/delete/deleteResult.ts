import type { DeleteChunkOutcome, DeleteImagesResult, ZenlayerImage } from '../../zenlayer/types';
import type { RefusalReason } from '../model/images';
import { instancesUsing, type Usage } from '../model/usage';

/** An image whose chunk got no verdict, with the reason. */
export interface ImageError {
    readonly image: ZenlayerImage;
    readonly error: Error;
}

/** What happened to each image of one delete, read from the failed-ID list and the chunk errors (not the HTTP status). */
export interface DeleteOutcome {
    /** Accepted: they go DELETING, then vanish. */
    readonly accepted: readonly ZenlayerImage[];
    /** Listed as failed by DeleteImages, which never says why. */
    readonly refused: readonly ZenlayerImage[];
    /** The chunk's request failed and Zenlayer did not act on it. */
    readonly failed: readonly ImageError[];
    /** Never sent (an earlier chunk timed out or could not reach Zenlayer): Retry sends exactly these. */
    readonly notSent: readonly ImageError[];
    /** Sent, but the answer could not tell what became of them. */
    readonly unknown: readonly ImageError[];
    readonly requestIds: readonly string[];
}

export function summarizeDeleteResult(images: readonly ZenlayerImage[], result: DeleteImagesResult): DeleteOutcome {
    const chunkOf = new Map<string, { error: Error; outcome: DeleteChunkOutcome }>();
    for (const chunk of result.chunkErrors) {
        for (const id of chunk.imageIds) {
            chunkOf.set(id, { error: chunk.error, outcome: chunk.outcome ?? 'failed' });
        }
    }
    const failedIds = new Set(result.failedImageIds);
    const withError = (outcome: DeleteChunkOutcome): ImageError[] =>
        images.flatMap((image) => {
            const chunk = chunkOf.get(image.id);
            return chunk?.outcome === outcome ? [{ image, error: chunk.error }] : [];
        });
    return {
        accepted: images.filter((image) => !failedIds.has(image.id)),
        refused: images.filter((image) => failedIds.has(image.id) && !chunkOf.has(image.id)),
        failed: withError('failed'),
        notSent: withError('notSent'),
        unknown: withError('unknownOutcome'),
        requestIds: result.requestIds,
    };
}

/** The outcome when deleteImages itself threw before any chunk answered. */
export function requestFailedOutcome(images: readonly ZenlayerImage[], error: Error): DeleteOutcome {
    return { accepted: [], refused: [], failed: images.map((image) => ({ image, error })), notSent: [], unknown: [], requestIds: [] };
}

/** No image got a verdict from Zenlayer: the whole request failed (one error for all). */
export function isRequestFailure(outcome: DeleteOutcome): boolean {
    return outcome.accepted.length === 0 && outcome.refused.length === 0 && outcome.unknown.length === 0 && outcome.failed.length > 0;
}

/**
 * Why Zenlayer most likely refused an image, from what the extension knows: the instances that run from it (the last
 * listing), else its status or absence now (`current`: a fresh DescribeCustomImages by ID; undefined when that failed).
 */
export function likelyRefusalReason(image: ZenlayerImage, usage: Usage, current: ReadonlyMap<string, ZenlayerImage> | undefined): RefusalReason {
    const instances = instancesUsing(usage, image.id);
    if (instances && instances.length > 0) {
        return { kind: 'inUse', instances };
    }
    if (current) {
        const now = current.get(image.id);
        if (!now) {
            return { kind: 'notFound' };
        }
        if (now.status !== 'AVAILABLE' && now.status !== 'FAILED') {
            return { kind: 'status', status: now.status };
        }
    }
    return { kind: 'unknown' };
}
