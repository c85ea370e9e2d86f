import { MAX_ID_LENGTH } from './bounds';
import { ZenlayerInputError } from './inputError';

/** Checks what a caller hands one call (its request options, image IDs), so bad input is a ZenlayerInputError. */

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The caller's AbortSignal, if any; anything else in its place is refused. */
export function requestSignal(action: string, options: unknown): AbortSignal | undefined {
    if (options === undefined) {
        return undefined;
    }
    if (!isObject(options)) {
        throw new ZenlayerInputError(action, { kind: 'optionWrongType', option: 'options', expected: 'object' });
    }
    if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
        throw new ZenlayerInputError(action, { kind: 'optionWrongType', option: 'options.signal', expected: 'AbortSignal' });
    }
    return options.signal;
}

/** Validates image IDs the way a user would want to hear about it, and drops duplicates. */
export function distinctImageIds(action: string, imageIds: unknown): string[] {
    if (!Array.isArray(imageIds) || imageIds.length === 0) {
        throw new ZenlayerInputError(action, { kind: 'noImageIds' });
    }
    imageIds.forEach((id: unknown, index) => {
        const position = index + 1;
        if (typeof id !== 'string') {
            throw new ZenlayerInputError(action, { kind: 'imageIdNotString', position });
        }
        if (id.trim() === '') {
            throw new ZenlayerInputError(action, { kind: 'imageIdBlank', position });
        }
        if (id.trim() !== id) {
            throw new ZenlayerInputError(action, { kind: 'imageIdSpaces', position });
        }
        // eslint-disable-next-line no-control-regex -- control characters are what is refused
        if (id.length > MAX_ID_LENGTH || /[\s\u0000-\u001f\u007f-\u009f]/.test(id)) {
            throw new ZenlayerInputError(action, { kind: 'imageIdMalformed', position, maxLength: MAX_ID_LENGTH });
        }
    });
    return [...new Set(imageIds as string[])];
}
