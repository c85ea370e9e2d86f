// UI end-to-end suite: the packaged .vsix in a real VS Code (code-server) driven through headless chromium,
// against an in-process emulator, step by step as a person would. One browser for the whole suite.
// Run by scripts/e2e/run.js (which builds, packages and sets up first) once per workbench language
// (ZL_E2E_LOCALE: en, zh-cn); the steps find things by the texts of that language (./texts.ts).
// Screenshots go to test-results/<suite>/; the result to test-results/<suite>.json (scripts/results.js).
// ZL_E2E_README=1: a passing run also writes its README pictures to media/readme/.
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { startEmulator, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, DEMO_ACCOUNTS } from '../emulator';
import type { RunningEmulator } from '../emulator';
import { loadCodeServerLib, repoRoot } from './pw';
import type { Browser, CodeServer, Locator, Page, Profile } from './pw';
import { loadTexts } from './texts';
import type { Texts } from './texts';

const ROOT = repoRoot();
const LOCALE = process.env.ZL_E2E_LOCALE ?? 'en';
const SUITE = process.env.ZL_E2E_SUITE ?? (LOCALE === 'en' ? 'e2e' : `e2e-${LOCALE}`);
const RESULTS = path.join(ROOT, 'test-results', SUITE);
const README_PICTURES = path.join(ROOT, 'media', 'readme');
const VSIX = process.env.ZL_E2E_VSIX ?? path.join(ROOT, 'out', 'zenlayer-images.vsix');
/** How long a single UI expectation may take (the workbench itself can need ~10 s to load on 2 cores). */
const UI_TIMEOUT = Number(process.env.ZL_E2E_TIMEOUT_MS ?? 30000);
const DELETE_DELAY_MS = 1500;
const TEXTS = loadTexts(ROOT, LOCALE);

/** Images of the emulator's default seed used by the steps (see test/emulator/README.md). */
const TREE_DELETE = ['api-gateway-2026-10', 'app-server-base'];
const PALETTE_DELETE = ['backup-agent-v3', 'cache-memcached'];
const REFUSED = 'db-primary-golden';

/** The part of scripts/results.js the suite uses. */
interface ResultsLib {
    resultFile(suite: string): string;
    finishSuite(
        file: string,
        result: {
            suite: string;
            passed: number;
            failed: number;
            skipped: number;
            durationMs: number;
            failures: { title: string; error: string }[];
            skippedTests: { title: string; reason: string }[];
            error?: string;
        },
    ): void;
}

/** Where a screenshot also goes when the README pictures are refreshed (media/readme/<name>.png). */
interface ShotOptions {
    readme?: string;
}

interface Ctx {
    page: Page;
    /** The folder the workbench has open. */
    workspace: string;
    emulator: RunningEmulator;
    server: CodeServer;
    texts: Texts;
    shot(name: string, options?: ShotOptions): Promise<string>;
}

interface StepResult {
    name: string;
    ok: boolean;
    ms: number;
    error?: string;
    screenshot?: string;
    /** Why the step did not run in this run (it counts as skipped, neither passed nor failed). */
    skipped?: string;
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
    return sidebar(page)
        .getByRole('treeitem')
        .filter({ has: page.locator('.label-name').getByText(name, { exact: true }) });
}

/**
 * Copies the extension's own log (its "Zenlayer" output channel, under the profile's logs) next to the failed step's
 * screenshot, so a failure in CI can be read without the profile, which the run removes. Returns the copy's path.
 */
function saveExtensionLog(profile: Profile | undefined, name: string): string | undefined {
    const found: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.name === 'Zenlayer.log' || entry.name.endsWith('-Zenlayer.log')) {
                found.push(full);
            }
        }
    };
    if (!profile) {
        return undefined;
    }
    walk(profile.dir);
    if (found.length === 0) {
        return undefined;
    }
    const target = path.join(RESULTS, `${name}.log`);
    fs.writeFileSync(target, found.map((file) => `==== ${path.relative(profile.dir, file)}\n${fs.readFileSync(file, 'utf8')}`).join('\n'));
    return target;
}

async function treeLabels(page: Page): Promise<string[]> {
    return (await sidebar(page).getByRole('treeitem').locator('.label-name').allInnerTexts()).map((t) => t.trim());
}

function notification(page: Page, text: RegExp): Locator {
    return page
        .locator('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message')
        .filter({ hasText: text });
}

/** The whole toast (message, source, buttons) whose message matches. */
function notificationToast(page: Page, text: RegExp): Locator {
    return page
        .locator('.notifications-toasts .notification-list-item')
        .filter({ has: page.locator('.notification-list-item-message').filter({ hasText: text }) });
}

async function notificationTexts(page: Page): Promise<string[]> {
    return (await page.locator('.notification-list-item-message').allInnerTexts()).map((t) => t.trim());
}

/** Closes whatever transient UI (quick input, menu, hover) an earlier step may have left open. */
async function dismiss(page: Page): Promise<void> {
    for (let i = 0; i < 2; i++) {
        await page.keyboard.press('Escape');
        await sleep(100);
    }
}

function quickInputBox(page: Page): Locator {
    return page.locator('.quick-input-widget .quick-input-box input');
}

/** The palette entry of a contributed command, as the palette shows it: "<category>: <title>". */
function commandTitle(texts: Texts, titleKey: string): string {
    return `${texts.nls('category')}: ${texts.nls(titleKey)}`;
}

/** F1, type the command's title, pick it (by its label, not whatever row happens to be first). */
async function runCommand(page: Page, title: string): Promise<void> {
    await dismiss(page);
    await page.keyboard.press('F1');
    const input = quickInputBox(page);
    await expectVisible('the command palette', input);
    await input.fill(`>${title}`);
    const row = page
        .locator('.quick-input-list')
        .getByRole('option', { name: new RegExp(`^${escapeRegExp(title)}`) })
        .first();
    await expectVisible(`the command "${title}" in the palette`, row);
    await row.click();
}

/** Opens the extension's activity-bar container unless it is already the open one (a second click would close it). */
async function openZenlayerView(page: Page, texts: Texts): Promise<void> {
    const container = texts.nls('container.title');
    const tab = page
        .locator('.part.activitybar')
        .getByRole('tab', { name: new RegExp(`^${escapeRegExp(container)}\\b`) })
        .first();
    await expectVisible(`the "${container}" activity bar tab`, tab, 90000);
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
        await tab.click();
    }
    const view = texts.nls('view.images');
    await expectVisible(`the "${view}" view`, sidebar(page).getByText(view, { exact: false }).first());
}

/** The quick input's title, prompt and placeholder are the given texts (the input box of a credential step, say). */
async function expectQuickInput(page: Page, what: string, expected: { title: string; prompt?: string; placeholder: string }): Promise<void> {
    const widget = page.locator('.quick-input-widget');
    await expectVisible(`${what}: the title "${expected.title}"`, widget.locator('.quick-input-title').getByText(expected.title, { exact: true }));
    if (expected.prompt !== undefined) {
        await expectVisible(`${what}: the prompt "${expected.prompt}"`, widget.locator('.quick-input-message').getByText(expected.prompt, { exact: false }));
    }
    const placeholder = await quickInputBox(page).getAttribute('placeholder');
    if (placeholder !== expected.placeholder) {
        throw new Error(`${what}: placeholder ${JSON.stringify(placeholder)}, expected ${JSON.stringify(expected.placeholder)}`);
    }
}

/**
 * Checks the modal delete confirmation (its question and warning in the run's language), takes its picture and
 * confirms it with its Delete button; returns the dialog text.
 */
