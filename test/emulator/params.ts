/**
 * What every emulated action shares: the context it runs in, and the reading of its parameters (types, lists, tags,
 * integers), each failure a 400 INVALID_PARAMETER or MISSING_PARAMETER envelope that names the field.
 */
import type { ImageTag } from '../../src/zenlayer/types';
import { ApiFailure, ERROR_CODES } from './errors';
import type { Faults } from './faults';
import type { EmulatorState } from './state';
import type { CopyTimings } from './tasks';

/** Documented for `tagKeys` and `tags` of every Describe action here. */
export const MAX_TAG_FILTERS = 20;
/** Tag keys and values are 1–64 characters (documented for the Tag type). */
export const MAX_TAG_LENGTH = 64;

export interface ActionContext {
    state: EmulatorState;
    deleteDelayMs: number;
    unknownIdMode: 'failedList' | 'notFoundError';
    /** Max IDs in an `imageIds` filter or DeleteImages call; 0 = no limit. */
    maxImageIds: number;
    /** How long CopyImage's stages take. */
    copyTimings: CopyTimings;
    /** How long CreateImage's image stays CREATING. */
    createDelayMs: number;
    /** Custom images an account may hold before CreateImage is refused; 0 = no limit. */
    imageQuota: number;
    /** Decides which accepted copies and creations fail. */
    faults: Faults;
}

export type Params = Record<string, unknown>;

export function invalid(message: string): never {
    throw new ApiFailure(400, ERROR_CODES.invalidParameter, message);
}

export function missing(name: string): never {
    throw new ApiFailure(400, ERROR_CODES.missingParameter, `The parameter ${name} is required.`);
}

export function describeType(value: unknown): string {
    return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** `null` counts as absent, as the SDKs drop nil/None fields anyway. */
export function optString(params: Params, name: string): string | undefined {
    const value = params[name];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== 'string') {
        invalid(`The parameter ${name} must be a string, got ${describeType(value)}.`);
    }
    return value;
}

export function optEnum<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
    const value = optString(params, name);
    if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
        invalid(`The parameter ${name} must be one of ${allowed.join(', ')}; got "${value.slice(0, 40)}".`);
    }
    return value as T | undefined;
}

/** `max` 0 = no limit. */
export function optStringArray(params: Params, name: string, max: number): string[] | undefined {
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
export function optFilterList<T>(list: T[] | undefined): T[] | undefined {
    return list === undefined || list.length === 0 ? undefined : list;
}

export function optTags(params: Params): ImageTag[] | undefined {
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

/** A tag key or value: a string of 1–64 characters; a tag filter needs both key and value. */
export function tagText(value: unknown, name: string): string {
    if (typeof value !== 'string') {
        invalid(
            value === undefined || value === null
                ? `The parameter ${name} is required: a tag filter needs a key and a value.`
                : `The parameter ${name} must be a string, got ${describeType(value)}.`,
        );
    }
    const length = [...value].length;
    if (length < 1 || length > MAX_TAG_LENGTH) {
        invalid(`The parameter ${name} must be 1 to ${MAX_TAG_LENGTH} characters long, got ${length}.`);
    }
    return value;
}

export function optInteger(params: Params, name: string, min: number, max: number, fallback: number): number {
    const value = params[name];
    if (value === undefined || value === null) {
        return fallback;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
        invalid(`The parameter ${name} must be an integer, got ${typeof value === 'number' ? String(value) : describeType(value)}.`);
    }
    if (value < min || value > max) {
        invalid(
            max === Number.MAX_SAFE_INTEGER
                ? `The parameter ${name} must be at least ${min}, got ${value}.`
                : `The parameter ${name} must be between ${min} and ${max}, got ${value}.`,
        );
    }
    return value;
}
