// The results protocol of the test suites. Each suite (unit, vscode, e2e, e2e-zh-cn) writes one JSON file when
// it ends, test-results/<suite>.json:
//   { "suite": "unit", "passed": 244, "failed": 0, "skipped": 0, "durationMs": 4321,
//     "failures": [{ "title": "...", "error": "first line of the error" }],
//     "skippedTests": [{ "title": "...", "reason": "why it did not run" }],
//     "error": "why the suite could not run (only then)", "finishedAt": "2026-12-02T08:00:00.000Z" }
// and prints its own closing lines (`skipped: N` and one line per skipped test with its reason when any, then
// `N passed, N failed`) from the same numbers. A test gives its reason with test/support/skip.ts (skipBecause).
// scripts/test.js reads these files instead of the suites' output. Node built-ins only; the TypeScript suites
// (test/integration/index.ts, test/e2e/suite.ts) load this file at run time.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS_DIR = path.join(ROOT, 'test-results');
/** Enough failures to act on; a suite that fails everything must not write megabytes. */
const MAX_FAILURES = 50;
const MAX_ERROR_CHARS = 500;

/**
 * @typedef {object} SuiteResult
 * @property {string} suite
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped
 * @property {number} durationMs  the suite's own run time (tests, not the set-up around them)
 * @property {{ title: string, error: string }[]} failures
 * @property {{ title: string, reason: string }[]} [skippedTests]  the skipped tests and why (as many as `skipped`)
 * @property {string} [error]     why the suite could not run or finish
 * @property {string} [finishedAt]
 * @property {object[]} [steps]   test-results/summary.json only: scripts/test.js's table, one entry per step
 */

/** @param {string} suite @returns {string} the suite's known result file */
function resultFile(suite) {
    return path.join(RESULTS_DIR, `${suite}.json`);
}

/** @param {unknown} e @returns {string} the first line of an error, bounded */
function firstLine(e) {
    const text = e instanceof Error ? e.message : String(e);
    return text.split('\n')[0].slice(0, MAX_ERROR_CHARS);
}

