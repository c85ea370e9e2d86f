#!/usr/bin/env node
// `npm test`: everything CI checks, in order, on a fresh clone too. Installs deps when missing/stale,
// compiles, bundles, lints, then runs the unit, real-VS-Code integration and UI e2e suites. Every suite
// runs even if an earlier one failed. For CI's line counting, the only `N passed, N failed` lines are each
// suite's own closing line (printed by the suite) and, as the very last line, the grand total; the echoes and
// the summary table here use other words (`ok` / `not ok`, column headers). Skipped tests are reported on
// separate `skipped: N` lines. A suite is OK only if it exited 0, reported its line, failed none and passed > 0.
// Uses only Node built-ins until `npm ci` has run.
const cp = require('child_process');
const path = require('path');
const { depsStale } = require('./deps');

const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** A suite's closing line. */
const SUMMARY_LINE = /^(\d+) passed, (\d+) failed\s*$/;
/** A suite's optional count of skipped (pending) tests, on its own line. */
const SKIPPED_LINE = /^skipped: (\d+)\s*$/;

/** @typedef {{ name: string, ok: boolean, seconds: number, passed?: number, failed?: number, skipped?: number, note?: string }} Result */
/** @type {Result[]} */
const results = [];

/** @param {string} title */
function banner(title) {
    console.log(`\n==== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

/**
 * Runs a command, streaming its output, and remembers the last `N passed, N failed` line it printed (and how
 * many it printed) and its `skipped: N` line.
 * @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ code: number, counts?: { passed: number, failed: number, skipped: number }, lines: number }>}
 */
function runStreaming(cmd, args, env) {
    return new Promise((resolve) => {
        const child = cp.spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        /** @type {{ passed: number, failed: number, skipped: number } | undefined} */
        let counts;
        let lines = 0;
        let skipped = 0;
        let pending = '';
        /** @param {Buffer} chunk */
        const scan = (chunk) => {
            pending += chunk.toString();
            const all = pending.split('\n');
            pending = all.pop() ?? '';
            for (const line of all) {
                const m = SUMMARY_LINE.exec(line.trim());
                if (m) {
                    lines++;
                    counts = { passed: Number(m[1]), failed: Number(m[2]), skipped };
                }
                const k = SKIPPED_LINE.exec(line.trim());
                if (k) {
                    skipped = Number(k[1]);
                    if (counts) {
                        counts.skipped = skipped;
                    }
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
            resolve({ code: 1, counts, lines });
        });
        child.on('close', (code, signal) => {
            scan(Buffer.from('\n'));
            resolve({ code: code ?? (signal ? 1 : 0), counts, lines });
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
 * A test suite: its own closing line is echoed as `<name>: N ok / N not ok` (not in the `passed, failed` form,
 * so CI counts each suite once).
 * @param {string} name @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 */
async function suite(name, cmd, args, env) {
    banner(`${name} tests`);
    const t0 = Date.now();
    const { code, counts, lines } = await runStreaming(cmd, args, env);
    // A suite that ran no test is not a pass (a broken glob, a filter left in, a runner that never started them).
    /** @type {Result} */
    const r = { name, ok: code === 0 && !!counts && counts.failed === 0 && counts.passed > 0, seconds: (Date.now() - t0) / 1000 };
    const notes = [];
    if (code !== 0) {
        notes.push(`exit ${code}`);
    }
    if (!counts) {
        notes.push('no closing "N passed, N failed" line');
    } else if (counts.passed === 0) {
        notes.push('no test passed');
    }
    if (lines > 1) {
        notes.push(`${lines} closing lines; the last one counts`);
    }
    // A suite that died or failed without a failure in its count still adds one, so the total never reads green.
    const passed = counts?.passed ?? 0;
    const failed = (counts?.failed ?? 0) || (r.ok ? 0 : 1);
    Object.assign(r, { passed, failed, skipped: counts?.skipped ?? 0 });
    r.note = notes.join('; ');
    results.push(r);
    console.log(`${name}: ${passed} ok / ${failed} not ok${r.skipped ? ` / ${r.skipped} skipped` : ''}${r.ok ? '' : `  (FAILED${r.note ? `: ${r.note}` : ''})`}`);
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
            results.push({ name, ok: false, seconds: 0, passed: 0, failed: 1, note: 'not run: the extension bundle did not build' });
            console.log(`${name}: not run (the extension bundle did not build)`);
        }
    }

    banner('summary');
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    // Columns with headers and bare numbers: no row reads as an `N passed, N failed` line.
    const row = (/** @type {string[]} */ c) => console.log(`${c[0].padEnd(6)} ${c[1].padEnd(18)} ${c[2].padStart(7)} ${c[3].padStart(6)} ${c[4].padStart(6)} ${c[5].padStart(7)}${c[6] ? `  ${c[6]}` : ''}`);
    row(['result', 'step', 'seconds', 'passed', 'failed', 'skipped']);
    for (const r of results) {
        const n = (/** @type {number | undefined} */ v) => (v === undefined ? '-' : String(v));
        row([r.ok ? 'PASS' : 'FAIL', r.name, r.seconds.toFixed(1), n(r.passed), n(r.failed), n(r.passed === undefined ? undefined : r.skipped ?? 0), r.note ? `(${r.note})` : '']);
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
    console.log(`skipped: ${skipped}`);
    // The grand total, always the very last line.
    console.log(`${passed} passed, ${failed} failed`);
    return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(1);
});
