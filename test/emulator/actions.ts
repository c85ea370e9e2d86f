/**
 * The ZEC actions the emulator serves (zec 2025-09-01): parameter validation, filtering, paging, DeleteImages
 * semantics and DescribeInstances here, the image lifecycle actions in image-actions.ts. Every action sees only the
 * calling account (and the shared zones and public images).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { IMAGE_SOURCES, IMAGE_STATUSES, IMAGE_TYPES, OS_TYPES } from '../../src/zenlayer/types';
import type { ImageTag } from '../../src/zenlayer/types';
import { ApiFailure, ERROR_CODES } from './errors';
import { IMAGE_LIFECYCLE_HANDLERS } from './image-actions';
import {
    type ActionContext,
    invalid,
    MAX_TAG_FILTERS,
    missing,
    optEnum,
    optFilterList,
    optInteger,
    optString,
    optStringArray,
    optTags,
    type Params,
    tagText,
} from './params';
import { INSTANCE_STATUSES, UNDELETABLE_STATUSES } from './seed';
import type { SeedImage, SeedInstance, SeedZone } from './seed';

export const ACTIONS = [
    'DescribeCustomImages',
    'DescribeImages',
    'DescribeZones',
    'DeleteImages',
    'DescribeInstances',
    'CopyImage',
    'DescribeImageCopyProgress',
    'DeleteImageCopy',
    'ModifyImagesAttributes',
    'CreateImage',
] as const;
export type ActionName = (typeof ACTIONS)[number];

/**
 * Emulator choice, not documented fact (Zenlayer documents no maximum for DeleteImages): the default
 * `maxImageIdsPerCall`, i.e. at most this many IDs in an `imageIds` filter and per DeleteImages call.
 */
export const MAX_IMAGE_IDS = 100;
/** Emulator choice: at most this many IDs in DescribeZones' `zoneIds`. */
export const MAX_ZONE_IDS = 100;
/** DescribeInstances: "You can query up to 100 instances in each request" (official CLI, describe-instances). */
export const MAX_INSTANCE_IDS = 100;
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 20;

interface Paging {
    pageNum: number;
    pageSize: number;
}

