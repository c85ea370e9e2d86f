/** Set-up shared by the emulator's self-tests (not a suite itself: no `.test` in the name). */
import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { callEmulator, startEmulator } from '../index';
import type { CallOptions, CallResult, EmulatorOptions, RunningEmulator } from '../index';

export type Json = Record<string, unknown>;

export interface EmulatorFixture {
    /** The running test's emulator: a fresh one for every test. */
    readonly emu: RunningEmulator;
    /** One keep-alive agent for the whole suite. */
    readonly agent: Agent;
    /** Sign and send with the suite's agent (default: the demo key). */
    readonly call: (options: CallOptions) => Promise<CallResult>;
    /** Like call(), expecting 200: the `response` object. */
    readonly ok: (options: CallOptions) => Promise<Json>;
    /** The ID of the first account's image with this name; fails the test when there is none. */
    readonly imageId: (name: string) => string;
}

/** Registers mocha hooks: an agent for the suite, an emulator started with `options` before each test, closed after. */
export function emulatorPerTest(options: EmulatorOptions = {}): EmulatorFixture {
    let emu: RunningEmulator | undefined;
    let agent: Agent | undefined;
    before(() => {
        agent = new Agent();
    });
    after(async () => {
        await agent?.close();
    });
    beforeEach(async () => {
        emu = await startEmulator(options);
    });
    afterEach(async () => {
        await emu?.close();
    });
    const fixture: EmulatorFixture = {
        get emu(): RunningEmulator {
            assert.ok(emu, 'the emulator runs only inside a test');
            return emu;
        },
        get agent(): Agent {
            assert.ok(agent, 'the agent exists only inside the suite');
            return agent;
        },
        call: (callOptions) => callEmulator(fixture.emu.url, { dispatcher: fixture.agent, ...callOptions }),
        ok: async (callOptions) => {
            const result = await fixture.call(callOptions);
            assert.equal(result.status, 200, result.text);
            return (result.json as { response: Json }).response;
        },
        imageId: (name) => {
            const image = fixture.emu.state.findByName(name);
            assert.ok(image, `seed image ${name}`);
            return image.imageId;
        },
    };
    return fixture;
}
