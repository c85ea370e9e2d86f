#!/usr/bin/env node
// `npm start`: the demo. Installs deps if needed, builds, starts the API emulator (default account, demo
// credentials, a free port) and opens the extension against it in a real VS Code with credentials already
// configured: the desktop `code` when it is on PATH, otherwise code-server in a browser (the URL is printed).
// Ctrl+C stops everything it started. Node built-ins only until `npm ci` has run.
//
// Options: --code-server (even if `code` is on PATH), --port N (code-server port; default a free one),
// --smoke (code-server only: open the URL in headless chromium, wait for the images, screenshot, exit).
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { ensureDeps } = require('./deps');
const { spawnLines, which } = require('./proc');

const ROOT = path.resolve(__dirname, '..');
const DEMO_DIR = path.join(ROOT, '.cache', 'demo');
const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');
const args = process.argv.slice(2);

/** @param {string} msg */
function say(msg) {
    console.log(`[start] ${msg}`);
}

/** @param {string} flag @returns {string | undefined} */
function option(flag) {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Starts the emulator CLI on a free port; resolves with its URL once it prints `listening on …`.
 * @returns {Promise<{ url: string, proc: import('child_process').ChildProcess }>}
 */
function startEmulator() {
    const cli = path.join(ROOT, 'out', 'test', 'emulator', 'cli.js');
    if (!fs.existsSync(cli)) {
        return Promise.reject(new Error(`${cli} missing (the emulator has not been built)`));
    }
    return new Promise((resolve, reject) => {
        let ready = false;
        const { child: proc } = spawnLines(process.execPath, [cli, '--port', '0'], {
            cwd: ROOT,
            onLine: (line) => {
                process.stdout.write(`[emulator] ${line}\n`);
                const m = !ready && /listening on (http:\/\/\S+)/.exec(line);
                if (m) {
                    ready = true;
                    resolve({ url: m[1].replace(/\/$/, ''), proc });
                }
            },
        });
        proc.on('exit', (code) => {
            if (!ready) {
                reject(new Error(`the emulator exited (${code}) before listening`));
            }
        });
    });
}

/**
 * The emulator's demo accounts (its own constants, also printed for the newcomer to try Add Account), as the extension's
 * demo hook reads them: the first becomes active, the status bar switches to the other.
 */
function demoAccounts() {
    const emu = require(path.join(ROOT, 'out', 'test', 'emulator', 'index.js'));
    return emu.DEMO_ACCOUNTS.map((/** @type {{ accountId: string, accessKeyId: string, accessKeyPassword: string }} */ a) => ({
        name: String(a.accountId),
        accessKeyId: String(a.accessKeyId),
        accessKeyPassword: String(a.accessKeyPassword),
    }));
}

async function main() {
    if (ensureDeps(say) !== 0) {
        say('npm ci failed');
        return 1;
    }
    const { compile, bundle } = require('./build');
    say('building (tsc + esbuild)');
    if (compile() !== 0) {
        say('tsc reported errors; starting with what was emitted');
    }
    if (bundle() !== 0) {
        say('the extension bundle failed to build');
        return 1;
    }

    /** @type {(() => void)[]} */
    const stops = [];
    let stopping = false;
    const stopAll = () => {
        if (stopping) {
            return;
        }
        stopping = true;
        for (const stop of stops.reverse()) {
            try {
                stop();
            } catch {
                // best effort
            }
        }
    };
    /** @type {(code: number) => void} */
    let finish = () => undefined;
    const finished = new Promise((resolve) => (finish = resolve));
    // `on`, not `once`: a second Ctrl+C must not kill us before code-server (its own process group) is stopped.
    process.on('SIGINT', () => {
        say('stopping');
        finish(0);
    });
    process.on('SIGTERM', () => finish(143));
    process.once('exit', stopAll);

    try {
        const emulator = await startEmulator();
        stops.push(() => emulator.proc.kill('SIGTERM'));
        emulator.proc.on('exit', (code) => {
            if (!stopping) {
                say(`the emulator stopped (${code})`);
                finish(1);
            }
        });
        const accounts = demoAccounts();
        const settings = { 'zenlayer.endpoint': emulator.url };
        // The extension stores these into SecretStorage at activation, so the demo starts signed in.
        const demoEnv = { ZENLAYER_IMAGES_DEMO_ACCOUNTS: JSON.stringify(accounts) };
        say(
            `emulator: ${emulator.url}; the extension starts signed in to the demo accounts ${accounts.map((/** @type {{ name: string }} */ a) => a.name).join(' and ')} (switch in the status bar)`,
        );

        const code = !args.includes('--code-server') && !args.includes('--smoke') ? which('code') : undefined;
        if (code) {
            const cs = require('./vscode/code-server');
            const profile = cs.createProfile({ dir: DEMO_DIR, settings, keep: true });
            say(`opening VS Code (${code}) with a throwaway profile in ${path.relative(ROOT, DEMO_DIR)}; close its window or press Ctrl+C to stop`);
            const vscode = cp.spawn(
                code,
                [
                    '--new-window',
                    '--wait',
                    `--extensionDevelopmentPath=${ROOT}`,
                    `--user-data-dir=${profile.userDataDir}`,
                    `--extensions-dir=${profile.extensionsDir}`,
                    WORKSPACE,
                ],
                { stdio: 'inherit', env: { ...process.env, ...demoEnv }, shell: process.platform === 'win32' },
            );
            stops.push(() => vscode.kill('SIGTERM'));
            vscode.on('exit', () => finish(0));
        } else {
            require('./vscode/setup').ensureVSCode();
            const cs = require('./vscode/code-server');
            const profile = cs.createProfile({ dir: DEMO_DIR, settings, keep: true });
            const port = Number(option('--port') ?? process.env.PORT ?? 0);
            const server = await cs.startCodeServer({ profile, env: demoEnv, port });
            stops.push(() => void server.stop());
            server.proc.on('exit', (c) => {
                if (!stopping) {
                    say(`code-server stopped (${c})`);
                    finish(1);
                }
            });
            const url = cs.workbenchUrl(server.url, WORKSPACE, await cs.remoteAuthority(server.url), { extensionDevelopmentPath: ROOT });
            console.log('');
            say('VS Code (code-server) with the extension is running. Open this URL in a browser:');
            console.log(`\n    ${url}\n`);
            say('then click the "Zenlayer" icon in the activity bar. Press Ctrl+C to stop everything.');
            if (args.includes('--smoke')) {
                finish(await smoke(cs, profile, url));
            }
        }
        return await finished;
    } catch (e) {
        say(`failed: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
    } finally {
        stopAll();
    }
}

/**
 * Checks the demo as a newcomer would see it: the images show without configuring anything.
 * @param {any} cs @param {any} profile @param {string} url @returns {Promise<number>}
 */
async function smoke(cs, profile, url) {
    const shot = path.join(ROOT, 'test-results', 'demo.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    const browser = await cs.launchChromium(profile);
    try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(url);
        const tab = page
            .locator('.part.activitybar')
            .getByRole('tab', { name: /^Zenlayer\b/ })
            .first();
        await tab.waitFor({ timeout: 90000 });
        if ((await tab.getAttribute('aria-selected')) !== 'true') {
            await tab.click();
        }
        const item = page.locator('.part.sidebar').getByRole('treeitem').filter({ hasText: 'web-frontend-2026-11' }).first();
        const ok = await item.waitFor({ timeout: 60000 }).then(
            () => true,
            () => false,
        );
        await page.screenshot({ path: shot });
        say(`smoke: ${ok ? 'images visible' : 'images NOT visible'}; screenshot ${path.relative(ROOT, shot)}`);
        return ok ? 0 : 1;
    } finally {
        await browser.close();
    }
}

main().then(
    (code) => process.exit(code),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