async function confirmModal(ctx: Ctx, question: RegExp, shotName: string, button?: string): Promise<string> {
    const { page, texts } = ctx;
    const deleteLabel = button ?? texts.t('Delete');
    const dialog = page
        .getByRole('dialog')
        .filter({ has: page.getByRole('button', { name: deleteLabel, exact: true }) })
        .first();
    await expectVisible(`the modal confirmation with a "${deleteLabel}" button`, dialog);
    const text = (await dialog.innerText()).replace(/\s+/g, ' ').trim();
    for (const [what, expected] of [
        ['question', question],
        ['warning', new RegExp(escapeRegExp(texts.t('Deleted images cannot be recovered.')))],
    ] as const) {
        if (!expected.test(text)) {
            throw new Error(`the confirmation's ${what} does not match ${String(expected)}: ${JSON.stringify(text)}`);
        }
    }
    await ctx.shot(shotName);
    await dialog.getByRole('button', { name: deleteLabel, exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    return text;
}

function log(msg: string): void {
    console.log(`    ${msg}`);
}

// ---- the steps ---------------------------------------------------------------------------------------------

async function signInThroughPalette(ctx: Ctx): Promise<void> {
    const { page, texts } = ctx;
    await openZenlayerView(page, texts);
    const configure = texts.commandLink('welcome.signedOut', 'zenlayer.configureCredentials');
    const welcomeButton = sidebar(page).getByRole('button', { name: configure });
    await expectVisible(`the signed-out welcome content with a "${configure}" button`, welcomeButton);
    await ctx.shot('02a-signed-out-welcome');

    await runCommand(page, commandTitle(texts, 'command.configureCredentials'));
    const input = quickInputBox(page);
    // The palette's own text ('>…') is gone once the command's input box has replaced it.
    await waitUntil('the AccessKey ID input box', async () => (await input.isVisible()) && !(await input.inputValue()).startsWith('>'));
    await expectQuickInput(page, 'the AccessKey ID input box', {
        title: texts.t('Zenlayer AccessKey ID (1/2)'),
        prompt: texts.t('From the Zenlayer console: Account → Access Keys.'),
        placeholder: texts.t('AccessKey ID'),
    });
    await ctx.shot('02b-access-key-id-input');
    await input.fill(DEMO_ACCESS_KEY_ID);
    await input.press('Enter');

    const password = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await expectVisible('the AccessKey Password input box (type=password)', password);
    await expectQuickInput(page, 'the AccessKey Password input box', {
        title: texts.t('Zenlayer AccessKey Password (2/2)'),
        prompt: texts.t("Stored only in VS Code's secret storage."),
        placeholder: texts.t('AccessKey Password'),
    });
    await password.fill(DEMO_ACCESS_KEY_PASSWORD);
    await ctx.shot('02c-access-key-password-input');
    await password.press('Enter');

    const saved = texts.t('Added the Zenlayer account "{0}" ({1}); the view shows it now.', 'default', texts.t('AccessKey ID {0}', '••••••••EY01'));
    await expectVisible(`the notification "${saved}"`, notification(page, new RegExp(`^${escapeRegExp(saved)}$`)).first(), 60000);
    for (const name of [...TREE_DELETE, REFUSED]) {
        await expectVisible(`image "${name}" in the tree after signing in`, treeItem(page, name), 60000);
    }
    log(`tree shows ${(await treeLabels(page)).length} rows`);
    await ctx.shot('02d-images-in-tree');
    await expectTooltip(ctx);
}

/**
 * Hovers a tree row's description (its right part, so the tooltip, which opens at the pointer, leaves the row names
 * readable) and returns the text of the tooltip that names `imageId`. A refresh that redraws the row drops the
 * hover, so it is tried again a few times.
 */
async function hoverRow(page: Page, name: string, imageId: string): Promise<string> {
    // The tooltip is built when hovered (resolveTreeItem): its field labels are the run's language, its values the image's.
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: imageId }).first();
    const attempts = 3;
    for (let attempt = 1; ; attempt++) {
        await page.mouse.move(700, 300);
        await treeItem(page, name).locator('.label-description').hover();
        try {
            await hover.waitFor({ state: 'visible', timeout: UI_TIMEOUT / attempts });
            return await hover.innerText();
        } catch (e) {
            if (attempt === attempts) {
                throw new Error(`the tooltip of "${name}" with its image ID did not appear (${attempts} hovers; ${firstLine(e)})`);
            }
        }
    }
}

/** Hovering a row shows its tooltip: every field, labelled in the run's language. */
async function expectTooltip(ctx: Ctx): Promise<void> {
    const { page, emulator, texts } = ctx;
    await dismiss(page);
    const name = TREE_DELETE[0];
    const image = emulator.state.findByName(name);
    if (!image) {
        throw new Error(`the emulator has no image "${name}"`);
    }
    const text = await hoverRow(page, name, image.imageId);
    const missing = ['ID', 'Name', 'Status', 'Size', 'OS type', 'Regions'].map((label) => texts.t(label)).filter((label) => !text.includes(label));
    if (missing.length > 0) {
        throw new Error(`the tooltip lacks the field labels ${JSON.stringify(missing)}: ${JSON.stringify(text)}`);
    }
    log(`tooltip: ${text.replace(/\s+/g, ' ').trim()}`);
    await ctx.shot('02e-tooltip', { readme: LOCALE === 'en' ? 'tree' : undefined });
    await page.mouse.move(700, 300);
}

async function deleteTwoFromTree(ctx: Ctx): Promise<void> {
    const { page, emulator, texts } = ctx;
    await dismiss(page);
    const [first, second] = TREE_DELETE.map((name) => treeItem(page, name));
    await expectVisible(`image "${TREE_DELETE[0]}" in the tree`, first);
    await first.click();
    await second.click({ modifiers: ['ControlOrMeta'] });
    await waitUntil(
        'both images selected',
        async () => (await first.getAttribute('aria-selected')) === 'true' && (await second.getAttribute('aria-selected')) === 'true',
        5000,
    );
    await ctx.shot('03a-two-selected');

    await contextMenu(ctx, second, 'command.deleteImage', '03b-context-menu');

    const names = TREE_DELETE.map(escapeRegExp).join('|');
    log(
        `modal: ${await confirmModal(ctx, texts.pattern('Delete {0} images: {1}?', 2, new RegExp(`(${names})\\S*\\s?(${names})`)), '03c-delete-confirmation')}`,
    );
    // Accepted first ("Deleting 2 images: …" while the rows say DELETING), then "Deleted" once Zenlayer no longer lists them.
    const deleted = texts.t('Deleted {0} images', 2);
    const toast = notification(page, new RegExp(`^${escapeRegExp(deleted)}$`)).first();
    await expectVisible(`the notification "${deleted}"`, toast, UI_TIMEOUT + DELETE_DELAY_MS + 10_000);
    log(`notification: ${(await toast.innerText()).trim()}`);
    await ctx.shot('03d-deleted-notification');

    for (const name of TREE_DELETE) {
        await treeItem(page, name)
            .waitFor({ state: 'detached', timeout: UI_TIMEOUT + DELETE_DELAY_MS })
            .catch((e) => {
                throw new Error(`image "${name}" still in the tree after delete (${firstLine(e)})`);
            });
        // The row can go a moment before the emulator finishes the delete: poll, as step 3 does.
        await waitUntil(`the emulator to have removed "${name}"`, () => !emulator.state.findByName(name), 10000).catch((e) => {
            throw new Error(`${firstLine(e)} (status ${emulator.state.findByName(name)?.imageStatus})`);
        });
    }
    await ctx.shot('03e-tree-after-delete');
}

