import * as vscode from 'vscode';

/** How many names a notification or confirmation spells out before "and N more". */
const NAMES_SHOWN = 5;

/** The first few names for a confirmation or a notification, and how many were left out. */
export function firstNames(names: readonly string[], max: number): { shown: string[]; more: number } {
    return { shown: names.slice(0, max), more: Math.max(0, names.length - max) };
}

/** The separator of a list of names in the user's language: ", " in English, "、" in Chinese. */
function nameSeparator(): string {
    return vscode.l10n.t({ message: ', ', comment: ['Separator between names (of images or accounts) in a list'] });
}

/** The separator of entries that carry their own commas: "; " in English, "；" in Chinese. */
function reasonSeparator(): string {
    return vscode.l10n.t({ message: '; ', comment: ['Separator between images that each carry a reason'] });
}

/** Every name (instances, regions, files), joined the way the user's language lists things. */
export function joinNames(names: readonly string[]): string {
    return names.join(nameSeparator());
}

/** Every entry that carries its own commas ("copy failed in Singapore (quota)"), joined by the language's semicolon. */
export function joinReasons(entries: readonly string[]): string {
    return entries.join(reasonSeparator());
}

/** "a, b, c, d, e and 3 more": the first few (`shown`) names, joined the way the user's language lists things. */
export function nameList(names: readonly string[], shown = NAMES_SHOWN): string {
    return shortList(names, nameSeparator(), shown);
}

/** Entries that carry their own commas ("db — used by 2 instances (web-1, web-2)"), so joined by semicolons. */
export function reasonList(entries: readonly string[]): string {
    return shortList(entries, reasonSeparator(), NAMES_SHOWN);
}

function shortList(entries: readonly string[], separator: string, max: number): string {
    const { shown, more } = firstNames(entries, max);
    const joined = shown.join(separator);
    return more > 0 ? vscode.l10n.t('{0} and {1} more', joined, more) : joined;
}
