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

/** Delay before check number `attempt` (0-based): the base interval, growing by half each time, capped at a minute. */
export function pollDelayMs(attempt: number, baseMs: number): number {
    return Math.min(POLL_MAX_DELAY_MS, Math.round(baseMs * POLL_BACKOFF_FACTOR ** attempt));
}

export interface DeletionPollerOptions {
    readonly baseIntervalMs: () => number;
    readonly scheduler: Scheduler;
    /** Polling only runs while the view can be seen; a due check waits for `resume()`. */
    readonly isVisible: () => boolean;
    /** The IDs still to watch; the images model owns them (its accepted deletes). Empty: polling ends. */
    readonly watched: () => readonly string[];
    /** Looks the IDs up and settles what it finds in the model. Throws when it cannot tell (onError is called). */
    readonly check: (ids: readonly string[]) => Promise<void>;
    readonly onGiveUp: (remaining: readonly string[]) => void;
    readonly onError: (error: unknown) => void;
}

/**
 * The schedule of the checks after a delete: ~5 s, backing off, only while the view is visible, giving up
 * 10 minutes after the last delete started it. It keeps no list of its own: it asks the model what to watch.
 */
export class DeletionPoller {
    private attempt = 0;
    private startedAt = 0;
    private timer: unknown;
    private dueWhileHidden = false;
    private checking = false;
    private active = false;

    constructor(private readonly options: DeletionPollerOptions) {}

    /** Whether checks are scheduled (false once everything settled, after giving up, or after stop()). */
    get running(): boolean {
        return this.active;
    }

    /** A delete was accepted: check again from the first, short interval, and restart the give-up clock. */
    start(): void {
        this.active = true;
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

    stop(): void {
        this.active = false;
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
        this.timer = this.options.scheduler.setTimeout(
            () => {
                this.timer = undefined;
                void this.tick();
            },
            pollDelayMs(this.attempt, this.options.baseIntervalMs()),
        );
    }

    private async tick(): Promise<void> {
        if (!this.active || this.checking) {
            return;
        }
        const ids = this.options.watched();
        if (ids.length === 0) {
            this.stop();
            return;
        }
        if (this.options.scheduler.now() - this.startedAt >= POLL_GIVE_UP_MS) {
            this.stop();
            this.options.onGiveUp(ids);
            return;
        }
        if (!this.options.isVisible()) {
            this.dueWhileHidden = true;
            return;
        }
        this.checking = true;
        try {
            await this.options.check(ids);
        } catch (error) {
            this.options.onError(error);
        } finally {
            this.checking = false;
        }
        if (!this.active) {
            return; // stopped while the check ran (signed out, account switched)
        }
        if (this.options.watched().length > 0) {
            this.attempt++;
            this.schedule();
        } else {
            this.stop();
        }
    }
}
