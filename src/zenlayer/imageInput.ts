import { MAX_ID_LENGTH, MAX_TAG_TEXT_LENGTH } from './bounds';
import { type FieldProblem, type ImageNameProblem, ZenlayerInputError } from './inputError';
import { distinctImageIds } from './callInput';
import { MAX_IDS_PER_FILTER } from './filters';

/** Checks the inputs of the image lifecycle actions, so nothing malformed is ever sent. */

export const IMAGE_NAME_MIN_LENGTH = 2;
export const IMAGE_NAME_MAX_LENGTH = 63;
/** Regions in one CopyImage or DeleteImageCopy: Zenlayer documents no maximum; it has far fewer regions than this. */
export const MAX_REGION_IDS = 100;
/** Tags of CreateImage, as for the tag filters. */
const MAX_TAGS = 20;

const NAME_EDGE = /^[A-Za-z0-9]$/;
const NAME_CHARACTER = /^[A-Za-z0-9._-]$/;
/** Region, instance and resource group IDs as Zenlayer writes them (`asia-east-1`, `ins-…`, `rg-…`). */
const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/**
 * Why `name` would be refused as an image name, or undefined when Zenlayer accepts it: 2–63 characters; ASCII
 * letters, digits, `-`, `_`, `.`; starting and ending with a letter or digit (the official CLI's Chinese text and
 * the Terraform provider; `/`, which the documentation's "-/_" might allow, is refused). Nothing is trimmed.
 */
export function checkImageName(name: unknown): ImageNameProblem | undefined {
    if (typeof name !== 'string') {
        return 'notString';
    }
    const characters = [...name];
    if (characters.length < IMAGE_NAME_MIN_LENGTH) {
        return 'tooShort';
    }
    if (characters.length > IMAGE_NAME_MAX_LENGTH) {
        return 'tooLong';
    }
    if (!NAME_EDGE.test(characters[0])) {
        return 'badFirstCharacter';
    }
    if (!characters.every((character) => NAME_CHARACTER.test(character))) {
        return 'badCharacter';
    }
    return NAME_EDGE.test(characters[characters.length - 1]) ? undefined : 'badLastCharacter';
}

export function imageNameOf(action: string, name: unknown): string {
    const problem = checkImageName(name);
    if (problem) {
        throw new ZenlayerInputError(action, { kind: 'imageNameInvalid', reason: problem });
    }
    return name as string;
}

function fail(action: string, field: string, reason: FieldProblem, limit?: number): never {
    throw new ZenlayerInputError(action, { kind: 'fieldInvalid', field, reason, ...(limit === undefined ? {} : { limit }) });
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One ID-shaped string, as given (never trimmed: an ID with spaces is a mistake to report, not to guess at). */
function idOf(action: string, field: string, given: unknown): string {
    const value = untrimmedText(action, field, given);
    if (value.length > MAX_ID_LENGTH) {
        return fail(action, field, 'tooLong', MAX_ID_LENGTH);
    }
    return ID_SHAPE.test(value) ? value : fail(action, field, 'malformed');
}

/** One image ID, checked as deleteImages checks its IDs. */
export function imageIdOf(action: string, imageId: unknown): string {
    return distinctImageIds(action, [imageId])[0];
}

/** The image IDs of a rename: as for deleteImages, and at most 100 (one call renames them all or none). */
export function renameImageIds(action: string, imageIds: unknown): string[] {
    const ids = distinctImageIds(action, imageIds);
    return ids.length > MAX_IDS_PER_FILTER ? fail(action, 'imageIds', 'tooMany', MAX_IDS_PER_FILTER) : ids;
}

/** A region list of CopyImage or DeleteImageCopy: 1–100 distinct region IDs. */
export function regionIdsOf(action: string, field: string, regionIds: unknown): string[] {
    if (!Array.isArray(regionIds)) {
        return fail(action, field, 'wrongType');
    }
    if (regionIds.length === 0) {
        return fail(action, field, 'empty');
    }
    if (regionIds.length > MAX_REGION_IDS) {
        return fail(action, field, 'tooMany', MAX_REGION_IDS);
    }
    const seen = new Set<string>();
    return regionIds.map((value: unknown, index) => {
        const regionId = idOf(action, `${field}[${index}]`, value);
        if (seen.has(regionId)) {
            fail(action, `${field}[${index}]`, 'duplicate');
        }
        seen.add(regionId);
        return regionId;
    });
}

/** CreateImage's request fields; tags go in Zenlayer's TagAssociation wrapper, `{tags: [{key, value}]}`. */
export function createImageParams(action: string, input: unknown): { params: Record<string, unknown>; instanceId: string } {
    if (!isObject(input)) {
        return fail(action, 'input', 'notObject');
    }
    const instanceId = idOf(action, 'instanceId', input.instanceId);
    const params: Record<string, unknown> = { instanceId, imageName: imageNameOf(action, input.imageName) };
    const group = input.resourceGroupId;
    if (group !== undefined && group !== null && !(typeof group === 'string' && group.trim() === '')) {
        params.resourceGroupId = idOf(action, 'resourceGroupId', group);
    }
    const tags = createImageTags(action, input.tags);
    if (tags.length > 0) {
        params.tags = { tags };
    }
    return { params, instanceId };
}

function createImageTags(action: string, value: unknown): { key: string; value: string }[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value)) {
        return fail(action, 'tags', 'wrongType');
    }
    if (value.length > MAX_TAGS) {
        return fail(action, 'tags', 'tooMany', MAX_TAGS);
    }
    const keys = new Set<string>();
    return value.map((tag: unknown, index) => {
        if (!isObject(tag)) {
            return fail(action, `tags[${index}]`, 'wrongType');
        }
        const key = tagText(action, `tags[${index}].key`, tag.key);
        if (keys.has(key)) {
            fail(action, `tags[${index}].key`, 'duplicate');
        }
        keys.add(key);
        return { key, value: tagText(action, `tags[${index}].value`, tag.value) };
    });
}

/** A tag key or value: 1–64 characters, not blank, no surrounding spaces. */
function tagText(action: string, field: string, given: unknown): string {
    const value = untrimmedText(action, field, given);
    return [...value].length > MAX_TAG_TEXT_LENGTH ? fail(action, field, 'tooLong', MAX_TAG_TEXT_LENGTH) : value;
}

/** A string that is not blank and has no surrounding spaces (reported, never trimmed: spaces are a mistake, not padding). */
function untrimmedText(action: string, field: string, value: unknown): string {
    if (typeof value !== 'string') {
        return fail(action, field, 'wrongType');
    }
    if (value.trim() === '') {
        return fail(action, field, 'blank');
    }
    if (value.trim() !== value) {
        return fail(action, field, 'spaces');
    }
    return value;
}
