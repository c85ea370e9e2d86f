import type { ZenlayerImage } from '../zenlayer/types';
import { type ImageMarks, isBeingDeleted, NO_MARKS, type UndeletableReason, undeletableReason } from './images';
import type { TreeNode } from './tree';

export interface SkippedImage {
    readonly image: ZenlayerImage;
    readonly reason: UndeletableReason;
    /** For `protected`: the entry of zenlayer.delete.protectedImages that matched. */
    readonly protectedBy?: string;
}

/** What decides, beside the image's own type and state, that an image must not be sent: the images model. */
export interface DeleteGuard {
    readonly marks: ImageMarks;
    protectedBy(image: ZenlayerImage): string | undefined;
}

export const NO_GUARD: DeleteGuard = { marks: NO_MARKS, protectedBy: () => undefined };

export interface DeleteTargets {
    /** Distinct deletable images, in the order they were selected. */
    readonly images: readonly ZenlayerImage[];
    readonly skipped: readonly SkippedImage[];
}

/**
 * What a Delete on the tree acts on: the clicked node plus the selection, groups expanded to their images,
 * duplicates removed (an image can sit in several region groups), undeletable images set aside with the reason.
 */
export function normalizeSelection(clicked: TreeNode | undefined, selected: readonly TreeNode[] | undefined, guard: DeleteGuard = NO_GUARD): DeleteTargets {
    const nodes = [...(clicked ? [clicked] : []), ...(selected ?? [])];
    const images = nodes.flatMap((node) => (node.kind === 'image' ? [node.image] : node.kind === 'group' ? node.children.map((child) => child.image) : []));
    return partitionDeletable(images, guard);
}

/** Protected images are never sent, by any path (context menu, Delete key, palette, Delete Unused, Retry). */
export function partitionDeletable(images: readonly ZenlayerImage[], guard: DeleteGuard = NO_GUARD): DeleteTargets {
    const seen = new Set<string>();
    const deletable: ZenlayerImage[] = [];
    const skipped: SkippedImage[] = [];
    for (const image of images) {
        if (seen.has(image.id)) {
            continue;
        }
        seen.add(image.id);
        const protectedBy = guard.protectedBy(image);
        const reason = isBeingDeleted(guard.marks.get(image.id)) ? 'deleting' : (undeletableReason(image) ?? (protectedBy !== undefined ? 'protected' : undefined));
        if (reason === 'protected') {
            skipped.push({ image, reason, protectedBy });
        } else if (reason) {
            skipped.push({ image, reason });
        } else {
            deletable.push(image);
        }
    }
    return { images: deletable, skipped };
}
