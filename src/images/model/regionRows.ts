import type { ImageCopyProgress, ZenlayerImage, ZenlayerRegion } from '../../zenlayer';
import type { ImageNode } from './tree';
import type { UsingInstance } from './usage';

/** A region row's state: a copy the image holds there, or a copy still on its way. */
export type RegionRowState =
    /** `instances`: those using the image in the region's zones; undefined when usage or the region's zones are unknown. */
    { readonly kind: 'held'; readonly instances: readonly UsingInstance[] | undefined } | { readonly kind: 'copying'; readonly progress: ImageCopyProgress };

/** One region of an image held (or being copied) in more than one region: a child row of the image's row. */
export interface RegionNode {
    readonly kind: 'region';
    /** Unique in the tree: the image row's ID and the region. */
    readonly id: string;
    readonly parent: ImageNode;
    readonly regionId: string;
    /** The region's city from DescribeZones (or the copy progress); undefined until the zones are known. */
    readonly regionName: string | undefined;
    readonly state: RegionRowState;
}

/**
 * Whether an image's row expands into region rows: it is held in more than one region, or a copy of it is on its
 * way. A single-region image stays a leaf, its region in the tooltip as before.
 */
export function hasRegionRows(image: ZenlayerImage, progress: readonly ImageCopyProgress[]): boolean {
    return image.regionIds.length > 1 || progress.length > 0;
}

/**
 * The region rows of an image row: the regions that hold it (in Zenlayer's order), then the destinations of a copy in
 * progress. `regions` undefined: DescribeZones has not answered yet, so rows name the region ID and usage per region is
 * unknown.
 */
export function regionRows(node: ImageNode, regions: readonly ZenlayerRegion[] | undefined, progress: readonly ImageCopyProgress[]): RegionNode[] {
    const { image } = node;
    const copying = new Map(progress.map((entry) => [entry.regionId, entry]));
    const region = (regionId: string) => regions?.find((candidate) => candidate.regionId === regionId);
    const held = image.regionIds
        .filter((regionId) => !copying.has(regionId))
        .map((regionId): RegionNode => ({
            kind: 'region',
            id: `${node.id}@${regionId}`,
            parent: node,
            regionId,
            regionName: region(regionId)?.cityName,
            state: { kind: 'held', instances: instancesInRegion(node.instances, region(regionId)) },
        }));
    const arriving = progress.map((entry): RegionNode => ({
        kind: 'region',
        id: `${node.id}@${entry.regionId}`,
        parent: node,
        regionId: entry.regionId,
        regionName: region(entry.regionId)?.cityName ?? entry.regionName,
        state: { kind: 'copying', progress: entry },
    }));
    return [...held, ...arriving];
}

/** The instances running from the image in the region's zones; undefined when either is unknown. */
export function instancesInRegion(instances: readonly UsingInstance[] | undefined, region: ZenlayerRegion | undefined): readonly UsingInstance[] | undefined {
    if (instances === undefined || region === undefined) {
        return undefined;
    }
    const zones = new Set(region.zoneIds);
    return instances.filter((instance) => instance.zoneId !== undefined && zones.has(instance.zoneId));
}
