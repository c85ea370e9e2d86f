/**
 * An image's family: its name without a trailing version or date, so `web-frontend-2026-11`, `-2026-10` and
 * `-2026-09` are three builds of `web-frontend`. Zenlayer has no such notion; this is a reading of names, and the
 * setting `zenlayer.cleanup.families` names families where the reading is wrong.
 */

import type { ZenlayerImage } from '../../zenlayer/types';

/** Markers of a build that is not the release yet, oldest kind first: `1.32-dev` < `-alpha` < `-beta` < `-pre` < `-rc` < `1.32`. */
const PRE_RELEASE_RANK: ReadonlyMap<string, number> = new Map([
    ['dev', 0],
    ['snapshot', 0],
    ['nightly', 0],
    ['alpha', 1],
    ['beta', 2],
    ['pre', 3],
    ['preview', 3],
    ['rc', 4],
]);

/** A pre-release marker (optionally numbered: `rc1`, `rc.2`) at the very end of a name. */
const PRE_RELEASE_TAIL = /[-_.]?(dev|snapshot|nightly|alpha|beta|pre|preview|rc)(?:[-_.]?\d+)?$/i;
/** A separator, then a version or date (`1.31`, `2026-11`, `20261105`, `v3`) that ends the name. Leftmost match = longest suffix. */
const VERSION_TAIL = /[-_. ]v?\d+(?:[-_.]\d+)*$/i;
const LETTER = /\p{L}/u;

export interface ImageFamily {
    /** The family as written: the name without its suffix, or the family an override names. */
    readonly name: string;
    /** Case-folded `name`: images whose keys are equal are one family. */
    readonly key: string;
    /** The version or date the image's name ends with, pre-release marker included (`1.32-rc`), without a leading `v`. */
    readonly suffix: string | undefined;
    /** The pre-release marker of the suffix (`rc`, `beta2`), lower case. */
    readonly preRelease: string | undefined;
    /** The suffix read for ordering (see versionKey), once per image rather than once per comparison. */
    readonly suffixKey: VersionKey | undefined;
    /** The override that named the family, when one did. */
    readonly override: FamilyOverride | undefined;
}

/**
 * One entry of `zenlayer.cleanup.families`: `{ "pattern": "db-*-golden", "family": "db-golden" }`. The pattern is a
 * glob on the whole image name (`*` any text, `?` one character, case-insensitive), as in protectedImages.
 */
export interface FamilyOverride {
    readonly pattern: string;
    readonly family: string;
    readonly matcher: RegExp;
}

export type FamilyOverrideProblem = 'notAnObject' | 'patternMissing' | 'familyMissing' | 'tooMany';

export interface InvalidFamilyOverride {
    readonly entry: unknown;
    readonly problem: FamilyOverrideProblem;
}

/** Bounds on what a settings file may hold: a family list is a handful of entries in practice. */
export const MAX_FAMILY_OVERRIDES = 200;
const MAX_OVERRIDE_TEXT = 256;

/** A glob on a whole name: `*` any text, `?` one character, case-insensitive; every other character is literal. */
export function nameGlob(glob: string): RegExp {
    const source = [...glob].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'))).join('');
    return new RegExp(`^${source}$`, 'is');
}

function overrideText(value: unknown): string | undefined {
    if (typeof value !== 'string') {
        return undefined;
    }
    const text = value.trim();
    return text === '' || text.length > MAX_OVERRIDE_TEXT ? undefined : text;
}

/** Reads the entries of the setting (every level's, in the order they should be tried); invalid ones are reported. */
export function parseFamilyOverrides(entries: readonly unknown[]): { overrides: FamilyOverride[]; invalid: InvalidFamilyOverride[] } {
    const overrides: FamilyOverride[] = [];
    const invalid: InvalidFamilyOverride[] = [];
    for (const entry of entries) {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
            invalid.push({ entry, problem: 'notAnObject' });
            continue;
        }
        const { pattern, family } = entry as { pattern?: unknown; family?: unknown };
        const patternText = overrideText(pattern);
        const familyText = overrideText(family);
        if (patternText === undefined) {
            invalid.push({ entry, problem: 'patternMissing' });
        } else if (familyText === undefined) {
            invalid.push({ entry, problem: 'familyMissing' });
        } else if (overrides.length >= MAX_FAMILY_OVERRIDES) {
            invalid.push({ entry, problem: 'tooMany' });
        } else {
            overrides.push({ pattern: patternText, family: familyText, matcher: nameGlob(patternText) });
        }
    }
    return { overrides, invalid };
}

/** The name split into family and suffix by its shape alone. */
function splitName(name: string): { stem: string; suffix: string | undefined; preRelease: string | undefined } {
    const pre = PRE_RELEASE_TAIL.exec(name);
    const beforeMarker = pre ? name.slice(0, pre.index) : name;
    const version = VERSION_TAIL.exec(beforeMarker);
    const stem = version ? beforeMarker.slice(0, version.index) : '';
    if (!version || !LETTER.test(stem)) {
        return { stem: name, suffix: undefined, preRelease: undefined };
    }
    const suffix = name.slice(version.index + 1).replace(/^v(?=\d)/i, '');
    return { stem, suffix, preRelease: pre ? pre[0].replace(/^[-_.]/, '').toLowerCase() : undefined };
}

