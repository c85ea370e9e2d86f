/** What one file holds: its candidate ID tokens and, for Terraform files, the name regexes of its image data sources. */
import { terraformSyntaxOf } from './globs';
import { findHclNameRegexes, type FoundValue } from './terraformHcl';
import { findJsonNameRegexes } from './terraformJson';
import { detach, findIdTokens, LineCursor } from './tokens';
import type { FileFindings, NameRegexOccurrence } from './types';

/** `path` (a path or URI) only tells the file's syntax. */
export function scanText(path: string, text: string, prefixes: readonly string[]): FileFindings {
    const { tokens, truncated } = findIdTokens(text, prefixes);
    const syntax = terraformSyntaxOf(path);
    const found: FoundValue[] = syntax === 'hcl' ? findHclNameRegexes(text) : syntax === 'json' ? findJsonNameRegexes(text) : [];
    const nameRegexes: NameRegexOccurrence[] = [];
    const notLiteral: NameRegexOccurrence[] = [];
    const cursor = new LineCursor(text);
    for (const value of found) {
        const span = cursor.span(value.start, value.end);
        if (value.value === undefined) {
            notLiteral.push({ ...span, pattern: detach(text.slice(value.start, Math.min(value.end, value.start + 200))) });
        } else {
            nameRegexes.push({ ...span, pattern: detach(value.value) });
        }
    }
    return { idTokens: tokens, nameRegexes, notLiteral, prefixes, truncated };
}