async function bulkDeleteFromPalette(ctx: Ctx): Promise<void> {
    const { page, emulator, texts } = ctx;
    const refusedId = emulator.state.findByName(REFUSED)?.imageId ?? REFUSED;
    await runCommand(page, commandTitle(texts, 'command.deleteImages'));
    const input = quickInputBox(page);
    await waitUntil('the image quick pick', async () => (await input.isVisible()) && !(await input.inputValue()).startsWith('>'));
    await expectVisible(
        `the quick pick titled "${texts.t('Delete Zenlayer Images')}"`,
        page.locator('.quick-input-widget .quick-input-title').getByText(texts.t('Delete Zenlayer Images'), { exact: true }),
    );
    for (const name of [...PALETTE_DELETE, REFUSED]) {
        await input.fill(name);
        const row = page
            .locator('.quick-input-list .monaco-list-row')
            .filter({ has: page.locator('.label-name').getByText(name, { exact: true }) })
            .first();
        await expectVisible(`"${name}" in the quick pick`, row);
        // VS Code 1.100 draws a custom toggle (role=checkbox); older builds had a native checkbox input.
        const checkbox = row.locator('.monaco-checkbox, .quick-input-list-checkbox, input[type="checkbox"]').first();
        await checkbox.click();
        await waitUntil(
            `"${name}" checked`,
            async () =>
                (await row.getAttribute('aria-checked')) === 'true' ||
                (await checkbox.getAttribute('aria-checked')) === 'true' ||
                (await row.locator('input[type="checkbox"]:checked').count()) > 0,
            5000,
        );
    }
    await input.fill('');
    await ctx.shot('04a-quick-pick-three-checked');
    await input.press('Enter');

    // REFUSED is in use by instances: the confirmation names it and offers to delete only the unused; "Delete All" sends it too.
    log(
        `modal: ${await confirmModal(ctx, texts.pattern('Delete {0} images: {1}?', 3, new RegExp(`.*${escapeRegExp(REFUSED)}.*`)), '04b-delete-confirmation', texts.t('Delete All'))}`,
    );
    const refused = `(?:${escapeRegExp(REFUSED)}|${escapeRegExp(refusedId)})`;
    const partial = new RegExp(`${texts.pattern('Deleting {0} of {1} images.', 2, 3).source.replace(/\$$/, '')}.*${refused}.*`);
    const failedToast = notification(page, partial).first();
    await expectVisible(`a notification naming "${REFUSED}" as failed (${String(partial)})`, failedToast, UI_TIMEOUT + DELETE_DELAY_MS);
    log(`notification: ${(await failedToast.innerText()).trim()}`);
    const buttons = notificationToast(page, partial).first();
    for (const label of ['Show Details', 'Retry Failed', 'Copy Failed IDs'].map((button) => texts.t(button))) {
        await expectVisible(`the "${label}" button on the partial-failure notification`, buttons.getByRole('button', { name: label, exact: true }));
    }
    await ctx.shot('04c-partial-failure-notification', { readme: LOCALE === 'en' ? 'delete-result' : LOCALE });

    for (const name of PALETTE_DELETE) {
        await treeItem(page, name)
            .waitFor({ state: 'detached', timeout: UI_TIMEOUT + DELETE_DELAY_MS })
            .catch((e) => {
                throw new Error(`image "${name}" still in the tree after delete (${firstLine(e)})`);
            });
        await waitUntil(`the emulator to have removed "${name}"`, () => !emulator.state.findByName(name), 10000);
    }
    await expectVisible(`the refused image "${REFUSED}" still in the tree`, treeItem(page, REFUSED));
    if (!emulator.state.findByName(REFUSED)) {
        throw new Error(`the emulator deleted "${REFUSED}", which it should refuse`);
    }
    // The refused row says so in its tooltip (the answer of DeleteImages names the failed IDs, never why). Hovered
    // once the others are gone: while the view polls for them, each refresh redraws the rows and drops the hover.
    const refusedTooltip = await hoverRow(page, REFUSED, refusedId);
    const why = texts.pattern(
        'Not deleted: {0}.',
        new RegExp(`.*${escapeRegExp(texts.t('used by {0} instances ({1})', 2, texts.names(['web-1', 'web-2'])))}.*`),
    );
    if (!why.test(refusedTooltip)) {
        throw new Error(`the tooltip of "${REFUSED}" does not say its delete failed (${String(why)}): ${JSON.stringify(refusedTooltip)}`);
    }
    await ctx.shot('04d-refused-tooltip');
    await page.mouse.move(700, 300);

    await ctx.shot('04e-tree-after-bulk-delete');
}

/** What Zenlayer (the emulator) holds that Delete Unused Images must offer: every custom image of the account no
 * instance uses, unless it is being created, synced, processed or deleted (README, "Cleaning up"). By name. */
function unusedDeletableImages(emulator: RunningEmulator): { name: string; id: string; sizeGiB: number }[] {
    const transitional = new Set(['CREATING', 'SYNCING', 'PROCESSING', 'DELETING']);
    const used = emulator.state.usedImageIds();
    return emulator.state
        .images()
        .filter((image) => !transitional.has(image.imageStatus) && !used.has(image.imageId))
        .map((image) => ({ name: image.imageName, id: image.imageId, sizeGiB: image.imageSize ?? 0 }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true }));
}

/**
 * Every row of the open quick pick with its label and whether it is ticked. The list draws only the rows in view,
 * so the active row is moved down through it (Down, which ticks nothing), row positions (aria-posinset of
 * aria-setsize) telling which rows have been read.
 */