/** The first override whose pattern matches the whole name wins; otherwise the name's shape decides. */
export function imageFamily(name: string, overrides: readonly FamilyOverride[] = []): ImageFamily {
    const { stem, suffix, preRelease } = splitName(name);
    const override = overrides.find((candidate) => candidate.matcher.test(name));
    const familyName = override?.family ?? stem;
    return { name: familyName, key: familyName.toLowerCase(), suffix, preRelease, suffixKey: suffix === undefined ? undefined : versionKey(suffix), override };
}

type Token = { readonly number: string } | { readonly word: string };

/** A version or date read for comparison: its digit runs and letter runs. */
export type VersionKey = readonly Token[];

const VERSION_PARTS = /\d+|\p{L}+/gu;

/** Digit runs (leading zeros dropped, so 20 digits compare exactly) and letter runs, lower case; a leading `v` dropped. */
export function versionKey(text: string): VersionKey {
    const found: Token[] = [];
    const lower = text.toLowerCase();
    // One shared expression, reset per call (matchAll would copy it every time: this runs for every image).
    VERSION_PARTS.lastIndex = lower.startsWith('v') && lower.charCodeAt(1) >= 0x30 && lower.charCodeAt(1) <= 0x39 ? 1 : 0;
    for (let match = VERSION_PARTS.exec(lower); match !== null; match = VERSION_PARTS.exec(lower)) {
        const part = match[0];
        const digit = part.charCodeAt(0) >= 0x30 && part.charCodeAt(0) <= 0x39;
        found.push(digit ? { number: part.length > 1 && part.startsWith('0') ? part.replace(/^0+(?=\d)/, '') : part } : { word: part });
    }
    return found;
}

function compareNumbers(a: string, b: string): number {
    return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** Where one version ends and the other goes on: a pre-release marker is older than the release, anything else newer. */
function longerIsNewer(next: Token): number {
    return 'word' in next && PRE_RELEASE_RANK.has(next.word) ? -1 : 1;
}

/**
 * Natural order of versions and dates, oldest first: numbers by value (`1.9` < `1.10`, `2026-09` < `2026-11`), a
 * pre-release before its release (`1.32-rc` < `1.32` < `1.32.1`), `rc1` < `rc2`, `beta` < `rc`. Returns < 0 when `a`
 * is older, > 0 when newer, 0 when they cannot be told apart.
 */
export function compareVersions(a: string, b: string): number {
    return compareVersionKeys(versionKey(a), versionKey(b));
}

/** compareVersions on keys read once (versionKey). */
export function compareVersionKeys(left: VersionKey, right: VersionKey): number {
    for (let index = 0; index < Math.max(left.length, right.length); index++) {
        const x = left[index];
        const y = right[index];
        if (x === undefined) {
            return -longerIsNewer(y);
        }
        if (y === undefined) {
            return longerIsNewer(x);
        }
        let order: number;
        if ('number' in x && 'number' in y) {
            order = compareNumbers(x.number, y.number);
        } else if ('word' in x && 'word' in y) {
            const rankX = PRE_RELEASE_RANK.get(x.word);
            const rankY = PRE_RELEASE_RANK.get(y.word);
            order =
                rankX !== undefined && rankY !== undefined
                    ? rankX - rankY
                    : rankX !== undefined
                      ? -1
                      : rankY !== undefined
                        ? 1
                        : x.word < y.word
                          ? -1
                          : x.word > y.word
                            ? 1
                            : 0;
        } else {
            // A number against a word: the number is the newer (`1.32.1` > `1.32-rc`, `1.32.1` > `1.32-hotfix`).
            order = 'number' in x ? 1 : -1;
        }
        if (order !== 0) {
            return order;
        }
    }
    return 0;
}

/**
 * Two builds of one family by the suffixes of their names, oldest first. A name without a suffix is the first build
 * (`app`, `app-2`, `app-3`); equal suffixes return 0.
 */
export function compareBySuffix(a: ImageFamily, b: ImageFamily): number {
    if (a.suffixKey === undefined || b.suffixKey === undefined) {
        return a.suffixKey === b.suffixKey ? 0 : a.suffixKey === undefined ? -1 : 1;
    }
    return compareVersionKeys(a.suffixKey, b.suffixKey);
}

/**
 * The newest AVAILABLE image of the family `name` belongs to, other than `exceptId`: the quick fix's replacement for an
 * ID that can no longer be launched. Newest by the names' suffixes, then by imageVersion where names tie.
 */
export function newestAvailableOfFamily(
    images: readonly ZenlayerImage[],
    name: string,
    exceptId: string | undefined,
    overrides: readonly FamilyOverride[] = [],
): ZenlayerImage | undefined {
    const key = imageFamily(name, overrides).key;
    let newest: { image: ZenlayerImage; family: ImageFamily } | undefined;
    for (const image of images) {
        if (image.status !== 'AVAILABLE' || image.id === exceptId) {
            continue;
        }
        const family = imageFamily(image.name, overrides);
        if (family.key !== key) {
            continue;
        }
        const order = newest ? compareBySuffix(family, newest.family) || compareVersions(image.version ?? '', newest.image.version ?? '') : 1;
        if (order > 0 || (order === 0 && newest !== undefined && image.id > newest.image.id)) {
            newest = { image, family };
        }
    }
    return newest?.image;
}
