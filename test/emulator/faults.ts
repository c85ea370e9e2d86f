/**
 * Fault injection: rate limits, 5xx, resets, non-JSON and truncated bodies, hangs, latency; and outcomes of accepted
 * image tasks (a copy destination or an image creation that ends FAILED).
 */

export type FaultKind = 'rateLimit' | 'internalError' | 'reset' | 'nonJson502' | 'truncated' | 'hang';

export const FAULT_KINDS: readonly FaultKind[] = ['rateLimit', 'internalError', 'reset', 'nonJson502', 'truncated', 'hang'];

interface QueuedFault {
    kind: FaultKind;
    remaining: number;
    action?: string;
    retryAfterSeconds?: number;
}

/** The fault chosen for one request. */
export interface TakenFault {
    kind: FaultKind;
    /** Only for 'rateLimit': send `Retry-After: <this>`; absent = no Retry-After header (the default). */
    retryAfterSeconds?: number;
}

export interface FailNextOptions {
    /** Only requests with this X-ZC-Action get the fault. */
    action?: string;
    /**
     * Only with 'rateLimit': add `Retry-After: <seconds>` (a non-negative integer). By default no Retry-After is
     * sent: the real service is not known to send one (no official SDK reads it).
     */
    retryAfterSeconds?: number;
}

export interface RateLimitOptions {
    /** Add `Retry-After: <seconds>` (a non-negative integer) to these 429s; default none. */
    retryAfterSeconds?: number;
}

function checkRetryAfter(method: string, seconds: number | undefined): void {
    if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 0)) {
        throw new RangeError(`${method}: retryAfterSeconds must be a non-negative integer, got ${String(seconds)}`);
    }
}

/** Which copy destinations fail, how many times, and with what errorInfo. */
export interface ImageCopyFailureOptions {
    /** Only destinations in this region; default any. */
    regionId?: string;
    /** How many destinations fail (each one counts once); default 1. `Infinity`: every matching one from now on. */
    count?: number;
    /** What DescribeImageCopyProgress shows as `errorInfo`; default a sentence naming the region. */
    errorInfo?: string;
}

export interface ImageCreationFailureOptions {
    /** How many accepted CreateImage calls end FAILED; default 1. `Infinity`: every one from now on. */
    count?: number;
}

export interface FaultInjector {
    /**
     * Every Nth request (counted from now) gets 429 REQUEST_LIMIT_EXCEEDED, without Retry-After unless
     * `retryAfterSeconds` is given. 0 turns it off.
     */
    rateLimitEvery(n: number, options?: RateLimitOptions): void;
    /** The next `count` requests (optionally only those with X-ZC-Action `action`) get this fault. Queued in order. */
    failNext(kind: FaultKind, count?: number, options?: FailNextOptions): void;
    /**
     * The next accepted CopyImage destinations (those to `regionId`, if given) fail half-way through their transfer:
     * they stay listed by DescribeImageCopyProgress with `errorInfo` until the copy ends, their region is not added,
     * and the image ends FAILED. The request itself succeeds, as the real one does before the copy runs.
     */
    failImageCopy(options?: ImageCopyFailureOptions): void;
    /** The next accepted CreateImage calls end FAILED (in no region) instead of AVAILABLE. */
    failImageCreation(options?: ImageCreationFailureOptions): void;
    /** Delay added before every response (ms). */
    setLatency(ms: number): void;
    /** Clear the queue, the rate limit and the image task failures; latency goes back to the value the emulator was started with. */
    reset(): void;
    /** Request faults still queued (sum of remaining counts); image task failures are not counted. */
    readonly pending: number;
}

function checkCount(method: string, count: number): void {
    if (count !== Number.POSITIVE_INFINITY && (!Number.isInteger(count) || count < 1)) {
        throw new RangeError(`${method}: count must be a positive integer or Infinity, got ${String(count)}`);
    }
}

interface CopyFailure {
    regionId?: string;
    remaining: number;
    errorInfo?: string;
}

/** The server's side of the injector: which fault (if any) applies to a request. */
export class Faults implements FaultInjector {
    private queue: QueuedFault[] = [];
    private every = 0;
    private everyRetryAfter: number | undefined;
    private counter = 0;
    private copyFailures: CopyFailure[] = [];
    private creationFailures = 0;
    latencyMs: number;