function paging(params: Params): Paging {
    return {
        pageNum: optInteger(params, 'pageNum', 1, Number.MAX_SAFE_INTEGER, 1),
        pageSize: optInteger(params, 'pageSize', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    };
}

function page<T>(items: T[], p: Paging): T[] {
    const start = (p.pageNum - 1) * p.pageSize;
    return items.slice(start, start + p.pageSize);
}

interface TagFilter {
    tagKeys?: string[];
    tags?: ImageTag[];
}

function tagFilter(params: Params): TagFilter {
    return {
        tagKeys: optFilterList(optStringArray(params, 'tagKeys', MAX_TAG_FILTERS)?.map((key, i) => tagText(key, `tagKeys[${i}]`))),
        tags: optFilterList(optTags(params)),
    };
}

/** Every tagKey must be present; every tag pair must be present. */
function tagsMatch(tags: readonly ImageTag[], f: TagFilter): boolean {
    return (
        (!f.tagKeys || f.tagKeys.every((k) => tags.some((t) => t.key === k))) &&
        (!f.tags || f.tags.every((want) => tags.some((t) => t.key === want.key && t.value === want.value)))
    );
}

/** Case-insensitive substring: the documented "fuzzy" name match, as the emulator reads it. */
function fuzzyMatch(name: string, wanted: string | undefined): boolean {
    return wanted === undefined || name.toLowerCase().includes(wanted.toLowerCase());
}

interface ImageFilter extends Paging, TagFilter {
    imageIds?: string[];
    imageName?: string;
    category?: string;
    osType?: string;
    imageStatus?: string;
}

function imageFilter(params: Params, ctx: ActionContext): ImageFilter {
    return {
        imageIds: optFilterList(optStringArray(params, 'imageIds', ctx.maxImageIds)),
        imageName: optString(params, 'imageName'),
        category: optString(params, 'category'),
        osType: optEnum(params, 'osType', OS_TYPES),
        imageStatus: optEnum(params, 'imageStatus', IMAGE_STATUSES),
        ...tagFilter(params),
        ...paging(params),
    };
}

/**
 * Filter semantics (emulator choice): all given filters must match (AND); imageName is a case-insensitive
 * substring; category is case-insensitive exact.
 */
function matches(image: SeedImage, f: ImageFilter): boolean {
    return (
        (!f.imageIds || f.imageIds.includes(image.imageId)) &&
        fuzzyMatch(image.imageName, f.imageName) &&
        (f.category === undefined || image.category.toLowerCase() === f.category.toLowerCase()) &&
        (f.osType === undefined || image.osType === f.osType) &&
        (f.imageStatus === undefined || image.imageStatus === f.imageStatus) &&
        tagsMatch(image.tags, f)
    );
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
    const f = imageFilter(params, ctx);
    const regionId = optString(params, 'regionId');
    const resourceGroupId = optString(params, 'resourceGroupId');
    const all = ctx.state
        .customImages()
        .filter(
            (image) =>
                matches(image, f) &&
                (regionId === undefined || image.regionIdList.includes(regionId)) &&
                (resourceGroupId === undefined || image.resourceGroupId === resourceGroupId),
        );
    return { totalCount: all.length, dataSet: page(all, f).map(toCustomImage) };
}

function describeImages(params: Params, ctx: ActionContext): Record<string, unknown> {
    const zoneId = optString(params, 'zoneId');
    if (zoneId === undefined || zoneId === '') {
        missing('zoneId');
    }
    const f = imageFilter(params, ctx);
    const imageType = optEnum(params, 'imageType', IMAGE_TYPES);
    const imageSource = optEnum(params, 'imageSource', IMAGE_SOURCES);
    const zone = ctx.state.getZone(zoneId);
    if (!zone) {
        throw new ApiFailure(404, ERROR_CODES.zoneNotFound, `The specified zoneId \`${zoneId.slice(0, 64)}\` is not found.`);
    }
    const inZone = (image: SeedImage): boolean =>
        image.imageType === 'PUBLIC_IMAGE' && image.regionIdList.length === 0 ? true : image.regionIdList.includes(zone.regionId);
    const all = ctx.state
        .allImages()
        .filter(
            (image) =>
                inZone(image) &&
                matches(image, f) &&
                (imageType === undefined || image.imageType === imageType) &&
                (imageSource === undefined || image.imageSource === imageSource),
        )
        // Public images first, then custom images; each in creation order (Array.prototype.sort is stable).
        .sort((a, b) => Number(a.imageType !== 'PUBLIC_IMAGE') - Number(b.imageType !== 'PUBLIC_IMAGE'));
    return { totalCount: all.length, dataSet: page(all, f).map(toImage) };
}

function describeZones(params: Params, ctx: ActionContext): Record<string, unknown> {
    const zoneIds = optFilterList(optStringArray(params, 'zoneIds', MAX_ZONE_IDS));
    const zones = ctx.state.zones().filter((z) => zoneIds === undefined || zoneIds.includes(z.zoneId));
    return { zoneSet: zones.map(toZoneInfo) };
}

/**
 * Why one image cannot be deleted, or undefined when it can. `inUse`: an instance of the account has its imageId,
 * whatever the instance's status (RECYCLE included).
 */
export function deleteRefusal(image: SeedImage | undefined, inUse: boolean): string | undefined {
    if (!image) {
        return 'not found';
    }
    if (image.imageType !== 'CUSTOM_IMAGE') {
        return 'public image';
    }
    if (UNDELETABLE_STATUSES.includes(image.imageStatus)) {
        return `status ${image.imageStatus}`;
    }
    if (inUse) {
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
            throw new ApiFailure(
                404,
                ERROR_CODES.imageNotFound,
                `Image does not exist: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}.`,
            );
        }
    }
    const failed: string[] = [];
    const accepted: string[] = [];
    const used = ctx.state.usedImageIds();
    for (const id of distinct) {
        (deleteRefusal(ctx.state.getImage(id), used.has(id)) === undefined ? accepted : failed).push(id);
    }
    for (const id of accepted) {
        ctx.state.scheduleDeletion(id, ctx.deleteDelayMs);
    }
    return { imageIds: failed };
}

/** Canonical text of an IPv6 address (`2001:0DB8:0::1` → `2001:db8::1`), or undefined when it is not one. */
function canonicalIpv6(text: string): string | undefined {
    if (!isIPv6(text)) {
        return undefined;
    }
    try {
        return new URL(`http://[${text}]/`).hostname.slice(1, -1);
    } catch {
        return undefined; // e.g. a zone index ("fe80::1%eth0"), which no instance address has
    }
}