async function quickPickRows(page: Page): Promise<{ label: string; ticked: boolean }[]> {
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await expectVisible('the quick pick rows', rows.first());
    const total = Number(await rows.first().getAttribute('aria-setsize'));
    const read = new Map<number, { label: string; ticked: boolean }>();
    for (let moves = 0; read.size < total && moves <= total; moves++) {
        const drawn = await rows.count();
        for (let index = 0; index < drawn; index++) {
            const row = rows.nth(index);
            const position = Number(await row.getAttribute('aria-posinset'));
            read.set(position, {
                label: (await row.locator('.label-name').first().innerText()).trim(),
                ticked: (await row.getAttribute('aria-checked')) === 'true',
            });
        }
        await page.keyboard.press('ArrowDown');
    }
    if (!(total > 0) || read.size !== total) {
        throw new Error(`read ${read.size} of the quick pick's ${total} rows`);
    }
    return [...read.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

/**
 * Delete Unused Images… from the palette as a person prunes: the offer is held against what the emulator holds (every
 * unused deletable image, each ticked, the title's count and GiB theirs), confirm, type the count, and the result says
 * what went once Zenlayer no longer lists them; the images in use are still there.
 */
async function pruneUnusedFromPalette(ctx: Ctx): Promise<void> {
    const { page, texts, emulator } = ctx;
    await clearNotifications(page);
    const inUse = emulator.state
        .images()
        .filter((image) => emulator.state.isInUse(image.imageId))
        .map((image) => image.imageName);
    await runCommand(page, commandTitle(texts, 'command.deleteUnusedImages'));
    const title = page.locator('.quick-input-widget .quick-input-title');
    const offer = texts.pattern('Delete Unused Images: {0} image(s), {1} GiB · {2} kept by the cleanup rules', /\d+/, /\d+/, /\d+/);
    await waitUntil(`the quick pick title ${String(offer)}`, async () => (await title.isVisible()) && offer.test(await title.innerText()));
    // Read once the pick is open: the command lists images and instances afresh before offering.
    const expected = unusedDeletableImages(emulator);
    const count = expected.length;
    const gib = expected.reduce((sum, image) => sum + image.sizeGiB, 0);
    const expectedTitle = texts.pattern('Delete Unused Images: {0} image(s), {1} GiB · {2} kept by the cleanup rules', count, gib, /\d+/);
    if (!expectedTitle.test((await title.innerText()).trim())) {
        throw new Error(`the title reads ${JSON.stringify(await title.innerText())}, expected ${JSON.stringify(expectedTitle)} (the emulator's unused images)`);
    }
    // The images offered are ticked; after them, one unticked line per reason names the images the rules keep.
    const rows = (await quickPickRows(page)).filter((row) => row.ticked);
    const offered = rows.map((row) => row.label);
    if (JSON.stringify(offered) !== JSON.stringify(expected.map((image) => image.name))) {
        throw new Error(
            `offered (ticked) ${JSON.stringify(offered)}; the emulator's unused deletable images are ${JSON.stringify(expected.map((image) => image.name))}`,
        );
    }
    log(`offer: ${count} images, ${gib} GiB, every row ticked`);
    await ctx.shot('08a-delete-unused-offer', { readme: LOCALE === 'en' ? 'delete-unused' : undefined });
    await quickInputBox(page).press('Enter');

    log(`modal: ${await confirmModal(ctx, texts.pattern('Delete {0} images: {1}?', count, /.*/), '08b-delete-unused-confirmation')}`);
    const typeBox = quickInputBox(page);
    await waitUntil('the box asking to type the count', async () =>
        (await page.locator('.quick-input-widget .quick-input-title').innerText()).includes(texts.t('Delete {0} images?', count)),
    );
    await typeBox.fill(String(count));
    await typeBox.press('Enter');
    // Accepted is not deleted yet: the status bar says so until one notification says they are gone.
    const deleting = texts.t('Deleting {0} images…', count);
    await expectVisible(`"${deleting}" in the status bar`, page.locator('.part.statusbar').getByText(deleting, { exact: false }).first(), 60000);
    const done = texts.t('{0}, freeing {1} GiB', texts.t('Deleted {0} images', count), gib);
    await expectVisible(`the notification "${done}"`, notification(page, new RegExp(`^${escapeRegExp(done)}$`)).first(), UI_TIMEOUT + DELETE_DELAY_MS + 30000);
    const stale = (await notificationTexts(page)).filter((text) => text.startsWith(deleting.replace('…', '')));
    if (stale.length > 0) {
        throw new Error(`a finished "Deleting…" notification still shows beside the result: ${JSON.stringify(stale)}`);
    }
    const left = expected.filter((image) => emulator.state.getImage(image.id)).map((image) => image.name);
    if (left.length > 0) {
        throw new Error(`"Deleted" was said while the emulator still holds ${JSON.stringify(left)}`);
    }
    const lost = inUse.filter((name) => !emulator.state.findByName(name));
    if (lost.length > 0) {
        throw new Error(`images in use were deleted: ${JSON.stringify(lost)}`);
    }
    await expectVisible(`the image in use "${REFUSED}" still in the tree`, treeItem(page, REFUSED));
    await ctx.shot('08c-delete-unused-result');
}

/** Clears the notifications of earlier steps, as a person does before starting something new (the workbench's command). */
async function clearNotifications(page: Page): Promise<void> {
    await runCommand(page, 'Notifications: Clear All Notifications');
    await waitUntil('the notifications to be cleared', async () => (await notificationTexts(page)).length === 0, 5000);
}

/** The status bar's account item, found by what it says ("Zenlayer: staging"; the icon is not text). */
function accountItem(ctx: Ctx, name: string): Locator {
    const label = ctx.texts.t('$(cloud) Zenlayer: {0}', name).replace('$(cloud) ', '');
    return ctx.page.locator('.part.statusbar .statusbar-item').filter({ hasText: label }).first();
}

/**
 * A second account as a person adds it (palette, name, key, password), then back to the first one from the status
 * bar: click the item, pick the account, and the tree shows that account's images and nothing of the other.
 */
async function switchAccountFromStatusBar(ctx: Ctx): Promise<void> {
    const { page, texts, emulator } = ctx;
    const staging = DEMO_ACCOUNTS[1];
    const stagingImage = 'staging-web-2026-11';
    await expectVisible('the status bar item of the account "default"', accountItem(ctx, 'default'));

    await runCommand(page, commandTitle(texts, 'command.addAccount'));
    const input = quickInputBox(page);
    await waitUntil('the account name input box', async () => (await input.isVisible()) && !(await input.inputValue()).startsWith('>'));
    await expectVisible(
        `the title "${texts.t('Add a Zenlayer Account (name)')}"`,
        page.locator('.quick-input-widget .quick-input-title').getByText(texts.t('Add a Zenlayer Account (name)'), { exact: true }),
    );
    await input.fill('default');
    await expectVisible(
        'the name-taken message',
        page.locator('.quick-input-widget .quick-input-message').getByText(texts.t('An account named "{0}" already exists.', 'default'), { exact: false }),
    );
    await ctx.shot('05a-account-name-taken');
    await input.fill('staging');
    await input.press('Enter');
    // A named account may sign in with a key or a token: pick the key.
    const keyChoice = page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ hasText: texts.t('$(key) Enter an AccessKey ID and password').replace('$(key) ', '') })
        .first();
    await expectVisible('the choice between an access key and a token', keyChoice);
    await keyChoice.click();
    await waitUntil(
        'the AccessKey ID input box',
        async () =>
            (await input.inputValue()) === '' &&
            (await page.locator('.quick-input-widget .quick-input-title').innerText()).includes(texts.t('Zenlayer AccessKey ID (1/2)')),
    );
    await input.fill(staging.accessKeyId);
    await input.press('Enter');
    const password = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await expectVisible('the AccessKey Password input box', password);
    await password.fill(staging.accessKeyPassword);
    await password.press('Enter');
    await expectVisible(`image "${stagingImage}" of the staging account in the tree`, treeItem(page, stagingImage), 60000);
    await expectVisible('the status bar item of the account "staging"', accountItem(ctx, 'staging'));
    await treeItem(page, REFUSED).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await dismiss(page);
    await ctx.shot('05b-staging-account-images');

    await clearNotifications(page);
    await accountItem(ctx, 'staging').click();
    await expectVisible(
        `the quick pick titled "${texts.t('Switch Zenlayer Account')}"`,
        page.locator('.quick-input-widget .quick-input-title').getByText(texts.t('Switch Zenlayer Account'), { exact: true }),
    );
    const masked = texts.t('AccessKey ID {0}', '••••••••EY01');
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: masked }).first();
    await expectVisible(`the account "default" with its masked key ID (${masked})`, row);
    const rowText = (await row.innerText()).replace(/\s+/g, ' ');
    if (rowText.includes(DEMO_ACCESS_KEY_ID)) {
        throw new Error(`the picker shows the whole key ID: ${rowText}`);
    }
    log(`picker row: ${rowText}`);
    await ctx.shot('05c-switch-account-picker', { readme: LOCALE === 'en' ? 'switch-account' : undefined });
    await row.click();
    await expectVisible(`image "${REFUSED}" of the default account back in the tree`, treeItem(page, REFUSED), 60000);
    await treeItem(page, stagingImage).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await expectVisible('the status bar item of the account "default"', accountItem(ctx, 'default'));
    if (!emulator.requestLog.some((entry) => entry.action === 'DescribeZones' && entry.accessKeyId === staging.accessKeyId)) {
        throw new Error('the staging key was stored without a check');
    }
    await ctx.shot('05d-default-account-again');
}

/**
 * The Extensions view, as someone deciding whether to keep the extension sees it: the installed .vsix with its
 * icon (at least 128×128, as the Marketplace asks), its name and description in the run's language, and its
 * details page with the README.
 */
async function extensionsView(ctx: Ctx): Promise<void> {
    const { page, texts } = ctx;
    await dismiss(page);
    const tab = page
        .locator('.part.activitybar')
        .getByRole('tab', { name: /^Extensions\b/ })
        .first();
    await expectVisible('the "Extensions" activity bar tab', tab);
    if ((await tab.getAttribute('aria-selected')) !== 'true') {
        await tab.click();
    }
    const search = sidebar(page).locator('.extensions-search-container textarea, .suggest-input-container textarea').first();
    await expectVisible('the extensions search box', search);
    await search.fill('@installed zenlayer');
    const name = texts.nls('extension.displayName');
    const row = sidebar(page)
        .locator('.monaco-list-row')
        .filter({ has: page.locator('.name').getByText(name, { exact: true }) })
        .first();
    await expectVisible(`the installed extension "${name}" in the Extensions view`, row);
    const description = texts.nls('extension.description');
    await expectVisible(`its description "${description}"`, row.locator('.description').getByText(description, { exact: true }));
    const icon = row.locator('img.icon').first();
    await waitUntil('the extension icon to load', async () => (await icon.evaluate((img: { naturalWidth: number }) => img.naturalWidth)) > 0, 10000);
    const size = await icon.evaluate((img: { naturalWidth: number; naturalHeight: number }) => [img.naturalWidth, img.naturalHeight]);
    if (size[0] < 128 || size[1] < 128) {
        throw new Error(`the extension icon is ${size[0]}×${size[1]}; at least 128×128 expected`);
    }
    log(`icon ${size[0]}×${size[1]}`);
    await row.click();
    const editor = page.locator('.extension-editor');
    await expectVisible(`the details page titled "${name}"`, editor.locator('.header .name').getByText(name, { exact: true }));
    // The details are a webview, drawn in an iframe over the editor (outside the editor's own DOM).
    const readme = page.frameLocator('iframe.webview.ready >> nth=0').frameLocator('#active-frame').locator('h1').first();
    await expectVisible('the README on the details page', readme);
    log(`README: ${(await readme.innerText()).trim()}`);
    await page.mouse.move(700, 600);
    await ctx.shot('10a-extensions-view');
}

/**
 * Issue 18's figure as VS Code itself reports it: Developer: Show Running Extensions, the extension's activation time
 * (code loading plus its activate call) in a window that just started and has not shown the view. Also proves the
 * window sent Zenlayer nothing while nobody looked at images.
 */
