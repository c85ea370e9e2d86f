// Shared by the extension's integration suites: a scripted stand-in for every dialog, and helpers to reach the
// running extension's test API and the emulator. Not a suite itself (no `.test` in the name).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { type ImageNode, isFailureMessage, type TreeNode } from '../../src/images/model/tree';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, type EmulatorOptions, type LoggedRequest, type RunningEmulator, startEmulator } from '../emulator';

import { ScriptedUi } from '../support/scriptedUi';

export { ScriptedUi, type UiCall } from '../support/scriptedUi';

export async function testApi(): Promise<ZenlayerImagesTestApi> {
    const extension = vscode.extensions.getExtension<ZenlayerImagesTestApi | undefined>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the test host`);
    const api = await extension.activate();
    assert.ok(api, 'activate() returned no test API; is ZENLAYER_IMAGES_TEST_MODE=1 set?');
    return api;
}

/** Polls until `condition` holds (the extension reacts to secrets and settings asynchronously). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            assert.fail(`timed out waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

export function imageNodes(api: ZenlayerImagesTestApi): ImageNode[] {
    return api
        .children()
        .flatMap((node): ImageNode[] =>
            node.kind === 'image' ? [node] : node.kind === 'group' ? api.children(node).filter((child): child is ImageNode => child.kind === 'image') : [],
        );
}

export function findImage(api: ZenlayerImagesTestApi, name: string): ImageNode {
    const node = imageNodes(api).find((candidate) => candidate.image.name === name);
    assert.ok(
        node,
        `image ${name} is not in the tree; it shows ${imageNodes(api)
            .map((n) => n.image.name)
            .join(', ')}`,
    );
    return node;
}

/**
 * Whether the row stands for a failed load. "Loading…" is a message row too: a test that waited for any message row
 * could read that one while the failure was still on its way.
 */
export function isFailureRow(node: TreeNode | undefined): boolean {
    return node?.kind === 'message' && isFailureMessage(node.message);
}

export function rootLabels(api: ZenlayerImagesTestApi): string[] {
    return api.children().map((node: TreeNode) => {
        const label = api.treeItem(node).label;
        return typeof label === 'string' ? label : (label?.label ?? '');
    });
}

export async function setSetting(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('zenlayer').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Points the extension at the emulator and signs in with the demo key through the real command. */
export async function signInToEmulator(api: ZenlayerImagesTestApi, emulator: RunningEmulator, options: { keepEndpoint?: boolean } = {}): Promise<void> {
    if (!options.keepEndpoint) {
        await setSetting('endpoint', emulator.url);
    }
    await setSetting('delete.pollIntervalSeconds', 1);
    const ui = new ScriptedUi().typeNext(DEMO_ACCESS_KEY_ID).typeNext(DEMO_ACCESS_KEY_PASSWORD);
    api.setUi(ui);
    await vscode.commands.executeCommand('zenlayer.configureCredentials');
    // A person signs in looking at the view; a hidden view lists nothing (quiet at rest).
    await vscode.commands.executeCommand('zenlayer.images.focus');
    await waitFor(() => api.signedIn() && imageNodes(api).length > 0, 'the tree to list the emulator images');
    await api.whenIdle();
}

/**
 * The workbench's user settings file. The code-server runner keeps the whole profile in one folder: its XDG dirs and
 * `user-data/User/settings.json` (scripts/vscode/code-server.js), and the extension host inherits the XDG variables.
 */
export function userSettingsFile(): string {
    const xdgConfig = process.env.XDG_CONFIG_HOME;
    assert.ok(xdgConfig, 'XDG_CONFIG_HOME is not set: not the code-server runner?');
    const file = path.join(xdgConfig, '..', '..', 'user-data', 'User', 'settings.json');
    assert.ok(fs.existsSync(file), `no user settings file at ${file}`);
    return file;
}

/** The poll interval the fixture signs in with (signInToEmulator: 1 s), as the extension reads it. */
export function pollIntervalMs(): number {
    const seconds = vscode.workspace.getConfiguration('zenlayer').get<number>('delete.pollIntervalSeconds');
    assert.ok(typeof seconds === 'number' && seconds > 0, `zenlayer.delete.pollIntervalSeconds is ${seconds}`);
    return seconds * 1000;
}

/** The deletion poller's checks of an image: DescribeCustomImages asking for its ID. */
export function isPollOf(entry: LoggedRequest, imageId: string): boolean {
    return entry.action === 'DescribeCustomImages' && JSON.stringify(entry.body).includes(imageId);
}

/**
 * Watches the emulator's request log until `until` (a Date.now() time) and fails as soon as a request `unwanted`
 * picks arrives. The caller derives `until` from the settings: the time by which the request would have come.
 */
export async function expectNoRequestUntil(emulator: RunningEmulator, unwanted: (entry: LoggedRequest) => boolean, until: number, what: string): Promise<void> {
    for (;;) {
        const arrived = emulator.requestLog.find(unwanted);
        assert.ok(!arrived, `${what}: ${JSON.stringify(arrived)}`);
        if (Date.now() >= until) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, until - Date.now())));
    }
}

