#!/usr/bin/env node
// `npm run test:vscode`: build, make sure a real VS Code is available, and run out/test/integration
// inside it through @vscode/test-electron. Desktop VS Code: set VSCODE_EXECUTABLE (its Electron binary);
// otherwise code-server via the cs-test-runner.js shim. `--no-build` skips the build (the orchestrator builds once).
const fs = require('fs');
const path = require('path');
const { compile, bundle, ROOT } = require('../build');

/** Desktop VS Code binaries test-electron can drive directly, if one is installed and can show a window. */
function findDesktopVSCode() {
    if (process.env.VSCODE_EXECUTABLE) {
        return process.env.VSCODE_EXECUTABLE;
    }
    if (process.env.ZL_USE_CODE_SERVER === '1') {
        return undefined;
    }
    const candidates = process.platform === 'darwin'
        ? ['/Applications/Visual Studio Code.app/Contents/MacOS/Electron', '/Applications/Visual Studio Code.app/Contents/MacOS/Code']
        : process.platform === 'linux' && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
            ? ['/usr/share/code/code', '/snap/code/current/usr/share/code/code']
            : [];
    return candidates.find((c) => fs.existsSync(c));
}

async function main() {
    if (!process.argv.includes('--no-build')) {
        const tsc = compile();
        const esb = bundle();
        if (esb !== 0) {
            console.error('[test:vscode] the esbuild bundle failed; cannot run the extension');
            return 1;
        }
        if (tsc !== 0) {
            console.error('[test:vscode] tsc reported errors; running the compiled tests anyway');
        }
    }
    const extensionTestsPath = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
    if (!fs.existsSync(extensionTestsPath)) {
        console.error(`[test:vscode] ${extensionTestsPath} missing; did tsc run?`);
        return 1;
    }
    let vscodeExecutablePath = findDesktopVSCode();
    if (vscodeExecutablePath) {
        console.log(`[test:vscode] using desktop VS Code ${vscodeExecutablePath}`);
    } else {
        require('./setup').ensureVSCode();
        vscodeExecutablePath = path.join(__dirname, 'cs-test-runner.js');
    }
    const workspace = path.join(ROOT, 'test', 'fixtures', 'workspace');
    const { runTests } = require('@vscode/test-electron');
    try {
        await runTests({
            vscodeExecutablePath,
            extensionDevelopmentPath: ROOT,
            extensionTestsPath,
            launchArgs: [workspace],
            extensionTestsEnv: { ZENLAYER_IMAGES_TEST_MODE: '1' },
        });
        return 0;
    } catch (e) {
        const code = e && typeof e === 'object' && 'code' in e && typeof e.code === 'number' ? e.code : 1;
        console.error(`[test:vscode] ${e instanceof Error ? e.message : String(e)}`);
        return code || 1;
    }
}

main().then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(1);
});
