import type { Zone } from './types';

/**
 * Regions as the zones describe them (ZEC has no DescribeRegions), and the border CopyImage does not cross. Zenlayer
 * documents that cross-border copies are refused, not where borders run; mainland China (zones with countryCode CN)
 * versus everywhere else, Hong Kong included, is the documented case and this client's reading.
 */

export type RegionBorder = 'mainlandChina' | 'international';

export interface ZenlayerRegion {
    readonly regionId: string;
    /** The city of its first zone (`Hong Kong`), as a view names a region; undefined when no zone said. */
    readonly cityName: string | undefined;
    readonly countryCode: string | undefined;
    readonly countryName: string | undefined;
    readonly border: RegionBorder;
    readonly zoneIds: readonly string[];
}

const MAINLAND_CHINA = 'CN';

export function regionBorder(countryCode: string | undefined): RegionBorder {
    return countryCode?.toUpperCase() === MAINLAND_CHINA ? 'mainlandChina' : 'international';
}

/** The regions of these zones, in the order their first zone comes; zones without a region ID are left out. */
export function regionsOfZones(zones: readonly Zone[]): ZenlayerRegion[] {
    const regions = new Map<string, { first: Zone; zoneIds: string[]; mainland: boolean }>();
    for (const zone of zones) {
        if (zone.regionId === '') {
            continue;
        }
        const region = regions.get(zone.regionId) ?? { first: zone, zoneIds: [], mainland: false };
        region.zoneIds.push(zone.zoneId);
        region.mainland ||= regionBorder(zone.countryCode) === 'mainlandChina';
        regions.set(zone.regionId, region);
    }
    return [...regions.entries()].map(([regionId, { first, zoneIds, mainland }]) => ({
        regionId,
        cityName: first.cityName,
        countryCode: first.countryCode,
        countryName: first.countryName,
        border: mainland ? 'mainlandChina' : 'international',
        zoneIds,
    }));
}

/**
 * Whether copying an image held in `heldIn` to `destination` crosses the border (and so would be refused). Regions
 * missing from `regions` are not judged: the server decides.
 */
export function crossesBorder(regions: readonly ZenlayerRegion[], heldIn: readonly string[], destination: string): boolean {
    const borderOf = (regionId: string): RegionBorder | undefined => regions.find((region) => region.regionId === regionId)?.border;
    const target = borderOf(destination);
    return (
        target !== undefined &&
        heldIn.some((regionId) => {
            const held = borderOf(regionId);
            return held !== undefined && held !== target;
        })
    );
}
