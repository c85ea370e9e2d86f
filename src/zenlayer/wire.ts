import type { ImageTag, ZenlayerImage, Zone } from './types';

/** Reads the API's JSON defensively: real responses carry explicit nulls and numbers as strings. */

type Json = Record<string, unknown>;

function optionalString(value: unknown): string | undefined {
    return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function optionalNumber(value: unknown): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value)) {
        return value;
    }
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
        return Number(value);
    }
    return undefined;
}

function stringArray(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Output tags come wrapped (`{tags: [...]}`); accept a bare array too. */
function tagList(value: unknown): ImageTag[] {
    const list: unknown = Array.isArray(value) ? value : (value as Json | null | undefined)?.tags;
    if (!Array.isArray(list)) {
        return [];
    }
    return list.flatMap((tag: unknown) => {
        const { key, value: tagValue } = (tag ?? {}) as Json;
        return typeof key === 'string' ? [{ key, value: typeof tagValue === 'string' ? tagValue : '' }] : [];
    });
}

/** Items without an image ID cannot be shown or acted on, so they are dropped. */
export function parseImage(item: unknown): ZenlayerImage | undefined {
    const raw = (item ?? {}) as Json;
    const id = optionalString(raw.imageId);
    if (!id) {
        return undefined;
    }
    return {
        id,
        name: optionalString(raw.imageName) ?? id,
        type: optionalString(raw.imageType) ?? 'CUSTOM_IMAGE',
        source: optionalString(raw.imageSource) ?? 'CUSTOM',
        status: optionalString(raw.imageStatus) ?? 'UNKNOWN',
        sizeGiB: optionalNumber(raw.imageSize),
        minDiskSizeGiB: optionalNumber(raw.minDiskSize),
        osType: optionalString(raw.osType),
        category: optionalString(raw.category),
        version: optionalString(raw.imageVersion),
        description: optionalString(raw.imageDescription),
        regionIds: stringArray(raw.regionIdList),
        resourceGroupId: optionalString(raw.resourceGroupId),
        resourceGroupName: optionalString(raw.resourceGroupName),
        tags: tagList(raw.tags),
    };
}

export function parseImages(dataSet: unknown): ZenlayerImage[] {
    return Array.isArray(dataSet) ? dataSet.map(parseImage).filter((image): image is ZenlayerImage => image !== undefined) : [];
}

export function parseZones(zoneSet: unknown): Zone[] {
    if (!Array.isArray(zoneSet)) {
        return [];
    }
    return zoneSet.flatMap((item: unknown) => {
        const raw = (item ?? {}) as Json;
        const zoneId = optionalString(raw.zoneId);
        return zoneId ? [{ zoneId, regionId: optionalString(raw.regionId) ?? '', zoneName: optionalString(raw.zoneName), cityName: optionalString(raw.cityName), countryCode: optionalString(raw.countryCode) }] : [];
    });
}
