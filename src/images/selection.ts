import type { ZenlayerImage } from '../zenlayer/types';
import { type ImageMarks, isBeingDeleted, NO_MARKS, type UndeletableReason, undeletableReason } from './images';
import type { TreeNode } from './tree';

export interface SkippedImage {
    readonly image: ZenlayerImage;
    readonly reason: UndeletableReason;
}

export interface DeleteTargets {
    /** Distinct deletable images, in the order they were selected. */
    readonly images: readonly ZenlayerImage[];
    readonly skipped: readonly SkippedImage[];
}

/**
 * What a Delete on the tree acts on: the clicked node plus the selection, groups expanded to their images,
 * duplicates removed (an image can sit in several region groups), undeletable images set aside with the reason.
 */
export function normalizeSelection(clicked: TreeNode | undefined, selected: readonly TreeNode[] | undefined, marks: ImageMarks = NO_MARKS): DeleteTargets {
    const nodes = [...(clicked ? [clicked] : []), ...(selected ?? [])];
    const images = nodes.flatMap((node) => (node.kind === 'image' ? [node.image] : node.kind === 'group' ? node.children.map((child) => child.image) : []));
    return partitionDeletable(images, marks);
}

export function partitionDeletable(images: readonly ZenlayerImage[], marks: ImageMarks = NO_MARKS): DeleteTargets {
    const seen = new Set<string>();
    const deletable: ZenlayerImage[] = [];
    const skipped: SkippedImage[] = [];
    for (const image of images) {
        if (seen.has(image.id)) {
            continue;
        }
        seen.add(image.id);
        const reason = isBeingDeleted(marks.get(image.id)) ? 'deleting' : undeletableReason(image);
        if (reason) {
            skipped.push({ image, reason });
        } else {
            deletable.push(image);
        }
    }
    return { images: deletable, skipped };
}

/** How many skipped images share each reason, for one short sentence per reason. */
export function countSkippedByReason(skipped: readonly SkippedImage[]): Map<UndeletableReason, number> {
    const counts = new Map<UndeletableReason, number>();
    for (const { reason } of skipped) {
        counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    return counts;
}

/** The first few names for a confirmation or a notification, and how many were left out. */
export function firstNames(names: readonly string[], max: number): { shown: string[]; more: number } {
    return { shown: names.slice(0, max), more: Math.max(0, names.length - max) };
}
