#!/usr/bin/env node
// Installs a real VS Code for tests, offline-safe and idempotent: code-server (VS Code 1.100.3 server + web
// workbench) and playwright-core into .cache/vscode/, driving Debian's chromium. A second run only checks.
// See shared/reference/offline-vscode.md for why each step is needed.
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const P = require('./paths');
const { which } = require('../proc');

// fonts-wqy-zenhei: without a CJK font, Chinese image names render as boxes in the UI tests' screenshots.
// openssl: the unit suite's TLS proxy tests issue their self-signed certificate with it (skipped without it).
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep', 'build-essential', 'python3', 'pkg-config', 'fonts-wqy-zenhei', 'openssl'];

/** @param {string} msg */
function log(msg) {
    console.log(`[setup:vscode] ${msg}`);
}

/**
 * Runs a command with inherited output; throws on a non-zero exit.
 * @param {string} cmd @param {string[]} args @param {import('child_process').SpawnSyncOptions} [opts]
 */
function run(cmd, args, opts = {}) {
    const r = cp.spawnSync(cmd, args, { stdio: 'inherit', ...opts });
    if (r.error) {
        throw r.error;
    }
    if (r.status !== 0) {
        throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    }
}

/** @param {string} pkg @returns {boolean} */
function aptInstalled(pkg) {
    const r = cp.spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return r.status === 0 && /install ok installed/.test(r.stdout);
}

