import type { ZenlayerImage } from '../../src/zenlayer/types';

/** A custom AVAILABLE image with the given overrides; IDs default from the name so tests read naturally. */
export function image(name: string, overrides: Partial<ZenlayerImage> = {}): ZenlayerImage {
    return {
        id: `img-${name}`,
        name,
        type: 'CUSTOM_IMAGE',
        source: 'CUSTOM',
        status: 'AVAILABLE',
        sizeGiB: 20,
        minDiskSizeGiB: 20,
        osType: 'linux',
        category: 'Ubuntu',
        version: undefined,
        description: undefined,
        regionIds: ['asia-east-1'],
        resourceGroupId: 'rg-1',
        resourceGroupName: 'default',
        tags: [],
        ...overrides,
    };
}

/** `count` images with cycling statuses, OS types and regions, for size tests. */
export function manyImages(count: number): ZenlayerImage[] {
    const statuses = ['AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'CREATING', 'DELETING', 'FAILED', 'SYNCING'];
    const osTypes = ['linux', 'windows', 'bsd', undefined];
    const regions = [['asia-east-1'], ['asia-southeast-1', 'na-west-1'], []];
    return Array.from({ length: count }, (_, index) =>
        image(`image-${String(index).padStart(5, '0')}`, {
            status: statuses[index % statuses.length],
            osType: osTypes[index % osTypes.length],
            regionIds: regions[index % regions.length],
        }),
    );
}
