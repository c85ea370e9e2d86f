/**
 * The `image_name_regex` of every `zenlayercloud_zec_images` data source of a Terraform JSON file (`.tf.json`):
 * `{"data": {"zenlayercloud_zec_images": {"<name>": {"image_name_regex": "…"}}}}`, where Terraform also accepts an
 * array of objects at each level. A small parser that keeps offsets (JSON.parse forgets them); bad JSON yields nothing.
 */
import { IMAGES_DATA_SOURCE, NAME_REGEX_ATTRIBUTE, type FoundValue } from './terraformHcl';

/** Deeper nesting is not followed: a hostile file must not exhaust the stack. */
const MAX_DEPTH = 64;

class JsonSyntaxError extends Error {}

class OffsetParser {
    private index = 0;
    readonly found: FoundValue[] = [];

    constructor(private readonly text: string) {}

    parseDocument(): void {
        this.value([], 0);
        this.skipSpace();
        if (this.index !== this.text.length) {
            throw new JsonSyntaxError();
        }
    }

    private skipSpace(): void {
        while (this.index < this.text.length && ' \t\r\n'.includes(this.text[this.index])) {
            this.index++;
        }
    }

    /** `path` holds object keys only (arrays are transparent, as Terraform's JSON syntax allows them at each level). */
    private value(path: readonly string[], depth: number): void {
        if (depth > MAX_DEPTH) {
            throw new JsonSyntaxError();
        }
        this.skipSpace();
        const start = this.index;
        const char = this.text[this.index];
        if (isNameRegexPath(path) && (char === '{' || char === '[')) {
            this.value(['(not followed)'], depth + 1);
            this.found.push({ start, end: this.index, value: undefined });
        } else if (char === '{') {
            this.object(path, depth);
        } else if (char === '[') {
            this.array(path, depth);
        } else if (char === '"') {
            const value = this.string();
            if (isNameRegexPath(path)) {
                const literal = !/(^|[^$])\$\{|(^|[^%])%\{/.test(value);
                this.found.push({ start: start + 1, end: this.index - 1, value: literal ? value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : undefined });
            }
        } else {
            const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.index, this.index + 64));
            if (!literal) {
                throw new JsonSyntaxError();
            }
            this.index += literal[0].length;
            if (isNameRegexPath(path)) {
                this.found.push({ start, end: this.index, value: undefined });
            }
        }
    }

    private object(path: readonly string[], depth: number): void {
        this.index++;
        this.skipSpace();
        if (this.text[this.index] === '}') {
            this.index++;
            return;
        }
        for (;;) {
            this.skipSpace();
            if (this.text[this.index] !== '"') {
                throw new JsonSyntaxError();
            }
            const key = this.string();
            this.skipSpace();
            if (this.text[this.index] !== ':') {
                throw new JsonSyntaxError();
            }
            this.index++;
            this.value([...path, key], depth + 1);
            this.skipSpace();
            const separator = this.text[this.index++];
            if (separator === '}') {
                return;
            }
            if (separator !== ',') {
                throw new JsonSyntaxError();
            }
        }
    }

    private array(path: readonly string[], depth: number): void {
        this.index++;
        this.skipSpace();
        if (this.text[this.index] === ']') {
            this.index++;
            return;
        }
        for (;;) {
            this.value(path, depth + 1);
            this.skipSpace();
            const separator = this.text[this.index++];
            if (separator === ']') {
                return;
            }
            if (separator !== ',') {
                throw new JsonSyntaxError();
            }
        }
    }

    private string(): string {
        const start = this.index;
        this.index++;
        while (this.index < this.text.length && this.text[this.index] !== '"') {
            this.index += this.text[this.index] === '\\' ? 2 : 1;
        }
        if (this.index >= this.text.length) {
            throw new JsonSyntaxError();
        }
        this.index++;
        try {
            return JSON.parse(this.text.slice(start, this.index)) as string;
        } catch {
            throw new JsonSyntaxError();
        }
    }
}

function isNameRegexPath(path: readonly string[]): boolean {
    return path.length === 4 && path[0] === 'data' && path[1] === IMAGES_DATA_SOURCE && path[3] === NAME_REGEX_ATTRIBUTE;
}

export function findJsonNameRegexes(text: string): FoundValue[] {
    if (!text.includes(IMAGES_DATA_SOURCE)) {
        return [];
    }
    const parser = new OffsetParser(text);
    try {
        parser.parseDocument();
    } catch (error) {
        if (error instanceof JsonSyntaxError) {
            return [];
        }
        throw error;
    }
    return parser.found;
}