    constructor(private readonly initialLatencyMs: number) {
        this.latencyMs = initialLatencyMs;
    }

    rateLimitEvery(n: number, options: RateLimitOptions = {}): void {
        if (!Number.isInteger(n) || n < 0) {
            throw new RangeError(`rateLimitEvery: n must be a non-negative integer, got ${String(n)}`);
        }
        checkRetryAfter('rateLimitEvery', options.retryAfterSeconds);
        this.every = n;
        this.everyRetryAfter = options.retryAfterSeconds;
        this.counter = 0;
    }

    failNext(kind: FaultKind, count = 1, options: FailNextOptions = {}): void {
        if (!FAULT_KINDS.includes(kind)) {
            throw new RangeError(`failNext: unknown fault kind ${String(kind)}`);
        }
        if (!Number.isInteger(count) || count < 1) {
            throw new RangeError(`failNext: count must be a positive integer, got ${String(count)}`);
        }
        checkRetryAfter('failNext', options.retryAfterSeconds);
        if (options.retryAfterSeconds !== undefined && kind !== 'rateLimit') {
            throw new RangeError(`failNext: retryAfterSeconds only applies to 'rateLimit', not '${kind}'`);
        }
        this.queue.push({ kind, remaining: count, action: options.action, retryAfterSeconds: options.retryAfterSeconds });
    }

    failImageCopy(options: ImageCopyFailureOptions = {}): void {
        const count = options.count ?? 1;
        checkCount('failImageCopy', count);
        if (options.regionId !== undefined && options.regionId.trim() === '') {
            throw new RangeError('failImageCopy: regionId must not be blank');
        }
        this.copyFailures.push({ regionId: options.regionId, remaining: count, errorInfo: options.errorInfo });
    }

    failImageCreation(options: ImageCreationFailureOptions = {}): void {
        const count = options.count ?? 1;
        checkCount('failImageCreation', count);
        this.creationFailures += count;
    }

    setLatency(ms: number): void {
        if (!Number.isFinite(ms) || ms < 0) {
            throw new RangeError(`setLatency: ms must be a non-negative number, got ${String(ms)}`);
        }
        this.latencyMs = ms;
    }

    reset(): void {
        this.queue = [];
        this.every = 0;
        this.everyRetryAfter = undefined;
        this.counter = 0;
        this.copyFailures = [];
        this.creationFailures = 0;
        this.latencyMs = this.initialLatencyMs;
    }

    get pending(): number {
        return this.queue.reduce((sum, f) => sum + f.remaining, 0);
    }

    /** Called once per destination of an accepted CopyImage: the errorInfo it fails with, or undefined. */
    takeCopyFailure(regionId: string): string | undefined {
        const index = this.copyFailures.findIndex((f) => f.regionId === undefined || f.regionId === regionId);
        if (index < 0) {
            return undefined;
        }
        const failure = this.copyFailures[index];
        failure.remaining -= 1;
        if (failure.remaining <= 0) {
            this.copyFailures.splice(index, 1);
        }
        return failure.errorInfo ?? `Copying the image to ${regionId} failed: the transfer was interrupted (emulated fault).`;
    }

    /** Called once per accepted CreateImage: whether it ends FAILED. */
    takeCreationFailure(): boolean {
        if (this.creationFailures <= 0) {
            return false;
        }
        this.creationFailures -= 1;
        return true;
    }

    /** Called once per API request (after path/method checks). */
    take(action: string | undefined): TakenFault | undefined {
        const index = this.queue.findIndex((f) => f.action === undefined || f.action === action);
        let taken: TakenFault | undefined;
        if (index >= 0) {
            const fault = this.queue[index];
            taken = { kind: fault.kind, retryAfterSeconds: fault.retryAfterSeconds };
            fault.remaining -= 1;
            if (fault.remaining === 0) {
                this.queue.splice(index, 1);
            }
        }
        if (this.every > 0) {
            this.counter += 1;
            if (taken === undefined && this.counter % this.every === 0) {
                taken = { kind: 'rateLimit', retryAfterSeconds: this.everyRetryAfter };
            }
        }
        return taken;
    }
}
