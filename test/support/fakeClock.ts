import type { Scheduler } from '../../src/images/model/polling';

/** A clock that only moves when the test says so. */
export class FakeClock implements Scheduler {
    time = 0;
    private timers: { at: number; callback: () => void; handle: number }[] = [];
    private nextHandle = 1;

    setTimeout(callback: () => void, ms: number): unknown {
        const handle = this.nextHandle++;
        this.timers.push({ at: this.time + ms, callback, handle });
        return handle;
    }
    clearTimeout(handle: unknown): void {
        this.timers = this.timers.filter((timer) => timer.handle !== handle);
    }
    now(): number {
        return this.time;
    }
    get pending(): number {
        return this.timers.length;
    }
    /** Advances time, firing due timers in order and letting their promises settle. */
    async advance(ms: number): Promise<void> {
        const end = this.time + ms;
        for (;;) {
            const due = this.timers.filter((timer) => timer.at <= end).sort((x, y) => x.at - y.at)[0];
            if (!due) {
                break;
            }
            this.timers = this.timers.filter((timer) => timer !== due);
            this.time = due.at;
            due.callback();
            await settle();
        }
        this.time = end;
        await settle();
    }
}

/** Lets pending promise chains run (a few turns of the event loop). */
export async function settle(): Promise<void> {
    for (let turn = 0; turn < 5; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
    }
}
