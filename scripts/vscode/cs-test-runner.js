#!/usr/bin/env node
// A stand-in for a desktop VS Code binary, for @vscode/test-electron's `vscodeExecutablePath`.
// No desktop VS Code/Electron can be downloaded here, so this runs the extension tests in code-server
// (same VS Code, Node extension host) under headless chromium, and exits with the tests' code:
// 0 passed, 1 failed (or page crash/error, code-server or the extension host gone before the tests reported
// completion), 124 timeout, 130/143 interrupted.
//
// Accepts what test-electron passes: an optional positional workspace, --extensionDevelopmentPath=,
// --extensionTestsPath=; Electron-only flags and its --user-data-dir/--extensions-dir are ignored
// (a fresh profile in a temp dir is used and removed afterwards).
//
// Env: ZL_VSCODE_TEST_TIMEOUT_MS (default 600000), ZL_VSCODE_VERBOSE=1 (relay code-server's log),
// ZL_VSCODE_SCREENSHOT=<file.png> (screenshot of the workbench at the end), CODE_SERVER, PLAYWRIGHT_CORE,
// CHROMIUM_PATH (use other installs).
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const cs = require('./code-server');
const { readResult } = require('../results');

/** The line test/integration/index.ts logs when mocha has finished. */
const COMPLETE_LINE = /^ZENLAYER_TESTS_COMPLETE passed=\d+ failed=\d+\s*$/m;
// Workbench start-up chatter and the offline gallery lookup; shown with ZL_VSCODE_VERBOSE=1.
const NOISE =
    /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions|\[Service Worker\]|ChatSessionStore:)|ENOTFOUND open-vsx\.org|vsda/;

/** @param {string[]} argv */
function parseArgs(argv) {
    /** @type {{ workspace?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} */
    const out = {};
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const m = /^--(extensionDevelopmentPath|extensionTestsPath)(?:=(.*))?$/.exec(a);
        if (m) {
            const key = /** @type {'extensionDevelopmentPath' | 'extensionTestsPath'} */ (m[1]);
            out[key] = m[2] !== undefined ? m[2] : argv[++i];
        } else if (!a.startsWith('-') && out.workspace === undefined) {
            out.workspace = a;
        }
    }
    return out;
}

/** @param {string} msg */
function note(msg) {
    process.stderr.write(`[cs-test-runner] ${msg}\n`);
}

