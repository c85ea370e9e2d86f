/**
 * The `image_name_regex` of every `data "zenlayercloud_zec_images"` block of a Terraform (HCL) file. A small lexer:
 * comments, quoted templates with their escapes and `${…}` interpolations (nested quotes included), heredocs, braces.
 * Only a literal string counts; an expression or an interpolation is reported as not literal.
 */

export const IMAGES_DATA_SOURCE = 'zenlayercloud_zec_images';
export const NAME_REGEX_ATTRIBUTE = 'image_name_regex';

/** A literal (`value` set) or computed (`value` undefined) attribute value, by offsets into the text. */
export interface FoundValue {
    readonly start: number;
    readonly end: number;
    readonly value: string | undefined;
}

type Token =
    | { readonly kind: 'ident'; readonly text: string; readonly start: number; readonly end: number }
    | { readonly kind: 'string'; readonly value: string | undefined; readonly start: number; readonly end: number }
    | { readonly kind: 'punct' | 'newline'; readonly text: string; readonly start: number; readonly end: number };

/** Interpolations nested deeper than this are not followed (the rest of the line is skipped). */
const MAX_TEMPLATE_DEPTH = 32;

function isIdentStart(char: string): boolean {
    return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || char === '_';
}

function isIdentPart(char: string): boolean {
    return isIdentStart(char) || (char >= '0' && char <= '9') || char === '-';
}

/** Reads a quoted template from `start` (the `"`); `value` is undefined when it interpolates or does not end on its line. */
function readQuoted(text: string, start: number, depth: number): { value: string | undefined; end: number } {
    let value = '';
    let literal = true;
    let index = start + 1;
    while (index < text.length) {
        const char = text[index];
        if (char === '"') {
            return { value: literal ? value : undefined, end: index + 1 };
        }
        if (char === '\n') {
            return { value: undefined, end: index };
        }
        if (char === '\\') {
            const escape = readEscape(text, index);
            value += escape.text;
            index = escape.end;
            continue;
        }
        if ((char === '$' || char === '%') && text[index + 1] === char && text[index + 2] === '{') {
            value += `${char}{`;
            index += 3;
            continue;
        }
        if ((char === '$' || char === '%') && text[index + 1] === '{') {
            literal = false;
            if (depth >= MAX_TEMPLATE_DEPTH) {
                const newline = text.indexOf('\n', index);
                return { value: undefined, end: newline === -1 ? text.length : newline };
            }
            index = skipInterpolation(text, index + 2, depth);
            continue;
        }
        value += char;
        index++;
    }
    return { value: undefined, end: index };
}

function readEscape(text: string, index: number): { text: string; end: number } {
    const kind = text[index + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (kind in simple) {
        return { text: simple[kind], end: index + 2 };
    }
    const digits = kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
    const hex = text.slice(index + 2, index + 2 + digits);
    if (digits > 0 && new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex) && Number.parseInt(hex, 16) <= 0x10ffff) {
        return { text: String.fromCodePoint(Number.parseInt(hex, 16)), end: index + 2 + digits };
    }
    // Terraform refuses any other escape; keeping the characters makes the regex fail as Go's would on such input.
    return { text: `\\${kind ?? ''}`, end: index + 2 };
}

/** From just inside `${`, past its matching `}` (nested braces and quoted strings followed). */
function skipInterpolation(text: string, from: number, depth: number): number {
    let braces = 1;
    let index = from;
    while (index < text.length && braces > 0) {
        const char = text[index];
        if (char === '"') {
            index = readQuoted(text, index, depth + 1).end;
            continue;
        }
        if (char === '{') {
            braces++;
        } else if (char === '}') {
            braces--;
        }
        index++;
    }
    return index;
}

function heredocEnd(text: string, start: number): number | undefined {
    const header = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(text.slice(start, start + 260));
    if (!header) {
        return undefined;
    }
    const marker = header[1];
    let lineStart = start + header[0].length;
    while (lineStart < text.length) {
        const newline = text.indexOf('\n', lineStart);
        const lineEnd = newline === -1 ? text.length : newline;
        if (text.slice(lineStart, lineEnd).trim() === marker) {
            return lineEnd;
        }
        lineStart = lineEnd + 1;
    }
    return text.length;
}

