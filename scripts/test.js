#!/usr/bin/env node
// `npm test`: everything CI checks, in order, on a fresh clone too. Installs deps when missing/stale,
// compiles, bundles, lints, sets up the real VS Code, runs the unit suite, packages the .vsix, then runs the real-VS-Code integration suite
// and, at the same time, the UI e2e suite twice (English, then Chinese workbench); their output still appears one
// suite after the other. Every suite runs even if an earlier one failed.
// Results: each suite writes test-results/<suite>.json (scripts/results.js) and prints its own closing
// `N passed, N failed` line; this reads the files, not the output. A suite is OK only if it exited 0, wrote its
// file, failed none and passed > 0. For CI's line counting, the only `N passed, N failed` lines are the suites'
// own and, as the very last line, the grand total; the echoes and the summary table here use other words
// (`ok` / `not ok`, column headers). Skipped tests are reported on separate `skipped: N` lines, each skipped test
// with its reason below. The whole table is
// also written to test-results/summary.json. Uses only Node built-ins until `npm ci` has run.
const fs = require('fs');
const path = require('path');
const { depsStale } = require('./deps');
const { exitCode, relayLines, spawnLines } = require('./proc');
const { RESULTS_DIR, readResult, resultFile, skippedLine, writeResult } = require('./results');

