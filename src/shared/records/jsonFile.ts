import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LOCK_OPTIONS, type LockOptions, withFileLock } from './fileLock';

/**
 * One JSON file in the extension's global storage, which every window of the profile reads and writes at once.
 * Writes go to a temporary file that is renamed over the old one, so a reader sees the old or the new file, never a
 * half-written one; read-modify-write runs under a cross-process lock, so two windows never lose each other's change.
 * A file that cannot be read or understood is set aside (`<name>.corrupt-<time>`, the newest few kept) with a log
 * line, and the store starts afresh.
 */

/** Where the records log; the extension's log channel in production. Holds nothing secret. */
export interface RecordLogger {
    info(message: string): void;
    warn(message: string): void;
}

/** Why a store starts from nothing: no file yet, a file set aside, or a file written by a newer version (left as is). */
export type EmptyCause = 'missing' | 'setAside' | 'newerFormat';

export interface JsonFileOptions<T> {
    readonly path: string;
    /** The file's `format`; a file with a higher one was written by a newer version and is never overwritten. */
    readonly format: number;
    /** Checks the parsed file (its `format` already checked); undefined when it is not a T. */
    readonly decode: (value: Record<string, unknown>) => T | undefined;
    /** The file's text; must be an object with `format` (see formatPrefix). */
    readonly encode: (value: T) => string;
    readonly empty: (cause: EmptyCause) => T;
    readonly logger: RecordLogger;
    /** A larger file is not read (it is set aside): what is written stays well under this. */
    readonly maxBytes: number;
    /**
     * Flush each write to the disk before it replaces the old file, so it survives a power cut (costs milliseconds).
     * Without it a crash can still never leave a half-written file; a power cut may lose the last write.
     */
    readonly durable: boolean;
    readonly lock?: LockOptions;
}

/** Thrown by update when the file belongs to a newer version of the extension: it is left untouched. */
export class NewerFormatError extends Error {
    constructor(readonly filePath: string) {
        super(`${filePath} was written by a newer version of the extension; it is left as it is`);
        this.name = 'NewerFormatError';
    }
}

/** Set-aside copies kept per file: enough to look into a problem, never a growing pile. */
const KEEP_SET_ASIDE = 3;
/** A temporary file this old was left by a process that died while writing. */
const TEMP_STALE_MS = 60_000;

type Loaded<T> = { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'newer' } | { kind: 'bad'; problem: string };

export function describeError(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
    return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

/** Node retries nothing on Windows, where a virus scanner or an indexer may hold the target for a moment. */
async function renameWithRetry(from: string, to: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
        try {
            await fs.rename(from, to);
            return;
        } catch (error) {
            if (attempt >= 10 || !['EPERM', 'EACCES', 'EBUSY'].includes(errorCode(error) ?? '')) {
                throw error;
            }
            await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
        }
    }
}

/** Writes `text` to a temporary file beside `target`, flushes it when `durable`, then renames it over `target`. */
export async function writeFileAtomically(target: string, text: string, durable: boolean): Promise<void> {
    const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const handle = await fs.open(temp, 'wx');
    try {
        try {
            await handle.writeFile(text, 'utf8');
            if (durable) {
                await handle.datasync();
            }
        } finally {
            await handle.close();
        }
        await renameWithRetry(temp, target);
    } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
    }
}

function timeStamp(): string {
    return new Date().toISOString().replace(/[:.]/g, '-');
}

export class JsonFile<T> {
    private tempFilesChecked = false;

    constructor(private readonly options: JsonFileOptions<T>) {}

    get path(): string {
        return this.options.path;
    }

    /** The file's content, without taking the lock (writes are atomic). Never throws for a bad file. */
    async read(): Promise<T> {
        const loaded = await this.load();
        if (loaded.kind === 'bad') {
            // Setting a file aside renames it, which must not race a writer: done under the lock, after a second look.
            return this.withLock(async () => this.valueOf(await this.loadOrSetAside()));
        }
        return this.valueOf(loaded);
    }

