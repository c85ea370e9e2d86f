/** Timers as a parameter, so tests drive the schedule with a fake clock instead of sleeping. */
export interface Scheduler {
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
    now(): number;
}

export const realScheduler: Scheduler = {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    now: () => Date.now(),
};

export const POLL_BACKOFF_FACTOR = 1.5;
export const POLL_MAX_DELAY_MS = 60_000;
export const POLL_GIVE_UP_MS = 10 * 60_000;
/** The give-up time in whole minutes, for messages. */
export const POLL_GIVE_UP_MINUTES = Math.round(POLL_GIVE_UP_MS / 60_000);
/** The status of an image Zenlayer is still deleting; any other status means the delete will not finish. */
export const DELETING_STATUS = 'DELETING';

/** A watched image that still exists, as the check found it. */
export interface WatchedImage {
    readonly id: string;
    readonly status: string;
}

/** Delay before check number `attempt` (0-based): the base interval, growing by half each time, capped at a minute. */
export function pollDelayMs(attempt: number, baseMs: number): number {
    return Math.min(POLL_MAX_DELAY_MS, Math.round(baseMs * POLL_BACKOFF_FACTOR ** attempt));
}

export interface DeletionPollerOptions {
    readonly baseIntervalMs: () => number;
    readonly scheduler: Scheduler;
    /** Polling only runs while the view can be seen; a due check waits for `resume()`. */
    readonly isVisible: () => boolean;
    /** Returns the watched images that still exist, in any state. Throws when it cannot tell (onError is called). */
    readonly check: (ids: readonly string[]) => Promise<readonly WatchedImage[]>;
    readonly onGone: (ids: readonly string[]) => void;
    /** Images that exist but are no longer DELETING (back to AVAILABLE or FAILED): the delete did not go through. */
    readonly onStoppedDeleting: (images: readonly WatchedImage[]) => void;
    readonly onGiveUp: (remaining: readonly string[]) => void;
    readonly onError: (error: unknown) => void;
}

/**
 * Watches deleted images until DescribeImagesByIds no longer returns them: ~5 s, backing off, only while
 * visible, giving up 10 minutes after the last delete was added. An image found in another state than DELETING
 * is not watched any more (onStoppedDeleting).
 */
export class DeletionPoller {
    private readonly pending = new Set<string>();
    private attempt = 0;
    private startedAt = 0;
    private timer: unknown;
    private dueWhileHidden = false;
    private checking = false;

    constructor(private readonly options: DeletionPollerOptions) {}

    get watching(): readonly string[] {
        return [...this.pending];
    }

    add(ids: readonly string[]): void {
        if (ids.length === 0) {
            return;
        }
        ids.forEach((id) => this.pending.add(id));
        this.attempt = 0;
        this.startedAt = this.options.scheduler.now();
        this.schedule();
    }

    /** Call when the view becomes visible: runs a check that fell due while it was hidden. */
    resume(): void {
        if (this.dueWhileHidden) {
            this.dueWhileHidden = false;
            void this.tick();
        }
    }

    /** Images that left the list by other means (a full refresh) need no more checks. */
    forget(ids: Iterable<string>): void {
        for (const id of ids) {
            this.pending.delete(id);
        }
        if (this.pending.size === 0) {
            this.stop();
        }
    }

    stop(): void {
        this.pending.clear();
        this.dueWhileHidden = false;
        if (this.timer !== undefined) {
            this.options.scheduler.clearTimeout(this.timer);
            this.timer = undefined;
        }
    }

    private schedule(): void {
        if (this.timer !== undefined) {
            this.options.scheduler.clearTimeout(this.timer);
        }
        this.timer = this.options.scheduler.setTimeout(() => {
            this.timer = undefined;
            void this.tick();
        }, pollDelayMs(this.attempt, this.options.baseIntervalMs()));
    }

    private async tick(): Promise<void> {
        if (this.pending.size === 0 || this.checking) {
            return;
        }
        if (this.options.scheduler.now() - this.startedAt >= POLL_GIVE_UP_MS) {
            const remaining = [...this.pending];
            this.stop();
            this.options.onGiveUp(remaining);
            return;
        }
        if (!this.options.isVisible()) {
            this.dueWhileHidden = true;
            return;
        }
        this.checking = true;
        try {
            const asked = [...this.pending];
            const found = (await this.options.check(asked)).filter((image) => this.pending.has(image.id));
            const present = new Set(found.map((image) => image.id));
            const gone = asked.filter((id) => !present.has(id) && this.pending.has(id));
            const stopped = found.filter((image) => image.status !== DELETING_STATUS);
            gone.forEach((id) => this.pending.delete(id));
            stopped.forEach((image) => this.pending.delete(image.id));
            if (gone.length > 0) {
                this.options.onGone(gone);
            }
            if (stopped.length > 0) {
                this.options.onStoppedDeleting(stopped);
            }
        } catch (error) {
            this.options.onError(error);
        } finally {
            this.checking = false;
        }
        if (this.pending.size > 0) {
            this.attempt++;
            this.schedule();
        }
    }
}
