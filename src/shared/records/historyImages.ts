import type { DeleteImagesResult, ZenlayerImage } from '../../zenlayer/types';
import type { HistoryImage, HistoryReason, ImageResult } from './historyEntry';

/**
 * The images of a delete with what became of each, read from the client's result: `reasonOf` gives the likely reason
 * of a refused image (the caller knows usage and the status after the answer).
 */
export function historyImages(
    images: readonly ZenlayerImage[],
    result: DeleteImagesResult,
    reasonOf: (image: ZenlayerImage) => HistoryReason | undefined,
): HistoryImage[] {
    const chunkOf = new Map<string, { error: Error; outcome: string }>();
    for (const chunk of result.chunkErrors) {
        for (const id of chunk.imageIds) {
            chunkOf.set(id, { error: chunk.error, outcome: chunk.outcome ?? 'failed' });
        }
    }
    const failed = new Set(result.failedImageIds);
    return images.map((image): HistoryImage => {
        const described = {
            id: image.id,
            name: image.name,
            regionIds: image.regionIds,
            tags: image.tags,
            ...(image.sizeGiB !== undefined ? { sizeGiB: image.sizeGiB } : {}),
        };
        const chunk = chunkOf.get(image.id);
        if (chunk) {
            const outcome: ImageResult = chunk.outcome === 'notSent' ? 'notSent' : chunk.outcome === 'unknownOutcome' ? 'unknown' : 'failed';
            return { ...described, result: outcome, error: chunk.error.message };
        }
        if (failed.has(image.id)) {
            const reason = reasonOf(image);
            return { ...described, result: 'refused', ...(reason ? { reason } : {}) };
        }
        return { ...described, result: 'accepted' };
    });
}
