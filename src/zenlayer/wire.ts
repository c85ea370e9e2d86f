import {
    boundedNumber,
    boundedText,
    enumToken,
    identifier,
    MAX_DESCRIPTION_LENGTH,
    MAX_LIST_ENTRIES,
    MAX_NAME_LENGTH,
    MAX_SERVER_MESSAGE_LENGTH,
    MAX_TAG_TEXT_LENGTH,
} from './bounds';
import { ZenlayerResponseError } from './errors';
import type { ImageCopyProgress, ImageTag, ZenlayerImage, ZenlayerInstance, Zone } from './types';

/**
 * Reads the API's JSON defensively: real responses carry explicit nulls and numbers as strings, and a broken or
 * hostile server can send anything. Every string is cleaned and bounded; an item without a usable ID is dropped.
 */

type Json = Record<string, unknown>;

/** GiB of an image, instance memory: generous, but a figure no real resource reaches. */
const MAX_GIB = 1_000_000;
const MAX_CPU_CORES = 100_000;

function fieldsOf(item: unknown): Json {
    return typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Json) : {};
}

function identifierList(value: unknown): string[] {
    if (!Array.isArray(value)) {
        return [];
    }
    return value
        .slice(0, MAX_LIST_ENTRIES)
        .map(identifier)
        .filter((id): id is string => id !== undefined);
}

/** Output tags come wrapped (`{tags: [...]}`); accept a bare array too. */
function tagList(value: unknown): ImageTag[] {
    const list: unknown = Array.isArray(value) ? value : fieldsOf(value).tags;
    if (!Array.isArray(list)) {
        return [];
    }
    return list.slice(0, MAX_LIST_ENTRIES).flatMap((tag: unknown) => {
        const { key, value: tagValue } = fieldsOf(tag);
        const cleanKey = boundedText(key, MAX_TAG_TEXT_LENGTH);
        return cleanKey ? [{ key: cleanKey, value: boundedText(tagValue, MAX_TAG_TEXT_LENGTH) ?? '' }] : [];
    });
}

/** Items without a usable image ID cannot be shown or acted on, so they are dropped (undefined). */
export function parseImage(item: unknown): ZenlayerImage | undefined {
    const raw = fieldsOf(item);
    const id = identifier(raw.imageId);
    if (!id) {
        return undefined;
    }
    return {
        id,
        name: boundedText(raw.imageName, MAX_NAME_LENGTH) ?? id,
        type: enumToken(raw.imageType) ?? 'CUSTOM_IMAGE',
        source: enumToken(raw.imageSource) ?? 'CUSTOM',
        status: enumToken(raw.imageStatus) ?? 'UNKNOWN',
        sizeGiB: boundedNumber(raw.imageSize, MAX_GIB),
        minDiskSizeGiB: boundedNumber(raw.minDiskSize, MAX_GIB),
        osType: enumToken(raw.osType),
        category: boundedText(raw.category, MAX_NAME_LENGTH),
        version: boundedText(raw.imageVersion, MAX_NAME_LENGTH),
        description: boundedText(raw.imageDescription, MAX_DESCRIPTION_LENGTH),
        regionIds: identifierList(raw.regionIdList),
        resourceGroupId: identifier(raw.resourceGroupId),
        resourceGroupName: boundedText(raw.resourceGroupName, MAX_NAME_LENGTH),
        tags: tagList(raw.tags),
    };
}

/** Items without a usable instance ID are dropped (undefined). */
export function parseInstance(item: unknown): ZenlayerInstance | undefined {
    const raw = fieldsOf(item);
    const id = identifier(raw.instanceId);
    if (!id) {
        return undefined;
    }
    return {
        id,
        name: boundedText(raw.instanceName, MAX_NAME_LENGTH) ?? id,
        zoneId: identifier(raw.zoneId),
        instanceType: boundedText(raw.instanceType, MAX_NAME_LENGTH),
        cpuCores: boundedNumber(raw.cpu, MAX_CPU_CORES),
        memoryGiB: boundedNumber(raw.memory, MAX_GIB),
        imageId: identifier(raw.imageId),
        imageName: boundedText(raw.imageName, MAX_NAME_LENGTH),
        status: enumToken(raw.status) ?? 'UNKNOWN',
        createTime: boundedText(raw.createTime, 64),
        resourceGroupId: identifier(raw.resourceGroupId),
        resourceGroupName: boundedText(raw.resourceGroupName, MAX_NAME_LENGTH),
        tags: tagList(raw.tags),
    };
}

