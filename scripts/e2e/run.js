#!/usr/bin/env node
// `npm run test:e2e`: build, package the .vsix, make sure the real VS Code is there, then run the UI suite
// (out/test/e2e/suite.js) once per workbench language: English (suite `e2e`, screenshots in test-results/e2e/)
// and Chinese (suite `e2e-zh-cn`, test-results/e2e-zh-cn/). Each run has an overall limit
// (ZL_E2E_RUN_TIMEOUT_MS, default 20 min) and writes test-results/<suite>.json (scripts/results.js).
// Options: --locale en|zh-cn (only that run), --no-build (the orchestrator already built), --no-package (reuse
// out/zenlayer-images.vsix), --readme (a passing run also refreshes its README pictures in media/readme/).
const fs = require('fs');
const path = require('path');
const { compile, bundle, ROOT } = require('../build');
const { exitCode, relayLines, spawnLines, stopGroup } = require('../proc');
const { failSuite, readResult, resultFile } = require('../results');

const VSIX = path.join(ROOT, 'out', 'zenlayer-images.vsix');
/** Workbench languages of the UI suite, and the suite name each reports as. */
const LOCALES = { en: 'e2e', 'zh-cn': 'e2e-zh-cn' };
const args = process.argv.slice(2);

/** @param {string} flag @returns {string | undefined} */
function option(flag) {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Fails every suite this invocation was to run, each with its closing line and result file.
 * @param {string[]} suites @param {string} why @returns {number}
 */
function fail(suites, why) {
    console.error(`[test:e2e] ${why}`);
    for (const suite of suites) {
        failSuite(suite, resultFile(suite), why);
    }
    return 1;
}

/** @returns {Promise<number>} */
async function main() {
    const only = option('--locale');
    if (only !== undefined && !(only in LOCALES)) {
        console.error(`[test:e2e] --locale ${only}: expected one of ${Object.keys(LOCALES).join(', ')}`);
        return 2;
    }
    const locales = only ? [only] : Object.keys(LOCALES);
    const suites = locales.map((locale) => LOCALES[/** @type {keyof typeof LOCALES} */ (locale)]);
    for (const suite of suites) {
        fs.rmSync(resultFile(suite), { force: true });
    }
    if (!args.includes('--no-build')) {
        if (compile() !== 0) {
            console.error('[test:e2e] tsc reported errors; continuing with what was emitted');
        }
        if (bundle() !== 0) {
            return fail(suites, 'the esbuild bundle failed');
        }
    }
    const suiteJs = path.join(ROOT, 'out', 'test', 'e2e', 'suite.js');
    if (!fs.existsSync(suiteJs)) {
        return fail(suites, `${suiteJs} missing; did tsc run?`);
    }
    if (!args.includes('--no-package')) {
        fs.rmSync(VSIX, { force: true });
        console.log('[test:e2e] packaging the extension (npm run package)');
        const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
        const pkg = await spawnLines(npm, ['run', '--silent', 'package'], { cwd: ROOT, onLine: relayLines() }).exited;
        if (exitCode(pkg) !== 0 || !fs.existsSync(VSIX)) {
            return fail(suites, `packaging failed (exit ${exitCode(pkg)}); no ${path.relative(ROOT, VSIX)}`);
        }
    } else if (!fs.existsSync(VSIX)) {
        return fail(suites, `--no-package, but there is no ${path.relative(ROOT, VSIX)} to reuse`);
    }
    try {
        require('../vscode/setup').ensureVSCode();
    } catch (e) {
        return fail(suites, `real VS Code setup failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    let rc = 0;
    for (const [i, locale] of locales.entries()) {
        rc = (await runSuite(suiteJs, locale, suites[i])) || rc;
    }
    return rc;
}

/**
 * Runs the suite for one workbench language in its own process group with an overall time limit. On timeout
 * (or Ctrl+C/SIGTERM here) the suite gets SIGTERM first (its handler stops code-server and chromium and removes
 * the profile), then the group gets SIGKILL. A suite that ends without its result file gets a failed one.
 * @param {string} suiteJs @param {string} locale @param {string} suite @returns {Promise<number>}
 */
async function runSuite(suiteJs, locale, suite) {
    const limitMs = Number(process.env.ZL_E2E_RUN_TIMEOUT_MS || 20 * 60 * 1000);
    const file = resultFile(suite);
    const { child, exited } = spawnLines(process.execPath, [suiteJs], {
        cwd: ROOT,
        detached: true,
        env: {
            ...process.env,
            ZL_E2E_VSIX: VSIX,
            ZL_E2E_LOCALE: locale,
            ZL_E2E_SUITE: suite,
            ZL_TESTS_RESULT_FILE: file,
            ...(args.includes('--readme') ? { ZL_E2E_README: '1' } : {}),
        },
        onLine: relayLines(),
    });
    let stopped = false;
    /** @param {string} why */
    const stop = (why) => {
        if (!stopped) {
            stopped = true;
            console.error(`[test:e2e] ${why}; stopping the suite`);
            void stopGroup(child, { graceMs: 15000 });
        }
    };
    const limit = setTimeout(() => stop(`the ${suite} suite did not finish within ${Math.round(limitMs / 1000)} s`), limitMs);
    // The suite is in its own process group, so a Ctrl+C on the terminal does not reach it: relay it.
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const exit = await exited;
    clearTimeout(limit);
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    // Whatever the suite left in its group (it was SIGKILLed, say) goes too.
    await stopGroup(child);
    if (exit.error) {
        return fail([suite], `${suite}: ${exit.error.message}`);
    }
    const code = stopped ? exitCode(exit) || 124 : exitCode(exit);
    const { result, problem } = readResult(file, suite);
    if (problem) {
        return fail([suite], `the ${suite} suite ended (exit ${code}) without reporting its results (${problem})`);
    }
    return code !== 0 ? code : result.failed > 0 || result.passed === 0 ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
