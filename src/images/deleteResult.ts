import type { DeleteImagesResult, ZenlayerImage } from '../zenlayer/types';

export interface FailedImage {
    readonly id: string;
    /** undefined when the image was not in the cached list. */
    readonly name: string | undefined;
    /** The request error of the image's chunk; undefined when the API only listed the ID as failed. */
    readonly error: Error | undefined;
}

export type DeleteOutcome =
    /** Every ID was accepted. */
    | { readonly kind: 'allSucceeded'; readonly succeeded: readonly ZenlayerImage[]; readonly requestIds: readonly string[] }
    /** The API answered, and refused some or all IDs (or some chunks failed while others went through). */
    | { readonly kind: 'someFailed'; readonly succeeded: readonly ZenlayerImage[]; readonly failed: readonly FailedImage[]; readonly requested: number; readonly requestIds: readonly string[] }
    /** No chunk reached a verdict: the request itself failed. */
    | { readonly kind: 'requestFailed'; readonly error: Error; readonly failed: readonly FailedImage[] };

/** Reads the failed-ID list (not the HTTP status) to say what happened to each requested image. */
export function summarizeDeleteResult(images: readonly ZenlayerImage[], result: DeleteImagesResult): DeleteOutcome {
    const byId = new Map(images.map((image) => [image.id, image]));
    const errorById = new Map<string, Error>();
    for (const chunk of result.chunkErrors) {
        for (const id of chunk.imageIds) {
            errorById.set(id, chunk.error);
        }
    }
    const failedIds = new Set(result.failedImageIds);
    const failed = [...failedIds].map((id) => ({ id, name: byId.get(id)?.name, error: errorById.get(id) }));
    const succeeded = images.filter((image) => !failedIds.has(image.id));
    const firstChunkError = result.chunkErrors[0]?.error;
    if (firstChunkError && succeeded.length === 0 && failed.every((entry) => entry.error)) {
        return { kind: 'requestFailed', error: firstChunkError, failed };
    }
    if (failed.length === 0) {
        return { kind: 'allSucceeded', succeeded, requestIds: result.requestIds };
    }
    return { kind: 'someFailed', succeeded, failed, requested: result.requested.length, requestIds: result.requestIds };
}

/** The outcome when deleteImages itself threw before any chunk answered. */
export function requestFailedOutcome(images: readonly ZenlayerImage[], error: Error): DeleteOutcome {
    return { kind: 'requestFailed', error, failed: images.map((image) => ({ id: image.id, name: image.name, error })) };
}

/** Name when known, else the ID: what a person recognises. */
export function failedLabel(failed: FailedImage): string {
    return failed.name ?? failed.id;
}
