// UI end-to-end suite: the packaged .vsix in a real VS Code (code-server) driven through headless chromium,
// against an in-process emulator, step by step as a person would. One browser for the whole suite.
// Run by scripts/e2e/run.js (which builds, packages and sets up first); screenshots go to test-results/e2e/.
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD } from '../emulator';
import type { RunningEmulator } from '../emulator';
import { loadCodeServerLib, repoRoot } from './pw';
import type { Browser, CodeServer, Locator, Page, Profile } from './pw';

const ROOT = repoRoot();
const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const VSIX = process.env.ZL_E2E_VSIX ?? path.join(ROOT, 'out', 'zenlayer-images.vsix');
const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');
/** How long a single UI expectation may take (the workbench itself can need ~10 s to load on 2 cores). */
const UI_TIMEOUT = Number(process.env.ZL_E2E_TIMEOUT_MS ?? 30000);
const DELETE_DELAY_MS = 1500;

/** Images of the emulator's default seed used by the steps (see test/emulator/README.md). */
const TREE_DELETE = ['api-gateway-2026-10', 'app-server-base'];
const PALETTE_DELETE = ['backup-agent-v3', 'cache-memcached'];
const REFUSED = 'db-primary-golden';

interface Ctx {
    page: Page;
    emulator: RunningEmulator;
    server: CodeServer;
    shot(name: string): Promise<string>;
}

interface StepResult {
    name: string;
    ok: boolean;
    ms: number;
    error?: string;
    screenshot?: string;
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true; the failure names what was awaited. */
async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeout = UI_TIMEOUT): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
        try {
            if (await check()) {
                return;
            }
        } catch {
            // element not there yet
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
        }
        await sleep(200);
    }
}

/** Adds what was awaited to Playwright's timeout errors, which otherwise only show a selector. */
async function expectVisible(what: string, locator: Locator, timeout = UI_TIMEOUT): Promise<void> {
    try {
        await locator.waitFor({ state: 'visible', timeout });
    } catch (e) {
        throw new Error(`${what} did not appear within ${timeout} ms (${firstLine(e)})`);
    }
}

function firstLine(e: unknown): string {
    return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- workbench helpers -------------------------------------------------------------------------------------

function sidebar(page: Page): Locator {
    return page.locator('.part.sidebar');
}

/** A row of the images tree, found by its visible label (not the aria label, which the view may enrich). */
function treeItem(page: Page, name: string): Locator {
    return sidebar(page).getByRole('treeitem').filter({ has: page.locator('.label-name').getByText(name, { exact: true }) });
}

async function treeLabels(page: Page): Promise<string[]> {
    return (await sidebar(page).getByRole('treeitem').locator('.label-name').allInnerTexts()).map((t) => t.trim());
}

function notification(page: Page, text: RegExp): Locator {
    return page.locator('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message').filter({ hasText: text });
}

async function notificationTexts(page: Page): Promise<string[]> {
    return (await page.locator('.notification-list-item-message').allInnerTexts()).map((t) => t.trim());
}

/** Closes whatever transient UI (quick input, menu) an earlier step may have left open. */
async function dismiss(page: Page): Promise<void> {
    for (let i = 0; i < 2; i++) {
        await page.keyboard.press('Escape');
        await sleep(100);
    }
}

function quickInputBox(page: Page): Locator {
    return page.locator('.quick-input-widget .quick-input-box input');
}

/** F1, type the command's title, pick it (by its label, not whatever row happens to be first). */
async function runCommand(page: Page, title: string): Promise<void> {
    await dismiss(page);
    await page.keyboard.press('F1');
    const input = quickInputBox(page);
    await expectVisible('the command palette', input);
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list').getByRole('option', { name: new RegExp(`^${escapeRegExp(title)}`) }).first();
    await expectVisible(`the command "${title}" in the palette`, row);
    await row.click();
}

/** Opens the "Zenlayer" activity-bar container unless it is already the open one (a second click would close it). */
async function openZenlayerView(page: Page): Promise<void> {
    const tab = page.locator('.part.activitybar').getByRole('tab', { name: /^Zenlayer\b/ }).first();
    await expectVisible('the "Zenlayer" activity bar tab', tab, 90000);
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
        await tab.click();
    }
    await expectVisible('the "Zenlayer Images" view', sidebar(page).getByText('Zenlayer Images', { exact: false }).first());
}

