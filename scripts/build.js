// Shared build step for the test and demo scripts: type-check/compile (tsc → out/) and bundle (esbuild → dist/).
const cp = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

/**
 * Runs a node script from the repo with inherited output.
 * @param {string[]} args @returns {number} exit code
 */
function node(args) {
    const r = cp.spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    return r.status ?? 1;
}

/** tsc -p . (emits even with type errors, so a type error does not hide test results). @returns {number} */
function compile() {
    return node([require.resolve('typescript/bin/tsc', { paths: [ROOT] }), '-p', path.join(ROOT, 'tsconfig.json')]);
}

/** esbuild bundle of the extension into dist/extension.js. @returns {number} */
function bundle() {
    return node([path.join(ROOT, 'esbuild.js')]);
}

module.exports = { ROOT, compile, bundle };

if (require.main === module) {
    const tsc = compile();
    const esb = bundle();
    process.exit(tsc || esb);
}