function ensureAptPackages() {
    const hasDpkg = cp.spawnSync('dpkg-query', ['--version']).status === 0;
    if (!hasDpkg) {
        // Not Debian/Ubuntu: we cannot check; the steps below fail with a clear message if a tool is missing.
        log(`dpkg not found; make sure these (or equivalents) are installed: ${APT_PACKAGES.join(' ')}`);
        return;
    }
    const missing = APT_PACKAGES.filter((p) => !aptInstalled(p));
    if (missing.length === 0) {
        return;
    }
    if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
        throw new Error(
            `missing system packages: ${missing.join(' ')}\n` + `  install them first:  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
        );
    }
    log(`apt-get install ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

// @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable; a cached tarball with
// Debian's rg under the exact expected name makes it say "Using cached download" instead.
function seedRipgrep() {
    const seed = P.ripgrepSeedFile();
    if (fs.existsSync(seed)) {
        return;
    }
    const rg = which('rg');
    if (!rg) {
        throw new Error('ripgrep (rg) not found on PATH; install it (Debian: apt-get install ripgrep)');
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rgseed-'));
    try {
        fs.copyFileSync(rg, path.join(tmp, 'rg'));
        fs.chmodSync(path.join(tmp, 'rg'), 0o755);
        fs.mkdirSync(path.dirname(seed), { recursive: true });
        // Written under a temp name and renamed: an interrupted tar must not leave a truncated "cached download"
        // that the next install would trust.
        const partial = `${seed}.partial-${process.pid}`;
        try {
            run('tar', ['czf', partial, '-C', tmp, 'rg']);
            fs.renameSync(partial, seed);
        } finally {
            fs.rmSync(partial, { force: true });
        }
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
    log(`seeded ripgrep cache ${seed}`);
}

/**
 * The env for a nested `npm install` in a cache folder: drop what an enclosing `npm run` sets for its own
 * package (its prefix would redirect the install into the repo itself); keep the user's npm config (cache, registry).
 * @param {Record<string, string>} extra
 */
function npmEnv(extra) {
    /** @type {NodeJS.ProcessEnv} */
    const env = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (!/^npm_(package_|lifecycle_|config_local_prefix$|config_prefix$)/i.test(k)) {
            env[k] = v;
        }
    }
    return { ...env, ...extra };
}

/**
 * Native modules (node-pty, kerberos, argon2, ...) build with node-gyp, which downloads node's headers unless
 * nodedir is set; offline that fails. If no nodedir is configured and the distro's headers are there, use them.
 * @param {string} cwd @returns {Record<string, string>}
 */
function nodedirEnv(cwd) {
    if (Object.keys(process.env).some((k) => k.toLowerCase() === 'npm_config_nodedir' && process.env[k])) {
        return {};
    }
    const r = cp.spawnSync('npm', ['config', 'get', 'nodedir'], { cwd, encoding: 'utf8', env: npmEnv({}) });
    const configured = (r.stdout || '').trim();
    if (r.status === 0 && configured && configured !== 'undefined' && configured !== 'null') {
        return {};
    }
    const prefix = path.resolve(path.dirname(process.execPath), '..');
    for (const dir of [prefix, '/usr']) {
        if (fs.existsSync(path.join(dir, 'include', 'node', 'node.h'))) {
            log(`no nodedir in the npm config; using ${dir} (${path.join(dir, 'include', 'node')}) for native builds`);
            return { npm_config_nodedir: dir };
        }
    }
    return {};
}

/**
 * npm-installs one package into its own folder under .cache/vscode, once (a marker records success).
 * @param {string} dir @param {string} spec @param {Record<string, string>} env @param {() => boolean} check
 */
function npmInstallInto(dir, spec, env, check) {
    const marker = path.join(dir, `.installed-${spec.replace(/[^\w.@-]/g, '_')}`);
    if (fs.existsSync(marker) && check()) {
        log(`${spec}: present`);
        return;
    }
    fs.mkdirSync(dir, { recursive: true });
    const pkgJson = path.join(dir, 'package.json');
    if (!fs.existsSync(pkgJson)) {
        fs.writeFileSync(
            pkgJson,
            JSON.stringify({ name: `zenlayer-test-${path.basename(dir)}`, private: true, description: 'test tool cache, not part of the extension' }, null, 2) +
                '\n',
        );
    }
    log(`npm install ${spec} into ${path.relative(P.ROOT, dir)} (first time only)`);
    const started = Date.now();
    // No --prefix: it would also make npm read <dir>/etc/npmrc as its global config instead of <node prefix>/etc/npmrc
    // (which may hold the network's cafile). cwd = dir, which has a package.json, is enough to install there.
    run('npm', ['install', '--no-audit', '--no-fund', spec], { cwd: dir, env: npmEnv({ ...nodedirEnv(dir), ...env }) });
    if (!check()) {
        throw new Error(`${spec} installed but its check failed`);
    }
    fs.writeFileSync(marker, new Date().toISOString() + '\n');
    log(`${spec}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

// Reads the installed version from code-server's package.json: running `code-server --version` would write
// ~/.config/code-server/config.yaml (with a password) and ~/.local/share/code-server into the user's HOME.
function codeServerOk() {
    if (!fs.existsSync(P.codeServerBin())) {
        return false;
    }
    const pkgDir = path.join(P.CODE_SERVER_DIR, 'node_modules', 'code-server');
    // Its postinstall's nested install of VS Code's own modules: missing when that step failed or was skipped.
    if (!fs.existsSync(path.join(pkgDir, 'lib', 'vscode', 'node_modules'))) {
        return false;
    }
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
        return pkg.version === P.CODE_SERVER_VERSION;
    } catch {
        return false;
    }
}

const CS_TEMPLATE = path.join(__dirname, 'code-server.package.json');
const CS_LOCK = path.join(__dirname, 'code-server.package-lock.json');

/**
 * Whether the committed lock is for the committed template and for P.CODE_SERVER_VERSION.
 * @param {any} template @returns {boolean}
 */
function codeServerLockMatches(template) {
    try {
        const lock = JSON.parse(fs.readFileSync(CS_LOCK, 'utf8'));
        const root = (lock.packages && lock.packages['']) || {};
        return (
            template.dependencies['code-server'] === P.CODE_SERVER_VERSION &&
            JSON.stringify(root.dependencies) === JSON.stringify(template.dependencies) &&
            lock.packages['node_modules/code-server']?.version === P.CODE_SERVER_VERSION
        );
    } catch {
        return false;
    }
}

/**
 * Installs code-server into .cache/vscode/code-server from the committed package.json template and lockfile
 * (scripts/vscode/code-server.package{,-lock}.json) with `npm ci`, so its ~215 transitive dependencies cannot
 * drift. Falls back to `npm install` (and says so) only if the lock is not for P.CODE_SERVER_VERSION.
 * The template's allowScripts is what `npm install-scripts approve code-server argon2` writes: npm 11.19 only
 * warns about unapproved install scripts, but they are needed (code-server's postinstall, argon2's build).
 * code-server's postinstall runs its own nested npm installs in lib/vscode (pinned by its npm-shrinkwrap.json);
 * those have no project package.json of ours to approve scripts in.
 * @param {Record<string, string>} env
 */
function installCodeServer(env) {
    const dir = P.CODE_SERVER_DIR;
    const spec = `code-server@${P.CODE_SERVER_VERSION}`;
    const marker = path.join(dir, `.installed-${spec}`);
    if (fs.existsSync(marker) && codeServerOk()) {
        log(`${spec}: present`);
        return;
    }
    // A half-done or older install: start from nothing (npm would not rerun code-server's postinstall otherwise).
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const template = JSON.parse(fs.readFileSync(CS_TEMPLATE, 'utf8'));
    const lockOk = codeServerLockMatches(template);
    template.dependencies['code-server'] = P.CODE_SERVER_VERSION;
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(template, null, 2) + '\n');
    const started = Date.now();
    // node-gyp's dev dir inside the install, so native builds leave nothing in $HOME/.cache/node-gyp.
    const npmOpts = { cwd: dir, env: npmEnv({ npm_config_devdir: path.join(dir, '.node-gyp'), ...nodedirEnv(dir), ...env }) };
    if (lockOk) {
        fs.copyFileSync(CS_LOCK, path.join(dir, 'package-lock.json'));
        log(`npm ci ${spec} into ${path.relative(P.ROOT, dir)} from ${path.relative(P.ROOT, CS_LOCK)} (first time only)`);
        run('npm', ['ci', '--no-audit', '--no-fund'], npmOpts);
    } else {
        log(
            `WARNING: ${path.relative(P.ROOT, CS_LOCK)} is not a lock for ${spec}; falling back to npm install, so its ` +
                `dependencies are not pinned. Commit ${path.relative(P.ROOT, path.join(dir, 'package-lock.json'))} as ` +
                `${path.relative(P.ROOT, CS_LOCK)} (with its root dependency matching) to pin them again.`,
        );
        run('npm', ['install', '--no-audit', '--no-fund'], npmOpts);
    }
    if (!codeServerOk()) {
        throw new Error(`${spec} installed but its check failed (node_modules/code-server/lib/vscode/node_modules missing?)`);
    }
    fs.writeFileSync(marker, new Date().toISOString() + '\n');
    log(`${spec}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function playwrightOk() {
    return fs.existsSync(path.join(P.playwrightCoreDir(), 'package.json'));
}

/**
 * Makes sure code-server, playwright-core and chromium are there. Env CODE_SERVER / PLAYWRIGHT_CORE /
 * CHROMIUM_PATH point at existing installs and skip the matching step.
 * @returns {{ codeServer: string, playwrightCore: string, chromium: string }}
 */
function ensureVSCode() {
    const release = acquireSetupLock();
    try {
        return ensureVSCodeLocked();
    } finally {
        release();
    }
}

const LOCK_DIR = path.join(P.CACHE, '.setup-lock');
const LOCK_WAIT_MS = 20 * 60 * 1000;

/** @param {number} ms */
function sleepSync(ms) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** @param {number} pid @returns {boolean} */
function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
    }
}

/**
 * One set-up at a time across processes: npm test runs the integration and UI suites at once, and each would
 * otherwise wipe and reinstall the same .cache/vscode/code-server under the other (CI saw argon2's build fail
 * that way). mkdir is atomic; a lock whose owner died is taken over. @returns {() => void} release
 */
function acquireSetupLock() {
    fs.mkdirSync(P.CACHE, { recursive: true });
    const deadline = Date.now() + LOCK_WAIT_MS;
    let said = false;
    for (;;) {
        try {
            fs.mkdirSync(LOCK_DIR);
            fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
            return () => fs.rmSync(LOCK_DIR, { recursive: true, force: true });
        } catch (e) {
            if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') {
                throw e;
            }
        }
        let owner = NaN;
        try {
            owner = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
        } catch {
            // Just created, pid not written yet: wait a moment.
        }
        if (Number.isInteger(owner) && owner > 0 && !processAlive(owner)) {
            log(`taking over the set-up lock of process ${owner}, which is gone`);
            fs.rmSync(LOCK_DIR, { recursive: true, force: true });
            continue;
        }
        if (Date.now() > deadline) {
            throw new Error(`another set-up (process ${owner}) still holds ${LOCK_DIR} after ${LOCK_WAIT_MS / 60000} min`);
        }
        if (!said) {
            log(`waiting for another set-up of the real VS Code (process ${owner}) to finish`);
            said = true;
        }
        sleepSync(1000);
    }
}

function ensureVSCodeLocked() {
    const started = Date.now();
    ensureAptPackages();
    if (!process.env.CODE_SERVER) {
        if (!codeServerOk()) {
            seedRipgrep();
        }
        // unsafe_perm: its postinstall refuses root without it; yes: node-pty's postinstall runs `npx node-gyp`.
        installCodeServer({ npm_config_unsafe_perm: 'true', npm_config_yes: 'true' });
    }
    if (!process.env.PLAYWRIGHT_CORE) {
        npmInstallInto(P.PLAYWRIGHT_DIR, `playwright-core@${P.PLAYWRIGHT_CORE_VERSION}`, {}, playwrightOk);
    }
    const chromium = P.chromiumBin();
    if (!fs.existsSync(chromium)) {
        throw new Error(`chromium not found at ${chromium} (install Debian's chromium or set CHROMIUM_PATH)`);
    }
    for (const [what, p] of [
        ['code-server', P.codeServerBin()],
        ['playwright-core', P.playwrightCoreDir()],
    ]) {
        if (!fs.existsSync(p)) {
            throw new Error(`${what} not found at ${p}`);
        }
    }
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { codeServer: P.codeServerBin(), playwrightCore: P.playwrightCoreDir(), chromium };
}

module.exports = { ensureVSCode, npmEnv };

if (require.main === module) {
    try {
        const r = ensureVSCode();
        log(`code-server:     ${r.codeServer}`);
        log(`playwright-core: ${r.playwrightCore}`);
        log(`chromium:        ${r.chromium}`);
    } catch (e) {
        console.error(`[setup:vscode] failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
    }
}
