import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { accountFilePath, isAccountName } from './accountFiles';
import type { LockOptions } from './fileLock';
import { boundedEntry, withinEntryBytes } from './historyBounds';
import type { HistoryEntry, NewHistoryEntry } from './historyEntry';
import { type AccountHistory, decodeHistory, encodeHistory, HISTORY_FORMAT, MAX_HISTORY_BYTES } from './historyFile';
import { describeError, JsonFile, type RecordLogger } from './jsonFile';

export {
    DELETE_TRIGGERS,
    type DeleteTrigger,
    type HistoryEntry,
    type HistoryImage,
    type HistoryReason,
    IMAGE_RESULTS,
    type ImageResult,
    type NewHistoryEntry,
} from './historyEntry';
export { MAX_IMAGES_PER_ENTRY } from './historyBounds';
export { MAX_HISTORY_ENTRIES } from './historyFile';
export { historyImages } from './historyImages';

/**
 * Every delete, by any path, as it happened (entries: historyEntry.ts). One file per account in
 * `<storage>/delete-history/`, oldest entry first, the last MAX_HISTORY_ENTRIES kept.
 */
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
            format: HISTORY_FORMAT,
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
