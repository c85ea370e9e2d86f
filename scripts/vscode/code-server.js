// Shared pieces for driving code-server (a real VS Code 1.100.3: Node extension host + web workbench)
// under headless chromium: throwaway profiles, server start/stop, chromium launch, payload URLs.
// Used by the test-electron shim (cs-test-runner.js), the e2e suite and the demo.
const cp = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const P = require('./paths');
const { spawnLines, stopGroup } = require('../proc');

/** Settings that keep a test/demo workbench quiet and deterministic. */
const BASE_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

/**
 * @typedef {object} Profile
 * @property {string} dir            root of the profile (removed by dispose unless `keep`)
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {string} configFile     code-server --config (keeps ~/.config/code-server untouched)
 * @property {string} tmp          TMPDIR for code-server and chromium (inside dir)
 * @property {NodeJS.ProcessEnv} env XDG_* and TMPDIR pointing inside dir, so nothing lands in $HOME or the system temp dir
 * @property {() => void} dispose
 */

/**
 * Creates a fresh profile folder. `dir` given: that folder is emptied and reused (demo); otherwise a temp dir.
 * `locale` (e.g. `zh-cn`): the extension runs in that display language (the workbench's own texts stay English; see writeLocale).
 * @param {{ dir?: string, settings?: Record<string, unknown>, keep?: boolean, locale?: string }} [opts]
 * @returns {Profile}
 */
function createProfile(opts = {}) {
    let dir;
    if (opts.dir) {
        fs.rmSync(opts.dir, { recursive: true, force: true });
        fs.mkdirSync(opts.dir, { recursive: true });
        dir = opts.dir;
    } else {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-cs-'));
    }
    const userDataDir = path.join(dir, 'user-data');
    const extensionsDir = path.join(dir, 'extensions');
    const xdg = path.join(dir, 'xdg');
    const tmp = path.join(dir, 'tmp');
    for (const d of [path.join(userDataDir, 'User'), extensionsDir, path.join(xdg, 'config'), path.join(xdg, 'data'), path.join(xdg, 'cache'), tmp]) {
        fs.mkdirSync(d, { recursive: true });
    }
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...(opts.settings || {}) }, null, 4) + '\n');
    if (opts.locale && opts.locale !== 'en') {
        writeLocale(dir, userDataDir, opts.locale);
    }
    const configFile = path.join(dir, 'config.yaml');
    fs.writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
    const env = {
        XDG_CONFIG_HOME: path.join(xdg, 'config'),
        XDG_DATA_HOME: path.join(xdg, 'data'),
        XDG_CACHE_HOME: path.join(xdg, 'cache'),
        // code-server leaves vscode-ipc-*.sock and vscode-typescript* in TMPDIR, a killed chromium its
        // org.chromium.Chromium.* folders: keep them inside the profile so dispose() removes them.
        TMPDIR: tmp,
    };
    const keep = !!opts.keep;
    return {
        dir,
        userDataDir,
        extensionsDir,
        configFile,
        tmp,
        env,
        dispose: () => {
            if (!keep) {
                // Retries: a just-killed chromium or server may still be writing (ENOTEMPTY).
                fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
            }
        },
    };
}

/**
 * Switches a profile to another display language offline. code-server resolves the language from argv.json's
 * `locale` and then looks it up in languagepacks.json, the cache VS Code writes when a language pack is installed
 * (installing a pack by --install-extension does not write it before the first window picks its language).
 * A cache entry whose pack has no core translations is enough: the workbench's own texts stay English, but the
 * extension host runs in that language, so the extension's package.nls.<locale>.json and
 * l10n/bundle.l10n.<locale>.json are what a user of that language sees.
 * @param {string} dir @param {string} userDataDir @param {string} locale
 */
function writeLocale(dir, userDataDir, locale) {
    const translations = path.join(dir, 'language-pack', 'main.i18n.json');
    fs.mkdirSync(path.dirname(translations), { recursive: true });
    fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }) + '\n');
    const pack = {
        hash: `stub-${locale}`,
        label: locale,
        extensions: [{ extensionIdentifier: { id: `local.language-pack-${locale}` }, version: '0.0.1' }],
        translations: { vscode: translations },
    };
    fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }, null, 4) + '\n');
    fs.writeFileSync(path.join(userDataDir, 'User', 'argv.json'), JSON.stringify({ locale }, null, 4) + '\n');
}