/** Confirms the modal delete dialog with its "Delete" button; returns the dialog text. */
async function confirmModal(page: Page): Promise<string> {
    const dialog = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Delete', exact: true }) }).first();
    await expectVisible('the modal confirmation with a "Delete" button', dialog);
    const text = (await dialog.innerText()).replace(/\s+/g, ' ').trim();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    return text;
}

function log(msg: string): void {
    console.log(`    ${msg}`);
}

// ---- the steps ---------------------------------------------------------------------------------------------

async function signInThroughPalette(ctx: Ctx): Promise<void> {
    const { page } = ctx;
    await openZenlayerView(page);
    const welcomeButton = sidebar(page).getByRole('button', { name: 'Configure Credentials' });
    await expectVisible('the signed-out welcome content with a "Configure Credentials" button', welcomeButton);
    await ctx.shot('1a-signed-out-welcome');

    await runCommand(page, 'Zenlayer: Configure Credentials');
    const input = quickInputBox(page);
    // The palette's own text ('>…') is gone once the command's input box has replaced it.
    await waitUntil('the AccessKey ID input box', async () => (await input.isVisible()) && !(await input.inputValue()).startsWith('>'));
    await ctx.shot('1b-access-key-id-input');
    await input.fill(DEMO_ACCESS_KEY_ID);
    await input.press('Enter');

    const password = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await expectVisible('the AccessKey Password input box (type=password)', password);
    await password.fill(DEMO_ACCESS_KEY_PASSWORD);
    await ctx.shot('1c-access-key-password-input');
    await password.press('Enter');

    for (const name of [...TREE_DELETE, REFUSED]) {
        await expectVisible(`image "${name}" in the tree after signing in`, treeItem(page, name), 60000);
    }
    log(`tree shows ${(await treeLabels(page)).length} rows`);
    await ctx.shot('1d-images-in-tree');
}

async function deleteTwoFromTree(ctx: Ctx): Promise<void> {
    const { page, emulator } = ctx;
    await dismiss(page);
    const [first, second] = TREE_DELETE.map((name) => treeItem(page, name));
    await expectVisible(`image "${TREE_DELETE[0]}" in the tree`, first);
    await first.click();
    await second.click({ modifiers: ['ControlOrMeta'] });
    await waitUntil('both images selected', async () =>
        (await first.getAttribute('aria-selected')) === 'true' && (await second.getAttribute('aria-selected')) === 'true', 5000);
    await ctx.shot('2a-two-selected');

    await second.click({ button: 'right' });
    // By its label text: the item's accessible name also carries its keybinding ("Delete Delete").
    const menuItem = page.getByRole('menuitem').filter({ has: page.locator('.action-label', { hasText: /^\s*Delete\s*$/ }) }).first();
    await expectVisible('the "Delete" entry in the tree item context menu', menuItem);
    await ctx.shot('2b-context-menu');
    await menuItem.click();

    log(`modal: ${await confirmModal(page)}`);
    const toast = notification(page, /^Deleted 2 images/).first();
    await expectVisible('the notification "Deleted 2 images"', toast);
    log(`notification: ${(await toast.innerText()).trim()}`);
    await ctx.shot('2c-deleted-notification');

    for (const name of TREE_DELETE) {
        await treeItem(page, name).waitFor({ state: 'detached', timeout: UI_TIMEOUT + DELETE_DELAY_MS }).catch((e) => {
            throw new Error(`image "${name}" still in the tree after delete (${firstLine(e)})`);
        });
        // The row can go a moment before the emulator finishes the delete: poll, as step 3 does.
        await waitUntil(`the emulator to have removed "${name}"`, () => !emulator.state.findByName(name), 10000).catch((e) => {
            throw new Error(`${firstLine(e)} (status ${emulator.state.findByName(name)?.imageStatus})`);
        });
    }
    await ctx.shot('2d-tree-after-delete');
}

