/** The ZEC image actions (reference §4): parameter validation, filtering, paging and DeleteImages semantics. */
import { IMAGE_SOURCES, IMAGE_STATUSES, IMAGE_TYPES, OS_TYPES } from '../../src/zenlayer/types';
import type { ImageTag } from '../../src/zenlayer/types';
import { ApiFailure, ERROR_CODES } from './errors';
import { UNDELETABLE_STATUSES } from './seed';
import type { SeedImage, SeedZone } from './seed';
import type { EmulatorState } from './state';

export const ACTIONS = ['DescribeCustomImages', 'DescribeImages', 'DescribeZones', 'DeleteImages'] as const;
export type ActionName = (typeof ACTIONS)[number];

/**
 * Emulator choice, not documented fact (reference §4.5, §8 question 3): the default `maxImageIdsPerCall`, i.e. at
 * most this many IDs in an `imageIds` filter and per DeleteImages call.
 */
export const MAX_IMAGE_IDS = 100;
/** Emulator choice: at most this many IDs in DescribeZones' `zoneIds`. */
export const MAX_ZONE_IDS = 100;
export const MAX_TAG_FILTERS = 20;
/** Tag keys and values are 1–64 characters (reference §4.2). */
export const MAX_TAG_LENGTH = 64;
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 20;

export interface ActionContext {
    state: EmulatorState;
    deleteDelayMs: number;
    unknownIdMode: 'failedList' | 'notFoundError';
    /** Max IDs in an `imageIds` filter or DeleteImages call; 0 = no limit. */
    maxImageIds: number;
}

type Params = Record<string, unknown>;

function invalid(message: string): never {
    throw new ApiFailure(400, ERROR_CODES.invalidParameter, message);
}

function missing(name: string): never {
    throw new ApiFailure(400, ERROR_CODES.missingParameter, `The parameter ${name} is required.`);
}

function describeType(value: unknown): string {
    return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** `null` counts as absent, as the SDKs drop nil/None fields anyway. */
function optString(params: Params, name: string): string | undefined {
    const value = params[name];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== 'string') {
        invalid(`The parameter ${name} must be a string, got ${describeType(value)}.`);
    }
    return value;
}

function optEnum<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
    const value = optString(params, name);
    if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
        invalid(`The parameter ${name} must be one of ${allowed.join(', ')}; got "${value.slice(0, 40)}".`);
    }
    return value as T | undefined;
}

/** `max` 0 = no limit. */
function optStringArray(params: Params, name: string, max: number): string[] | undefined {
    const value = params[name];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (!Array.isArray(value)) {
        invalid(`The parameter ${name} must be an array of strings, got ${describeType(value)}.`);
    }
    value.forEach((item, i) => {
        if (typeof item !== 'string') {
            invalid(`The parameter ${name}[${i}] must be a string, got ${describeType(item)}.`);
        }
    });
    if (max > 0 && value.length > max) {
        invalid(`The parameter ${name} accepts at most ${max} items, got ${value.length}.`);
    }
    return value as string[];
}

/**
 * A filter list; an empty one counts as absent (emulator choice: the Go SDK omits empty slices, `omitempty`, so the
 * real service most likely never sees `[]` and would not answer "nothing matches" for it).
 */
function optFilterList<T>(list: T[] | undefined): T[] | undefined {
    return list === undefined || list.length === 0 ? undefined : list;
}

function optTags(params: Params): ImageTag[] | undefined {
    const value = params.tags;
    if (value === undefined || value === null) {
        return undefined;
    }
    if (!Array.isArray(value)) {
        invalid(`The parameter tags must be an array of {key, value}, got ${describeType(value)}.`);
    }
    if (value.length > MAX_TAG_FILTERS) {
        invalid(`The parameter tags accepts at most ${MAX_TAG_FILTERS} items, got ${value.length}.`);
    }
    return value.map((tag: unknown, i) => {
        if (typeof tag !== 'object' || tag === null || Array.isArray(tag)) {
            invalid(`The parameter tags[${i}] must be an object {key, value}.`);
        }
        const { key, value: tagValue } = tag as Record<string, unknown>;
        return { key: tagText(key, `tags[${i}].key`), value: tagText(tagValue, `tags[${i}].value`) };
    });
}

/** A tag key or value: a string of 1–64 characters (reference §4.2); a tag filter needs both key and value. */
function tagText(value: unknown, name: string): string {
    if (typeof value !== 'string') {
        invalid(value === undefined || value === null
            ? `The parameter ${name} is required: a tag filter needs a key and a value.`
            : `The parameter ${name} must be a string, got ${describeType(value)}.`);
    }
    const length = [...value].length;
    if (length < 1 || length > MAX_TAG_LENGTH) {
        invalid(`The parameter ${name} must be 1 to ${MAX_TAG_LENGTH} characters long, got ${length}.`);
    }
    return value;
}