/** DeleteImages requests the emulator received, as the ID lists sent. */
export function deleteRequests(emulator: RunningEmulator): string[][] {
    return emulator.requestLog.filter((entry) => entry.action === 'DeleteImages').map((entry) => (entry.body as { imageIds: string[] }).imageIds);
}

/**
 * Selects a node in the view through the test API. Right after a refresh the view may not have fetched the new
 * children yet and reveal() fails with "Data tree node not found", so this retries for a while.
 */
export async function selectInView(api: ZenlayerImagesTestApi, node: TreeNode, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            await api.select(node);
            return;
        } catch (error) {
            if (Date.now() > deadline) {
                throw error;
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }
}

/** What a suite's tests work with; `ui` is a fresh scripted person for every test. */
export interface SignedInExtension {
    readonly emulator: RunningEmulator;
    readonly api: ZenlayerImagesTestApi;
    readonly ui: ScriptedUi;
}

/** Settings a test may change; every test starts from their defaults. */
const RESET_SETTINGS = ['delete.confirmation', 'images.groupBy'] as const;

export interface SignedInOptions {
    /**
     * Whether the workspace's references count (default true: the fixture workspace's infra/ references demo images).
     * False for suites whose tests pick referenced images to test something else (usage, refusals): the workspace
     * search is turned off for them (zenlayer.references.enabled), so their confirmations stay about that.
     */
    readonly workspaceReferences?: boolean;
}

/**
 * The one fixture of the extension suites: a fresh emulator for the suite, the extension signed in to it through the
 * real command, and one reset policy before every test — emulator faults and request log, the extension's log, dialogs,
 * settings, filter and grouping, signed in to this emulator, the view visible (polling runs only then), a fresh listing.
 */
export function useSignedInExtension(emulatorOptions: EmulatorOptions = {}, options: SignedInOptions = {}): { readonly current: SignedInExtension } {
    const referencesSetting = options.workspaceReferences === false ? false : undefined;
    let emulator: RunningEmulator | undefined;
    let api: ZenlayerImagesTestApi | undefined;
    let current: SignedInExtension | undefined;

    before(async () => {
        await setSetting('references.enabled', referencesSetting);
        emulator = await startEmulator(emulatorOptions);
        api = await testApi();
        await signInToEmulator(api, emulator);
    });

    beforeEach(async () => {
        assert.ok(emulator && api, 'the suite set-up did not finish');
        // A delete of the previous test still followed (polling runs while the view shows) would report into this one.
        api.setUi(new ScriptedUi());
        await vscode.commands.executeCommand('zenlayer.images.focus');
        const settling = api;
        await waitFor(() => settling.pollingIds().length === 0, "the previous test's deletes to settle", 30_000);
        emulator.faults.reset();
        emulator.clearRequestLog();
        api.clearLog();
        const ui = new ScriptedUi();
        api.setUi(ui);
        for (const key of RESET_SETTINGS) {
            await setSetting(key, undefined);
        }
        await setSetting('references.enabled', referencesSetting);
        await setSetting('endpoint', emulator.url);
        if (!api.signedIn()) {
            await signInToEmulator(api, emulator);
            api.setUi(ui);
        }
        await vscode.commands.executeCommand('zenlayer.clearFilter');
        await vscode.commands.executeCommand('zenlayer.images.focus');
        await vscode.commands.executeCommand('zenlayer.refresh');
        await api.whenIdle();
        emulator.clearRequestLog();
        current = { emulator, api, ui };
    });

    afterEach(function () {
        // What the extension logged during a failed test, beside the failure: CI keeps only the output.
        if (this.currentTest?.state === 'failed' && api) {
            const lines = api.logLines().slice(-25);
            console.log([`      the extension's log during this test (last ${lines.length} lines):`, ...lines.map((line) => `        ${line}`)].join('\n'));
        }
    });

    after(async () => {
        api?.setUi(undefined);
        for (const key of [...RESET_SETTINGS, 'references.enabled']) {
            await setSetting(key, undefined);
        }
        await vscode.commands.executeCommand('zenlayer.clearFilter');
        await emulator?.close();
    });

    return {
        get current(): SignedInExtension {
            assert.ok(current, 'the fixture is read before its beforeEach ran');
            return current;
        },
    };
}