async function bulkDeleteFromPalette(ctx: Ctx): Promise<void> {
    const { page, emulator } = ctx;
    const refusedId = emulator.state.findByName(REFUSED)?.imageId ?? REFUSED;
    await runCommand(page, 'Zenlayer: Delete Images…');
    const input = quickInputBox(page);
    await waitUntil('the image quick pick', async () => (await input.isVisible()) && !(await input.inputValue()).startsWith('>'));
    for (const name of [...PALETTE_DELETE, REFUSED]) {
        await input.fill(name);
        const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name').getByText(name, { exact: true }) }).first();
        await expectVisible(`"${name}" in the quick pick`, row);
        // VS Code 1.100 draws a custom toggle (role=checkbox); older builds had a native checkbox input.
        const checkbox = row.locator('.monaco-checkbox, .quick-input-list-checkbox, input[type="checkbox"]').first();
        await checkbox.click();
        await waitUntil(`"${name}" checked`, async () => (await row.getAttribute('aria-checked')) === 'true'
            || (await checkbox.getAttribute('aria-checked')) === 'true' || (await row.locator('input[type="checkbox"]:checked').count()) > 0, 5000);
    }
    await input.fill('');
    await ctx.shot('3a-quick-pick-three-checked');
    await input.press('Enter');

    log(`modal: ${await confirmModal(page)}`);
    const failedToast = notification(page, new RegExp(`failed[\\s\\S]*(${escapeRegExp(REFUSED)}|${escapeRegExp(refusedId)})|(${escapeRegExp(REFUSED)}|${escapeRegExp(refusedId)})[\\s\\S]*failed`, 'i')).first();
    await expectVisible(`a notification naming "${REFUSED}" as failed`, failedToast, UI_TIMEOUT + DELETE_DELAY_MS);
    log(`notification: ${(await failedToast.innerText()).trim()}`);
    await ctx.shot('3b-partial-failure-notification');

    for (const name of PALETTE_DELETE) {
        await treeItem(page, name).waitFor({ state: 'detached', timeout: UI_TIMEOUT + DELETE_DELAY_MS }).catch((e) => {
            throw new Error(`image "${name}" still in the tree after delete (${firstLine(e)})`);
        });
        await waitUntil(`the emulator to have removed "${name}"`, () => !emulator.state.findByName(name), 10000);
    }
    await expectVisible(`the refused image "${REFUSED}" still in the tree`, treeItem(page, REFUSED));
    if (!emulator.state.findByName(REFUSED)) {
        throw new Error(`the emulator deleted "${REFUSED}", which it should refuse`);
    }
    await ctx.shot('3c-tree-after-bulk-delete');
}

const STEPS: { name: string; run: (ctx: Ctx) => Promise<void>; needsPrevious?: boolean }[] = [
    { name: 'signed out: welcome, configure credentials from the palette, images appear', run: signInThroughPalette },
    { name: 'tree: select two, context menu Delete, confirm, both leave the tree', run: deleteTwoFromTree, needsPrevious: true },
    { name: 'palette: Delete Images… with one refused image, partial failure named', run: bulkDeleteFromPalette, needsPrevious: true },
];

// ---- the run -----------------------------------------------------------------------------------------------