function optInteger(params: Params, name: string, min: number, max: number, fallback: number): number {
    const value = params[name];
    if (value === undefined || value === null) {
        return fallback;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
        invalid(`The parameter ${name} must be an integer, got ${typeof value === 'number' ? String(value) : describeType(value)}.`);
    }
    if (value < min || value > max) {
        invalid(max === Number.MAX_SAFE_INTEGER
            ? `The parameter ${name} must be at least ${min}, got ${value}.`
            : `The parameter ${name} must be between ${min} and ${max}, got ${value}.`);
    }
    return value;
}

interface CommonFilter {
    imageIds?: string[];
    imageName?: string;
    category?: string;
    osType?: string;
    imageStatus?: string;
    tagKeys?: string[];
    tags?: ImageTag[];
    pageNum: number;
    pageSize: number;
}

function commonFilter(params: Params, ctx: ActionContext): CommonFilter {
    return {
        imageIds: optFilterList(optStringArray(params, 'imageIds', ctx.maxImageIds)),
        imageName: optString(params, 'imageName'),
        category: optString(params, 'category'),
        osType: optEnum(params, 'osType', OS_TYPES),
        imageStatus: optEnum(params, 'imageStatus', IMAGE_STATUSES),
        tagKeys: optFilterList(optStringArray(params, 'tagKeys', MAX_TAG_FILTERS)?.map((key, i) => tagText(key, `tagKeys[${i}]`))),
        tags: optFilterList(optTags(params)),
        pageNum: optInteger(params, 'pageNum', 1, Number.MAX_SAFE_INTEGER, 1),
        pageSize: optInteger(params, 'pageSize', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    };
}

/**
 * Filter semantics (emulator choice): all given filters must match (AND); imageName is a case-insensitive
 * substring; category is case-insensitive exact; every tagKey must be present; every tag pair must be present.
 */
function matches(image: SeedImage, f: CommonFilter): boolean {
    if (f.imageIds && !f.imageIds.includes(image.imageId)) {
        return false;
    }
    if (f.imageName !== undefined && !image.imageName.toLowerCase().includes(f.imageName.toLowerCase())) {
        return false;
    }
    if (f.category !== undefined && image.category.toLowerCase() !== f.category.toLowerCase()) {
        return false;
    }
    if (f.osType !== undefined && image.osType !== f.osType) {
        return false;
    }
    if (f.imageStatus !== undefined && image.imageStatus !== f.imageStatus) {
        return false;
    }
    if (f.tagKeys && !f.tagKeys.every((k) => image.tags.some((t) => t.key === k))) {
        return false;
    }
    if (f.tags && !f.tags.every((want) => image.tags.some((t) => t.key === want.key && t.value === want.value))) {
        return false;
    }
    return true;
}

function page<T>(items: T[], f: CommonFilter): T[] {
    const start = (f.pageNum - 1) * f.pageSize;
    return items.slice(start, start + f.pageSize);
}

/** Image fields as DescribeImages returns them. */
export function toImage(image: SeedImage): Record<string, unknown> {
    return {
        imageId: image.imageId,
        imageName: image.imageName,
        imageType: image.imageType,
        imageSource: image.imageSource,
        imageSize: image.imageStatus === 'CREATING' || image.imageSize === null ? null : String(image.imageSize),
        minDiskSize: image.minDiskSize,
        imageDescription: image.imageDescription,
        imageVersion: image.imageVersion,
        imageStatus: image.imageStatus,
        nicNetworkType: [...image.nicNetworkType],
        category: image.category,
        osType: image.osType,
        tags: { tags: image.tags.map((t) => ({ key: t.key, value: t.value })) },
    };
}

/** CustomImage = Image + regionIdList, resourceGroupId, resourceGroupName. */
export function toCustomImage(image: SeedImage): Record<string, unknown> {
    return {
        ...toImage(image),
        regionIdList: [...image.regionIdList],
        resourceGroupId: image.resourceGroupId,
        resourceGroupName: image.resourceGroupName,
    };
}

function toZoneInfo(zone: SeedZone): Record<string, unknown> {
    return { ...zone };
}

function describeCustomImages(params: Params, ctx: ActionContext): Record<string, unknown> {
    const f = commonFilter(params, ctx);
    const regionId = optString(params, 'regionId');
    const resourceGroupId = optString(params, 'resourceGroupId');
    const all = ctx.state.customImages().filter((image) => matches(image, f)
        && (regionId === undefined || image.regionIdList.includes(regionId))
        && (resourceGroupId === undefined || image.resourceGroupId === resourceGroupId));
    return { totalCount: all.length, dataSet: page(all, f).map(toCustomImage) };
}

function describeImages(params: Params, ctx: ActionContext): Record<string, unknown> {
    const zoneId = optString(params, 'zoneId');
    if (zoneId === undefined || zoneId === '') {
        missing('zoneId');
    }
    const f = commonFilter(params, ctx);
    const imageType = optEnum(params, 'imageType', IMAGE_TYPES);
    const imageSource = optEnum(params, 'imageSource', IMAGE_SOURCES);
    const zone = ctx.state.getZone(zoneId);
    if (!zone) {
        throw new ApiFailure(404, ERROR_CODES.zoneNotFound, `The specified zoneId \`${zoneId.slice(0, 64)}\` is not found.`);
    }
    const inZone = (image: SeedImage): boolean => image.imageType === 'PUBLIC_IMAGE' && image.regionIdList.length === 0
        ? true
        : image.regionIdList.includes(zone.regionId);
    const all = ctx.state.allImages()
        .filter((image) => inZone(image) && matches(image, f)
            && (imageType === undefined || image.imageType === imageType)
            && (imageSource === undefined || image.imageSource === imageSource))
        // Public images first, then custom images; each in creation order (Array.prototype.sort is stable).
        .sort((a, b) => Number(a.imageType !== 'PUBLIC_IMAGE') - Number(b.imageType !== 'PUBLIC_IMAGE'));
    return { totalCount: all.length, dataSet: page(all, f).map(toImage) };
}

function describeZones(params: Params, ctx: ActionContext): Record<string, unknown> {
    const zoneIds = optFilterList(optStringArray(params, 'zoneIds', MAX_ZONE_IDS));
    const zones = ctx.state.zones().filter((z) => zoneIds === undefined || zoneIds.includes(z.zoneId));
    return { zoneSet: zones.map(toZoneInfo) };
}

/** Why one image cannot be deleted, or undefined when it can. */
export function deleteRefusal(image: SeedImage | undefined): string | undefined {
    if (!image) {
        return 'not found';
    }
    if (image.imageType !== 'CUSTOM_IMAGE') {
        return 'public image';
    }
    if (UNDELETABLE_STATUSES.includes(image.imageStatus)) {
        return `status ${image.imageStatus}`;
    }
    if (image.inUseByInstanceIds.length > 0) {
        return 'in use';
    }
    return undefined;
}

function deleteImages(params: Params, ctx: ActionContext): Record<string, unknown> {
    if (params.imageIds === undefined || params.imageIds === null) {
        missing('imageIds');
    }
    const ids = optStringArray(params, 'imageIds', ctx.maxImageIds) ?? [];
    if (ids.length === 0) {
        invalid('The parameter imageIds must contain at least one image ID.');
    }
    ids.forEach((id, i) => {
        if (id.trim() === '') {
            invalid(`The parameter imageIds[${i}] must be an image ID, got a blank string.`);
        }
    });
    const distinct = [...new Set(ids)];
    if (ctx.unknownIdMode === 'notFoundError') {
        const unknown = distinct.filter((id) => !ctx.state.getImage(id));
        if (unknown.length > 0) {
            throw new ApiFailure(404, ERROR_CODES.imageNotFound, `Image does not exist: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}.`);
        }
    }
    const failed: string[] = [];
    const accepted: string[] = [];
    for (const id of distinct) {
        (deleteRefusal(ctx.state.getImage(id)) === undefined ? accepted : failed).push(id);
    }
    for (const id of accepted) {
        ctx.state.scheduleDeletion(id, ctx.deleteDelayMs);
    }
    return { imageIds: failed };
}

const HANDLERS: Record<ActionName, (params: Params, ctx: ActionContext) => Record<string, unknown>> = {
    DescribeCustomImages: describeCustomImages,
    DescribeImages: describeImages,
    DescribeZones: describeZones,
    DeleteImages: deleteImages,
};

export function isAction(name: string): name is ActionName {
    return (ACTIONS as readonly string[]).includes(name);
}

/** Run one action; returns the `response` fields without requestId. Throws ApiFailure. */
export function runAction(action: ActionName, params: Params, ctx: ActionContext): Record<string, unknown> {
    return HANDLERS[action](params, ctx);
}