function optIpv4(params: Params): string | undefined {
    const value = optString(params, 'ipv4Address');
    if (value !== undefined && !isIPv4(value)) {
        invalid(`The parameter ipv4Address must be an IPv4 address such as 203.0.113.10, got "${value.slice(0, 60)}".`);
    }
    return value;
}

function optIpv6(params: Params): string | undefined {
    const value = optString(params, 'ipv6Address');
    if (value === undefined) {
        return undefined;
    }
    const canonical = canonicalIpv6(value);
    if (canonical === undefined) {
        invalid(`The parameter ipv6Address must be an IPv6 address such as 2001:db8::10, got "${value.slice(0, 60)}".`);
    }
    return canonical;
}

/** InstanceInfo as DescribeInstances returns it (the fields the emulator keeps; see README for the rest). */
function toInstanceInfo(instance: SeedInstance, zone: SeedZone | undefined): Record<string, unknown> {
    return {
        instanceId: instance.instanceId,
        instanceName: instance.instanceName,
        zoneId: instance.zoneId,
        instanceType: instance.instanceType,
        cpu: instance.cpu,
        memory: instance.memory,
        imageId: instance.imageId,
        imageName: instance.imageName,
        timeZone: zone?.timeZone ?? null,
        status: instance.status,
        publicIpAddresses: [...instance.publicIpAddresses],
        privateIpAddresses: [...instance.privateIpAddresses],
        createTime: instance.createTime,
        resourceGroupId: instance.resourceGroupId,
        resourceGroupName: instance.resourceGroupName,
        tags: { tags: instance.tags.map((t) => ({ key: t.key, value: t.value })) },
    };
}

/**
 * DescribeInstances: the account's instances in creation order. Filters (all AND): instanceIds (≤ 100), zoneId,
 * imageId, resourceGroupId and status exact; name a case-insensitive substring; ipv4Address/ipv6Address one of the
 * instance's public or private addresses; tagKeys/tags as for images. An unknown zoneId or imageId is a filter
 * that matches nothing, not an error (emulator choice).
 */
function describeInstances(params: Params, ctx: ActionContext): Record<string, unknown> {
    const instanceIds = optFilterList(optStringArray(params, 'instanceIds', MAX_INSTANCE_IDS));
    const zoneId = optString(params, 'zoneId');
    const imageId = optString(params, 'imageId');
    const ipv4 = optIpv4(params);
    const ipv6 = optIpv6(params);
    const status = optEnum(params, 'status', INSTANCE_STATUSES);
    const name = optString(params, 'name');
    const resourceGroupId = optString(params, 'resourceGroupId');
    const tags = tagFilter(params);
    const p = paging(params);
    const hasAddress = (instance: SeedInstance, wanted: string, canonical: (ip: string) => string | undefined): boolean =>
        [...instance.publicIpAddresses, ...instance.privateIpAddresses].some((ip) => canonical(ip) === wanted);
    const all = ctx.state
        .instances()
        .filter(
            (instance) =>
                (!instanceIds || instanceIds.includes(instance.instanceId)) &&
                (zoneId === undefined || instance.zoneId === zoneId) &&
                (imageId === undefined || instance.imageId === imageId) &&
                (status === undefined || instance.status === status) &&
                (resourceGroupId === undefined || instance.resourceGroupId === resourceGroupId) &&
                fuzzyMatch(instance.instanceName, name) &&
                (ipv4 === undefined || hasAddress(instance, ipv4, (ip) => (isIPv4(ip) ? ip : undefined))) &&
                (ipv6 === undefined || hasAddress(instance, ipv6, canonicalIpv6)) &&
                tagsMatch(instance.tags, tags),
        );
    return { totalCount: all.length, dataSet: page(all, p).map((instance) => toInstanceInfo(instance, ctx.state.getZone(instance.zoneId))) };
}

const HANDLERS: Record<ActionName, (params: Params, ctx: ActionContext) => Record<string, unknown>> = {
    DescribeCustomImages: describeCustomImages,
    DescribeImages: describeImages,
    DescribeZones: describeZones,
    DeleteImages: deleteImages,
    DescribeInstances: describeInstances,
    ...IMAGE_LIFECYCLE_HANDLERS,
};

export function isAction(name: string): name is ActionName {
    return (ACTIONS as readonly string[]).includes(name);
}

/** Run one action; returns the `response` fields without requestId. Throws ApiFailure. */
export function runAction(action: ActionName, params: Params, ctx: ActionContext): Record<string, unknown> {
    return HANDLERS[action](params, ctx);
}