    /**
     * Reads the file under the lock, passes it to `change`, and writes what `change` returns (nothing when it returns
     * undefined). Resolves with the value now in the file.
     */
    async update(change: (current: T) => T | undefined): Promise<T> {
        await fs.mkdir(path.dirname(this.options.path), { recursive: true });
        return this.withLock(async () => {
            await this.removeStaleTempFiles();
            const loaded = await this.loadOrSetAside();
            if (loaded.kind === 'newer') {
                throw new NewerFormatError(this.options.path);
            }
            const next = change(this.valueOf(loaded));
            if (next === undefined) {
                return this.valueOf(loaded);
            }
            await writeFileAtomically(this.options.path, this.options.encode(next), this.options.durable);
            return next;
        });
    }

    /** Deletes the file (under the lock, so a concurrent update is not lost half-way). */
    async remove(): Promise<void> {
        await fs.mkdir(path.dirname(this.options.path), { recursive: true });
        await this.withLock(() => fs.rm(this.options.path, { force: true }));
    }

    private withLock<R>(work: () => Promise<R>): Promise<R> {
        return withFileLock(`${this.options.path}.lock`, work, this.options.lock ?? DEFAULT_LOCK_OPTIONS);
    }

    private valueOf(loaded: Loaded<T>): T {
        switch (loaded.kind) {
            case 'ok':
                return loaded.value;
            case 'missing':
                return this.options.empty('missing');
            case 'newer':
                return this.options.empty('newerFormat');
            case 'bad':
                return this.options.empty('setAside');
        }
    }

    private async load(): Promise<Loaded<T>> {
        const file = this.options.path;
        let text: string;
        try {
            const stat = await fs.stat(file);
            if (!stat.isFile()) {
                return { kind: 'bad', problem: 'not a file' };
            }
            if (stat.size > this.options.maxBytes) {
                return { kind: 'bad', problem: `${stat.size} bytes, more than ${this.options.maxBytes}` };
            }
            text = await fs.readFile(file, 'utf8');
        } catch (error) {
            return errorCode(error) === 'ENOENT' ? { kind: 'missing' } : { kind: 'bad', problem: `unreadable (${errorCode(error) ?? String(error)})` };
        }
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch {
            return { kind: 'bad', problem: 'not JSON' };
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
            return { kind: 'bad', problem: 'not a JSON object' };
        }
        const format = (parsed as { format?: unknown }).format;
        if (typeof format === 'number' && format > this.options.format) {
            return { kind: 'newer' };
        }
        const value = format === this.options.format ? this.options.decode(parsed as Record<string, unknown>) : undefined;
        return value === undefined ? { kind: 'bad', problem: `not a format ${this.options.format} record` } : { kind: 'ok', value };
    }

    /** Under the lock: a bad file is renamed out of the way (never deleted), so the store can start afresh. */
    private async loadOrSetAside(): Promise<Loaded<T>> {
        const loaded = await this.load();
        if (loaded.kind !== 'bad') {
            return loaded;
        }
        const file = this.options.path;
        const aside = `${file}.corrupt-${timeStamp()}-${randomBytes(2).toString('hex')}`;
        try {
            await fs.rename(file, aside);
            this.options.logger.warn(`Set aside ${file} (${loaded.problem}) as ${path.basename(aside)}; starting afresh.`);
        } catch (error) {
            this.options.logger.warn(`Could not set aside ${file} (${loaded.problem}): ${errorCode(error) ?? String(error)}; starting afresh.`);
        }
        await this.pruneSetAside();
        return loaded;
    }

    private async siblings(prefix: string): Promise<string[]> {
        const directory = path.dirname(this.options.path);
        const names = await fs.readdir(directory).catch(() => [] as string[]);
        return names.filter((name) => name.startsWith(prefix)).map((name) => path.join(directory, name));
    }

    private async pruneSetAside(): Promise<void> {
        const copies = (await this.siblings(`${path.basename(this.options.path)}.corrupt-`)).sort();
        await Promise.all(copies.slice(0, Math.max(0, copies.length - KEEP_SET_ASIDE)).map((copy) => fs.rm(copy, { force: true, recursive: true })));
    }

    /** Once per store: temporary files of writers that died before their rename. */
    private async removeStaleTempFiles(): Promise<void> {
        if (this.tempFilesChecked) {
            return;
        }
        this.tempFilesChecked = true;
        for (const temp of await this.siblings(`${path.basename(this.options.path)}.tmp-`)) {
            const stat = await fs.stat(temp).catch(() => undefined);
            if (stat && Date.now() - stat.mtimeMs > TEMP_STALE_MS) {
                await fs.rm(temp, { force: true });
            }
        }
    }
}
