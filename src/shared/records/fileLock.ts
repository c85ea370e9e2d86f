import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';

/**
 * A lock shared by every process that uses the same folder (all windows of a VS Code profile): a file created with
 * O_EXCL, which holds its owner's pid, host and a token. A lock whose owner is gone is taken over; a live owner is
 * waited for, but only so long.
 */

export interface LockOptions {
    /** Give up after waiting this long for another owner (LockTimeoutError). */
    readonly maxWaitMs: number;
    /**
     * A lock older than this is taken over even when its owner seems alive (a hung process, a reused pid, another
     * host). Holders keep the lock for milliseconds; this is a last resort.
     */
    readonly staleMs: number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = { maxWaitMs: 10_000, staleMs: 30_000 };

export class LockTimeoutError extends Error {
    constructor(
        readonly lockPath: string,
        readonly waitedMs: number,
    ) {
        super(`Timed out after ${waitedMs} ms waiting for the lock ${lockPath}`);
        this.name = 'LockTimeoutError';
    }
}

interface LockOwner {
    readonly pid: number;
    readonly host: string;
    readonly token: string;
    readonly at: number;
}

/** Only one takeover at a time; a takeover lock this old belongs to a process that died in the middle of one. */
const TAKEOVER_STALE_MS = 5_000;

function isCode(error: unknown, ...codes: string[]): boolean {
    return typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}

function processIsAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return isCode(error, 'EPERM');
    }
}

/** What the lock file says and how old it is; undefined when there is no lock file. */
async function readLock(lockPath: string): Promise<{ owner: LockOwner | undefined; ageMs: number; text: string } | undefined> {
    try {
        const [text, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
        let owner: LockOwner | undefined;
        try {
            const parsed = JSON.parse(text) as Partial<LockOwner>;
            if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string') {
                owner = parsed as LockOwner;
            }
        } catch {
            owner = undefined; // being written this very moment, or damaged: only its age can tell
        }
        return { owner, ageMs: Date.now() - stat.mtimeMs, text };
    } catch (error) {
        if (isCode(error, 'ENOENT')) {
            return undefined;
        }
        throw error;
    }
}

function isStale(lock: { owner: LockOwner | undefined; ageMs: number }, staleMs: number): boolean {
    if (lock.ageMs > staleMs) {
        return true;
    }
    return lock.owner !== undefined && lock.owner.host === hostname() && !processIsAlive(lock.owner.pid);
}

async function createExclusive(path: string, text: string): Promise<boolean> {
    try {
        await fs.writeFile(path, text, { flag: 'wx' });
        return true;
    } catch (error) {
        if (isCode(error, 'EEXIST')) {
            return false;
        }
        throw error;
    }
}

/**
 * Removes a stale lock, unless it changed since it was judged stale. Takeovers are serialised by a second lock file,
 * so two waiters never both remove a lock and both believe they hold the next one.
 */
async function takeOver(lockPath: string, staleText: string): Promise<void> {
    const takeoverPath = `${lockPath}.takeover`;
    if (!(await createExclusive(takeoverPath, String(process.pid)))) {
        const takeover = await readLock(takeoverPath);
        if (takeover && takeover.ageMs > TAKEOVER_STALE_MS) {
            await fs.rm(takeoverPath, { force: true });
        }
        return;
    }
    try {
        const now = await readLock(lockPath);
        if (now?.text === staleText) {
            await fs.rm(lockPath, { force: true });
        }
    } finally {
        await fs.rm(takeoverPath, { force: true });
    }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The lock's holders in this process, so calls from one window queue in memory instead of polling the disk. */
const queues = new Map<string, Promise<unknown>>();

/** Runs `work` while holding the lock at `lockPath` (a file path; its folder must exist). */
export function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: LockOptions = DEFAULT_LOCK_OPTIONS): Promise<T> {
    const previous = queues.get(lockPath) ?? Promise.resolve();
    const next = previous.then(
        () => holdLock(lockPath, work, options),
        () => holdLock(lockPath, work, options),
    );
    const settled = next.catch(() => undefined);
    queues.set(lockPath, settled);
    void settled.then(() => {
        if (queues.get(lockPath) === settled) {
            queues.delete(lockPath);
        }
    });
    return next;
}

async function holdLock<T>(lockPath: string, work: () => Promise<T>, options: LockOptions): Promise<T> {
    const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomUUID(), at: Date.now() };
    const ownerText = JSON.stringify(owner);
    const started = Date.now();
    for (let attempt = 0; !(await createExclusive(lockPath, ownerText)); attempt++) {
        const held = await readLock(lockPath);
        if (held && isStale(held, options.staleMs)) {
            await takeOver(lockPath, held.text);
        }
        const waited = Date.now() - started;
        if (waited >= options.maxWaitMs) {
            throw new LockTimeoutError(lockPath, waited);
        }
        // Short, jittered waits: holders keep the lock for milliseconds, and two waiters should not wake in step.
        await sleep(Math.min(2 ** attempt, 40) + Math.random() * 10);
    }
    try {
        return await work();
    } finally {
        const held = await readLock(lockPath).catch(() => undefined);
        // Taken over meanwhile (we were judged stale)? Then the lock is someone else's now: leave it.
        if (held?.text === ownerText) {
            await fs.rm(lockPath, { force: true });
        }
    }
}