/** @param {unknown} n */
function isCount(n) {
    return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/**
 * Writes a result atomically (a reader never sees half a file).
 * @param {string} file @param {Omit<SuiteResult, 'finishedAt' | 'failures'> & { failures?: SuiteResult['failures'] }} result
 */
function writeResult(file, result) {
    /** @type {SuiteResult} */
    const full = {
        ...result,
        failures: (result.failures ?? []).slice(0, MAX_FAILURES).map((f) => ({ title: f.title, error: f.error.slice(0, MAX_ERROR_CHARS) })),
        ...(result.skippedTests
            ? { skippedTests: result.skippedTests.slice(0, MAX_FAILURES).map((s) => ({ title: s.title, reason: s.reason.slice(0, MAX_ERROR_CHARS) })) }
            : {}),
        finishedAt: new Date().toISOString(),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial-${process.pid}`;
    fs.writeFileSync(partial, JSON.stringify(full, null, 2) + '\n');
    fs.renameSync(partial, file);
}

/**
 * Reads and checks a suite's result file.
 * @param {string} file @param {string} [suite] the suite it must be for
 * @returns {{ result: SuiteResult, problem?: undefined } | { result?: undefined, problem: string }}
 */
function readResult(file, suite) {
    let text;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch {
        return { problem: `no result file ${path.relative(ROOT, file)}` };
    }
    /** @type {any} */
    let parsed;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        return { problem: `unreadable result file ${path.relative(ROOT, file)}: ${firstLine(e)}` };
    }
    if (!parsed || typeof parsed !== 'object' || !['passed', 'failed', 'skipped', 'durationMs'].every((k) => isCount(parsed[k]))) {
        return { problem: `result file ${path.relative(ROOT, file)} lacks passed/failed/skipped/durationMs counts` };
    }
    if (suite !== undefined && parsed.suite !== suite) {
        return { problem: `result file ${path.relative(ROOT, file)} is for suite "${parsed.suite}", not "${suite}"` };
    }
    return { result: { failures: [], ...parsed } };
}

/**
 * A skipped test as a line of its own: its title and why.
 * @param {{ title: string, reason: string }} skipped @returns {string}
 */
function skippedLine(skipped) {
    return `  - ${skipped.title}: ${skipped.reason}`;
}

/**
 * A suite's own closing lines: `skipped: N` and each skipped test with its reason (only when some were), then the
 * `N passed, N failed` line CI counts.
 * @param {Pick<SuiteResult, 'passed' | 'failed' | 'skipped' | 'skippedTests'>} result @returns {string[]}
 */
function closingLines(result) {
    const skipped = result.skipped ? [`skipped: ${result.skipped}`, ...(result.skippedTests ?? []).map(skippedLine)] : [];
    return [...skipped, `${result.passed} passed, ${result.failed} failed`];
}

/**
 * Prints a suite's closing lines and writes its result file. A file that cannot be written is reported, and the
 * orchestrator then counts the suite as failed.
 * @param {string} file @param {Parameters<typeof writeResult>[1]} result
 */
function finishSuite(file, result) {
    for (const line of closingLines(result)) {
        console.log(line);
    }
    try {
        writeResult(file, result);
    } catch (e) {
        console.error(`could not write ${file}: ${firstLine(e)}`);
    }
}

/**
 * For a runner whose suite could not run or did not report: one failure with the reason, so the closing line and
 * the file never read green. @param {string} suite @param {string} file @param {string} why
 */
function failSuite(suite, file, why) {
    finishSuite(file, { suite, passed: 0, failed: 1, skipped: 0, durationMs: 0, error: why, failures: [{ title: suite, error: why }] });
}

/** What a skipped test without a reason of its own says (an `it.skip`, or `this.skip()` outside skipBecause). */
const NO_SKIP_REASON = 'no reason given (it.skip, describe.skip or this.skip() without skipBecause)';

/**
 * Why mocha skipped a test: the `skipReason` that test/support/skip.ts set on it or, when a hook skipped a whole
 * suite, on that suite or one around it.
 * @param {import('mocha').Runnable} test @returns {string}
 */
function skipReason(test) {
    /** @type {any} */
    let holder = test;
    while (holder) {
        if (typeof holder.skipReason === 'string') {
            return holder.skipReason;
        }
        holder = holder.parent;
    }
    return NO_SKIP_REASON;
}

/**
 * Collects a mocha run's failures and skipped tests and, when it ends, finishes the suite with mocha's own counts.
 * Register it after any reporter whose epilogue should come first.
 * @param {import('mocha').Runner} runner @param {{ suite: string, file: string }} opts
 */
function reportMocha(runner, opts) {
    /** @type {SuiteResult['failures']} */
    const failures = [];
    /** @type {NonNullable<SuiteResult['skippedTests']>} */
    const skippedTests = [];
    // Event names of Mocha.Runner.constants (EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END); hooks fail through 'fail' too.
    runner.on('fail', (/** @type {import('mocha').Runnable} */ test, /** @type {unknown} */ err) =>
        failures.push({ title: test.fullTitle(), error: firstLine(err) }),
    );
    runner.on('pending', (/** @type {import('mocha').Runnable} */ test) => skippedTests.push({ title: test.fullTitle(), reason: skipReason(test) }));
    runner.once('end', () => {
        const s = runner.stats ?? { passes: 0, failures: failures.length, pending: skippedTests.length, duration: 0 };
        finishSuite(opts.file, {
            suite: opts.suite,
            passed: s.passes,
            failed: s.failures,
            skipped: s.pending,
            durationMs: Math.round(s.duration ?? 0),
            failures,
            skippedTests,
        });
    });
}

module.exports = { RESULTS_DIR, resultFile, writeResult, readResult, closingLines, skippedLine, skipReason, finishSuite, failSuite, reportMocha, firstLine };
