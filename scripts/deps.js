// Installs the project's npm dependencies when node_modules is missing or older than package-lock.json,
// so `npm test` and `npm start` work on a fresh clone. Node built-ins only: it runs before any install.
const cp = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

/** @returns {boolean} node_modules missing, or older than the lock file (npm ci rewrites node_modules/.package-lock.json). */
function depsStale() {
    const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
    const lock = path.join(ROOT, 'package-lock.json');
    if (!fs.existsSync(marker)) {
        return true;
    }
    return fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs;
}

/**
 * Runs `npm ci` if needed. @param {(line: string) => void} [say]
 * @returns {number} 0 when the dependencies are in place
 */
function ensureDeps(say = console.log) {
    if (!depsStale()) {
        return 0;
    }
    say('installing dependencies (npm ci)');
    const r = cp.spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
    return r.status ?? 1;
}

module.exports = { depsStale, ensureDeps };
