/**
 * The image lifecycle actions (zec 2025-09-01): CopyImage, DescribeImageCopyProgress, DeleteImageCopy,
 * ModifyImagesAttributes and CreateImage, as the official CLI and SDK models describe them. Every check happens before
 * anything changes: a refused call leaves the account as it was. README.md lists the emulator's choices.
 */
import type { ImageTag } from '../../src/zenlayer/types';
import { ApiFailure, ERROR_CODES } from './errors';
import { type ActionContext, describeType, invalid, MAX_TAG_FILTERS, missing, optString, type Params, tagText } from './params';
import { isGpuInstanceType } from './seed';
import type { SeedImage } from './seed';
import type { EmulatorRegion } from './state';

/** Emulator choice: at most this many regions in `regionIdList` / `regionIds` (Zenlayer documents no maximum). */
export const MAX_REGION_IDS = 100;

/**
 * Image names: 2–63 characters, letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit (the
 * official CLI's Chinese text and the Terraform provider; the English text names only the start). `/`, which the
 * documentation's "-/_" might allow, is refused.
 */
export const IMAGE_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])$/;

/** The resource group CreateImage uses when none is given: the account's group of this name, if it has one. */
const DEFAULT_RESOURCE_GROUP_NAME = 'Default Resource Group';

type Result = Record<string, unknown>;

/** A required string; absent, null or "" is MISSING_PARAMETER, only spaces INVALID_PARAMETER. */
function requiredString(params: Params, name: string): string {
    const value = optString(params, name);
    if (value === undefined || value === '') {
        missing(name);
    }
    if (value.trim() === '') {
        invalid(`The parameter ${name} must not be blank.`);
    }
    return value;
}

/** A required, non-empty list of non-blank IDs, at most `max`; duplicates count once (emulator choice). */
function requiredIdList(params: Params, name: string, max: number): string[] {
    const value = params[name];
    if (value === undefined || value === null) {
        missing(name);
    }
    if (!Array.isArray(value)) {
        invalid(`The parameter ${name} must be an array of strings, got ${describeType(value)}.`);
    }
    if (value.length === 0) {
        invalid(`The parameter ${name} must contain at least one ID.`);
    }
    if (max > 0 && value.length > max) {
        invalid(`The parameter ${name} accepts at most ${max} items, got ${value.length}.`);
    }
    value.forEach((item: unknown, i) => {
        if (typeof item !== 'string') {
            invalid(`The parameter ${name}[${i}] must be a string, got ${describeType(item)}.`);
        }
        if (item.trim() === '') {
            invalid(`The parameter ${name}[${i}] must be an ID, got a blank string.`);
        }
    });
    return [...new Set(value as string[])];
}

function imageName(params: Params): string {
    const name = requiredString(params, 'imageName');
    if (!IMAGE_NAME_PATTERN.test(name)) {
        invalid(
            `The parameter imageName "${name.slice(0, 80)}" is invalid: 2 to 63 characters, only letters, digits, "-", "_" and ".", starting and ending with a letter or digit.`,
        );
    }
    return name;
}

function imageNotFound(imageIds: readonly string[]): never {
    throw new ApiFailure(404, ERROR_CODES.imageNotFound, `Image does not exist: ${imageIds.slice(0, 10).join(', ')}${imageIds.length > 10 ? ', …' : ''}.`);
}

/** One of the account's custom images; a public image, like another account's, is not found here. */
function customImage(ctx: ActionContext, imageId: string): SeedImage {
    const image = ctx.state.getImage(imageId);
    if (!image || image.imageType !== 'CUSTOM_IMAGE') {
        imageNotFound([imageId]);
    }
    return image;
}

function requireAvailable(image: SeedImage, doing: string): void {
    if (image.imageStatus !== 'AVAILABLE') {
        throw new ApiFailure(
            400,
            ERROR_CODES.imageStatus,
            `Operations on the image with current status are not supported: ${image.imageId} is ${image.imageStatus}; ${doing} needs an AVAILABLE image.`,
        );
    }
}

function region(ctx: ActionContext, regionId: string): EmulatorRegion {
    const found = ctx.state.getRegion(regionId);
    if (!found) {
        throw new ApiFailure(404, ERROR_CODES.regionNotFound, `The region \`${regionId.slice(0, 64)}\` is not found.`);
    }
    return found;
}

/** No other image of the account (outside `renamed`) may have the name: names identify images in the console. */
function requireFreeName(ctx: ActionContext, name: string, renamed: readonly string[]): void {
    const holder = ctx.state.images().find((image) => image.imageName === name && !renamed.includes(image.imageId));
    if (holder) {
        throw new ApiFailure(400, ERROR_CODES.imageNameDuplicate, `The image name "${name}" is already used by image ${holder.imageId}.`);
    }
}

