import type { ZenlayerImage } from '../../zenlayer/types';
import { formatSize } from './images';

export type DetailField =
    | 'id'
    | 'name'
    | 'status'
    | 'type'
    | 'source'
    | 'size'
    | 'minDiskSize'
    | 'osType'
    | 'category'
    | 'version'
    | 'description'
    | 'regions'
    | 'resourceGroup'
    | 'tags';

/** Every field of an image, in tooltip order, with empty ones shown as a dash so nothing seems missing. */
export function imageDetailFields(image: ZenlayerImage): { field: DetailField; value: string }[] {
    const dash = '—';
    const resourceGroup = image.resourceGroupName
        ? `${image.resourceGroupName}${image.resourceGroupId ? ` (${image.resourceGroupId})` : ''}`
        : (image.resourceGroupId ?? dash);
    return [
        { field: 'id', value: image.id },
        { field: 'name', value: image.name },
        { field: 'status', value: image.status },
        { field: 'type', value: image.type },
        { field: 'source', value: image.source },
        { field: 'size', value: formatSize(image.sizeGiB) ?? dash },
        { field: 'minDiskSize', value: formatSize(image.minDiskSizeGiB) ?? dash },
        { field: 'osType', value: image.osType ?? dash },
        { field: 'category', value: image.category ?? dash },
        { field: 'version', value: image.version ?? dash },
        { field: 'description', value: image.description ?? dash },
        { field: 'regions', value: image.regionIds.join(', ') || dash },
        { field: 'resourceGroup', value: resourceGroup },
        { field: 'tags', value: image.tags.map((tag) => `${tag.key}=${tag.value}`).join(', ') || dash },
    ];
}

/** View Details: the image as pretty JSON, undefined fields kept as null so every field is visible. */
export function imageDetailsJson(image: ZenlayerImage): string {
    return JSON.stringify(image, (_key, value: unknown) => (value === undefined ? null : value), 2);
}
