/**
 * Bundle figures for `npm run bench`: how long a fresh Node process takes to load a bundle (with a stub `vscode`
 * module), so the extension bundle can be compared with a minified bundle of undici's full index in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

/**
 * Runs in each fresh process: answers `require('vscode')` with an inert stand-in, then times the require of the
 * bundle alone (process start-up is the same for both bundles and is left out).
 */
const LOADER = `
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const inert = new Proxy(function () {}, {
    get: (_target, key) => (key === 'then' || typeof key === 'symbol' ? undefined : inert),
    apply: () => inert,
    construct: () => inert,
});
const load = Module._load;
Module._load = function (request, ...rest) {
    return request === 'vscode' ? inert : load.call(this, request, ...rest);
};
const started = performance.now();
require(require('node:path').resolve(process.argv[1]));
process.stdout.write(String(performance.now() - started));
`;

export interface BundleLoad {
    readonly file: string;
    readonly sizeKiB: number;
    /** Median over fresh processes, in ms. */
    readonly loadMs: number;
    readonly samples: readonly number[];
}

function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One fresh `node` per sample; the bundles take turns so a busy moment of the machine hits them alike. */
export function measureBundleLoads(files: readonly string[], runs: number): BundleLoad[] {
    const samples = files.map(() => [] as number[]);
    for (let run = 0; run < runs; run++) {
        files.forEach((file, index) => {
            const output = execFileSync(process.execPath, ['-e', LOADER, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
            samples[index].push(Number(output));
        });
    }
    return files.map((file, index) => ({ file, sizeKiB: statSync(file).size / 1024, loadMs: median(samples[index]), samples: samples[index] }));
}

/** A minified bundle of `require('undici')` as a whole, built like the extension's production bundle. */
export async function buildFullUndiciBundle(repoRoot: string): Promise<{ file: string; dispose: () => void }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'zl-bench-undici-'));
    const entry = path.join(dir, 'entry.js');
    writeFileSync(entry, "module.exports = require('undici');\n");
    const file = path.join(dir, 'undici-full.js');
    await build({
        entryPoints: [entry],
        absWorkingDir: repoRoot,
        nodePaths: [path.join(repoRoot, 'node_modules')],
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        minify: true,
        outfile: file,
        logLevel: 'warning',
    });
    return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
