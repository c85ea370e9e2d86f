/**
 * Finding image IDs in text. An ID counts only as a whole token: letters, digits, `_` and `-`, with `.` inside (so
 * `img-1a2b.old` is one token and not the ID, while the `.` ending a sentence is not part of it). Rather than cut all
 * of a 100 MB workspace into tokens, the search jumps with indexOf to each ID prefix (the letters an ID starts with,
 * `img` for every custom image), so a file with no such prefix costs one pass of native search.
 */
import type { TextSpan, TokenOccurrence } from './types';

/** Every custom image ID starts with it, so it is always searched for: an ID the account no longer has is still found. */
export const CUSTOM_IMAGE_ID_PREFIX = 'img';

/**
 * The shape of a custom image ID (`img-` and 8 to 40 lower-case letters and digits, at least one digit, as Zenlayer and
 * its emulator write them): only tokens of this shape may be reported as an image the account does not have.
 */
const CUSTOM_IMAGE_ID_SHAPE = /^img-(?=[0-9a-z]*\d)[0-9a-z]{8,40}$/;

export function hasCustomImageIdShape(token: string): boolean {
    return CUSTOM_IMAGE_ID_SHAPE.test(token);
}

/** One file keeps at most this many candidate tokens. */
export const MAX_TOKENS_PER_FILE = 5000;

function isWordCode(code: number): boolean {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

function isLetterCode(code: number): boolean {
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The prefix an ID is searched by: its leading letters (`img`, `ubuntu`), or its first character when it has none. */
export function idPrefixOf(id: string): string {
    let end = 0;
    while (end < id.length && isLetterCode(id.charCodeAt(end))) {
        end++;
    }
    return end > 0 ? id.slice(0, end) : id.slice(0, 1);
}

/** Where the token starting at `start` ends (exclusive): word characters, and `.` between two of them. */
function tokenEnd(text: string, start: number): number {
    let end = start;
    while (end < text.length) {
        const code = text.charCodeAt(end);
        if (isWordCode(code) || (code === 46 && end + 1 < text.length && isWordCode(text.charCodeAt(end + 1)) && end > start)) {
            end++;
        } else {
            break;
        }
    }
    return end;
}

/** True when a token starts at `offset`: no word character before it, nor a `.` joining it to one. */
function startsToken(text: string, offset: number): boolean {
    if (offset === 0) {
        return true;
    }
    const before = text.charCodeAt(offset - 1);
    if (isWordCode(before)) {
        return false;
    }
    return !(before === 46 && offset >= 2 && isWordCode(text.charCodeAt(offset - 2)));
}

/** A copy that does not keep the whole file's text alive (V8 may slice a substring out of its parent string). */
export function detach(text: string): string {
    return JSON.parse(JSON.stringify(text)) as string;
}

/** Turns increasing offsets into line and column, for `\n`, `\r\n` and lone `\r` line ends (VS Code's three). */
export class LineCursor {
    private line = 0;
    private lineStart = 0;
    private scanned = 0;
    private readonly hasCarriageReturn: boolean;

    constructor(private readonly text: string) {
        this.hasCarriageReturn = text.includes('\r');
    }

    /** Offsets must not decrease from one call to the next. */
    locate(offset: number): { line: number; column: number } {
        if (this.hasCarriageReturn) {
            for (let index = this.scanned; index < offset; index++) {
                const code = this.text.charCodeAt(index);
                if (code === 13 && this.text.charCodeAt(index + 1) === 10) {
                    index++;
                }
                if (code === 10 || code === 13) {
                    this.line++;
                    this.lineStart = index + 1;
                }
            }
        } else {
            let newline = this.text.indexOf('\n', this.scanned);
            while (newline !== -1 && newline < offset) {
                this.line++;
                this.lineStart = newline + 1;
                newline = this.text.indexOf('\n', newline + 1);
            }
        }
        this.scanned = Math.max(this.scanned, offset);
        return { line: this.line, column: offset - this.lineStart };
    }

    span(start: number, end: number): TextSpan {
        const { line, column } = this.locate(start);
        return { line, startColumn: column, endColumn: column + (end - start) };
    }
}

/** Start and end offsets of the whole tokens that begin with one of `prefixes` (as idPrefixOf gives them), in order. */
export function findPrefixedTokens(
    text: string,
    prefixes: readonly string[],
    maxTokens = MAX_TOKENS_PER_FILE,
): { spans: [number, number][]; truncated: boolean } {
    const spans: [number, number][] = [];
    let truncated = false;
    for (const prefix of new Set(prefixes)) {
        const lettersOnly = isLetterCode(prefix.charCodeAt(0));
        for (let hit = text.indexOf(prefix); hit !== -1; hit = text.indexOf(prefix, hit + 1)) {
            // `imgur-1` is not an `img` token: the letters an ID starts with must end where the prefix ends.
            if (!startsToken(text, hit) || (lettersOnly && isLetterCode(text.charCodeAt(hit + prefix.length)))) {
                continue;
            }
            if (spans.length >= maxTokens) {
                truncated = true;
                break;
            }
            const end = tokenEnd(text, hit);
            spans.push([hit, end]);
            hit = end - 1;
        }
    }
    spans.sort((a, b) => a[0] - b[0]);
    return { spans, truncated };
}

/** The candidate ID tokens of a text, with their lines and columns. */
export function findIdTokens(text: string, prefixes: readonly string[], maxTokens = MAX_TOKENS_PER_FILE): { tokens: TokenOccurrence[]; truncated: boolean } {
    const { spans, truncated } = findPrefixedTokens(text, prefixes, maxTokens);
    const cursor = new LineCursor(text);
    // A token repeated in a file is stored once.
    const interned = new Map<string, string>();
    const tokens = spans.map(([start, end]) => {
        const slice = text.slice(start, end);
        let token = interned.get(slice);
        if (token === undefined) {
            token = detach(slice);
            interned.set(token, token);
        }
        return { text: token, ...cursor.span(start, end) };
    });
    return { tokens, truncated };
}

/** The token under a column of one line (for a hover or a quick fix); undefined between tokens. */
export function tokenAt(lineText: string, column: number): { start: number; end: number; text: string } | undefined {
    let start = Math.min(column, lineText.length);
    while (start > 0) {
        const before = lineText.charCodeAt(start - 1);
        const joiningDot = before === 46 && start >= 2 && isWordCode(lineText.charCodeAt(start - 2)) && isWordCode(lineText.charCodeAt(start));
        if (!isWordCode(before) && !joiningDot) {
            break;
        }
        start--;
    }
    const end = tokenEnd(lineText, start);
    return end > start && column <= end ? { start, end, text: lineText.slice(start, end) } : undefined;
}
