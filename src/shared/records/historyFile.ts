import { boundedEntry } from './historyBounds';
import type { HistoryEntry } from './historyEntry';

// One account's delete-history file as stored: `{"format":1,"account":…,"entries":[…]}`, oldest entry first.

export const MAX_HISTORY_ENTRIES = 10_000;
/** Per account file; the oldest entries go first when a new one would pass it. */
export const MAX_HISTORY_BYTES = 8 * 2 ** 20;
export const HISTORY_FORMAT = 1;

export interface AccountHistory {
    readonly account: string;
    /** Oldest first. */
    readonly entries: readonly HistoryEntry[];
    /** Entries of the file that were not entries: left out, and gone at the next write. */
    readonly leftOut: number;
}

export function encodeHistory(history: AccountHistory): string {
    // Each entry's text once: its length decides how many of the oldest entries must go to stay within the bound.
    const texts = history.entries.map((entry) => JSON.stringify(entry));
    const head = `{"format":${HISTORY_FORMAT},"account":${JSON.stringify(history.account)},"entries":[`;
    let bytes = head.length + 2;
    let first = texts.length;
    while (first > 0 && texts.length - first < MAX_HISTORY_ENTRIES && bytes + Buffer.byteLength(texts[first - 1]) + 1 <= MAX_HISTORY_BYTES) {
        first--;
        bytes += Buffer.byteLength(texts[first]) + 1;
    }
    return `${head}${texts.slice(first).join(',')}]}`;
}

export function decodeHistory(value: Record<string, unknown>, account: string): AccountHistory | undefined {
    if (value.account !== account || !Array.isArray(value.entries)) {
        return undefined;
    }
    const entries: HistoryEntry[] = [];
    for (const raw of value.entries.slice(-MAX_HISTORY_ENTRIES)) {
        const entry = boundedEntry(raw, (raw as { id?: unknown } | null)?.id);
        if (entry && entry.account === account) {
            entries.push(entry);
        }
    }
    return { account, entries, leftOut: value.entries.length - entries.length };
}
