/**
 * `npm run bench`: prints figures, never passes or fails. The emulator runs in a child process
 * so the heap figures belong to the client alone.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { buildDeleteQuickPickItems } from '../../src/images/quickPick';
import { buildImageTree, GROUP_BY_VALUES } from '../../src/images/tree';
import { signZc2, ZenlayerClient, type ZenlayerImage } from '../../src/zenlayer';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const KEY = { accessKeyId: 'ZLBENCHKEY0001', accessKeyPassword: 'zl-bench-password' };
const DELETABLE = new Set(['AVAILABLE', 'FAILED', 'UNAVAILABLE']);

async function startEmulatorProcess(images: number): Promise<{ url: string; child: ChildProcess }> {
    const cli = path.join(repoRoot, 'out', 'test', 'emulator', 'cli.js');
    const child = spawn(process.execPath, [cli, '--port', '0', '--images', String(images), '--key-id', KEY.accessKeyId, '--key-secret', KEY.accessKeyPassword], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) {
            return { url: match[1], child };
        }
    }
    throw new Error('the emulator exited before it was listening');
}

/** Samples the heap while `work` runs; returns the work's result and the peak growth over the start. */
async function withPeakHeap<T>(work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
    try {
        const result = await work();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        return { result, peakMiB: (peak - baseline) / 2 ** 20 };
    } finally {
        clearInterval(sampler);
    }
}

function row(label: string, value: string): void {
    console.log(`${label.padEnd(44)} ${value}`);
}

/** Median of several runs, so one GC pause does not make the figure. */
function medianMs(runs: number, work: () => unknown): number {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
        const started = performance.now();
        work();
        times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function benchTreeBuilding(images: readonly ZenlayerImage[]): void {
    for (const groupBy of GROUP_BY_VALUES) {
        row(`build tree of ${images.length.toLocaleString('en-US')} images, groupBy ${groupBy}`, `${medianMs(9, () => buildImageTree(images, groupBy)).toFixed(1)} ms (median of 9)`);
    }
    row(`build delete quick pick of ${images.length.toLocaleString('en-US')} images`, `${medianMs(9, () => buildDeleteQuickPickItems(images)).toFixed(1)} ms (median of 9)`);
}

async function benchListing(): Promise<void> {
    const { url, child } = await startEmulatorProcess(10_000);
    let requests = 0;
    const client = new ZenlayerClient({ endpoint: url, credentials: KEY, onApiCall: () => requests++ });
    try {
        const started = performance.now();
        const { result, peakMiB } = await withPeakHeap(() => client.listCustomImages());
        const wall = performance.now() - started;
        row('list 10,000 images: images', String(result.length));
        row('list 10,000 images: requests', String(requests));
        row('list 10,000 images: wall time', `${wall.toFixed(0)} ms`);
        row('list 10,000 images: peak heap growth', `${peakMiB.toFixed(1)} MiB`);
        benchTreeBuilding(result);

        const targets = result.filter((image) => DELETABLE.has(image.status)).slice(0, 1000).map((image) => image.id);
        requests = 0;
        const deleteStarted = performance.now();
        const outcome = await client.deleteImages(targets);
        row('delete 1,000 images: requests', String(requests));
        row('delete 1,000 images: wall time', `${(performance.now() - deleteStarted).toFixed(0)} ms`);
        row('delete 1,000 images: refused by the API', String(outcome.failedImageIds.length));
    } finally {
        await client.close();
        child.kill();
    }
}

function benchSigning(): void {
    const body = JSON.stringify({ imageIds: Array.from({ length: 100 }, (_, index) => `img-${index.toString(16).padStart(16, '0')}`) });
    const iterations = 20_000;
    const started = performance.now();
    for (let index = 0; index < iterations; index++) {
        signZc2({ ...KEY, contentType: 'application/json', host: 'console.zenlayer.com', body, timestamp: String(1_750_000_000 + index) });
    }
    const seconds = (performance.now() - started) / 1000;
    row(`sign a ${body.length}-byte body`, `${Math.round(iterations / seconds).toLocaleString('en-US')} signatures/s`);
}

function benchPackageSizes(): void {
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    const kib = (file: string): string => `${(statSync(path.join(repoRoot, file)).size / 1024).toFixed(1)} KiB`;
    row('dist/extension.js (production)', kib('dist/extension.js'));
    row('out/zenlayer-images.vsix', kib('out/zenlayer-images.vsix'));
}

async function main(): Promise<void> {
    console.log(`Zenlayer Images benchmark — node ${process.version}, ${new Date().toISOString()}`);
    await benchListing();
    benchSigning();
    benchPackageSizes();
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