async function main() {
    const args = parseArgs(process.argv.slice(2));
    if (!args.extensionDevelopmentPath || !args.extensionTestsPath) {
        note('usage: cs-test-runner.js [workspace] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE');
        return 2;
    }
    const timeoutMs = Number(process.env.ZL_VSCODE_TEST_TIMEOUT_MS || 600000);
    const verbose = process.env.ZL_VSCODE_VERBOSE === '1';
    const profile = cs.createProfile();
    const workspace = args.workspace || fs.mkdtempSync(path.join(profile.dir, 'ws-'));

    /** @type {import('./code-server').Server | undefined} */
    let server;
    /** @type {any} */
    let browser;
    /** @type {Promise<void> | undefined} */
    let cleaning;
    // Memoized: a signal during the normal teardown must wait for it, not exit half-way.
    const cleanup = () =>
        (cleaning ??= (async () => {
            if (browser) {
                await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
            }
            await server?.stop();
            // Twice: chromium processes hit by a Ctrl+C can still write crash-report folders just after the first pass.
            for (const delay of [0, 500]) {
                await new Promise((r) => setTimeout(r, delay));
                try {
                    profile.dispose();
                } catch (e) {
                    note(`could not remove ${profile.dir}: ${e instanceof Error ? e.message : String(e)}`);
                }
            }
        })());
    // Ctrl+C reaches us (same process group as test-electron) but not code-server (detached): take it down.
    // test-electron relays Ctrl+C as a second SIGINT: keep handling (not `once`) so it cannot kill us mid-cleanup.
    let signalled = false;
    /** @param {NodeJS.Signals} sig @param {number} code */
    const onSignal = (sig, code) => {
        if (signalled) {
            return;
        }
        signalled = true;
        note(`${sig}: stopping code-server and chromium`);
        void cleanup().finally(() => process.exit(code));
    };
    process.on('SIGINT', () => onSignal('SIGINT', 130));
    process.on('SIGTERM', () => onSignal('SIGTERM', 143));
    process.once('exit', () => {
        // Last resort if we exit without cleanup (e.g. an uncaught error): the group kill is synchronous.
        void server?.stop();
    });

    // test/integration/index.ts writes the result file (scripts/results.js) and logs COMPLETE_MARKER once mocha
    // has finished. VS Code's workbench reports exit 0 when the extension host dies mid-run, so an exit without
    // either is a crash. The file is the caller's (ZL_TESTS_RESULT_FILE, as run-integration.js sets) or our own.
    const resultFile = process.env.ZL_TESTS_RESULT_FILE || path.join(profile.dir, 'test-result.json');
    // One left by an earlier run must not vouch for this one.
    fs.rmSync(resultFile, { force: true });
    let completeLogged = false;
    /** @param {number} code @returns {number} */
    const checkCompleted = (code) => {
        const { result } = readResult(resultFile);
        if (code === 0 && !result && !completeLogged) {
            note('the extension host ended without the tests reporting completion (crashed or killed?); failing the run');
            return 1;
        }
        if (code === 0 && result && result.failed > 0) {
            note(`the tests reported ${result.failed} failure(s) but the exit code was 0; failing the run`);
            return 1;
        }
        return code;
    };

    try {
        server = await cs.startCodeServer({ profile, verbose, env: { ZL_TESTS_RESULT_FILE: resultFile } });
        const authority = await cs.remoteAuthority(server.url);
        browser = await cs.launchChromium(profile);
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

        /** @type {(code: number) => void} */
        let finish = () => undefined;
        let settled = false;
        const done = new Promise(
            (resolve) =>
                (finish = (code) => {
                    settled = true;
                    resolve(code);
                }),
        );
        // The workbench, in test mode, sends ext-host output here (printf-style args) and calls exit at the end.
        await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown[]} */ logArgs) => {
            const text = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
            if (COMPLETE_LINE.test(text)) {
                completeLogged = true;
            }
            if (!verbose && NOISE.test(text)) {
                return;
            }
            (type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : text + '\n');
        });
        await page.exposeFunction('codeAutomationExit', (/** @type {unknown} */ code) => finish(Number.isInteger(code) ? /** @type {number} */ (code) : 1));
        page.on('crash', () => {
            note('the workbench page crashed');
            finish(1);
        });
        page.on('pageerror', (/** @type {Error} */ e) => {
            if (verbose) {
                note(`page error: ${e.message}`);
            }
        });
        browser.on('disconnected', () => finish(1));
        // code-server gone before the workbench reported an exit: the tests cannot have finished.
        server.proc.once('exit', (/** @type {number | null} */ c, /** @type {string | null} */ sig) => {
            if (!settled) {
                note(`code-server exited (${c ?? sig}) before the tests finished`);
                finish(1);
            }
        });

        const url = cs.workbenchUrl(server.url, workspace, authority, {
            extensionDevelopmentPath: args.extensionDevelopmentPath,
            extensionTestsPath: args.extensionTestsPath,
        });
        if (verbose) {
            note(`opening ${url}`);
        }
        await page.goto(url);
        /** @type {NodeJS.Timeout | undefined} */
        let timer;
        const timedOut = new Promise((resolve) => {
            timer = setTimeout(() => resolve(124), timeoutMs);
        });
        const raw = /** @type {number} */ (await Promise.race([done, timedOut]));
        const code = raw === 124 ? raw : checkCompleted(raw);
        clearTimeout(timer);
        if (code === 124) {
            note(`timed out after ${timeoutMs} ms waiting for the tests to finish`);
        }
        const shot = process.env.ZL_VSCODE_SCREENSHOT;
        if (shot && code !== 124) {
            await page.screenshot({ path: shot }).catch(() => undefined);
        } else if (code === 124 || (code !== 0 && verbose)) {
            const file = path.join(os.tmpdir(), `cs-test-runner-${process.pid}.png`);
            await page.screenshot({ path: file }).then(
                () => note(`screenshot: ${file}`),
                () => undefined,
            );
        }
        if (code !== 0 && !verbose) {
            // Server-side errors (extension host failed to start, etc.) are in code-server's log.
            const tail = server
                .output()
                .split('\n')
                .filter((l) => /error/i.test(l) && !/ENOTFOUND|vsda/.test(l))
                .slice(-15);
            if (tail.length) {
                note(`code-server errors:\n${tail.join('\n')}`);
            }
        }
        return code;
    } catch (e) {
        note(`failed: ${e instanceof Error ? e.stack || e.message : String(e)}`);
        return 1;
    } finally {
        await cleanup();
    }
}

main().then(
    (code) => process.exit(code),
    (e) => {
        note(String(e));
        process.exit(1);
    },
);
