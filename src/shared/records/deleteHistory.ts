import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DeleteImagesResult, ImageTag, ZenlayerImage } from '../../zenlayer/types';
import { accountFilePath, isAccountName, isRecordId, MAX_RECORD_ID_LENGTH } from './accountFiles';
import type { LockOptions } from './fileLock';
import { describeError, JsonFile, type RecordLogger } from './jsonFile';

/**
 * Every delete, by any path, as it happened: what was asked, how, what became of each image, the request IDs, and
 * enough of each image (name, size, regions, tags) that a person knows later what it was. One file per account in
 * `<storage>/delete-history/`, oldest entry first, the last MAX_HISTORY_ENTRIES kept.
 */

export const DELETE_TRIGGERS = ['contextMenu', 'deleteKey', 'palette', 'prune', 'plan', 'retry'] as const;
export type DeleteTrigger = (typeof DELETE_TRIGGERS)[number];

/**
 * What became of one image: `accepted` (Zenlayer took the delete), `gone` (accepted, and no longer listed since),
 * `refused` (listed as failed; `reason` says what most likely stood in the way), `failed` (the request failed,
 * Zenlayer did not act), `notSent`, `unknown` (sent, no usable answer).
 */
export const IMAGE_RESULTS = ['accepted', 'gone', 'refused', 'failed', 'notSent', 'unknown'] as const;
export type ImageResult = (typeof IMAGE_RESULTS)[number];

/** Why an image was most likely refused: a kind (`inUse`, `status`, `notFound`, `unknown`…) and its detail (a status, a count). */
export interface HistoryReason {
    readonly kind: string;
    readonly detail?: string;
}

export interface HistoryImage {
    readonly id: string;
    readonly name?: string;
    readonly sizeGiB?: number;
    readonly regionIds: readonly string[];
    readonly tags: readonly ImageTag[];
    readonly result: ImageResult;
    readonly reason?: HistoryReason;
    /** For failed, notSent and unknown: the error's message (the client's English text, nothing secret). */
    readonly error?: string;
    /** For gone: when the extension saw that Zenlayer no longer lists it. */
    readonly goneAt?: number;
}

