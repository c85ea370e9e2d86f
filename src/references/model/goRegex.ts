/**
 * Go regular expressions (RE2 syntax, what Zenlayer's Terraform provider compiles `image_name_regex` with and then
 * applies with MatchString, unanchored) rewritten as JavaScript ones. Go rejects lookarounds and backreferences, and
 * some of its syntax means something else in JavaScript (`\s`, `\A`, `\z`, `\Q…\E`, `[[:alpha:]]`, `\pL`, `(?P<n>…)`,
 * a lone `{`); what cannot be expressed (`(?U)`, `\C`, flags after the start) is refused as unsupported, not guessed.
 * The result is compiled here but never run here: matching happens in regexWorker.ts, under a deadline.
 */

import { GENERAL_CATEGORIES, POSIX_CLASSES } from './goRegexTables';

export type GoRegexTranslation =
    | { readonly ok: true; readonly source: string; readonly flags: string }
    | { readonly ok: false; readonly reason: 'invalid' | 'unsupported'; readonly message: string };

/** Longer patterns are refused: nobody writes an image-name filter this long. */
export const MAX_PATTERN_LENGTH = 1000;
/** Go's limit for `{n,m}`. */
const MAX_REPEAT = 1000;

const GO_SPACE = '\\t\\n\\f\\r ';

class Refusal extends Error {
    constructor(
        readonly reason: 'invalid' | 'unsupported',
        message: string,
    ) {
        super(message);
    }
}

const invalid = (message: string) => new Refusal('invalid', message);
const unsupported = (message: string) => new Refusal('unsupported', message);

const hexEscape = (codePoint: number) => `\\u{${codePoint.toString(16)}}`;

function isAsciiAlnum(char: string): boolean {
    return /^[0-9A-Za-z]$/.test(char);
}

class Translator {
    private index = 0;
    private out = '';

    constructor(private readonly pattern: string) {}

    run(): { source: string; flags: string } {
        const flags = new Set<string>(['u']);
        let lead: RegExpExecArray | null;
        while ((lead = /^\(\?([imsU]+)\)/.exec(this.pattern.slice(this.index)))) {
            for (const flag of lead[1]) {
                if (flag === 'U') {
                    throw unsupported('the ungreedy flag (?U)');
                }
                flags.add(flag);
            }
            this.index += lead[0].length;
        }
        while (this.index < this.pattern.length) {
            this.step();
        }
        return { source: this.out, flags: [...flags].sort().join('') };
    }

