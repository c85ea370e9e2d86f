import type { ZenlayerImage } from '../../zenlayer/types';
import { compareByName, formatSize, isDeletable } from './images';

/** Structurally a vscode.QuickPickItem, plus the image it stands for. */
export interface ImageQuickPickItem {
    readonly label: string;
    readonly description: string;
    readonly detail: string;
    readonly image: ZenlayerImage;
}

/** The palette's multi-select list: only deletable images, by name; the ID is searchable through `description`. */
export function buildDeleteQuickPickItems(images: readonly ZenlayerImage[]): ImageQuickPickItem[] {
    return images
        .filter(isDeletable)
        .sort(compareByName)
        .map((image) => ({
            label: image.name,
            description: image.id,
            detail: [image.status, formatSize(image.sizeGiB), image.osType, image.regionIds.join(', ')].filter((part) => part).join(' · '),
            image,
        }));
}