function* tokenize(text: string): Generator<Token> {
    let index = 0;
    while (index < text.length) {
        const char = text[index];
        if (char === '\n') {
            yield { kind: 'newline', text: char, start: index, end: index + 1 };
            index++;
        } else if (char === ' ' || char === '\t' || char === '\r') {
            index++;
        } else if (char === '#' || (char === '/' && text[index + 1] === '/')) {
            const newline = text.indexOf('\n', index);
            index = newline === -1 ? text.length : newline;
        } else if (char === '/' && text[index + 1] === '*') {
            const close = text.indexOf('*/', index + 2);
            index = close === -1 ? text.length : close + 2;
        } else if (char === '"') {
            const { value, end } = readQuoted(text, index, 0);
            yield { kind: 'string', value, start: index, end };
            index = end;
        } else if (char === '<' && text[index + 1] === '<') {
            const end = heredocEnd(text, index);
            yield end === undefined ? { kind: 'punct', text: char, start: index, end: index + 1 } : { kind: 'string', value: undefined, start: index, end };
            index = end ?? index + 1;
        } else if (isIdentStart(char)) {
            let end = index + 1;
            while (end < text.length && isIdentPart(text[end])) {
                end++;
            }
            yield { kind: 'ident', text: text.slice(index, end), start: index, end };
            index = end;
        } else {
            yield { kind: 'punct', text: char, start: index, end: index + 1 };
            index++;
        }
    }
}

const labelText = (token: Token | undefined): string | undefined => (token?.kind === 'ident' ? token.text : token?.kind === 'string' ? token.value : undefined);

/**
 * Every `image_name_regex` attribute written directly in a `data "zenlayercloud_zec_images" "…" { … }` block: for a
 * literal string, the offsets of its content and its decoded value; otherwise the offsets of the expression's start.
 */
export function findHclNameRegexes(text: string): FoundValue[] {
    if (!text.includes(IMAGES_DATA_SOURCE)) {
        return [];
    }
    const tokens = [...tokenize(text)];
    const found: FoundValue[] = [];
    let depth = 0;
    /** The brace depth inside the images data source block being read, if any. */
    let blockDepth: number | undefined;
    for (let index = 0; index < tokens.length; index++) {
        const token = tokens[index];
        if (token.kind === 'punct' && token.text === '{') {
            depth++;
            continue;
        }
        if (token.kind === 'punct' && token.text === '}') {
            if (depth === blockDepth) {
                blockDepth = undefined;
            }
            depth = Math.max(0, depth - 1);
            continue;
        }
        if (token.kind !== 'ident') {
            continue;
        }
        const next = tokens[index + 1];
        if (blockDepth === undefined && depth === 0 && token.text === 'data' && labelText(next) === IMAGES_DATA_SOURCE) {
            const open = tokens[index + 3];
            if (labelText(tokens[index + 2]) !== undefined && open?.kind === 'punct' && open.text === '{') {
                depth++;
                blockDepth = depth;
                index += 3;
            }
            continue;
        }
        if (depth === blockDepth && token.text === NAME_REGEX_ATTRIBUTE && next?.kind === 'punct' && next.text === '=') {
            const value = tokens[index + 2];
            const after = tokens[index + 3];
            const ends = after === undefined || after.kind === 'newline' || (after.kind === 'punct' && after.text === '}');
            if (value?.kind === 'string' && value.value !== undefined && ends && text[value.start] === '"') {
                found.push({ start: value.start + 1, end: value.end - 1, value: value.value });
            } else if (value && value.kind !== 'newline') {
                let last = index + 2;
                while (last + 1 < tokens.length && tokens[last + 1].kind !== 'newline') {
                    last++;
                }
                found.push({ start: value.start, end: tokens[last].end, value: undefined });
            }
            index += 2;
        }
    }
    return found;
}
