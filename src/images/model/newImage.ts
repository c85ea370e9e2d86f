import { imageFamily } from '../../shared/images/family';
import { checkImageName, IMAGE_NAME_MAX_LENGTH, type ImageTag, type ZenlayerImage, type ZenlayerInstance } from '../../zenlayer';

/** Why an instance cannot be made into an image (Zenlayer's CreateImage rules); undefined when it can. */
export type IneligibleReason = 'notStopped' | 'gpu';

/** GPU instance types read `<family>.g.<GPU>.<shape>` (the official CLI's `z3a.g.C49.c8m32.1`); Zenlayer refuses to image them. */
const GPU_INSTANCE_TYPE = /^[A-Za-z0-9]+\.g\./;

export function ineligibleReason(instance: Pick<ZenlayerInstance, 'status' | 'instanceType'>): IneligibleReason | undefined {
    if (instance.status !== 'STOPPED') {
        return 'notStopped';
    }
    return instance.instanceType !== undefined && GPU_INSTANCE_TYPE.test(instance.instanceType) ? 'gpu' : undefined;
}

/** `2026-12-05`, the person's local date. */
export function dateStamp(today: Date): string {
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/** A name's characters Zenlayer accepts: runs of anything else become one `-`, and the ends are letters or digits. */
function nameCharacters(text: string): string {
    return text
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .replace(/[^A-Za-z0-9]+$/, '');
}

/**
 * The name suggested for an image of this instance: the family of the image it runs from (`web-frontend-2026-10` →
 * `web-frontend`), else the instance's name, then today's date: `web-frontend-2026-12-05`. Made valid and new (a
 * `-2`, `-3`… when the name is taken); `image-<date>` when neither name has a usable character.
 */
export function suggestImageName(instance: Pick<ZenlayerInstance, 'name' | 'imageName'>, today: Date, taken: ReadonlySet<string>): string {
    const date = dateStamp(today);
    const stem = nameCharacters(imageFamily(instance.imageName ?? '').name) || nameCharacters(instance.name) || 'image';
    const base = `${stem.slice(0, IMAGE_NAME_MAX_LENGTH - date.length - 4).replace(/[^A-Za-z0-9]+$/, '')}-${date}`;
    let name = base;
    for (let counter = 2; taken.has(name) || checkImageName(name) !== undefined; counter++) {
        name = `${base}-${counter}`;
    }
    return name;
}

/** Problems of the tags text `key=value, key2=value2`; see parseTags. */
export type TagsProblem =
    | { readonly kind: 'noEquals'; readonly entry: string }
    | { readonly kind: 'empty'; readonly entry: string }
    | { readonly kind: 'tooLong'; readonly entry: string }
    | { readonly kind: 'duplicateKey'; readonly key: string }
    | { readonly kind: 'tooMany' };

export const MAX_NEW_IMAGE_TAGS = 20;
const MAX_TAG_TEXT = 64;

/** Reads `env=prod, team=web` (blank: no tags): at most 20, keys unique, key and value 1–64 characters each. */
export function parseTags(text: string): { readonly tags: ImageTag[] } | { readonly problem: TagsProblem } {
    const entries = text
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
    if (entries.length > MAX_NEW_IMAGE_TAGS) {
        return { problem: { kind: 'tooMany' } };
    }
    const tags: ImageTag[] = [];
    for (const entry of entries) {
        const equals = entry.indexOf('=');
        if (equals < 0) {
            return { problem: { kind: 'noEquals', entry } };
        }
        const key = entry.slice(0, equals).trim();
        const value = entry.slice(equals + 1).trim();
        if (key === '' || value === '') {
            return { problem: { kind: 'empty', entry } };
        }
        if ([...key].length > MAX_TAG_TEXT || [...value].length > MAX_TAG_TEXT) {
            return { problem: { kind: 'tooLong', entry } };
        }
        if (tags.some((tag) => tag.key === key)) {
            return { problem: { kind: 'duplicateKey', key } };
        }
        tags.push({ key, value });
    }
    return { tags };
}

/** The row of an image CreateImage just accepted, until the first look-up says more: CREATING, in no region yet. */
export function creatingImage(imageId: string, imageName: string, tags: readonly ImageTag[]): ZenlayerImage {
    return {
        id: imageId,
        name: imageName,
        type: 'CUSTOM_IMAGE',
        source: 'CUSTOM',
        status: 'CREATING',
        sizeGiB: undefined,
        minDiskSizeGiB: undefined,
        osType: undefined,
        category: undefined,
        version: undefined,
        description: undefined,
        regionIds: [],
        resourceGroupId: undefined,
        resourceGroupName: undefined,
        tags,
    };
}
