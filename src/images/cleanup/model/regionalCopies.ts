import type { ZenlayerRegion } from '../../../zenlayer/regions';
import type { ZenlayerImage } from '../../../zenlayer/types';

/** An instance as the cleanup needs it (the images view's UsingInstance fits). */
export interface PlanInstance {
    readonly id: string;
    readonly zoneId: string | undefined;
}

/**
 * A copy of a kept image in a region where no instance uses it, while instances in another region do: removing that
 * region's copy (DeleteImageCopy) frees its storage and keeps the image where it runs.
 */
export interface RegionalCopyProposal {
    readonly imageId: string;
    readonly imageName: string;
    readonly regionId: string;
    readonly sizeGiB: number | undefined;
    /** The regions whose instances use the image (they keep their copies). */
    readonly usedInRegions: readonly string[];
}

/**
 * The copies of one image that could go. Nothing is proposed unless every using instance's region is known and at
 * least one of the image's regions is in use (DeleteImageCopy keeps at least one region, and so does this).
 */
export function unusedRegionalCopies(
    image: ZenlayerImage,
    instances: readonly PlanInstance[],
    regionOf: (instance: PlanInstance) => string | undefined,
): RegionalCopyProposal[] {
    if (image.regionIds.length < 2 || instances.length === 0) {
        return [];
    }
    const used = new Set<string>();
    for (const instance of instances) {
        const region = regionOf(instance);
        if (region === undefined) {
            return [];
        }
        used.add(region);
    }
    const usedInRegions = image.regionIds.filter((region) => used.has(region));
    if (usedInRegions.length === 0) {
        return [];
    }
    return image.regionIds
        .filter((region) => !used.has(region))
        .map((regionId) => ({ imageId: image.id, imageName: image.name, regionId, sizeGiB: image.sizeGiB, usedInRegions }));
}

/** An instance's region, from the zones DescribeZones named; undefined for a zone none of them holds (or no zone). */
export function regionOfZones(regions: readonly ZenlayerRegion[]): (instance: PlanInstance) => string | undefined {
    const byZone = new Map(regions.flatMap((region) => region.zoneIds.map((zoneId) => [zoneId, region.regionId] as const)));
    return (instance) => (instance.zoneId === undefined ? undefined : byZone.get(instance.zoneId));
}