const ROOT = path.resolve(__dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @typedef {{ name: string, ok: boolean, seconds: number, passed?: number, failed?: number, skipped?: number, skippedTests?: { title: string, reason: string }[], failures?: { title: string, error: string }[], note?: string }} Result */
/** @type {Result[]} */
const results = [];

/** @param {string} title */
function banner(title) {
    console.log(`\n==== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

/** @typedef {(line: string, stream: 'stdout' | 'stderr') => void} LineSink */

/**
 * Runs a command from the repository root, handing its output line by line to `sink` (default: relayed as it
 * comes). @param {string} cmd @param {string[]} args @param {LineSink} [sink] @returns {Promise<number>} its exit code
 */
async function run(cmd, args, sink = relayLines()) {
    // Ctrl+C goes to the whole foreground group; the children clean up after themselves.
    const exit = await spawnLines(cmd, args, { cwd: ROOT, onLine: sink }).exited;
    if (exit.error) {
        sink(`${cmd}: ${exit.error.message}`, 'stderr');
    }
    return exitCode(exit);
}

/**
 * A build/check step (no test counts).
 * @param {string} name @param {string} cmd @param {string[]} args
 */
async function step(name, cmd, args) {
    banner(name);
    const t0 = Date.now();
    const code = await run(cmd, args);
    const r = { name, ok: code === 0, seconds: (Date.now() - t0) / 1000, note: code === 0 ? '' : `exit ${code}` };
    results.push(r);
    return r.ok;
}

/** @typedef {{ name: string, cmd: string, args: string[] }} Suite */

/**
 * Runs a test suite, its output relayed live or (`buffered`) kept for later. @param {Suite} suite @param {boolean} buffered
 * @returns {Promise<{ suite: Suite, code: number, seconds: number, output: [string, 'stdout' | 'stderr'][] }>}
 */
async function runSuite(suite, buffered) {
    // A file from an earlier run must not stand in for this one.
    fs.rmSync(resultFile(suite.name), { force: true });
    /** @type {[string, 'stdout' | 'stderr'][]} */
    const output = [];
    const t0 = Date.now();
    const code = await run(suite.cmd, suite.args, buffered ? (line, stream) => output.push([line, stream]) : relayLines());
    return { suite, code, seconds: (Date.now() - t0) / 1000, output };
}

/**
 * A finished suite: its result file read and echoed as `<name>: N ok / N not ok` (not in the `passed, failed` form,
 * so CI counts each suite once). @param {string} name @param {number} code @param {number} seconds
 */
function reportSuite(name, code, seconds) {
    const { result, problem } = readResult(resultFile(name), name);
    const notes = [];
    if (code !== 0) {
        notes.push(`exit ${code}`);
    }
    if (problem) {
        notes.push(problem);
    } else if (result.error) {
        notes.push(result.error);
    } else if (result.passed === 0) {
        // A suite that ran no test is not a pass (a broken glob, a filter left in, a runner that never started them).
        notes.push('no test passed');
    }
    const ok = code === 0 && !!result && result.failed === 0 && result.passed > 0;
    // A suite that died or failed without a failure in its count still adds one, so the total never reads green.
    const passed = result?.passed ?? 0;
    const failed = (result?.failed ?? 0) || (ok ? 0 : 1);
    const skipped = result?.skipped ?? 0;
    const skippedTests = result?.skippedTests ?? [];
    const failures = result?.failures ?? [];
    /** @type {Result} */
    const r = { name, ok, seconds, passed, failed, skipped, skippedTests, failures, note: notes.join('; ') };
    results.push(r);
    console.log(`${name}: ${passed} ok / ${failed} not ok${skipped ? ` / ${skipped} skipped` : ''}${ok ? '' : `  (FAILED${r.note ? `: ${r.note}` : ''})`}`);
    // Which tests did not run and why, again beside the counts (the suite's own output may be far above).
    skippedTests.forEach((skippedTest) => console.log(skippedLine(skippedTest)));
    failures.forEach((failure) => console.log(failedLine(failure)));
}

/**
 * A failed test as a line of its own: its title and the first line of its error. CI keeps only the tail of the
 * output, so the summary repeats these. @param {{ title: string, error: string }} failure @returns {string}
 */
function failedLine(failure) {
    return `  ✗ ${failure.title}: ${failure.error}`;
}

/**
 * Runs lanes of suites at the same time (the suites of one lane one after another) and reports them in order, as
 * if they had run one by one: the first lane's output is relayed live, the others' once it is their turn. The
 * real-VS-Code suites spend most of their time waiting (workbench start-up, the emulator's delete delays), so two
 * lanes finish in about the time of the longer one.
 * @param {Suite[][]} lanes
 */
async function runLanes(lanes) {
    const finished = lanes.map((lane, i) =>
        (async () => {
            const done = [];
            for (const suite of lane) {
                done.push(await runSuite(suite, i > 0));
            }
            return done;
        })(),
    );
    for (const [i, lane] of lanes.entries()) {
        if (i === 0 && lane.length > 0) {
            banner(`${lane[0].name} tests`);
        }
        const done = await finished[i];
        for (const [j, { suite, code, seconds, output }] of done.entries()) {
            if (i > 0 || j > 0) {
                banner(`${suite.name} tests`);
            }
            for (const [line, stream] of output) {
                process[stream].write(`${line}\n`);
            }
            reportSuite(suite.name, code, seconds);
        }
    }
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
    // From an empty out/: a test whose source was deleted or renamed would otherwise still run from its old .js.
    fs.rmSync(path.join(ROOT, 'out'), { recursive: true, force: true });
    await step('compile (tsc)', node, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    const bundled = await step('bundle (esbuild)', node, ['esbuild.js']);
    await step('lint (eslint)', node, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings', '0', '.']);

    // The real VS Code is set up once, before the suites: its system packages include openssl, which the unit suite's
    // TLS proxy tests need (without it they are skipped), and the lanes below share it. A failure here still lets
    // each suite run and report its own set-up error.
    await step('set up VS Code', node, [path.join(__dirname, 'vscode', 'setup.js')]);
    // The unit suite's reporter (scripts/mocha-summary-reporter.js) comes from .mocharc.json.
    await runLanes([[{ name: 'unit', cmd: node, args: [path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js')] }]]);
    // The UI suites install the .vsix: packaging is a check of its own (vsce's warnings show here). Its prepublish
    // step minifies dist/extension.js; the integration suite runs the development bundle, so that is built again.
    const packaged = bundled && (await step('package (vsce)', NPM, ['run', '--silent', 'package'])) && (await step('rebundle (esbuild)', node, ['esbuild.js']));
    const e2e = path.join(__dirname, 'e2e', 'run.js');
    const vscodeSuite = { name: 'vscode', cmd: node, args: [path.join(__dirname, 'vscode', 'run-integration.js'), '--no-build'] };
    const uiSuites = ['en', 'zh-cn'].map((locale) => ({
        name: locale === 'en' ? 'e2e' : `e2e-${locale}`,
        cmd: node,
        args: [e2e, '--no-build', '--no-package', '--locale', locale],
    }));
    if (packaged) {
        await runLanes([[vscodeSuite], uiSuites]);
    } else {
        const why = bundled ? 'not run: the .vsix did not package' : 'not run: the extension bundle did not build';
        if (bundled) {
            await runLanes([[vscodeSuite]]);
        }
        for (const { name } of bundled ? uiSuites : [vscodeSuite, ...uiSuites]) {
            results.push({ name, ok: false, seconds: 0, passed: 0, failed: 1, note: why });
            console.log(`${name}: ${why.replace(/^not run: /, 'not run (')})`);
        }
    }

    banner('summary');
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    // Columns with headers and bare numbers: no row reads as an `N passed, N failed` line.
    const row = (/** @type {string[]} */ c) =>
        console.log(
            `${c[0].padEnd(6)} ${c[1].padEnd(18)} ${c[2].padStart(7)} ${c[3].padStart(6)} ${c[4].padStart(6)} ${c[5].padStart(7)}${c[6] ? `  ${c[6]}` : ''}`,
        );
    row(['result', 'step', 'seconds', 'passed', 'failed', 'skipped']);
    for (const r of results) {
        const n = (/** @type {number | undefined} */ v) => (v === undefined ? '-' : String(v));
        row([
            r.ok ? 'PASS' : 'FAIL',
            r.name,
            r.seconds.toFixed(1),
            n(r.passed),
            n(r.failed),
            n(r.passed === undefined ? undefined : (r.skipped ?? 0)),
            r.note ? `(${r.note})` : '',
        ]);
        if (r.passed !== undefined) {
            passed += r.passed;
            skipped += r.skipped || 0;
            failed += r.failed || (r.ok ? 0 : 1);
        } else if (!r.ok) {
            failed += 1; // a failed build/lint step
        }
    }
    const ok = results.every((r) => r.ok);
    const seconds = (Date.now() - started) / 1000;
    try {
        writeResult(path.join(RESULTS_DIR, 'summary.json'), { suite: 'all', passed, failed, skipped, durationMs: Math.round(seconds * 1000), steps: results });
    } catch (e) {
        console.error(`could not write the summary: ${e instanceof Error ? e.message : String(e)}`);
    }
    const failures = results.flatMap((r) => (r.failures ?? []).map((f) => ({ title: `${r.name}: ${f.title}`, error: f.error })));
    if (failures.length > 0) {
        console.log('\ntests that failed:');
        failures.forEach((failure) => console.log(failedLine(failure)));
    }
    console.log(`\n${ok ? 'All checks passed' : 'Some checks FAILED'} in ${seconds.toFixed(0)} s`);
    console.log(`skipped: ${skipped}`);
    // The grand total, always the very last line.
    console.log(`${passed} passed, ${failed} failed`);
    return ok ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