/**
 * CopyImage `{imageId, regionIdList}`: only from AVAILABLE (so never while SYNCING), to known regions that do not hold
 * the image yet, on the same side of the mainland China border as the regions that do. The image goes SYNCING.
 */
function copyImage(params: Params, ctx: ActionContext): Result {
    const imageId = requiredString(params, 'imageId');
    const regionIds = requiredIdList(params, 'regionIdList', MAX_REGION_IDS);
    const image = customImage(ctx, imageId);
    requireAvailable(image, 'copying');
    const destinations = regionIds.map((regionId) => region(ctx, regionId));
    const held = destinations.find((destination) => image.regionIdList.includes(destination.regionId));
    if (held) {
        throw new ApiFailure(400, ERROR_CODES.imageCopyExists, `The image ${imageId} already has a copy in region ${held.regionId}.`);
    }
    const borders = new Set(image.regionIdList.map((regionId) => ctx.state.getRegion(regionId)?.border));
    const across = destinations.find((destination) => borders.size > 0 && !borders.has(destination.border));
    if (across) {
        const side = (border: string): string => (border === 'mainlandChina' ? 'mainland China' : 'outside mainland China');
        throw new ApiFailure(
            400,
            ERROR_CODES.crossBorderCopy,
            `Cross-border copying is not allowed: ${across.regionId} is ${side(across.border)}, the image is ${side(across.border === 'mainlandChina' ? 'international' : 'mainlandChina')}.`,
        );
    }
    ctx.state.startCopy(
        imageId,
        destinations.map((destination) => ({
            regionId: destination.regionId,
            regionName: destination.regionName,
            errorInfo: ctx.faults.takeCopyFailure(destination.regionId),
        })),
        ctx.copyTimings,
    );
    return {};
}

/** DescribeImageCopyProgress `{imageId}`: the destinations still in progress; an empty list unless the image is SYNCING. */
function describeImageCopyProgress(params: Params, ctx: ActionContext): Result {
    const imageId = requiredString(params, 'imageId');
    customImage(ctx, imageId);
    return { dataSet: ctx.state.copyProgress(imageId) };
}

/** DeleteImageCopy `{imageId, regionIds}`: only when AVAILABLE, only regions that hold it, never the last one. */
function deleteImageCopy(params: Params, ctx: ActionContext): Result {
    const imageId = requiredString(params, 'imageId');
    const regionIds = requiredIdList(params, 'regionIds', MAX_REGION_IDS);
    const image = customImage(ctx, imageId);
    requireAvailable(image, 'deleting a copy');
    for (const regionId of regionIds) {
        region(ctx, regionId);
        if (!image.regionIdList.includes(regionId)) {
            throw new ApiFailure(404, ERROR_CODES.imageCopyNotFound, `The image ${imageId} has no copy in region ${regionId}.`);
        }
    }
    if (image.regionIdList.every((regionId) => regionIds.includes(regionId))) {
        throw new ApiFailure(400, ERROR_CODES.lastImageCopy, `At least one copy of the image ${imageId} must remain; delete the image instead.`);
    }
    ctx.state.removeCopies(imageId, regionIds);
    return {};
}

/**
 * ModifyImagesAttributes `{imageIds, imageName}`: every image gets the name, or none does. Refused when an ID is not
 * one of the account's custom images, an image is DELETING, or another image of the account has the name (the images
 * of the call may share it: the action is made for that; and a call that changes no name is never refused for it).
 */
function modifyImagesAttributes(params: Params, ctx: ActionContext): Result {
    const imageIds = requiredIdList(params, 'imageIds', ctx.maxImageIds);
    const name = imageName(params);
    const unknown = imageIds.filter((id) => ctx.state.getImage(id)?.imageType !== 'CUSTOM_IMAGE');
    if (unknown.length > 0) {
        imageNotFound(unknown);
    }
    const images = imageIds.map((id) => customImage(ctx, id));
    const deleting = images.find((image) => image.imageStatus === 'DELETING');
    if (deleting) {
        throw new ApiFailure(400, ERROR_CODES.imageStatus, `Operations on the image with current status are not supported: ${deleting.imageId} is DELETING.`);
    }
    // Renaming images to the name they already have changes nothing, even when others share it.
    if (images.some((image) => image.imageName !== name)) {
        requireFreeName(ctx, name, imageIds);
    }
    for (const image of images) {
        image.imageName = name;
    }
    return {};
}

