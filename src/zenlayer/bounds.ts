/**
 * Bounds for everything a server sends: text is cut to a sane length and stripped of control characters before it
 * reaches an error, a log line or the UI; identifiers, codes and request IDs must have their documented shape.
 */

/** API error messages; real ones are one sentence. */
export const MAX_SERVER_MESSAGE_LENGTH = 500;
/** The start of a body that was not the JSON we expected. */
export const MAX_EXCERPT_LENGTH = 120;
/** Image, instance, zone, region and resource group IDs. Zenlayer's are well under 64 characters. */
export const MAX_ID_LENGTH = 128;
/** Names and other short display texts (Zenlayer allows 63-character image names). */
export const MAX_NAME_LENGTH = 256;
export const MAX_DESCRIPTION_LENGTH = 1024;
/** Tag keys and values: the API allows 1–64 characters. */
export const MAX_TAG_TEXT_LENGTH = 64;
/** Entries kept from a list inside one item (regions, tags). */
export const MAX_LIST_ENTRIES = 200;

/**
 * C0/C1 controls, DEL, zero-width and bidirectional-override characters, line and paragraph separators: anything
 * that could break a log line, fake one, or reorder what a person reads.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+/g;
/** ANSI escape sequences (CSI … final byte, and two-character escapes), removed whole rather than left as "[31m". */
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g;

/**
 * Printable, single-line, at most `maxLength` characters (an ellipsis marks a cut). Looks at no more of `value`
 * than it can keep, so a 5 MB message costs as much as a short one.
 */
export function cleanText(value: string, maxLength: number): string {
    const head = value.length > maxLength * 4 + 64 ? value.slice(0, maxLength * 4 + 64) : value;
    const flat = head
        .replace(ANSI_SEQUENCE, '')
        .replace(UNSAFE_CHARACTERS, ' ')
        .replace(/\s{2,}/g, ' ')
        .trim();
    const cut = flat.length > maxLength || head.length < value.length;
    // Never leave half a surrogate pair at the cut.
    return cut ? `${flat.slice(0, maxLength).replace(/[\ud800-\udbff]$/, '')}…` : flat;
}

/** A non-empty display text from the wire, cleaned and bounded; anything else is undefined. */
export function boundedText(value: unknown, maxLength: number): string | undefined {
    if (typeof value !== 'string') {
        return undefined;
    }
    const text = cleanText(value, maxLength);
    return text === '' ? undefined : text;
}

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** An ID as Zenlayer writes them (`img-…`, `ubuntu2404_20240712`, `asia-east-1a`); anything else is undefined. */
export function identifier(value: unknown): string | undefined {
    return typeof value === 'string' && value.length <= MAX_ID_LENGTH && IDENTIFIER.test(value) ? value : undefined;
}

/** UPPER_SNAKE_CASE as documented, with the dotted legacy form tolerated. */
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

export function errorCode(value: unknown): string | undefined {
    return typeof value === 'string' && ERROR_CODE.test(value) ? value : undefined;
}

/** `T` + an upper-case UUID in every documented example; any short token of that alphabet is accepted. */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function requestIdOf(value: unknown): string | undefined {
    return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}

/** Enum-like values (`AVAILABLE`, `CUSTOM_IMAGE`, `linux`): a newer API's values are kept, garbage is not. */
const ENUM_TOKEN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function enumToken(value: unknown): string | undefined {
    return typeof value === 'string' && ENUM_TOKEN.test(value) ? value : undefined;
}

/** A finite, non-negative number at most `max`, from a number or a numeric string (real answers send both). */
export function boundedNumber(value: unknown, max: number): number | undefined {
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
    return Number.isFinite(number) && number >= 0 && number <= max ? number : undefined;
}

/** Up to `max` IDs, for a log line or a warning. */
export function sampleIds(ids: readonly string[], max = 10): string[] {
    return ids.slice(0, max).map((id) => cleanText(id, MAX_ID_LENGTH));
}
