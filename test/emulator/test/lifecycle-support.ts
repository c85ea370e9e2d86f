/** Set-up shared by the image lifecycle suites (not a suite itself): a task clock a test steps, and refusal checks. */
import * as assert from 'node:assert/strict';
import type { CallOptions, EmulatorOptions } from '../index';
import { emulatorPerTest, type EmulatorFixture, type Json } from './support';

/** A clock that stands still until the test moves it. */
export interface SteppedClock {
    readonly now: () => number;
    advance(ms: number): void;
}

export interface LifecycleFixture extends EmulatorFixture {
    readonly clock: SteppedClock;
    /** The call must be refused with this status and code (and a message matching `message`); returns the message. */
    readonly refused: (options: CallOptions, status: number, code: string, message?: RegExp) => Promise<string>;
    /** One custom image of the first account, as DescribeCustomImages sends it. */
    readonly describe: (imageId: string) => Promise<Json | undefined>;
    /** DescribeImageCopyProgress's dataSet. */
    readonly progress: (imageId: string) => Promise<Json[]>;
}

/** A fresh emulator per test whose copies and creations run on a clock the test steps (starting at 1,000,000 ms). */
export function lifecyclePerTest(options: EmulatorOptions = {}): LifecycleFixture {
    let time = 1_000_000;
    const clock: SteppedClock = {
        now: () => time,
        advance: (ms) => {
            time += ms;
        },
    };
    beforeEach(() => {
        time = 1_000_000;
    });
    const fx = emulatorPerTest({ taskClock: clock.now, ...options });
    return {
        get emu() {
            return fx.emu;
        },
        get agent() {
            return fx.agent;
        },
        call: fx.call,
        ok: fx.ok,
        imageId: fx.imageId,
        clock,
        refused: async (callOptions, status, code, message) => {
            const result = await fx.call(callOptions);
            const body = result.json as Json;
            assert.equal(result.status, status, result.text);
            assert.equal(body.code, code, result.text);
            assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'requestId']);
            if (message) {
                assert.match(body.message as string, message);
            }
            return body.message as string;
        },
        describe: async (imageId) => {
            const response = await fx.ok({ action: 'DescribeCustomImages', body: { imageIds: [imageId] } });
            return (response.dataSet as Json[])[0];
        },
        progress: async (imageId) => {
            const response = await fx.ok({ action: 'DescribeImageCopyProgress', body: { imageId } });
            assert.deepEqual(Object.keys(response).sort(), ['dataSet', 'requestId']);
            return response.dataSet as Json[];
        },
    };
}
