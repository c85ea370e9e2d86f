/**
 * Which files are scanned: the default globs of `zenlayer.references.include`, the folders never scanned, and the glob
 * helpers the VS Code side needs (one `{a,b}` pattern for findFiles and the file watcher, a matcher for watcher events).
 */

/** Infrastructure code: Terraform and Packer, YAML, JSON, TOML, .env, shell and PowerShell, Dockerfiles, Markdown. */
export const DEFAULT_INCLUDE_GLOBS: readonly string[] = [
    '**/*.tf',
    '**/*.tf.json',
    '**/*.tfvars',
    '**/*.tfvars.json',
    '**/*.hcl',
    '**/*.pkr.hcl',
    '**/*.pkr.json',
    '**/*.{yaml,yml}',
    '**/*.json',
    '**/*.toml',
    '**/{.env,*.env,.env.*}',
    '**/*.{sh,bash,zsh,ksh}',
    '**/*.{ps1,psm1,psd1}',
    '**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile}',
    '**/*.{md,markdown}',
];

/** Never scanned, whatever the settings say: version control, dependencies, Terraform's provider and module cache. */
export const ALWAYS_EXCLUDED_GLOBS: readonly string[] = ['**/.git', '**/node_modules', '**/.terraform'];

/** More alternatives than this from one glob's braces is taken as a mistake: the glob is dropped. */
const MAX_EXPANSIONS = 256;

/**
 * `*.{yml,yaml}` → `*.yml`, `*.yaml`: brace groups expanded (nested too), so several globs can be joined in
 * one `{…}` group, which VS Code's glob syntax does not nest. Undefined when the braces do not balance or expand to
 * too many globs.
 */
export function expandBraces(glob: string): string[] | undefined {
    const open = glob.indexOf('{');
    if (open === -1) {
        return glob.includes('}') ? undefined : [glob];
    }
    let depth = 0;
    let close = -1;
    const commas: number[] = [];
    for (let index = open; index < glob.length && close === -1; index++) {
        const char = glob[index];
        if (char === '{') {
            depth++;
        } else if (char === '}') {
            depth--;
            if (depth === 0) {
                close = index;
            }
        } else if (char === ',' && depth === 1) {
            commas.push(index);
        }
    }
    if (close === -1) {
        return undefined;
    }
    const bounds = [open, ...commas, close];
    const results: string[] = [];
    for (let part = 0; part < bounds.length - 1; part++) {
        const expanded = expandBraces(glob.slice(0, open) + glob.slice(bounds[part] + 1, bounds[part + 1]) + glob.slice(close + 1));
        if (!expanded || results.length + expanded.length > MAX_EXPANSIONS) {
            return undefined;
        }
        results.push(...expanded);
    }
    return results;
}

/** Globs without braces, deduplicated; globs that cannot be expanded are returned apart (for the log). */
export function flattenGlobs(globs: readonly string[]): { readonly flat: string[]; readonly rejected: string[] } {
    const flat = new Set<string>();
    const rejected: string[] = [];
    for (const glob of globs) {
        const trimmed = glob.trim();
        const expanded = trimmed === '' ? undefined : expandBraces(trimmed);
        if (expanded) {
            expanded.forEach((one) => flat.add(one));
        } else {
            rejected.push(glob);
        }
    }
    return { flat: [...flat], rejected };
}

/** One glob for findFiles or a watcher: `{a,b,c}` (or the one glob itself); undefined for none. */
export function joinGlobs(flat: readonly string[]): string | undefined {
    if (flat.length <= 1) {
        return flat[0];
    }
    return `{${flat.join(',')}}`;
}

/** The keys set to `true` of a `files.exclude` / `search.exclude` value (conditional `{ when }` entries are left out). */
export function enabledGlobKeys(setting: unknown): string[] {
    if (typeof setting !== 'object' || setting === null) {
        return [];
    }
    return Object.entries(setting as Record<string, unknown>)
        .filter(([, value]) => value === true)
        .map(([key]) => key);
}

/**
 * Matches workspace-relative paths (`/`-separated) against braceless globs with VS Code's syntax: `**` any number of
 * segments, `*` and `?` within a segment, `[…]` and `[!…]`. A path is excluded when it or one of its folders matches.
 */
export class GlobMatcher {
    private readonly patterns: RegExp[];

    constructor(flatGlobs: readonly string[], ignoreCase: boolean) {
        this.patterns = flatGlobs.map((glob) => globToRegExp(glob, ignoreCase));
    }

    matches(relativePath: string): boolean {
        return this.patterns.some((pattern) => pattern.test(relativePath));
    }

    /** True when the path or one of its parent folders matches. */
    matchesPathOrParent(relativePath: string): boolean {
        const segments = relativePath.split('/');
        for (let count = segments.length; count > 0; count--) {
            if (this.matches(segments.slice(0, count).join('/'))) {
                return true;
            }
        }
        return false;
    }
}

function globToRegExp(glob: string, ignoreCase: boolean): RegExp {
    let source = '';
    let index = 0;
    const text = glob.replace(/^\.\//, '').replace(/^\//, '');
    while (index < text.length) {
        const char = text[index];
        if (char === '*' && text[index + 1] === '*') {
            const slash = text[index + 2] === '/';
            source += slash ? '(?:.*/)?' : '.*';
            index += slash ? 3 : 2;
            continue;
        }
        if (char === '*') {
            source += '[^/]*';
        } else if (char === '?') {
            source += '[^/]';
        } else if (char === '[') {
            const close = text.indexOf(']', index + 2);
            if (close === -1) {
                source += '\\[';
            } else {
                const body = text.slice(index + 1, close);
                const negated = body.startsWith('!') || body.startsWith('^');
                const members = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
                source += `[${negated ? '^' : ''}${members}]`;
                index = close;
            }
        } else {
            source += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
        }
        index++;
    }
    return new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
}

/** How a file may hold `zenlayercloud_zec_images` data sources: Terraform's native syntax, its JSON syntax, or not at all. */
export function terraformSyntaxOf(path: string): 'hcl' | 'json' | undefined {
    const lower = path.toLowerCase();
    if (lower.endsWith('.tf.json')) {
        return 'json';
    }
    return lower.endsWith('.tf') || lower.endsWith('.hcl') ? 'hcl' : undefined;
}