async function activationAsVsCodeReportsIt(ctx: Ctx): Promise<void> {
    const { page, emulator } = ctx;
    // The status-bar item says the extension has activated; a click on the empty editor area gives the page the focus
    // the palette's key needs.
    await expectVisible(
        'the Zenlayer status-bar item',
        page
            .locator('.part.statusbar')
            .getByText(/Zenlayer/)
            .first(),
        90000,
    );
    await page.mouse.click(770, 600);
    // VS Code's own command: its title is English in both runs (the stub language pack translates only the extension).
    await runCommand(page, 'Developer: Show Running Extensions');
    // The list names it by its display name, in English even in the Chinese run (as the Extensions view does).
    const name = /^Zenlayer (Images|镜像)$/;
    const row = page
        .locator('.runtime-extensions-editor .monaco-list-row')
        .filter({ has: page.locator('.name').getByText(name) })
        .first();
    await expectVisible('Zenlayer Images among the running extensions', row, 60000);
    const activation = row.locator('.activation-time');
    await waitUntil('its activation time', async () => /\d+ms/.test(await activation.innerText()));
    const text = (await activation.innerText()).trim();
    log(`VS Code reports: ${text} (Developer: Show Running Extensions)`);
    fs.writeFileSync(path.join(RESULTS, 'activation.json'), JSON.stringify({ reportedByVsCode: text, ms: Number(/(\d+)ms/.exec(text)?.[1]) }));
    await ctx.shot('01a-running-extensions');
    if (emulator.requestLog.length > 0) {
        throw new Error(`the window sent Zenlayer ${emulator.requestLog.map((entry) => entry.action).join(', ')} before anyone looked at images`);
    }
    await page.keyboard.press('Control+W');
}

// ---- workspace references: infrastructure code in the editor ----------------------------------------------

/** The fixture's Terraform, tfvars, Terraform JSON and cloud-init that reference demo images (see its README). */
const INFRA = path.join(ROOT, 'test', 'fixtures', 'workspace', 'infra');
/** Referenced at infra/main.tf:14; the step deletes it, and the quick fix offers WEB_11 instead. */
const WEB_09 = { name: 'web-frontend-2026-09', id: 'img-2da960d5abf3e6b7' };
/** Referenced at infra/main.tf:7; the step hovers it. */
const WEB_10 = { name: 'web-frontend-2026-10', id: 'img-d9093f1ba07b19d9' };
const WEB_11 = { name: 'web-frontend-2026-11', id: 'img-2fa3e444ec0ba583' };

/** Text as the workbench renders it: non-breaking spaces (MarkdownString.appendText) and runs of white space as one space. */
function flat(text: string): string {
    return text
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
}

/** An editor line of the open file, found by what it holds. */
function editorLine(page: Page, text: string): Locator {
    return page.locator('.editor-group-container .monaco-editor .view-line').filter({ hasText: text }).first();
}

/** Puts the cursor at a line and column (1-based) of the active editor through Go to Line, as a keyboard user does. */
async function goToLine(page: Page, line: number, column: number): Promise<void> {
    await page.keyboard.press('ControlOrMeta+G');
    const input = quickInputBox(page);
    await expectVisible('the Go to Line box', input);
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
}

/**
 * Infrastructure code that references the account's images, as a person meets it: the row says it is referenced; the
 * delete's confirmation names infra/main.tf:14; in infra/main.tf hovering an ID describes the image; the deleted image's
 * ID is a Problems entry whose quick fix puts in the newest image of its family. The files are copied into the open
 * folder for this step only (the file watcher finds them) and removed at its end.
 */
async function referencesInTheEditor(ctx: Ctx): Promise<void> {
    const { page, emulator, texts } = ctx;
    await dismiss(page);
    await clearNotifications(page);
    const infra = path.join(ctx.workspace, 'infra');
    fs.cpSync(INFRA, infra, { recursive: true });
    try {
        await openZenlayerView(page, texts);
        const row = treeItem(page, WEB_09.name);
        const referenced = texts.t('referenced in 1 file');
        await waitUntil(
            `the row of ${WEB_09.name} to say "${referenced}"`,
            async () => (await row.locator('.label-description').innerText()).includes(referenced),
            60000,
        );
        await ctx.shot('06a-referenced-row');

        await contextMenu(ctx, row, 'command.deleteImage');
        const dialog = await confirmModal(ctx, texts.pattern('Delete image "{0}" ({1})?', WEB_09.name, WEB_09.id), '06b-confirmation-names-reference');
        const named = texts.t('{0} is referenced in {1}.', WEB_09.name, 'infra/main.tf:14');
        if (!dialog.includes(named)) {
            throw new Error(`the confirmation does not say "${named}": ${JSON.stringify(dialog)}`);
        }
        log(`modal: ${dialog}`);
        await row.waitFor({ state: 'detached', timeout: UI_TIMEOUT + DELETE_DELAY_MS });
        await waitUntil(`the emulator to have removed "${WEB_09.name}"`, () => !emulator.state.findByName(WEB_09.name), 10000);

        // Quick Open, as a person opens a file they know.
        await dismiss(page);
        await page.keyboard.press('ControlOrMeta+P');
        const open = quickInputBox(page);
        await expectVisible('Quick Open', open);
        await open.fill('infra/main.tf');
        await expectVisible(
            'main.tf in Quick Open',
            page
                .locator('.quick-input-list')
                .getByRole('option', { name: /main\.tf/ })
                .first(),
        );
        await open.press('Enter');
        const line7 = editorLine(page, WEB_10.id);
        await expectVisible('line 7 of infra/main.tf in the editor', line7);

        // Hover the middle of the ID on line 7 (the editor draws text in a fixed-width font).
        const lineText = (await line7.innerText()).replace(/\u00a0/g, ' ');
        const text = line7.locator('span').first();
        const size = await text.evaluate((element: { getBoundingClientRect(): { width: number; height: number } }) => {
            const rect = element.getBoundingClientRect();
            return { width: rect.width, height: rect.height };
        });
        const hover = page.locator('.monaco-hover').filter({ hasText: WEB_10.name }).first();
        const x = (size.width * (lineText.indexOf(WEB_10.id) + WEB_10.id.length / 2)) / lineText.length;
        await page.mouse.move(700, 600);
        await text.hover({ position: { x, y: size.height / 2 } });
        await expectVisible(`the hover of ${WEB_10.id}`, hover);
        const hoverText = flat(await hover.innerText());
        for (const expected of [
            texts.t('Instances ({0}): {1}', 2, texts.names(['hk-web-frontend-01', 'hk-web-frontend-02'])),
            texts.t('Referenced in {0} files of this workspace', 2),
            texts.t('Account: {0}', 'default'),
            texts.t('Reveal in the Images View'),
        ]) {
            if (!hoverText.includes(flat(expected))) {
                throw new Error(`the hover lacks "${expected}": ${JSON.stringify(hoverText)}`);
            }
        }
        log(`hover: ${hoverText}`);
        await ctx.shot('06c-hover-image-id');
        await page.mouse.move(700, 600);

        // The Problems view names the deleted image's ID.
        await page.keyboard.press('ControlOrMeta+Shift+M');
        // The delete history knows this VS Code deleted it today: the entry says so (the date's format is the locale's).
        const [problem] = texts.t('Image {0} ({1}) was deleted on {2} from this VS Code.', WEB_09.id, WEB_09.name, '\u0000').split('\u0000');
        const entry = page.locator('.markers-panel .monaco-list-row').filter({ hasText: problem }).first();
        await expectVisible(`the Problems entry "${problem}"`, entry);
        await ctx.shot('06d-problems-entry');

        // The quick fix at the ID (line 14), from the keyboard.
        const source = fs.readFileSync(path.join(infra, 'main.tf'), 'utf8').split('\n');
        await editorLine(page, WEB_09.id).click();
        await goToLine(page, 14, source[13].indexOf(WEB_09.id) + 4);
        await page.keyboard.press('ControlOrMeta+.');
        const fixTitle = texts.t('Replace with {0} ({1})', WEB_11.name, WEB_11.id);
        const fix = page.locator('.action-widget .monaco-list-row').filter({ hasText: fixTitle }).first();
        await expectVisible(`the quick fix "${fixTitle}"`, fix);
        await ctx.shot('06e-quick-fix');
        // The one fix is focused in the menu: Enter applies it, as from the keyboard.
        await page.keyboard.press('Enter');
        await expectVisible(`line 14 with ${WEB_11.id}`, editorLine(page, `image_id          = "${WEB_11.id}"`));
        await waitUntil('the Problems entry to go', async () => (await entry.count()) === 0, 10000);
        await ctx.shot('06f-quick-fix-applied');
    } catch (error) {
        // The runner's own screenshot comes after the clean-up below, when infra/ and its references are gone.
        await ctx.shot('06-FAILED-before-clean-up').catch(() => undefined);
        throw error;
    } finally {
        // Unsaved: revert, then close, so no save prompt; the files go with the step.
        await dismiss(page);
        await runCommand(page, 'File: Revert File').catch(() => undefined);
        await runCommand(page, 'View: Close All Editors').catch(() => undefined);
        fs.rmSync(infra, { recursive: true, force: true });
    }
}