/** Zones without a usable zone ID are dropped (undefined). */
export function parseZone(item: unknown): Zone | undefined {
    const raw = fieldsOf(item);
    const zoneId = identifier(raw.zoneId);
    if (!zoneId) {
        return undefined;
    }
    return {
        zoneId,
        regionId: identifier(raw.regionId) ?? '',
        zoneName: boundedText(raw.zoneName, MAX_NAME_LENGTH),
        cityName: boundedText(raw.cityName, MAX_NAME_LENGTH),
        cityCode: enumToken(raw.cityCode),
        countryCode: enumToken(raw.countryCode),
        countryName: boundedText(raw.countryName, MAX_NAME_LENGTH),
    };
}

const NUMERIC_TEXT = /^\s*[-+]?(\d{1,20}(\.\d{0,20})?|\.\d{1,20})([eE][-+]?\d{1,3})?\s*$/;

/**
 * A percentage: a finite number (or numeric string), clamped to 0–100 and rounded down to two decimals (so 99.999 is
 * never shown as 100 while the copy still runs); anything else is undefined. The tiny epsilon undoes binary
 * fractions such as 74.23 × 100 = 7422.999….
 */
function percentage(value: unknown): number | undefined {
    const number = typeof value === 'number' ? value : typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(number)) {
        return undefined;
    }
    return Math.floor(Math.min(100, Math.max(0, number)) * 100 + 1e-9) / 100;
}

/** true, or the text "true" in any case; anything else (absent, garbage) is false. */
function flag(value: unknown): boolean {
    return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** One ImageCopyProgress; without a usable destRegionId it cannot be placed, so it is dropped (undefined). */
export function parseCopyProgress(item: unknown): ImageCopyProgress | undefined {
    const raw = fieldsOf(item);
    const regionId = identifier(raw.destRegionId);
    if (!regionId) {
        return undefined;
    }
    return {
        regionId,
        regionName: boundedText(raw.destRegionName, MAX_NAME_LENGTH),
        syncStage: enumToken(raw.syncStage),
        queued: flag(raw.queued),
        syncPercent: percentage(raw.syncPercent),
        errorInfo: boundedText(raw.errorInfo, MAX_SERVER_MESSAGE_LENGTH),
    };
}

/**
 * `dataSet` of DescribeImageCopyProgress: absent or null is an empty list (nothing in progress, and the list has no
 * totalCount to contradict); anything but an array is a ZenlayerResponseError `invalidField`.
 */
export function progressList(action: string, response: Json, requestId: string | undefined): readonly unknown[] {
    const { dataSet } = response;
    if (dataSet === undefined || dataSet === null) {
        return [];
    }
    if (!Array.isArray(dataSet)) {
        throw invalidField(action, 'dataSet', requestId);
    }
    return dataSet;
}

export function invalidField(action: string, field: string, requestId: string | undefined): ZenlayerResponseError {
    return new ZenlayerResponseError(action, 200, 'invalidField', { field, requestId });
}

/** A count as the API sends it: a non-negative safe integer (a decimal string of one is accepted too). */
function count(value: unknown): number | undefined {
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

export interface WirePage {
    readonly totalCount: number;
    readonly dataSet: readonly unknown[];
}

/**
 * `totalCount` and `dataSet` of a listing answer, checked before anything uses them. An absent or null `dataSet`
 * is read as empty only when `totalCount` is 0 (a server with nothing to list may omit it); otherwise it, like any
 * non-array, is a ZenlayerResponseError `invalidField`.
 */
export function parsePage(action: string, response: Json, requestId: string | undefined): WirePage {
    const totalCount = count(response.totalCount);
    if (totalCount === undefined) {
        throw invalidField(action, 'totalCount', requestId);
    }
    const { dataSet } = response;
    if (Array.isArray(dataSet)) {
        return { totalCount, dataSet };
    }
    if ((dataSet === undefined || dataSet === null) && totalCount === 0) {
        return { totalCount, dataSet: [] };
    }
    throw invalidField(action, 'dataSet', requestId);
}

/** A list of IDs the API answered with (`response.imageIds` of DeleteImages): undefined unless an array of strings. */
export function stringList(value: unknown): string[] | undefined {
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** `zoneSet` of DescribeZones: an array, else a ZenlayerResponseError `invalidField`. */
export function zoneList(action: string, response: Json, requestId: string | undefined): readonly unknown[] {
    if (!Array.isArray(response.zoneSet)) {
        throw invalidField(action, 'zoneSet', requestId);
    }
    return response.zoneSet;
}
