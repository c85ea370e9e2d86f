import type { HistoryEntry, HistoryImage } from './deleteHistory';

/**
 * The delete history as files a person opens elsewhere: CSV for a spreadsheet (one row per image), JSON for tools.
 * Column names and JSON keys are identifiers, the same in every language.
 */

export const HISTORY_CSV_COLUMNS = [
    'time',
    'account',
    'trigger',
    'entryId',
    'imageId',
    'imageName',
    'sizeGiB',
    'regions',
    'tags',
    'result',
    'reason',
    'reasonDetail',
    'error',
    'goneAt',
    'requestIds',
    'planFingerprint',
] as const;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula: such a cell gets a
 * leading apostrophe, so an image name like `=HYPERLINK(…)` stays text (OWASP "CSV injection").
 */
function inertCell(value: string): string {
    return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Every cell quoted (RFC 4180), quotes doubled. */
function csvCell(value: string | number | undefined): string {
    const cell = value === undefined ? '' : typeof value === 'number' ? String(value) : inertCell(value);
    return `"${cell.replace(/"/g, '""')}"`;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function imageRow(entry: HistoryEntry, image: HistoryImage | undefined): string {
    const cells: (string | number | undefined)[] = [
        iso(entry.at),
        entry.account,
        entry.trigger,
        entry.id,
        image?.id,
        image?.name,
        image?.sizeGiB,
        image?.regionIds.join(' '),
        image?.tags.map((tag) => `${tag.key}=${tag.value}`).join('; '),
        image?.result,
        image?.reason?.kind,
        image?.reason?.detail,
        image?.error,
        iso(image?.goneAt),
        entry.requestIds.join(' '),
        entry.planFingerprint,
    ];
    return cells.map(csvCell).join(',');
}

/**
 * CSV with a header row and one row per image (an entry without images gets one row), CRLF line ends, and a UTF-8
 * byte-order mark so a spreadsheet reads non-ASCII names (中文) correctly.
 */
export function historyToCsv(entries: readonly HistoryEntry[]): string {
    const rows = [HISTORY_CSV_COLUMNS.map(csvCell).join(',')];
    for (const entry of entries) {
        if (entry.images.length === 0) {
            rows.push(imageRow(entry, undefined));
        }
        for (const image of entry.images) {
            rows.push(imageRow(entry, image));
        }
    }
    return `\ufeff${rows.join('\r\n')}\r\n`;
}

/** JSON with times as ISO 8601 text, in the order given. */
export function historyToJson(entries: readonly HistoryEntry[], exportedAt: number): string {
    const readable = entries.map((entry) => ({
        ...entry,
        at: iso(entry.at),
        images: entry.images.map((image) => ({ ...image, goneAt: iso(image.goneAt) })),
    }));
    return `${JSON.stringify({ kind: 'zenlayer-images.deleteHistory', version: 1, exportedAt: iso(exportedAt), entries: readable }, undefined, 2)}\n`;
}
