import type { ZenlayerImage } from '../../zenlayer/types';

/**
 * One entry of `zenlayer.delete.protectedImages`: a name pattern (`*` and `?`, case-insensitive, the whole name) or
 * `tag:KEY` / `tag:KEY=VALUE` (tag keys and values compared exactly, as Zenlayer stores them).
 */
export type ProtectionRule =
    | { readonly kind: 'name'; readonly entry: string; readonly pattern: RegExp }
    | { readonly kind: 'tag'; readonly entry: string; readonly key: string; readonly value: string | undefined };

export type ProtectionProblem = 'notText' | 'empty' | 'tagWithoutKey';

export interface InvalidProtectionEntry {
    readonly entry: unknown;
    readonly problem: ProtectionProblem;
}

const TAG_PREFIX = 'tag:';

function namePattern(glob: string): RegExp {
    const source = [...glob].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'))).join('');
    return new RegExp(`^${source}$`, 'is');
}

/** Parses the entries of every level of the setting; duplicates are kept once, invalid ones reported. */
export function parseProtectionRules(entries: readonly unknown[]): { rules: ProtectionRule[]; invalid: InvalidProtectionEntry[] } {
    const rules: ProtectionRule[] = [];
    const invalid: InvalidProtectionEntry[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
        if (typeof entry !== 'string') {
            invalid.push({ entry, problem: 'notText' });
            continue;
        }
        const text = entry.trim();
        if (text === '') {
            invalid.push({ entry, problem: 'empty' });
            continue;
        }
        if (seen.has(text)) {
            continue;
        }
        seen.add(text);
        if (text.toLowerCase().startsWith(TAG_PREFIX)) {
            const body = text.slice(TAG_PREFIX.length);
            const equals = body.indexOf('=');
            const key = (equals < 0 ? body : body.slice(0, equals)).trim();
            if (key === '') {
                invalid.push({ entry, problem: 'tagWithoutKey' });
                continue;
            }
            rules.push({ kind: 'tag', entry: text, key, value: equals < 0 ? undefined : body.slice(equals + 1).trim() });
        } else {
            rules.push({ kind: 'name', entry: text, pattern: namePattern(text) });
        }
    }
    return { rules, invalid };
}

/** The entry that protects this image, or undefined when none does. */
export function protectingEntry(image: ZenlayerImage, rules: readonly ProtectionRule[]): string | undefined {
    for (const rule of rules) {
        const matches =
            rule.kind === 'name'
                ? rule.pattern.test(image.name)
                : image.tags.some((tag) => tag.key === rule.key && (rule.value === undefined || tag.value === rule.value));
        if (matches) {
            return rule.entry;
        }
    }
    return undefined;
}
