#!/usr/bin/env node
// `npm run test:e2e`: build, package the .vsix, make sure the real VS Code is there, then run the UI suite
// (out/test/e2e/suite.js). `--no-build` skips tsc/esbuild (the orchestrator already built).
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { compile, bundle, ROOT } = require('../build');

const VSIX = path.join(ROOT, 'out', 'zenlayer-images.vsix');

/** @param {string} why */
function fail(why) {
    console.error(`[test:e2e] ${why}`);
    console.log('0 passed, 1 failed');
    return 1;
}

function main() {
    if (!process.argv.includes('--no-build')) {
        if (compile() !== 0) {
            console.error('[test:e2e] tsc reported errors; continuing with what was emitted');
        }
        if (bundle() !== 0) {
            return fail('the esbuild bundle failed');
        }
    }
    const suite = path.join(ROOT, 'out', 'test', 'e2e', 'suite.js');
    if (!fs.existsSync(suite)) {
        return fail(`${suite} missing; did tsc run?`);
    }
    fs.rmSync(VSIX, { force: true });
    console.log('[test:e2e] packaging the extension (npm run package)');
    const pkg = cp.spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'inherit' });
    if (pkg.status !== 0 || !fs.existsSync(VSIX)) {
        return fail(`packaging failed (exit ${pkg.status}); no ${path.relative(ROOT, VSIX)}`);
    }
    try {
        require('../vscode/setup').ensureVSCode();
    } catch (e) {
        return fail(`real VS Code setup failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const r = cp.spawnSync(process.execPath, [suite], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ZL_E2E_VSIX: VSIX } });
    return r.status ?? 1;
}

process.exit(main());
