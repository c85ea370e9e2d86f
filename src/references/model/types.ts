/** What the workspace-references model deals in. Plain data, no VS Code: the scanner, the index and the bench share it. */

/** A text range in a file, zero-based, columns in UTF-16 units (as VS Code counts them). */
export interface TextSpan {
    readonly line: number;
    readonly startColumn: number;
    readonly endColumn: number;
}

/** A token that may be an image ID, where it stands. */
export interface TokenOccurrence extends TextSpan {
    readonly text: string;
}

/** An `image_name_regex` written as a literal string, decoded (HCL or JSON escapes applied), where its literal stands. */
export interface NameRegexOccurrence extends TextSpan {
    readonly pattern: string;
}

/**
 * Why a name regex selects nothing: Go would reject it (`invalid`), it uses Go syntax this extension cannot run
 * (`unsupported`), it did not finish in its time (`timeout`, a catastrophic pattern), or the value is computed rather
 * than written (`notLiteral`: a variable, a function, an interpolation).
 */
export type SkipReason = 'invalid' | 'unsupported' | 'timeout' | 'notLiteral';

/** A name regex that was not applied, with the reason and (for a log) a message. */
export interface SkippedPattern {
    readonly uri: string;
    readonly span: TextSpan;
    /** The pattern as written (for `notLiteral`, the start of the expression). */
    readonly pattern: string;
    readonly reason: SkipReason;
    readonly message: string;
}

/** What one file holds for the index: kept per file so a new image listing is matched without reading files again. */
export interface FileFindings {
    /** Tokens that start with one of `prefixes` (see tokens.ts), in file order. */
    readonly idTokens: readonly TokenOccurrence[];
    readonly nameRegexes: readonly NameRegexOccurrence[];
    /** Name-regex attributes whose value is not a literal string. */
    readonly notLiteral: readonly NameRegexOccurrence[];
    /** The ID prefixes the file was searched for: a listing with another prefix needs the file read again. */
    readonly prefixes: readonly string[];
    /** More candidate tokens than one file may hold (the rest were not kept). */
    readonly truncated: boolean;
}

/** An image as this feature needs it. */
export interface ImageKey {
    readonly id: string;
    readonly name: string;
}