    private step(): void {
        const char = this.pattern[this.index];
        if (char === '\\') {
            this.out += this.escape(false);
        } else if (char === '[') {
            this.characterClass();
        } else if (char === '(') {
            this.groupOpening();
        } else if (char === '{') {
            const repeat = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.index));
            if (repeat) {
                const counts = [repeat[1], repeat[3]].filter((count) => count !== undefined && count !== '').map(Number);
                if (counts.some((count) => count > MAX_REPEAT) || (counts.length === 2 && counts[0] > counts[1])) {
                    throw invalid(`invalid repeat count ${repeat[0]}`);
                }
                this.out += repeat[0];
                this.index += repeat[0].length;
            } else {
                this.out += '\\{';
                this.index++;
            }
        } else if (char === '}') {
            this.out += '\\}';
            this.index++;
        } else {
            this.out += char;
            this.index++;
        }
    }

    private groupOpening(): void {
        const rest = this.pattern.slice(this.index);
        const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest);
        if (named) {
            if (/^\d/.test(named[1])) {
                throw unsupported(`a group name starting with a digit (${named[1]})`);
            }
            this.out += `(?<${named[1]}>`;
            this.index += named[0].length;
        } else if (rest.startsWith('(?:')) {
            this.out += '(?:';
            this.index += 3;
        } else if (/^\(\?(=|!|<=|<!)/.test(rest)) {
            throw invalid('Go regular expressions have no lookahead or lookbehind');
        } else if (/^\(\?[imsU-]+[:)]/.test(rest)) {
            throw unsupported('flags after the start of the pattern');
        } else if (rest.startsWith('(?')) {
            throw invalid('invalid or unsupported Perl syntax after (?');
        } else {
            this.out += '(';
            this.index++;
        }
    }

    /** `\…` at the current index; `inClass` changes what a few escapes become. */
    private escape(inClass: boolean): string {
        const next = this.pattern[this.index + 1];
        if (next === undefined) {
            throw invalid('trailing backslash at end of expression');
        }
        this.index += 2;
        if (!isAsciiAlnum(next)) {
            if (next.charCodeAt(0) > 0x7f) {
                throw invalid(`invalid escape sequence \\${next}`);
            }
            return hexEscape(next.charCodeAt(0));
        }
        if ('dDwWfnrtv'.includes(next)) {
            return `\\${next}`;
        }
        switch (next) {
            case 'b':
            case 'B':
                if (inClass) {
                    throw invalid(`invalid escape sequence \\${next} in a character class`);
                }
                return `\\${next}`;
            case 'a':
                return '\\x07';
            case 's':
                return inClass ? GO_SPACE : `[${GO_SPACE}]`;
            case 'S':
                // Inside a class JavaScript's \S also leaves out Unicode spaces Go's keeps in; no image name has them.
                return inClass ? '\\S' : `[^${GO_SPACE}]`;
            case 'A':
            case 'z':
                if (inClass) {
                    throw invalid(`invalid escape sequence \\${next} in a character class`);
                }
                return next === 'A' ? '(?<![\\s\\S])' : '(?![\\s\\S])';
            case 'x':
                return this.hexCode();
            case 'p':
            case 'P':
                return this.unicodeClass(next === 'P', inClass);
            case 'Q':
                if (inClass) {
                    throw invalid('invalid escape sequence \\Q in a character class');
                }
                return this.quoted();
            case 'C':
                throw unsupported('\\C (any byte)');
            default:
                if (/[0-7]/.test(next)) {
                    return this.octal(next);
                }
                throw invalid(`invalid escape sequence \\${next}`);
        }
    }

    private hexCode(): string {
        const braced = /^\{([0-9A-Fa-f]{1,8})\}/.exec(this.pattern.slice(this.index));
        const plain = /^[0-9A-Fa-f]{2}/.exec(this.pattern.slice(this.index));
        const digits = braced ? braced[1] : plain?.[0];
        if (digits === undefined || Number.parseInt(digits, 16) > 0x10ffff) {
            throw invalid('invalid escape sequence \\x');
        }
        this.index += braced ? braced[0].length : 2;
        return hexEscape(Number.parseInt(digits, 16));
    }

    /** Go reads `\1`–`\7` alone as a backreference (refused), and `\0`, `\12`, `\123` as octal codes. */
    private octal(first: string): string {
        const more = /^[0-7]{0,2}/.exec(this.pattern.slice(this.index))?.[0] ?? '';
        if (first !== '0' && more === '') {
            throw invalid(`invalid escape sequence \\${first} (Go has no backreferences)`);
        }
        this.index += more.length;
        return hexEscape(Number.parseInt(first + more, 8));
    }

    private unicodeClass(negatedEscape: boolean, inClass: boolean): string {
        const rest = this.pattern.slice(this.index);
        const braced = /^\{(\^?)([A-Za-z_]+)\}/.exec(rest);
        const letter = /^[A-Za-z]/.exec(rest);
        const name = braced ? braced[2] : letter?.[0];
        if (name === undefined) {
            throw invalid('invalid character class range \\p');
        }
        this.index += braced ? braced[0].length : 1;
        const negated = negatedEscape !== (braced?.[1] === '^');
        if (name === 'Any') {
            if (negated) {
                throw unsupported('\\P{Any}');
            }
            return inClass ? '\\s\\S' : '[\\s\\S]';
        }
        const property = GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
        return `\\${negated ? 'P' : 'p'}{${property}}`;
    }

    private quoted(): string {
        const end = this.pattern.indexOf('\\E', this.index);
        const literal = this.pattern.slice(this.index, end === -1 ? this.pattern.length : end);
        this.index = end === -1 ? this.pattern.length : end + 2;
        return [...literal].map((char) => (isAsciiAlnum(char) || char.charCodeAt(0) > 0x7f ? char : hexEscape(char.charCodeAt(0)))).join('');
    }

    private characterClass(): void {
        this.index++;
        let body = '';
        if (this.pattern[this.index] === '^') {
            body += '^';
            this.index++;
        }
        // Go takes a `]` right after `[` or `[^` as a member; JavaScript would close the class.
        if (this.pattern[this.index] === ']') {
            body += '\\]';
            this.index++;
        }
        for (;;) {
            const char = this.pattern[this.index];
            if (char === undefined) {
                throw invalid('missing closing ] in a character class');
            }
            if (char === ']') {
                this.index++;
                break;
            }
            const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.pattern.slice(this.index));
            if (posix) {
                const members = POSIX_CLASSES[posix[2]];
                if (members === undefined) {
                    throw invalid(`invalid character class range ${posix[0]}`);
                }
                if (posix[1] === '^') {
                    throw unsupported(`a negated POSIX class inside a class (${posix[0]})`);
                }
                body += members;
                this.index += posix[0].length;
            } else if (char === '\\') {
                body += this.escape(true);
            } else if (char === '[') {
                body += '\\[';
                this.index++;
            } else {
                body += char;
                this.index++;
            }
        }
        this.out += `[${body}]`;
    }
}

/** The JavaScript form of a Go regular expression, or why there is none; the result compiles (that is checked here). */
export function translateGoRegex(pattern: string): GoRegexTranslation {
    if (pattern.length > MAX_PATTERN_LENGTH) {
        return { ok: false, reason: 'unsupported', message: `longer than ${MAX_PATTERN_LENGTH} characters` };
    }
    try {
        const { source, flags } = new Translator(pattern).run();
        new RegExp(source, flags);
        return { ok: true, source, flags };
    } catch (error) {
        if (error instanceof Refusal) {
            return { ok: false, reason: error.reason, message: error.message };
        }
        return { ok: false, reason: 'invalid', message: error instanceof Error ? error.message : String(error) };
    }
}
