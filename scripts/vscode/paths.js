// Where the real-VS-Code test tools live. Everything is under the ignored .cache/ folder of the repo,
// never in the extension's own node_modules, so the .vsix and package.json stay free of them.
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache', 'vscode');

const CODE_SERVER_VERSION = '4.100.3';
const PLAYWRIGHT_CORE_VERSION = '1.65.1';
// code-server 4.100.3 pulls @vscode/ripgrep 1.15.11, whose postinstall looks for this exact file name.
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_VERSION = 'v13.0.0-10';

const CODE_SERVER_DIR = path.join(CACHE, 'code-server');
const PLAYWRIGHT_DIR = path.join(CACHE, 'playwright');

/** @returns {string} the code-server launcher (env CODE_SERVER wins). */
function codeServerBin() {
    return process.env.CODE_SERVER || path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
}

/** @returns {string} the playwright-core package folder (env PLAYWRIGHT_CORE wins). */
function playwrightCoreDir() {
    return process.env.PLAYWRIGHT_CORE || path.join(PLAYWRIGHT_DIR, 'node_modules', 'playwright-core');
}

/**
 * The real chromium binary. Debian's /usr/bin/chromium is a wrapper script that adds its own flags and
 * prints shell errors, so prefer the binary behind it.
 * @returns {string}
 */
function chromiumBin() {
    if (process.env.CHROMIUM_PATH) {
        return process.env.CHROMIUM_PATH;
    }
    const candidates = ['/usr/lib/chromium/chromium', '/usr/lib/chromium-browser/chromium-browser', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
    return candidates.find((c) => fs.existsSync(c)) || candidates[0];
}

/** @returns {string} the ripgrep download-cache file that @vscode/ripgrep's postinstall reuses. */
function ripgrepSeedFile() {
    return path.join(os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`, `ripgrep-${RIPGREP_VERSION}-x86_64-unknown-linux-musl.tar.gz`);
}

module.exports = {
    ROOT,
    CACHE,
    CODE_SERVER_VERSION,
    PLAYWRIGHT_CORE_VERSION,
    CODE_SERVER_DIR,
    PLAYWRIGHT_DIR,
    codeServerBin,
    playwrightCoreDir,
    chromiumBin,
    ripgrepSeedFile,
};
