import * as assert from 'assert';
import { DeletionPoller, POLL_GIVE_UP_MS, pollDelayMs, type Scheduler, type WatchedImage } from '../../../src/images/polling';

/** A clock that only moves when the test says so. */
class FakeClock implements Scheduler {
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
            await new Promise((resolve) => setImmediate(resolve));
        }
        this.time = end;
    }
}

/** `present` lists IDs still DELETING; `statuses` overrides the status of some. */
function setup(options: { present: () => string[]; visible?: () => boolean; statuses?: () => Record<string, string> }) {
    const clock = new FakeClock();
    const checks: { at: number; ids: readonly string[] }[] = [];
    const gone: string[] = [];
    const stopped: WatchedImage[] = [];
    const gaveUp: (readonly string[])[] = [];
    const poller = new DeletionPoller({
        baseIntervalMs: () => 5000,
        scheduler: clock,
        isVisible: options.visible ?? (() => true),
        check: (ids) => {
            checks.push({ at: clock.time, ids });
            const statuses = options.statuses?.() ?? {};
            return Promise.resolve(options.present().filter((id) => ids.includes(id)).map((id) => ({ id, status: statuses[id] ?? 'DELETING' })));
        },
        onGone: (ids) => gone.push(...ids),
        onStoppedDeleting: (images) => stopped.push(...images),
        onGiveUp: (remaining) => gaveUp.push(remaining),
        onError: () => undefined,
    });
    return { clock, checks, gone, stopped, gaveUp, poller };
}

describe('pollDelayMs', () => {
    it('starts at the interval, grows by half each time and stops growing at a minute', () => {
        assert.deepStrictEqual([0, 1, 2, 3].map((attempt) => pollDelayMs(attempt, 5000)), [5000, 7500, 11250, 16875]);
        assert.strictEqual(pollDelayMs(50, 5000), 60_000);
    });
});

describe('DeletionPoller', () => {
    it('checks after 5 s, then backs off, and stops once the images are gone', async () => {
        let present = ['img-a', 'img-b'];
        const { clock, checks, gone, poller } = setup({ present: () => present });
        poller.add(['img-a', 'img-b']);
        await clock.advance(4999);
        assert.strictEqual(checks.length, 0);
        await clock.advance(1);
        assert.deepStrictEqual(checks.map((check) => check.at), [5000]);
        present = ['img-b'];
        await clock.advance(7500);
        assert.deepStrictEqual(checks.map((check) => check.at), [5000, 12500]);
        assert.deepStrictEqual(gone, ['img-a']);
        assert.deepStrictEqual(checks[1].ids, ['img-a', 'img-b']);
        present = [];
        await clock.advance(11250);
        assert.deepStrictEqual(gone, ['img-a', 'img-b']);
        assert.strictEqual(clock.pending, 0, 'no timer left once everything is gone');
        assert.deepStrictEqual(poller.watching, []);
    });

    it('does not call the API while the view is hidden, and checks as soon as it is shown again', async () => {
        let visible = false;
        const { clock, checks, poller } = setup({ present: () => ['img-a'], visible: () => visible });
        poller.add(['img-a']);
        await clock.advance(60_000);
        assert.strictEqual(checks.length, 0);
        visible = true;
        poller.resume();
        await clock.advance(0);
        assert.strictEqual(checks.length, 1);
    });

    it('gives up after 10 minutes and reports what is still there', async () => {
        const { clock, gaveUp, poller } = setup({ present: () => ['img-a'] });
        poller.add(['img-a']);
        await clock.advance(POLL_GIVE_UP_MS + 60_000);
        assert.deepStrictEqual(gaveUp, [['img-a']]);
        assert.strictEqual(clock.pending, 0);
    });

    it('restarts the schedule at 5 s when another delete adds images', async () => {
        const { clock, checks, poller } = setup({ present: () => ['img-a', 'img-b'] });
        poller.add(['img-a']);
        await clock.advance(5000 + 7500);
        poller.add(['img-b']);
        await clock.advance(5000);
        assert.deepStrictEqual(checks.map((check) => check.at), [5000, 12500, 17500]);
        assert.deepStrictEqual(checks[2].ids, ['img-a', 'img-b']);
    });

    it('keeps polling after a failed check', async () => {
        const clock = new FakeClock();
        let calls = 0;
        const errors: unknown[] = [];
        const poller = new DeletionPoller({
            baseIntervalMs: () => 5000,
            scheduler: clock,
            isVisible: () => true,
            check: () => (++calls === 1 ? Promise.reject(new Error('network')) : Promise.resolve([])),
            onGone: () => undefined,
            onStoppedDeleting: () => undefined,
            onGiveUp: () => undefined,
            onError: (error) => errors.push(error),
        });
        poller.add(['img-a']);
        await clock.advance(5000 + 7500);
        assert.strictEqual(calls, 2);
        assert.strictEqual(errors.length, 1);
        assert.deepStrictEqual(poller.watching, []);
    });

    it('stops checking images that a full refresh already removed', async () => {
        const { clock, checks, poller } = setup({ present: () => ['img-a'] });
        poller.add(['img-a']);
        poller.forget(['img-a']);
        await clock.advance(60_000);
        assert.strictEqual(checks.length, 0);
    });

    it('stops watching an image that is AVAILABLE or FAILED again instead of waiting 10 minutes for it', async () => {
        let statuses: Record<string, string> = {};
        const { clock, checks, gone, stopped, gaveUp, poller } = setup({ present: () => ['img-a', 'img-b', 'img-c'], statuses: () => statuses });
        poller.add(['img-a', 'img-b', 'img-c']);
        await clock.advance(5000);
        assert.deepStrictEqual(stopped, [], 'DELETING images stay watched');
        statuses = { 'img-a': 'AVAILABLE', 'img-b': 'FAILED' };
        await clock.advance(7500);
        assert.deepStrictEqual(stopped, [{ id: 'img-a', status: 'AVAILABLE' }, { id: 'img-b', status: 'FAILED' }]);
        assert.deepStrictEqual(gone, [], 'an image that still exists is not reported gone');
        assert.deepStrictEqual(poller.watching, ['img-c']);
        await clock.advance(POLL_GIVE_UP_MS + 60_000);
        assert.deepStrictEqual(gaveUp, [['img-c']], 'only the image still DELETING is given up on');
        assert.deepStrictEqual(checks[checks.length - 1].ids, ['img-c']);
    });

    it('reports nothing as gone when the poller is stopped while a check runs (signed out)', async () => {
        const clock = new FakeClock();
        const gone: string[] = [];
        const errors: unknown[] = [];
        const poller: DeletionPoller = new DeletionPoller({
            baseIntervalMs: () => 5000,
            scheduler: clock,
            isVisible: () => true,
            check: () => {
                poller.stop();
                return Promise.reject(new Error('signed out'));
            },
            onGone: (ids) => gone.push(...ids),
            onStoppedDeleting: () => undefined,
            onGiveUp: () => undefined,
            onError: (error) => errors.push(error),
        });
        poller.add(['img-a']);
        await clock.advance(60_000);
        assert.deepStrictEqual(gone, []);
        assert.strictEqual(errors.length, 1);
        assert.deepStrictEqual(poller.watching, []);
        assert.strictEqual(clock.pending, 0, 'no further checks');
    });
});