/** CreateImage's `tags`: a TagAssociation `{tags: [{key, value}]}`, at most 20, keys unique. */
function tagAssociation(params: Params): ImageTag[] {
    const wrapper = params.tags;
    if (wrapper === undefined || wrapper === null) {
        return [];
    }
    if (typeof wrapper !== 'object' || Array.isArray(wrapper)) {
        invalid(`The parameter tags must be an object {"tags": [{key, value}]}, got ${describeType(wrapper)}.`);
    }
    const list = (wrapper as Record<string, unknown>).tags;
    if (list === undefined || list === null) {
        return [];
    }
    if (!Array.isArray(list)) {
        invalid(`The parameter tags.tags must be an array of {key, value}, got ${describeType(list)}.`);
    }
    if (list.length > MAX_TAG_FILTERS) {
        invalid(`The parameter tags.tags accepts at most ${MAX_TAG_FILTERS} items, got ${list.length}.`);
    }
    const tags = list.map((tag: unknown, i): ImageTag => {
        if (typeof tag !== 'object' || tag === null || Array.isArray(tag)) {
            invalid(`The parameter tags.tags[${i}] must be an object {key, value}.`);
        }
        const { key, value } = tag as Record<string, unknown>;
        return { key: tagText(key, `tags.tags[${i}].key`), value: tagText(value, `tags.tags[${i}].value`) };
    });
    const keys = tags.map((tag) => tag.key);
    const repeated = keys.find((key, i) => keys.indexOf(key) !== i);
    if (repeated !== undefined) {
        invalid(`The parameter tags.tags has the key "${repeated}" more than once; tag keys must be unique.`);
    }
    return tags;
}

/**
 * CreateImage `{instanceId, imageName, resourceGroupId?, tags?}` → `{imageId, imageName}`: from a STOPPED, non-GPU
 * instance of the account, within the custom-image quota. The image is CREATING, then AVAILABLE in the instance's
 * region (or FAILED); the instance is IMAGING meanwhile.
 */
function createImage(params: Params, ctx: ActionContext): Result {
    const instanceId = requiredString(params, 'instanceId');
    const name = imageName(params);
    const resourceGroupId = optString(params, 'resourceGroupId');
    const tags = tagAssociation(params);
    const instance = ctx.state.getInstance(instanceId);
    if (!instance) {
        throw new ApiFailure(404, ERROR_CODES.instanceNotFound, `Instance does not exist: ${instanceId.slice(0, 64)}.`);
    }
    if (isGpuInstanceType(instance.instanceType)) {
        throw new ApiFailure(
            400,
            ERROR_CODES.gpuInstanceNotSupported,
            `GPU instances are not supported for custom image creation: ${instanceId} is ${instance.instanceType}.`,
        );
    }
    if (instance.status === 'IMAGING') {
        throw new ApiFailure(400, ERROR_CODES.instanceInOperation, `The instance ${instanceId} is in another operation (IMAGING); try again when it is done.`);
    }
    if (instance.status !== 'STOPPED') {
        throw new ApiFailure(
            400,
            ERROR_CODES.instanceStatusNotSupported,
            `The instance ${instanceId} is ${instance.status}; stop it first: an image is made from a STOPPED instance.`,
        );
    }
    requireFreeName(ctx, name, []);
    const groups = ctx.state.resourceGroups();
    let resourceGroup: { id: string; name: string } | null = null;
    if (resourceGroupId !== undefined && resourceGroupId !== '') {
        const groupName = groups.get(resourceGroupId);
        if (groupName === undefined) {
            throw new ApiFailure(404, ERROR_CODES.resourceGroupNotFound, `The resource group \`${resourceGroupId.slice(0, 64)}\` is not found.`);
        }
        resourceGroup = { id: resourceGroupId, name: groupName };
    } else {
        const fallback = [...groups].find(([, groupName]) => groupName === DEFAULT_RESOURCE_GROUP_NAME);
        resourceGroup = fallback ? { id: fallback[0], name: fallback[1] } : null;
    }
    const held = ctx.state.images().length;
    if (ctx.imageQuota > 0 && held >= ctx.imageQuota) {
        throw new ApiFailure(
            400,
            ERROR_CODES.imageQuotaExceeded,
            `Quota limit of custom image is exceeded: the account holds ${held} of ${ctx.imageQuota}; delete images or contact support.`,
        );
    }
    const image = ctx.state.startCreation({
        instanceId,
        imageName: name,
        resourceGroup,
        tags,
        delayMs: ctx.createDelayMs,
        fails: ctx.faults.takeCreationFailure(),
    });
    return { imageId: image.imageId, imageName: image.imageName };
}

export const IMAGE_LIFECYCLE_HANDLERS = {
    CopyImage: copyImage,
    DescribeImageCopyProgress: describeImageCopyProgress,
    DeleteImageCopy: deleteImageCopy,
    ModifyImagesAttributes: modifyImagesAttributes,
    CreateImage: createImage,
} satisfies Record<string, (params: Params, ctx: ActionContext) => Result>;
