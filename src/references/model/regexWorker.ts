/**
 * Runs name regexes from the workspace off the extension host's thread, each under a deadline. A regex is untrusted
 * input: JavaScript's engine backtracks, so `(a+)+$` against a long name can run for minutes. Go's engine (what the
 * provider uses) cannot, so such a pattern selects images in Terraform; here it is stopped, reported as `timeout`,
 * and the worker thread that ran it is terminated (the only way to stop a running match).
 */
import { Worker } from 'node:worker_threads';

export interface CompiledPattern {
    readonly source: string;
    readonly flags: string;
}

/** The indices of the names a pattern matches, or `timeout` when it did not finish in time. */
export type PatternVerdict =
    { readonly kind: 'matched'; readonly indices: readonly number[] } | { readonly kind: 'timeout' } | { readonly kind: 'failed'; readonly message: string };

/** Applies patterns to image names; the index depends on this, the bench and the tests pass their own if they like. */
export interface NameRegexEvaluator {
    evaluate(patterns: readonly CompiledPattern[], names: readonly string[]): Promise<PatternVerdict[]>;
}

/** How long one pattern may take against every name of the listing (a sane one takes a few milliseconds for 10,000). */
export const DEFAULT_PATTERN_DEADLINE_MS = 500;

// Plain JavaScript run with `eval: true`, so the bundled extension needs no second file.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let names = [];
parentPort.on('message', (message) => {
    if (message.names) {
        names = message.names;
        return;
    }
    const pattern = new RegExp(message.source, message.flags);
    const indices = [];
    for (let index = 0; index < names.length; index++) {
        if (pattern.test(names[index])) {
            indices.push(index);
        }
    }
    parentPort.postMessage(indices);
});
`;

class PatternWorker {
    private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
    private readonly online: Promise<void>;
    private pending: ((verdict: PatternVerdict) => void) | undefined;

    constructor(names: readonly string[]) {
        this.online = new Promise((resolve) => this.worker.once('online', () => resolve()));
        this.worker.on('message', (indices: number[]) => this.settle({ kind: 'matched', indices }));
        this.worker.on('error', (error: Error) => this.settle({ kind: 'failed', message: error.message }));
        this.worker.on('exit', () => this.settle({ kind: 'failed', message: 'the regex worker stopped' }));
        this.worker.postMessage({ names });
    }

    async run(pattern: CompiledPattern, deadlineMs: number): Promise<PatternVerdict> {
        // The clock starts once the thread runs: a busy machine's slow start is not the pattern's fault.
        await this.online;
        return new Promise((resolve) => {
            const timer = setTimeout(() => this.settle({ kind: 'timeout' }), deadlineMs);
            this.pending = (verdict) => {
                clearTimeout(timer);
                resolve(verdict);
            };
            this.worker.postMessage(pattern);
        });
    }

    private settle(verdict: PatternVerdict): void {
        const pending = this.pending;
        this.pending = undefined;
        pending?.(verdict);
    }

    terminate(): Promise<number> {
        return this.worker.terminate();
    }
}

export class WorkerRegexEvaluator implements NameRegexEvaluator {
    constructor(private readonly deadlineMs = DEFAULT_PATTERN_DEADLINE_MS) {}

    async evaluate(patterns: readonly CompiledPattern[], names: readonly string[]): Promise<PatternVerdict[]> {
        if (patterns.length === 0) {
            return [];
        }
        if (names.length === 0) {
            return patterns.map(() => ({ kind: 'matched', indices: [] }));
        }
        const verdicts: PatternVerdict[] = [];
        let worker: PatternWorker | undefined;
        try {
            for (const pattern of patterns) {
                worker ??= new PatternWorker(names);
                const verdict = await worker.run(pattern, this.deadlineMs);
                verdicts.push(verdict);
                if (verdict.kind !== 'matched') {
                    // A worker stuck in a match (or dead) is not reused: the next pattern gets a fresh one.
                    await worker.terminate();
                    worker = undefined;
                }
            }
        } finally {
            await worker?.terminate();
        }
        return verdicts;
    }
}
