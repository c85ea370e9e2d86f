#!/usr/bin/env node
// `npm run test:vscode`: build, make sure a real VS Code is available, and run out/test/integration
// inside it through @vscode/test-electron. Desktop VS Code: set VSCODE_EXECUTABLE (its Electron binary);
// otherwise code-server via the cs-test-runner.js shim. `--no-build` skips the build (the orchestrator builds once).
// The suite writes test-results/vscode.json (scripts/results.js); when it could not, this writes a failed one.
const fs = require('fs');
const path = require('path');
const { compile, bundle, ROOT } = require('../build');
const { failSuite, readResult, resultFile } = require('../results');

const SUITE = 'vscode';
const RESULT_FILE = resultFile(SUITE);

/** Desktop VS Code binaries test-electron can drive directly, if one is installed and can show a window. */
function findDesktopVSCode() {
    if (process.env.VSCODE_EXECUTABLE) {
        return process.env.VSCODE_EXECUTABLE;
    }
    if (process.env.ZL_USE_CODE_SERVER === '1') {
        return undefined;
    }
    const candidates =
        process.platform === 'darwin'
            ? ['/Applications/Visual Studio Code.app/Contents/MacOS/Electron', '/Applications/Visual Studio Code.app/Contents/MacOS/Code']
            : process.platform === 'linux' && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
              ? ['/usr/share/code/code', '/snap/code/current/usr/share/code/code']
              : [];
    return candidates.find((c) => fs.existsSync(c));
}

/** @param {string} why @returns {number} */
function fail(why) {
    console.error(`[test:vscode] ${why}`);
    failSuite(SUITE, RESULT_FILE, why);
    return 1;
}

async function main() {
    fs.rmSync(RESULT_FILE, { force: true });
    if (!process.argv.includes('--no-build')) {
        const tsc = compile();
        const esb = bundle();
        if (esb !== 0) {
            return fail('the esbuild bundle failed; cannot run the extension');
        }
        if (tsc !== 0) {
            console.error('[test:vscode] tsc reported errors; running the compiled tests anyway');
        }
    }
    const extensionTestsPath = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
    if (!fs.existsSync(extensionTestsPath)) {
        return fail(`${extensionTestsPath} missing; did tsc run?`);
    }
    let vscodeExecutablePath = findDesktopVSCode();
    if (vscodeExecutablePath) {
        console.log(`[test:vscode] using desktop VS Code ${vscodeExecutablePath}`);
    } else {
        try {
            require('./setup').ensureVSCode();
        } catch (e) {
            return fail(`real VS Code setup failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        vscodeExecutablePath = path.join(__dirname, 'cs-test-runner.js');
    }
    const workspace = path.join(ROOT, 'test', 'fixtures', 'workspace');
    const { runTests } = require('@vscode/test-electron');
    let code = 0;
    try {
        await runTests({
            vscodeExecutablePath,
            extensionDevelopmentPath: ROOT,
            extensionTestsPath,
            launchArgs: [workspace],
            extensionTestsEnv: { ZENLAYER_IMAGES_TEST_MODE: '1', ZL_TESTS_RESULT_FILE: RESULT_FILE },
        });
    } catch (e) {
        code = (e && typeof e === 'object' && 'code' in e && typeof e.code === 'number' ? e.code : 1) || 1;
        console.error(`[test:vscode] ${e instanceof Error ? e.message : String(e)}`);
    }
    const { problem } = readResult(RESULT_FILE, SUITE);
    if (problem) {
        return fail(`VS Code ended (exit ${code}) without the suite reporting its results (${problem})`);
    }
    return code;
}

main().then(
    (code) => process.exit(code),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
