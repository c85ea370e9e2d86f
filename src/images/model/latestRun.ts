/**
 * One listing at a time: starting a new run aborts the one still going (its remaining requests are not sent, and its
 * answer changes nothing because it is no longer current); whenIdle() waits for whatever runs, including runs started
 * meanwhile.
 */
export class LatestRun {
    private generation = 0;
    private controller: AbortController | undefined;
    private inFlight: Promise<unknown> | undefined;

    /** Starts a run; `task` gets the run's generation (see isCurrent) and the signal that aborts it. */
    start<R>(task: (generation: number, signal: AbortSignal) => Promise<R>): Promise<R> {
        const generation = ++this.generation;
        this.controller?.abort();
        const controller = new AbortController();
        this.controller = controller;
        const settled = task(generation, controller.signal).finally(() => {
            if (generation === this.generation) {
                this.inFlight = undefined;
                this.controller = undefined;
            }
        });
        this.inFlight = settled;
        return settled;
    }

    /** False once a newer run has started: an older run's answer must change nothing. */
    isCurrent(generation: number): boolean {
        return generation === this.generation;
    }

    async whenIdle(): Promise<void> {
        while (this.inFlight) {
            await this.inFlight;
        }
    }

    abort(): void {
        this.controller?.abort();
    }
}
