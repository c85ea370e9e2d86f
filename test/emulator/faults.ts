/** Fault injection: rate limits, 5xx, resets, non-JSON and truncated bodies, hangs, latency. */

export type FaultKind = 'rateLimit' | 'internalError' | 'reset' | 'nonJson502' | 'truncated' | 'hang';

export const FAULT_KINDS: readonly FaultKind[] = ['rateLimit', 'internalError', 'reset', 'nonJson502', 'truncated', 'hang'];

interface QueuedFault {
    kind: FaultKind;
    remaining: number;
    action?: string;
}

export interface FaultInjector {
    /** Every Nth request (counted from now) gets 429 REQUEST_LIMIT_EXCEEDED with `Retry-After: 1`. 0 turns it off. */
    rateLimitEvery(n: number): void;
    /** The next `count` requests (optionally only those with X-ZC-Action `action`) get this fault. Queued in order. */
    failNext(kind: FaultKind, count?: number, options?: { action?: string }): void;
    /** Delay added before every response (ms). */
    setLatency(ms: number): void;
    /** Clear the queue and the rate limit; latency goes back to the value the emulator was started with. */
    reset(): void;
    /** Faults still queued (sum of remaining counts). */
    readonly pending: number;
}

/** The server's side of the injector: which fault (if any) applies to a request. */
export class Faults implements FaultInjector {
    private queue: QueuedFault[] = [];
    private every = 0;
    private counter = 0;
    latencyMs: number;

    constructor(private readonly initialLatencyMs: number) {
        this.latencyMs = initialLatencyMs;
    }

    rateLimitEvery(n: number): void {
        if (!Number.isInteger(n) || n < 0) {
            throw new RangeError(`rateLimitEvery: n must be a non-negative integer, got ${String(n)}`);
        }
        this.every = n;
        this.counter = 0;
    }

    failNext(kind: FaultKind, count = 1, options: { action?: string } = {}): void {
        if (!FAULT_KINDS.includes(kind)) {
            throw new RangeError(`failNext: unknown fault kind ${String(kind)}`);
        }
        if (!Number.isInteger(count) || count < 1) {
            throw new RangeError(`failNext: count must be a positive integer, got ${String(count)}`);
        }
        this.queue.push({ kind, remaining: count, action: options.action });
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
        this.counter = 0;
        this.latencyMs = this.initialLatencyMs;
    }

    get pending(): number {
        return this.queue.reduce((sum, f) => sum + f.remaining, 0);
    }

    /** Called once per API request (after path/method checks). */
    take(action: string | undefined): FaultKind | undefined {
        const index = this.queue.findIndex((f) => f.action === undefined || f.action === action);
        let kind: FaultKind | undefined;
        if (index >= 0) {
            const fault = this.queue[index];
            kind = fault.kind;
            fault.remaining -= 1;
            if (fault.remaining === 0) {
                this.queue.splice(index, 1);
            }
        }
        if (this.every > 0) {
            this.counter += 1;
            if (kind === undefined && this.counter % this.every === 0) {
                kind = 'rateLimit';
            }
        }
        return kind;
    }
}
