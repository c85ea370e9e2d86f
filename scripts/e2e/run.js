#!/usr/bin/env node
// `npm run test:e2e`: build, package the .vsix, make sure the real VS Code is there, then run the UI suite
// (out/test/e2e/suite.js) with an overall limit (ZL_E2E_RUN_TIMEOUT_MS, default 20 min). `--no-build` skips
// tsc/esbuild (the orchestrator already built).
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const { compile, bundle, ROOT } = require('../build');

const VSIX = path.join(ROOT, 'out', 'zenlayer-images.vsix');
/** The suite's closing line (the only such line it prints). */
const SUMMARY_LINE = /^\d+ passed, \d+ failed\s*$/;

/** @param {string} why */
function fail(why) {
    console.error(`[test:e2e] ${why}`);
    console.log('0 passed, 1 failed');
    return 1;
}

/** @returns {Promise<number> | number} */
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
    return runSuite(suite);
}

/**
 * Runs the suite in its own process group with an overall time limit. On timeout (or Ctrl+C/SIGTERM here) the
 * suite gets SIGTERM first (its handler stops code-server and chromium and removes the profile), then the
 * group gets SIGKILL. If the suite ends without its closing `N passed, N failed` line, one is printed for it.
 * @param {string} suite @returns {Promise<number>}
 */
function runSuite(suite) {
    const limitMs = Number(process.env.ZL_E2E_RUN_TIMEOUT_MS || 20 * 60 * 1000);
    const child = cp.spawn(process.execPath, [suite], {
        cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ZL_E2E_VSIX: VSIX },
    });
    let sawSummary = false;
    let pending = '';
    child.stdout.on('data', (/** @type {Buffer} */ d) => {
        process.stdout.write(d);
        pending += d.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        if (lines.some((l) => SUMMARY_LINE.test(l.trim()))) {
            sawSummary = true;
        }
    });
    /** @param {NodeJS.Signals} sig */
    const group = (sig) => {
        try {
            if (child.pid !== undefined) {
                process.kill(-child.pid, sig);
            }
        } catch {
            // already gone
        }
    };
    /** @type {NodeJS.Timeout | undefined} */
    let killTimer;
    /** @param {string} why */
    const stop = (why) => {
        if (killTimer) {
            return;
        }
        console.error(`[test:e2e] ${why}; stopping the suite`);
        group('SIGTERM');
        killTimer = setTimeout(() => group('SIGKILL'), 15000);
    };
    const limit = setTimeout(() => stop(`the suite did not finish within ${Math.round(limitMs / 1000)} s`), limitMs);
    // The suite is in its own process group, so a Ctrl+C on the terminal does not reach it: relay it.
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    return new Promise((resolve) => {
        child.on('close', (code, signal) => {
            clearTimeout(limit);
            clearTimeout(killTimer);
            process.off('SIGINT', onInt);
            process.off('SIGTERM', onTerm);
            // Whatever the suite left in its group (it was SIGKILLed, say) goes too.
            group('SIGKILL');
            if (SUMMARY_LINE.test(pending.trim())) {
                sawSummary = true;
            }
            const rc = killTimer ? (code || 124) : Number.isInteger(code) ? /** @type {number} */ (code) : 1;
            if (!sawSummary) {
                console.error(`[test:e2e] the suite ended (${code ?? signal}) without reporting its results`);
                console.log('0 passed, 1 failed');
            }
            resolve(rc === 0 && !sawSummary ? 1 : rc);
        });
        child.on('error', (e) => {
            clearTimeout(limit);
            console.error(`[test:e2e] ${e.message}`);
            console.log('0 passed, 1 failed');
            resolve(1);
        });
    });
}

main().then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(1);
});
