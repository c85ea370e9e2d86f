import type { ZenlayerImage } from '../../zenlayer/types';
import { type ImageMarks, isBeingDeleted, NO_MARKS, type UndeletableReason, undeletableReason } from './images';
import { DELETING_STATUS } from './polling';
import type { ImageNode, TreeNode } from './tree';

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
        const reason = isBeingDeleted(guard.marks.get(image.id))
            ? 'deleting'
            : (undeletableReason(image) ?? (protectedBy !== undefined ? 'protected' : undefined));
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

/**
 * The row to select after a delete, as the Explorer does, so the next Delete acts on it: the first row below the
 * last deleted one, else the nearest above it; undefined when none is left. Accepted images stay in the tree as DELETING until
 * Zenlayer no longer lists them (minutes, maybe), so "left" means neither sent now nor already being deleted: a row
 * that is on its way out (sent, or DELETING at Zenlayer already) is no place to land, and the next Delete on it would only say it is already being deleted.
 * `rows` are in the order the person saw them before the delete (grouped by status, accepted rows move to DELETING).
 */
export function rowAfterDelete(rows: readonly ImageNode[], sentIds: ReadonlySet<string>, marks: ImageMarks): ImageNode | undefined {
    const last = rows.map((row) => sentIds.has(row.image.id)).lastIndexOf(true);
    if (last < 0) {
        return undefined;
    }
    const remains = (row: ImageNode) => !sentIds.has(row.image.id) && !isBeingDeleted(marks.get(row.image.id)) && row.image.status !== DELETING_STATUS;
    return rows.slice(last + 1).find(remains) ?? rows.slice(0, last).reverse().find(remains);
}