/**
 * Env for code-server: the caller's env (minus npm's per-script variables) plus the profile's XDG dirs.
 * @param {Profile} profile @param {NodeJS.ProcessEnv} [extra]
 */
function serverEnv(profile, extra = {}) {
    /** @type {NodeJS.ProcessEnv} */
    const env = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (!/^npm_/i.test(k)) {
            env[k] = v;
        }
    }
    return { ...env, ...profile.env, ...extra };
}

/** @param {Profile} profile @returns {string[]} */
function commonArgs(profile) {
    return ['--config', profile.configFile, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/**
 * Installs a .vsix into the profile (code-server --install-extension), synchronously.
 * @param {Profile} profile @param {string} vsix
 */
function installExtension(profile, vsix) {
    const r = cp.spawnSync(P.codeServerBin(), [...commonArgs(profile), '--install-extension', vsix], { env: serverEnv(profile), encoding: 'utf8' });
    if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
        throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    }
}

/**
 * @typedef {object} Server
 * @property {string} url   e.g. http://127.0.0.1:41234
 * @property {number} port
 * @property {import('child_process').ChildProcess} proc
 * @property {() => string} output  what code-server printed so far (the last ~200 lines)
 * @property {() => Promise<void>} stop  kills code-server's whole process group (ext host, watchers, pty host)
 */

/**
 * Starts code-server on a free loopback port in its own process group and waits until it listens.
 * @param {{ profile: Profile, env?: NodeJS.ProcessEnv, port?: number, verbose?: boolean, timeoutMs?: number }} opts
 * @returns {Promise<Server>}
 */
function startCodeServer(opts) {
    const bin = P.codeServerBin();
    if (!fs.existsSync(bin)) {
        return Promise.reject(new Error(`code-server not found at ${bin}; run \`npm run setup:vscode\` first`));
    }
    const args = [
        ...commonArgs(opts.profile),
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${opts.port ?? 0}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
    ];
    /** @type {string[]} */
    const lines = [];
    let ready = false;
    /** @type {(server: Server) => void} */
    let onReady = () => undefined;
    // detached = own process group, so stop() can take down every child in one kill.
    const { child: proc } = spawnLines(bin, args, {
        env: serverEnv(opts.profile, opts.env),
        detached: true,
        onLine: (line) => {
            if (!line) {
                return;
            }
            lines.push(line);
            if (lines.length > 200) {
                lines.shift();
            }
            if (opts.verbose) {
                process.stderr.write(`[code-server] ${line}\n`);
            }
            const m = !ready && /HTTP server listening on (http:\/\/[^\s/]+)/.exec(line);
            if (m) {
                ready = true;
                const url = m[1];
                onReady({ url, port: Number(new URL(url).port), proc, output: () => lines.join('\n'), stop });
            }
        },
    });
    // The group kill is sent synchronously (so it also works from an 'exit' handler); the promise resolves once
    // code-server has gone, so callers can remove its profile without racing its last writes.
    const stop = () => stopGroup(proc, { graceMs: 3000 });
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            void stop();
            reject(new Error(`code-server did not start within ${opts.timeoutMs ?? 60000} ms:\n${lines.join('\n')}`));
        }, opts.timeoutMs ?? 60000);
        onReady = (server) => {
            clearTimeout(timer);
            resolve(server);
        };
        // 'exit', not the end of its output: descendants holding the pipes open must not delay this.
        proc.once('exit', (code, signal) => {
            if (!ready) {
                clearTimeout(timer);
                reject(new Error(`code-server exited early (${code ?? signal}):\n${lines.join('\n')}`));
            }
        });
        proc.once('error', (e) => {
            clearTimeout(timer);
            reject(e);
        });
    });
}