export interface HistoryEntry {
    readonly id: string;
    /** When the delete was sent (milliseconds since 1970). */
    readonly at: number;
    readonly account: string;
    readonly trigger: DeleteTrigger;
    /** The IDs that were asked for. */
    readonly requested: readonly string[];
    readonly requestIds: readonly string[];
    readonly images: readonly HistoryImage[];
    /** The fingerprint of the cleanup plan that was applied (trigger `plan`). */
    readonly planFingerprint?: string;
    /** Images of the delete past MAX_IMAGES_PER_ENTRY: counted, not described. */
    readonly omittedImages?: number;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'id'>;

export const MAX_HISTORY_ENTRIES = 10_000;
/** Per account file; the oldest entries go first when a new one would pass it. */
const MAX_HISTORY_BYTES = 8 * 2 ** 20;
/** Far above Zenlayer's custom-image quota; a larger delete is recorded with a count of the rest. */
export const MAX_IMAGES_PER_ENTRY = 2_000;
/** One entry's share of the file at most (images past it are counted, not described), so the newest entry always fits. */
const MAX_ENTRY_BYTES = 2 * 2 ** 20;
const MAX_REQUEST_IDS = 1_000;
const MAX_NAME = 256;
const MAX_TAG_TEXT = 64;
const MAX_TAGS = 50;
const MAX_REGIONS = 50;
const MAX_TEXT = 500;
const FORMAT = 1;

// --- bounding and validation: the same function checks what is appended and what is read back -------------------

function text(value: unknown, max: number): string | undefined {
    if (typeof value !== 'string' || value === '') {
        return undefined;
    }
    // Never cut a surrogate pair in half.
    return value.length <= max ? value : value.slice(0, max).replace(/[\ud800-\udbff]$/, '');
}

function isTime(value: unknown): value is number {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 253_402_300_800_000;
}

function idList(value: unknown, max: number): string[] | undefined {
    return Array.isArray(value) ? value.filter(isRecordId).slice(0, max) : undefined;
}

function boundedTags(value: unknown): ImageTag[] {
    if (!Array.isArray(value)) {
        return [];
    }
    const tags: ImageTag[] = [];
    for (const tag of value.slice(0, MAX_TAGS)) {
        const key = text((tag as Partial<ImageTag> | null)?.key, MAX_TAG_TEXT);
        if (key !== undefined) {
            tags.push({ key, value: text((tag as Partial<ImageTag>).value, MAX_TAG_TEXT) ?? '' });
        }
    }
    return tags;
}

function boundedImage(value: unknown): HistoryImage | undefined {
    if (typeof value !== 'object' || value === null) {
        return undefined;
    }
    const raw = value as Record<string, unknown>;
    const result = raw.result as ImageResult;
    if (!isRecordId(raw.id) || !IMAGE_RESULTS.includes(result)) {
        return undefined;
    }
    const reasonKind = text((raw.reason as HistoryReason | undefined)?.kind, MAX_RECORD_ID_LENGTH);
    const reasonDetail = text((raw.reason as HistoryReason | undefined)?.detail, MAX_TEXT);
    const name = text(raw.name, MAX_NAME);
    const error = text(raw.error, MAX_TEXT);
    const sizeGiB = typeof raw.sizeGiB === 'number' && Number.isFinite(raw.sizeGiB) && raw.sizeGiB >= 0 ? raw.sizeGiB : undefined;
    return {
        id: raw.id,
        ...(name !== undefined ? { name } : {}),
        ...(sizeGiB !== undefined ? { sizeGiB } : {}),
        regionIds: idList(raw.regionIds, MAX_REGIONS) ?? [],
        tags: boundedTags(raw.tags),
        result,
        ...(reasonKind !== undefined ? { reason: reasonDetail !== undefined ? { kind: reasonKind, detail: reasonDetail } : { kind: reasonKind } } : {}),
        ...(error !== undefined ? { error } : {}),
        ...(isTime(raw.goneAt) ? { goneAt: raw.goneAt } : {}),
    };
}

/** A well-formed entry within the bounds (long texts cut, long lists shortened), or undefined when it is not an entry. */
function boundedEntry(value: unknown, id: unknown): HistoryEntry | undefined {
    if (typeof value !== 'object' || value === null) {
        return undefined;
    }
    const raw = value as Record<string, unknown>;
    const requested = idList(raw.requested, MAX_IMAGES_PER_ENTRY);
    const requestIds = idList(raw.requestIds, MAX_REQUEST_IDS);
    const trigger = raw.trigger as DeleteTrigger;
    if (
        !isRecordId(id) ||
        !isTime(raw.at) ||
        !isAccountName(raw.account) ||
        !DELETE_TRIGGERS.includes(trigger) ||
        !requested ||
        !requestIds ||
        !Array.isArray(raw.images)
    ) {
        return undefined;
    }
    const images: HistoryImage[] = [];
    for (const image of raw.images.slice(0, MAX_IMAGES_PER_ENTRY)) {
        const bounded = boundedImage(image);
        if (!bounded) {
            return undefined;
        }
        images.push(bounded);
    }
    const omitted =
        (typeof raw.omittedImages === 'number' && Number.isInteger(raw.omittedImages) && raw.omittedImages > 0 ? raw.omittedImages : 0) +
        (raw.images.length - images.length);
    const planFingerprint = text(raw.planFingerprint, MAX_RECORD_ID_LENGTH);
    return {
        id,
        at: raw.at,
        account: raw.account,
        trigger,
        requested,
        requestIds,
        images,
        ...(planFingerprint !== undefined ? { planFingerprint } : {}),
        ...(omitted > 0 ? { omittedImages: omitted } : {}),
    };
}

/** The entry with as many of its images as fit MAX_ENTRY_BYTES; the rest are counted in omittedImages. */
function withinEntryBytes(entry: HistoryEntry): HistoryEntry {
    let bytes = 0;
    const fitting = entry.images.findIndex((image) => (bytes += Buffer.byteLength(JSON.stringify(image)) + 1) > MAX_ENTRY_BYTES);
    if (fitting < 0) {
        return entry;
    }
    return { ...entry, images: entry.images.slice(0, fitting), omittedImages: (entry.omittedImages ?? 0) + entry.images.length - fitting };
}

// --- building an entry from a delete's result ----------------------------------------------------------------------

/**
 * The images of a delete with what became of each, read from the client's result: `reasonOf` gives the likely reason
 * of a refused image (the caller knows usage and the status after the answer).
 */
export function historyImages(
    images: readonly ZenlayerImage[],
    result: DeleteImagesResult,
    reasonOf: (image: ZenlayerImage) => HistoryReason | undefined,
): HistoryImage[] {
    const chunkOf = new Map<string, { error: Error; outcome: string }>();
    for (const chunk of result.chunkErrors) {
        for (const id of chunk.imageIds) {
            chunkOf.set(id, { error: chunk.error, outcome: chunk.outcome ?? 'failed' });
        }
    }
    const failed = new Set(result.failedImageIds);
    return images.map((image): HistoryImage => {
        const described = {
            id: image.id,
            name: image.name,
            regionIds: image.regionIds,
            tags: image.tags,
            ...(image.sizeGiB !== undefined ? { sizeGiB: image.sizeGiB } : {}),
        };
        const chunk = chunkOf.get(image.id);
        if (chunk) {
            const outcome: ImageResult = chunk.outcome === 'notSent' ? 'notSent' : chunk.outcome === 'unknownOutcome' ? 'unknown' : 'failed';
            return { ...described, result: outcome, error: chunk.error.message };
        }
        if (failed.has(image.id)) {
            const reason = reasonOf(image);
            return { ...described, result: 'refused', ...(reason ? { reason } : {}) };
        }
        return { ...described, result: 'accepted' };
    });
}

// --- the store -----------------------------------------------------------------------------------------------------

interface AccountHistory {
    readonly account: string;
    /** Oldest first. */
    readonly entries: readonly HistoryEntry[];
    /** Entries of the file that were not entries: left out, and gone at the next write. */
    readonly leftOut: number;
}

function encodeHistory(history: AccountHistory): string {
    // Each entry's text once: its length decides how many of the oldest entries must go to stay within the bound.
    const texts = history.entries.map((entry) => JSON.stringify(entry));
    const head = `{"format":${FORMAT},"account":${JSON.stringify(history.account)},"entries":[`;
    let bytes = head.length + 2;
    let first = texts.length;
    while (first > 0 && texts.length - first < MAX_HISTORY_ENTRIES && bytes + Buffer.byteLength(texts[first - 1]) + 1 <= MAX_HISTORY_BYTES) {
        first--;
        bytes += Buffer.byteLength(texts[first]) + 1;
    }
    return `${head}${texts.slice(first).join(',')}]}`;
}

function decodeHistory(value: Record<string, unknown>, account: string): AccountHistory | undefined {
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

export class DeleteHistory {
    private readonly directory: string;

    constructor(
        storageDirectory: string,
        private readonly logger: RecordLogger,
        private readonly lock?: LockOptions,
    ) {
        this.directory = path.join(storageDirectory, 'delete-history');
    }

    /**
     * Appends an entry. Never rejects, so it cannot stand in a delete's way: undefined (and a log line) when it could
     * not be written. The entry is bounded as stored (long texts cut, the images past MAX_IMAGES_PER_ENTRY counted).
     */
    async append(entry: NewHistoryEntry): Promise<HistoryEntry | undefined> {
        const bounded = boundedEntry(entry, randomUUID());
        const stored = bounded && withinEntryBytes(bounded);
        if (!stored) {
            this.logger.warn(`Not recording a malformed delete-history entry of ${entry.account}.`);
            return undefined;
        }
        try {
            await this.file(stored.account).update((history) => ({ ...history, entries: [...history.entries, stored] }));
            return stored;
        } catch (error) {
            this.logger.warn(`Could not record a delete of ${stored.account} in the delete history: ${describeError(error)}`);
            return undefined;
        }
    }

    /** Images accepted by an earlier delete that Zenlayer no longer lists: their newest accepted entry says so. */
    async markGone(account: string, imageIds: Iterable<string>, at: number): Promise<void> {
        const pending = new Set(imageIds);
        if (pending.size === 0) {
            return;
        }
        try {
            await this.file(account).update((history) => {
                const entries = [...history.entries];
                for (let index = entries.length - 1; index >= 0 && pending.size > 0; index--) {
                    const entry = entries[index];
                    if (entry.images.some((image) => image.result === 'accepted' && pending.has(image.id))) {
                        const images = entry.images.map((image) =>
                            image.result === 'accepted' && pending.delete(image.id) ? { ...image, result: 'gone' as const, goneAt: at } : image,
                        );
                        entries[index] = { ...entry, images };
                    }
                }
                return entries.every((entry, index) => entry === history.entries[index]) ? undefined : { ...history, entries };
            });
        } catch (error) {
            this.logger.warn(`Could not mark deleted images of ${account} as gone in the delete history: ${describeError(error)}`);
        }
    }

    /** The account's entries, newest first. */
    async entries(account: string): Promise<HistoryEntry[]> {
        return [...(await this.file(account).read()).entries].reverse();
    }

    /** The accounts that have a history, by name. */
    async accounts(): Promise<string[]> {
        const names = await fs.readdir(this.directory).catch(() => [] as string[]);
        const accounts: string[] = [];
        for (const name of names.filter((candidate) => /^[0-9a-f]{32}\.json$/.test(candidate))) {
            const parsed = await fs
                .readFile(path.join(this.directory, name), 'utf8')
                .then((text) => (JSON.parse(text) as { account?: unknown }).account)
                .catch(() => undefined);
            if (isAccountName(parsed) && path.basename(accountFilePath(this.directory, parsed)) === name) {
                accounts.push(parsed);
            }
        }
        return accounts.sort();
    }

    /** When a delete of the image was last accepted by Zenlayer; undefined if the history has none. */
    async deletedAt(account: string, imageId: string): Promise<number | undefined> {
        const entries = (await this.file(account).read()).entries;
        for (let index = entries.length - 1; index >= 0; index--) {
            if (entries[index].images.some((image) => image.id === imageId && (image.result === 'accepted' || image.result === 'gone'))) {
                return entries[index].at;
            }
        }
        return undefined;
    }

    /** A renamed account keeps its history, merged by time with any history already under the new name. */
    async renameAccount(from: string, to: string): Promise<void> {
        try {
            const source = this.file(from);
            const moved = (await source.read()).entries.map((entry) => ({ ...entry, account: to }));
            if (moved.length === 0) {
                return;
            }
            await this.file(to).update((history) => ({ ...history, entries: [...history.entries, ...moved].sort((a, b) => a.at - b.at) }));
            await source.remove();
        } catch (error) {
            this.logger.warn(`Could not move the delete history of ${from} to ${to}: ${describeError(error)}`);
        }
    }

    private file(account: string): JsonFile<AccountHistory> {
        const filePath = accountFilePath(this.directory, account);
        return new JsonFile<AccountHistory>({
            path: filePath,
            format: FORMAT,
            decode: (value) => {
                const history = decodeHistory(value, account);
                if (history && history.leftOut > 0) {
                    this.logger.warn(`Left out ${history.leftOut} unreadable entries of the delete history in ${filePath}.`);
                }
                return history;
            },
            encode: encodeHistory,
            empty: () => ({ account, entries: [], leftOut: 0 }),
            logger: this.logger,
            maxBytes: 2 * MAX_HISTORY_BYTES,
            // Written once per delete, and the only account of what went: worth the flush.
            durable: true,
            ...(this.lock ? { lock: this.lock } : {}),
        });
    }
}