async function main(): Promise<number> {
    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    if (!fs.existsSync(VSIX)) {
        console.error(`e2e: ${VSIX} not found (npm run package)`);
        console.log('0 passed, 1 failed');
        return 1;
    }
    const cs = loadCodeServerLib();
    const results: StepResult[] = [];
    let emulator: RunningEmulator | undefined;
    let profile: Profile | undefined;
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    let cleaning: Promise<void> | undefined;
    // Memoized: a signal during the normal teardown waits for it instead of exiting half-way.
    const cleanup = (): Promise<void> => (cleaning ??= (async () => {
        // A wedged browser must not hang the teardown: give close() 5 s, then move on (server.stop() kills the rest).
        if (browser) {
            await Promise.race([browser.close().catch(() => undefined), sleep(5000)]);
        }
        await server?.stop();
        await emulator?.close().catch(() => undefined);
        profile?.dispose();
    })());
    let signalled = false;
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
        // `on`, not `once`: a repeated Ctrl+C must not kill the process half-way through the cleanup.
        process.on(sig, () => {
            if (!signalled) {
                signalled = true;
                void cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
            }
        });
    }
    process.once('exit', () => void server?.stop());

    try {
        emulator = await startEmulator({ port: 0, deleteDelayMs: DELETE_DELAY_MS });
        console.log(`e2e: emulator on ${emulator.url}`);
        profile = cs.createProfile({
            settings: {
                'zenlayer.endpoint': emulator.url,
                'zenlayer.images.groupBy': 'none',
                'zenlayer.delete.confirmation': 'modal',
                'zenlayer.delete.pollIntervalSeconds': 1,
            },
        });
        cs.installExtension(profile, VSIX);
        server = await cs.startCodeServer({ profile, verbose: process.env.ZL_VSCODE_VERBOSE === '1' });
        browser = await cs.launchChromium(profile);
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        page.setDefaultTimeout(UI_TIMEOUT);
        page.on('crash', () => console.error('e2e: the workbench page crashed'));
        const authority = await cs.remoteAuthority(server.url);
        await page.goto(cs.workbenchUrl(server.url, WORKSPACE, authority));

        const running = server;
        const ctx: Ctx = {
            page, emulator, server: running,
            shot: async (name) => {
                const file = path.join(RESULTS, `${name}.png`);
                await sleep(250); // let fade-in animations (menus, toasts) finish so the picture is readable
                await page.screenshot({ path: file });
                return file;
            },
        };
        for (const [i, step] of STEPS.entries()) {
            const title = `${i + 1}. ${step.name}`;
            console.log(`\n  ${title}`);
            const t0 = Date.now();
            if (step.needsPrevious && results.length > 0 && !results[results.length - 1].ok) {
                results.push({ name: title, ok: false, ms: 0, error: 'not run: needs the previous step' });
                console.log('    ✖ not run: needs the previous step');
                continue;
            }
            try {
                await step.run(ctx);
                results.push({ name: title, ok: true, ms: Date.now() - t0 });
                console.log(`    ✔ passed (${Date.now() - t0} ms)`);
            } catch (e) {
                const screenshot = await ctx.shot(`${i + 1}-FAILED`).catch(() => undefined);
                const error = firstLine(e);
                results.push({ name: title, ok: false, ms: Date.now() - t0, error, screenshot });
                console.log(`    ✖ FAILED: ${error}`);
                console.log(`      screenshot: ${screenshot ?? '(none)'}`);
                console.log(`      tree rows: ${JSON.stringify(await treeLabels(page).catch(() => []))}`);
                console.log(`      notifications: ${JSON.stringify(await notificationTexts(page).catch(() => []))}`);
            }
        }
    } catch (e) {
        console.error(`e2e: setup failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        if (server) {
            console.error(server.output().split('\n').slice(-20).join('\n'));
        }
        results.push({ name: 'setup', ok: false, ms: 0, error: firstLine(e) });
    } finally {
        await cleanup();
    }
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    console.log(`\n  screenshots: ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
    console.log(`${passed} passed, ${failed} failed`);
    return failed === 0 && passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
});