/**
 * Reads the workbench's remote authority from its HTML (the literal `remote` in code-server 4.100.3).
 * Payload URIs must use it: vscode-remote://<authority>/abs/path.
 * @param {string} url @param {number} [timeoutMs] for the whole request (default 15 s) @returns {Promise<string>}
 */
function remoteAuthority(url, timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
        const req = http.get(url + '/', (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d) => (body += d));
            res.on('end', () => {
                const m = /remoteAuthority&quot;:&quot;([^&]+)&quot;/.exec(body) || /"remoteAuthority":"([^"]+)"/.exec(body);
                if (m) {
                    resolve(m[1]);
                } else {
                    reject(new Error(`no remoteAuthority in the workbench page of ${url} (HTTP ${res.statusCode})`));
                }
            });
        });
        req.on('error', reject);
        // A server that accepts but never answers must not hang the run.
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url}/ within ${timeoutMs} ms`)));
    });
}

/**
 * The workbench URL for a folder, optionally with launch payload entries (extensionDevelopmentPath, ...).
 * @param {string} url @param {string} folder @param {string} authority
 * @param {{ extensionDevelopmentPath?: string, extensionTestsPath?: string }} [payload]
 */
function workbenchUrl(url, folder, authority, payload = {}) {
    /** @type {[string, string][]} */
    const entries = [];
    const toRemote = (/** @type {string} */ p) => `vscode-remote://${authority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
    if (payload.extensionDevelopmentPath) {
        entries.push(['extensionDevelopmentPath', toRemote(payload.extensionDevelopmentPath)]);
    }
    if (payload.extensionTestsPath) {
        entries.push(['extensionTestsPath', toRemote(payload.extensionTestsPath)]);
    }
    let u = `${url}/?folder=${encodeURIComponent(path.resolve(folder))}`;
    if (entries.length) {
        entries.push(['skipWelcome', 'true']);
        u += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
    }
    return u;
}

/**
 * Loads playwright-core from the cache folder (it is not a dependency of the extension).
 * @returns {any}
 */
function loadPlaywright() {
    const dir = P.playwrightCoreDir();
    if (!fs.existsSync(dir)) {
        throw new Error(`playwright-core not found at ${dir}; run \`npm run setup:vscode\` first`);
    }
    return require(dir);
}

/** Flags for headless chromium as root in a container. */
const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-crash-reporter',
    '--disable-breakpad',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
];

/**
 * Launches headless chromium through playwright-core; XDG env keeps chromium's crash/dconf dirs out of $HOME.
 * @param {Profile} profile @returns {Promise<any>} a playwright Browser
 */
function launchChromium(profile) {
    const chromium = P.chromiumBin();
    if (!fs.existsSync(chromium)) {
        throw new Error(`chromium not found at ${chromium}; run \`npm run setup:vscode\` or set CHROMIUM_PATH`);
    }
    const pw = loadPlaywright();
    // Playwright makes its own temp folders (playwright_chromiumdev_profile-*, playwright-artifacts-*) with
    // os.tmpdir() of this process while launching; point that into the profile too, so a killed run leaves
    // nothing behind in the system temp dir. (os.tmpdir() reads TMPDIR on every call.)
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = profile.tmp;
    const restore = () => {
        if (savedTmp === undefined) {
            delete process.env.TMPDIR;
        } else {
            process.env.TMPDIR = savedTmp;
        }
    };
    // handleSIG*: false — Playwright's own handlers call process.exit(130) after closing the browser, which
    // would skip our cleanup (code-server's process group, the temp profile). Callers close the browser.
    return pw.chromium
        .launch({
            executablePath: chromium,
            headless: true,
            args: CHROMIUM_ARGS,
            env: serverEnv(profile),
            downloadsPath: path.join(profile.tmp, 'downloads'),
            handleSIGINT: false,
            handleSIGTERM: false,
            handleSIGHUP: false,
        })
        .finally(restore);
}

module.exports = {
    BASE_SETTINGS,
    createProfile,
    installExtension,
    startCodeServer,
    remoteAuthority,
    workbenchUrl,
    launchChromium,
    loadPlaywright,
};