// ---- regional copies (issue 15) ----------------------------------------------------------------------------

/** The image the regional-copy step copies and trims: in use, so every earlier step keeps it. */
const COPIED = REFUSED;
const COPY_REGION = { city: 'Singapore', regionId: 'asia-southeast-1' };

/** Right-clicks a tree row and runs the context-menu entry with this manifest title. */
async function contextMenu(ctx: Ctx, row: Locator, titleKey: string, shot?: string): Promise<void> {
    const { page, texts } = ctx;
    await row.click({ button: 'right' });
    const title = texts.nls(titleKey);
    // By its label text: the item's accessible name also carries its keybinding ("Delete Delete").
    const entry = page
        .getByRole('menuitem')
        .filter({ has: page.locator('.action-label', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
        .first();
    await expectVisible(`the "${title}" entry in the context menu`, entry);
    if (shot) {
        await ctx.shot(shot);
    }
    // The workbench ignores a click that comes right after the menu opened (the right-click's own mouse-up): a
    // click within about 100 ms left the menu open and ran nothing (the references step failed so, intermittently).
    await sleep(400);
    await entry.click();
}

/** The visible description of a tree row ("SYNCING 42% · asia-southeast-1"). */
async function rowDescription(row: Locator): Promise<string> {
    return (
        (await row
            .locator('.label-description')
            .first()
            .innerText()
            .catch(() => '')) ?? ''
    ).trim();
}

/**
 * Copy to Regions… on an image as a person would: tick a second region in the picker (cross-border ones explained),
 * watch its row go from SYNCING n% to held, then Remove Copy from Region… on that row, confirm, and the copy is gone.
 */
async function copyToRegionAndRemove(ctx: Ctx): Promise<void> {
    const { page, texts, emulator } = ctx;
    await clearNotifications(page);
    const image = emulator.state.findByName(COPIED);
    if (!image || image.regionIdList.length !== 1) {
        throw new Error(`${COPIED} should be in one region before the copy: ${JSON.stringify(image?.regionIdList)}`);
    }
    const imageRow = treeItem(page, COPIED);
    await expectVisible(`image "${COPIED}" in the tree`, imageRow);
    await contextMenu(ctx, imageRow, 'command.copyImageToRegions');

    const title = page.locator('.quick-input-widget .quick-input-title');
    const expectedTitle = texts.t('Copy {0} to Regions', COPIED);
    await waitUntil(`the picker "${expectedTitle}"`, async () => (await title.isVisible()) && (await title.innerText()).trim() === expectedTitle);
    const notOffered = texts.t('Not offered: across the mainland China border');
    await expectVisible(`the cross-border regions under "${notOffered}"`, page.locator('.quick-input-list').getByText(notOffered).first());
    const option = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name').getByText(COPY_REGION.city, { exact: true }) });
    await expectVisible(`"${COPY_REGION.city}" in the picker`, option.first());
    // In a multi-select pick a click on the row ticks it, as a person does.
    await option.first().locator('.label-name').first().click();
    await waitUntil(`"${COPY_REGION.city}" ticked`, async () => (await option.first().getAttribute('aria-checked')) === 'true', 5000);
    await ctx.shot('09a-copy-to-regions-picker');
    await quickInputBox(page).press('Enter');

    const where = texts.t('{0} ({1})', COPY_REGION.city, COPY_REGION.regionId);
    const accepted = texts.pattern('{0} (requestId {1})', texts.t('Copying {0} to {1}: its rows show the progress.', COPIED, where), /\S+/);
    await expectVisible(`the notification ${String(accepted)}`, notification(page, accepted).first());
    const regionRow = treeItem(page, COPY_REGION.city);
    if ((await regionRow.count()) === 0 && (await imageRow.getAttribute('aria-expanded')) === 'false') {
        await imageRow.locator('.monaco-tl-twistie').click();
    }
    await expectVisible(`the region row "${COPY_REGION.city}" under ${COPIED}`, regionRow);
    const progress = texts.pattern('SYNCING {0}%', /[1-9]\d?/);
    await waitUntil(`the "${COPY_REGION.city}" row to show a percentage`, async () => progress.test(await rowDescription(regionRow)), 60_000);
    log(`progress: ${await rowDescription(regionRow)}`);
    await ctx.shot('09b-copy-progress');
    const unusedHere = texts.t('unused here');
    await waitUntil(`the copy to end ("${unusedHere}")`, async () => (await rowDescription(regionRow)).startsWith(unusedHere), 60_000);
    const held = emulator.state.findByName(COPIED)?.regionIdList ?? [];
    if (!held.includes(COPY_REGION.regionId)) {
        throw new Error(`the row says the copy ended, but the emulator holds ${COPIED} in ${JSON.stringify(held)}`);
    }
    await ctx.shot('09c-copied');

    await contextMenu(ctx, regionRow, 'command.removeImageCopy');
    const button = texts.t('Remove Copy');
    const dialog = page
        .getByRole('dialog')
        .filter({ has: page.getByRole('button', { name: button, exact: true }) })
        .first();
    await expectVisible(`the confirmation with a "${button}" button`, dialog);
    const text = (await dialog.innerText()).replace(/\s+/g, ' ').trim();
    const sizeGiB = Number(image.imageSize);
    for (const expected of [
        texts.t('Remove the copy of {0} from {1}?', COPIED, where),
        texts.t('{0} GiB no longer stored ({1} GiB per copy).', sizeGiB, sizeGiB),
    ]) {
        if (!text.includes(expected)) {
            throw new Error(`the confirmation does not say ${JSON.stringify(expected)}: ${JSON.stringify(text)}`);
        }
    }
    log(`modal: ${text}`);
    await ctx.shot('09d-remove-copy-confirmation');
    await dialog.getByRole('button', { name: button, exact: true }).click();
    const removed = texts.pattern('{0} (requestId {1})', texts.t('Removed {0} from {1}: {2} GiB no longer stored.', COPIED, where, sizeGiB), /\S+/);
    await expectVisible(`the notification ${String(removed)}`, notification(page, removed).first());
    await regionRow.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    const left = emulator.state.findByName(COPIED)?.regionIdList ?? [];
    if (JSON.stringify(left) !== JSON.stringify(image.regionIdList)) {
        throw new Error(`after removing the copy the emulator holds ${COPIED} in ${JSON.stringify(left)}`);
    }
    await ctx.shot('09e-copy-removed');
}

// ---- cleanup plan: Plan Cleanup…, Apply Plan, Show Delete History ------------------------------------------

/** The stricter rules the plan step puts in the open folder's settings (a workspace may only tighten the user's 0s). */
const PLAN_RULES = { keepNewest: 2, minAgeDays: 7 };

/**
 * Every line of the active editor, read as the screen shows them: the editor draws only the lines in view, so it is
 * paged down (Ctrl+End at the end) until no new line appears. Returned in no particular order, each once.
 */
async function activeEditorLines(page: Page): Promise<Set<string>> {
    const editor = page.locator('.editor-group-container .editor-instance .monaco-editor').first();
    await expectVisible('the active editor', editor);
    await editor.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    const lines = new Set<string>();
    for (let page_ = 0; page_ < 20; page_++) {
        const before = lines.size;
        for (const text of await editor.locator('.view-lines .view-line').allInnerTexts()) {
            lines.add(flat(text));
        }
        if (page_ > 0 && lines.size === before) {
            break;
        }
        await page.keyboard.press('PageDown');
        await sleep(150);
    }
    return lines;
}

/** The text of the open rendered Markdown preview (a webview: an iframe holding the content's iframe). */
async function previewText(page: Page): Promise<string> {
    return flat(await page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame').locator('body').innerText({ timeout: 2000 }));
}

/**
 * Cleanup as a person plans it: stricter rules in the folder's settings; Plan Cleanup… opens the plan, which is read
 * from the editor — images to delete (each one the emulator holds and no instance uses) and images kept with the
 * reason in words (the newest of web-frontend, the image in use); Apply Plan from the document's title bar, the count
 * typed; the result says what went, and the emulator no longer holds exactly the planned images; Show Delete History
 * lists the delete as "Apply Plan" with those images.
 */
async function planAndApplyCleanup(ctx: Ctx): Promise<void> {
    const { page, texts, emulator } = ctx;
    await dismiss(page);
    await clearNotifications(page);
    const settingsFile = path.join(ctx.workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
        settingsFile,
        JSON.stringify({ 'zenlayer.cleanup.keepNewest': PLAN_RULES.keepNewest, 'zenlayer.cleanup.minAgeDays': PLAN_RULES.minAgeDays }, null, 2),
    );
    try {
        // The settings reach the extension through the file watcher: plan until the document states the folder's rules.
        const keepRule = texts.t('Keep the newest {0} AVAILABLE images of each family (zenlayer.cleanup.keepNewest).', PLAN_RULES.keepNewest);
        let lines = new Set<string>();
        await waitUntil(
            `a plan document stating "${keepRule}"`,
            async () => {
                await runCommand(page, commandTitle(texts, 'command.planCleanup'));
                const header = texts.t('Zenlayer cleanup plan for account "{0}"', 'default');
                await expectVisible(`the plan document "${header}"`, editorLine(page, header), 15000);
                lines = await activeEditorLines(page);
                return [...lines].some((line) => line === keepRule);
            },
            60000,
        );
        const toDeleteHeading = texts.pattern('To delete: {0} image(s), {1} to free', /(\d+)/, /[\d.]+ GiB/);
        const heading = [...lines].map((line) => toDeleteHeading.exec(line)).find((m) => m !== null);
        if (!heading) {
            throw new Error(`the plan has no line ${String(toDeleteHeading)}: ${JSON.stringify([...lines])}`);
        }
        // "- name (id) · STATUS · size · regions · first seen": an image to delete; "- name (id): reasons": a kept one.
        const planned = [...lines].flatMap((line) => {
            const m = /^- (\S+) \((img-[0-9a-f]+)\) · /.exec(line);
            return m ? [{ name: m[1], id: m[2] }] : [];
        });
        const kept = new Map(
            [...lines].flatMap((line) => {
                const m = /^- (\S+) \((img-[0-9a-f]+)\): (.+)$/.exec(line);
                return m ? [[m[1], m[3]] as const] : [];
            }),
        );
        const count = planned.length;
        if (count < 2 || count !== Number(heading[1])) {
            throw new Error(`the plan says "${heading[0]}" and lists ${count} images to delete: ${JSON.stringify(planned)}`);
        }
        const wrong = planned.filter((image) => !emulator.state.getImage(image.id) || emulator.state.isInUse(image.id));
        if (wrong.length > 0) {
            throw new Error(`the plan proposes images the emulator does not hold or that are in use: ${JSON.stringify(wrong)}`);
        }
        const expectedReasons: [string, RegExp][] = [
            [
                WEB_11.name,
                new RegExp(
                    `${texts.pattern('newest {0} of {1} (number {2} by imageVersion)', PLAN_RULES.keepNewest, 'web-frontend', 1).source}|${
                        texts.pattern('newest {0} of {1} (number {2})', PLAN_RULES.keepNewest, 'web-frontend', 1).source
                    }`,
                ),
            ],
            [REFUSED, new RegExp(escapeRegExp(texts.t('used by {0} instances', 2)))],
        ];
        for (const [name, reason] of expectedReasons) {
            const why = kept.get(name);
            if (why === undefined || !reason.test(why)) {
                throw new Error(`the plan should keep ${name} (${String(reason)}); it says ${JSON.stringify(why ?? 'nothing: not kept')}`);
            }
            log(`kept: ${name}: ${why}`);
        }
        log(`to delete: ${heading[0]}: ${planned.map((image) => image.name).join(', ')}`);
        // Read as a person reads it: the Problems panel of the previous step closed, long lines wrapped; the top (rules,
        // what goes), then the end (what stays and why).
        if (await page.locator('.part.panel').isVisible()) {
            await runCommand(page, 'View: Hide Panel');
        }
        await runCommand(page, 'View: Toggle Word Wrap');
        await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
        await page.keyboard.press('ControlOrMeta+Home');
        await ctx.shot('07a-cleanup-plan-to-delete', { readme: LOCALE === 'en' ? 'cleanup-plan' : undefined });
        await page.keyboard.press('ControlOrMeta+End');
        await expectVisible(
            'the end of the plan',
            editorLine(page, flat(texts.t('It asks you to type their number, and an image that changed since the plan is not sent.')).slice(0, 30)),
        );
        await ctx.shot('07b-cleanup-plan-kept');

        // Apply Plan from the document's title bar, as a person finds it above the plan.
        const applyTitle = texts.nls('command.applyPlan');
        const applyButton = page
            .locator(
                ['aria-label', 'title'].map((attribute) => `.editor-group-container .editor-actions .action-label[${attribute}^="${applyTitle}"]`).join(', '),
            )
            .first();
        await expectVisible(`the "${applyTitle}" button in the plan's title bar`, applyButton);
        await applyButton.click();
        const question = texts.pattern('Apply the cleanup plan: delete {0} image(s), {1}?', count, /[\d.]+ GiB/);
        const typeBox = quickInputBox(page);
        await waitUntil(`the box asking to type the count (${String(question)})`, async () =>
            question.test(await page.locator('.quick-input-widget .quick-input-title').innerText()),
        );
        await ctx.shot('07c-apply-plan-type-count');
        await typeBox.fill(String(count));
        await typeBox.press('Enter');
        const done = texts.pattern('{0}, freeing {1} GiB', texts.t('Deleted {0} images', count), /[\d.]+/);
        await expectVisible(`the notification ${String(done)}`, notification(page, done).first(), UI_TIMEOUT + DELETE_DELAY_MS + 30000);
        const left = planned.filter((image) => emulator.state.getImage(image.id)).map((image) => image.name);
        if (left.length > 0) {
            throw new Error(`"Deleted" was said while the emulator still holds ${JSON.stringify(left)}`);
        }
        const lost = [...kept.keys()].filter((name) => !emulator.state.findByName(name));
        if (lost.length > 0) {
            throw new Error(`images the plan keeps were deleted: ${JSON.stringify(lost)}`);
        }
        await ctx.shot('07d-apply-plan-result');

        await runCommand(page, commandTitle(texts, 'command.showDeleteHistory'));
        const trigger = ` · ${texts.t('Apply Plan')} · ${texts.t('{0} images', count)}`;
        await waitUntil(`the delete history to list the plan's delete ("${trigger}") with its images`, async () => {
            const text = await previewText(page);
            return text.includes(trigger) && planned.every((image) => text.includes(image.name) && text.includes(image.id));
        });
        log(`history: ${(await previewText(page)).slice(0, 300)}`);
        await ctx.shot('07e-delete-history');
    } finally {
        fs.rmSync(path.join(ctx.workspace, '.vscode'), { recursive: true, force: true });
    }
    // The next steps count on the user's rules (0): plan again until the document states them, then close it.
    const userRule = texts.t('Keep the newest {0} AVAILABLE images of each family (zenlayer.cleanup.keepNewest).', 0);
    await waitUntil(
        `a plan document stating "${userRule}" once the folder's settings are gone`,
        async () => {
            await runCommand(page, 'View: Close All Editors');
            await runCommand(page, commandTitle(texts, 'command.planCleanup'));
            const header = texts.t('Zenlayer cleanup plan for account "{0}"', 'default');
            await expectVisible(`the plan document "${header}"`, editorLine(page, header), 15000);
            return (await activeEditorLines(page)).has(userRule);
        },
        60000,
    );
    await runCommand(page, 'View: Close All Editors');
}

/** `locales`: the workbench languages a step runs in (all when absent); in the others it is reported as skipped, with `skipReason`. */
const STEPS: { name: string; run: (ctx: Ctx) => Promise<void>; needsPrevious?: boolean; locales?: string[]; skipReason?: string }[] = [
    { name: "start-up: VS Code's own activation time for the extension; nothing sent to Zenlayer", run: activationAsVsCodeReportsIt },
    { name: 'signed out: welcome, configure credentials from the palette, images appear with their tooltips', run: signInThroughPalette },
    { name: 'tree: select two, context menu Delete, confirm, both leave the tree', run: deleteTwoFromTree, needsPrevious: true },
    { name: 'palette: Delete Images… with one refused image, partial failure named', run: bulkDeleteFromPalette, needsPrevious: true },
    { name: 'accounts: add a second account from the palette, switch back from the status bar', run: switchAccountFromStatusBar, needsPrevious: true },
    {
        name: 'editor: infra/main.tf references images — the row, the delete naming the reference, a hover, the Problems entry and its quick fix',
        run: referencesInTheEditor,
        needsPrevious: true,
    },
    {
        name: 'cleanup plan: Plan Cleanup… with stricter folder rules, read what goes and what stays and why, Apply Plan from the title bar, the history',
        // Needs only a signed-in account: it plans whatever the account holds after the steps before it.
        run: planAndApplyCleanup,
    },
    {
        name: 'palette: Delete Unused Images… offers the unused images with count and GiB, deletes them, says what was freed',
        run: pruneUnusedFromPalette,
        needsPrevious: true,
    },
    { name: 'regional copies: copy an image to a second region, watch the progress, remove the copy again', run: copyToRegionAndRemove, needsPrevious: true },
    // English only: with the stub language pack of the Chinese run (scripts/vscode/code-server.js, writeLocale) the
    // Extensions view lists the manifest's English name and description, although views and commands are Chinese.
    {
        name: 'Extensions view: icon, name, description and README of the installed .vsix',
        run: extensionsView,
        locales: ['en'],
        skipReason: "English only: with the offline stub language pack the Extensions view shows the manifest's English name and description",
    },
];

// ---- the run -----------------------------------------------------------------------------------------------

const results = createRequire(__filename)(path.join(ROOT, 'scripts', 'results.js')) as ResultsLib;
const RESULT_FILE = process.env.ZL_TESTS_RESULT_FILE || results.resultFile(SUITE);

/** Prints the closing lines and writes the result file (scripts/results.js) from the steps' outcomes. */
function report(steps: StepResult[], durationMs: number, error?: string): number {
    const ran = steps.filter((r) => r.skipped === undefined);
    const passed = ran.filter((r) => r.ok).length;
    const failures = ran.filter((r) => !r.ok).map((r) => ({ title: r.name, error: r.error ?? 'failed' }));
    const skippedTests = steps.flatMap((r) => (r.skipped === undefined ? [] : [{ title: r.name, reason: r.skipped }]));
    results.finishSuite(RESULT_FILE, {
        suite: SUITE,
        passed,
        failed: failures.length,
        skipped: skippedTests.length,
        durationMs,
        failures,
        skippedTests,
        ...(error ? { error } : {}),
    });
    return failures.length === 0 && passed > 0 ? 0 : 1;
}

async function main(): Promise<number> {
    const started = Date.now();
    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    if (!fs.existsSync(VSIX)) {
        const why = `${VSIX} not found (npm run package)`;
        console.error(`${SUITE}: ${why}`);
        return report([{ name: 'setup', ok: false, ms: 0, error: why }], 0, why);
    }
    const cs = loadCodeServerLib();
    const steps: StepResult[] = [];
    /** Screenshots to copy into media/readme/ once every step has passed: [taken, README picture]. */
    const readmePictures: [string, string][] = [];
    let emulator: RunningEmulator | undefined;
    let profile: Profile | undefined;
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    let cleaning: Promise<void> | undefined;
    // Memoized: a signal during the normal teardown waits for it instead of exiting half-way.
    const cleanup = (): Promise<void> =>
        (cleaning ??= (async () => {
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
        console.log(`${SUITE}: emulator on ${emulator.url}; workbench language ${LOCALE}`);
        profile = cs.createProfile({
            settings: {
                'zenlayer.endpoint': emulator.url,
                'zenlayer.images.groupBy': 'none',
                'zenlayer.delete.confirmation': 'modal',
                'zenlayer.delete.pollIntervalSeconds': 1,
                // The prune step checks the offer against the emulator's unused images: no family or age rule keeps any.
                'zenlayer.cleanup.keepNewest': 0,
                'zenlayer.cleanup.minAgeDays': 0,
            },
            locale: LOCALE,
        });
        cs.installExtension(profile, VSIX);
        server = await cs.startCodeServer({ profile, verbose: process.env.ZL_VSCODE_VERBOSE === '1' });
        browser = await cs.launchChromium(profile);
        // The size of a laptop window: everything a step looks at fits, and the README pictures stay small.
        const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
        page.setDefaultTimeout(UI_TIMEOUT);
        page.on('crash', () => console.error(`${SUITE}: the workbench page crashed`));
        const authority = await cs.remoteAuthority(server.url);
        // A folder of its own, not test/fixtures/workspace: the integration suite, which `npm test` runs at the same
        // time, writes workspace settings there (grouping, say) that would override this run's user settings.
        const workspace = path.join(profile.dir, 'workspace');
        fs.mkdirSync(workspace, { recursive: true });
        await page.goto(cs.workbenchUrl(server.url, workspace, authority));

        const running = server;
        const ctx: Ctx = {
            page,
            workspace,
            emulator,
            server: running,
            texts: TEXTS,
            shot: async (name, options = {}) => {
                const file = path.join(RESULTS, `${name}.png`);
                await sleep(250); // let fade-in animations (menus, toasts) finish so the picture is readable
                await page.screenshot({ path: file });
                if (options.readme) {
                    readmePictures.push([file, path.join(README_PICTURES, `${options.readme}.png`)]);
                }
                return file;
            },
        };
        for (const [i, step] of STEPS.entries()) {
            const title = `${i + 1}. ${step.name}`;
            console.log(`\n  ${title}`);
            const t0 = Date.now();
            if (step.locales && !step.locales.includes(LOCALE)) {
                const why = step.skipReason ?? `runs only in ${step.locales.join(', ')}`;
                steps.push({ name: title, ok: false, ms: 0, skipped: why });
                console.log(`    - skipped: ${why}`);
                continue;
            }
            const previous = steps.filter((r) => r.skipped === undefined).at(-1);
            if (step.needsPrevious && previous && !previous.ok) {
                steps.push({ name: title, ok: false, ms: 0, error: 'not run: needs the previous step' });
                console.log('    ✖ not run: needs the previous step');
                continue;
            }
            try {
                await step.run(ctx);
                steps.push({ name: title, ok: true, ms: Date.now() - t0 });
                console.log(`    ✔ passed (${Date.now() - t0} ms)`);
            } catch (e) {
                // Two digits, as the steps' own screenshots: a folder lists them in step order.
                const stepNumber = String(i + 1).padStart(2, '0');
                const screenshot = await ctx.shot(`${stepNumber}-FAILED`).catch(() => undefined);
                const error = firstLine(e);
                steps.push({ name: title, ok: false, ms: Date.now() - t0, error, screenshot });
                console.log(`    ✖ FAILED: ${error}`);
                console.log(`      screenshot: ${screenshot ?? '(none)'}`);
                console.log(`      tree rows: ${JSON.stringify(await treeLabels(page).catch(() => []))}`);
                console.log(`      notifications: ${JSON.stringify(await notificationTexts(page).catch(() => []))}`);
                const logFile = saveExtensionLog(profile, `${stepNumber}-FAILED-extension`);
                console.log(`      extension log: ${logFile ?? '(none found)'}`);
                if (logFile) {
                    console.log(
                        fs
                            .readFileSync(logFile, 'utf8')
                            .trimEnd()
                            .split('\n')
                            .slice(-25)
                            .map((line) => `        ${line}`)
                            .join('\n'),
                    );
                }
            }
        }
    } catch (e) {
        console.error(`${SUITE}: setup failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        if (server) {
            console.error(server.output().split('\n').slice(-20).join('\n'));
        }
        steps.push({ name: 'setup', ok: false, ms: 0, error: firstLine(e) });
    } finally {
        await cleanup();
    }
    console.log(`\n  screenshots: ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
    if (process.env.ZL_E2E_README === '1' && steps.length > 0 && steps.every((r) => r.ok || r.skipped !== undefined)) {
        for (const [taken, picture] of readmePictures) {
            fs.mkdirSync(path.dirname(picture), { recursive: true });
            fs.copyFileSync(taken, picture);
            console.log(`  README picture: ${path.relative(ROOT, picture)}`);
        }
    }
    return report(steps, Date.now() - started);
}

main().then(
    (code) => process.exit(code),
    (e) => {
        console.error(e);
        process.exit(report([{ name: 'suite', ok: false, ms: 0, error: firstLine(e) }], 0, firstLine(e)));
    },
);
