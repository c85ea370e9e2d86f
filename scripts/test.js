#!/usr/bin/env node
// `npm test`: everything CI checks, in order, on a fresh clone too. Installs deps when missing/stale,
// compiles, bundles, lints, then runs the unit, real-VS-Code integration and UI e2e suites. Every suite
// runs even if an earlier one failed; each ends with `N passed, N failed`, then a summary and a total line.
// Uses only Node built-ins until `npm ci` has run.
const cp = require('child_process');
const path = require('path');
const { depsStale } = require('./deps');

const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SUMMARY_LINE = /^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

/** @typedef {{ name: string, ok: boolean, seconds: number, passed?: number, failed?: number, skipped?: number, note?: string }} Result */
/** @type {Result[]} */
const results = [];

/** @param {string} title */
function banner(title) {
    console.log(`\n==== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

/**
 * Runs a command, streaming its output, and remembers the last `N passed, N failed` line it printed.
 * @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ code: number, counts?: { passed: number, failed: number, skipped: number } }>}
 */
function runStreaming(cmd, args, env) {
    return new Promise((resolve) => {
        const child = cp.spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        /** @type {{ passed: number, failed: number, skipped: number } | undefined} */
        let counts;
        let pending = '';
        /** @param {Buffer} chunk */
        const scan = (chunk) => {
            pending += chunk.toString();
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            for (const line of lines) {
                const m = SUMMARY_LINE.exec(line.trim());
                if (m) {
                    counts = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] || 0) };
                }
            }
        };
        child.stdout.on('data', (d) => {
            process.stdout.write(d);
            scan(d);
        });
        child.stderr.on('data', (d) => process.stderr.write(d));
        // Ctrl+C goes to the whole foreground group; the children clean up after themselves.
        child.on('error', (e) => {
            console.error(`${cmd}: ${e.message}`);
            resolve({ code: 1, counts });
        });
        child.on('close', (code, signal) => {
            scan(Buffer.from('\n'));
            resolve({ code: code ?? (signal ? 1 : 0), counts });
        });
    });
}

/**
 * A build/check step (no test counts).
 * @param {string} name @param {string} cmd @param {string[]} args
 */
async function step(name, cmd, args) {
    banner(name);
    const t0 = Date.now();
    const { code } = await runStreaming(cmd, args);
    const r = { name, ok: code === 0, seconds: (Date.now() - t0) / 1000, note: code === 0 ? '' : `exit ${code}` };
    results.push(r);
    return r.ok;
}

/**
 * A test suite: its own closing line is echoed as `<name>: N passed, N failed`.
 * @param {string} name @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 */
async function suite(name, cmd, args, env) {
    banner(`${name} tests`);
    const t0 = Date.now();
    const { code, counts } = await runStreaming(cmd, args, env);
    /** @type {Result} */
    const r = { name, ok: code === 0 && !!counts && counts.failed === 0, seconds: (Date.now() - t0) / 1000 };
    if (counts) {
        Object.assign(r, counts);
    }
    if (code !== 0) {
        r.note = `exit ${code}`;
    } else if (!counts) {
        r.note = 'no closing "N passed, N failed" line';
    }
    results.push(r);
    const p = counts?.passed ?? 0;
    // A suite that died before reporting still counts as one failure, so the total never reads green.
    const f = counts ? (counts.failed || (code !== 0 ? 1 : 0)) : 1;
    console.log(`${name}: ${p} passed, ${f} failed${counts?.skipped ? `, ${counts.skipped} skipped` : ''}`);
}

async function main() {
    const started = Date.now();
    if (depsStale()) {
        if (!(await step('npm ci', NPM, ['ci', '--no-audit', '--no-fund']))) {
            console.error('npm ci failed; nothing else can run.');
            return 1;
        }
    }
    const node = process.execPath;
    await step('compile (tsc)', node, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    const bundled = await step('bundle (esbuild)', node, ['esbuild.js']);
    await step('lint (eslint)', node, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings', '0', '.']);

    await suite('unit', node, [path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--reporter', path.join(__dirname, 'mocha-summary-reporter.js')]);
    if (bundled) {
        await suite('vscode', node, [path.join(__dirname, 'vscode', 'run-integration.js'), '--no-build']);
        await suite('e2e', node, [path.join(__dirname, 'e2e', 'run.js'), '--no-build']);
    } else {
        for (const name of ['vscode', 'e2e']) {
            results.push({ name, ok: false, seconds: 0, note: 'skipped: the extension bundle did not build' });
            console.log(`${name}: 0 passed, 1 failed`);
        }
    }

    banner('summary');
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const r of results) {
        const counts = r.passed !== undefined ? `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}` : '';
        console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(18)} ${r.seconds.toFixed(1).padStart(6)} s  ${counts}${r.note ? `  (${r.note})` : ''}`);
        if (r.passed !== undefined) {
            passed += r.passed;
            skipped += r.skipped || 0;
            failed += r.failed || (r.ok ? 0 : 1);
        } else if (!r.ok) {
            failed += 1; // a failed build/lint step
        }
    }
    const ok = results.every((r) => r.ok);
    console.log(`\n${ok ? 'All checks passed' : 'Some checks FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`Total: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(1);
});
