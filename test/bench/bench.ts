/**
 * `npm run bench`: prints figures, never passes or fails. The emulator runs in a child process
 * so the heap figures belong to the client alone.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { buildFullUndiciBundle, measureBundleLoads } from './bundleLoad';
import { benchRegionRows } from './regions';
import { buildDeleteQuickPickItems } from '../../src/images/model/quickPick';
import { buildImageTree } from '../../src/images/model/tree';
import { GROUP_BY_VALUES } from '../../src/shared/settings/settings';
import { joinUsage } from '../../src/images/model/usage';
import { signZc2, ZenlayerClient, type ZenlayerImage } from '../../src/zenlayer';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const KEY = { accessKeyId: 'ZLBENCHKEY0001', accessKeyPassword: 'zl-bench-password' };
const DELETABLE = new Set(['AVAILABLE', 'FAILED', 'UNAVAILABLE']);

/** How long the benchmark's emulator keeps a deleted image DELETING before it is gone (its --delete-delay). */
const DELETE_DELAY_MS = 3000;
/** How often the delete benchmark asks whether the deleted images are gone. */
const GONE_CHECK_MS = 250;

async function startEmulatorProcess(images: number, latencyMs = 0, instances = 0): Promise<{ url: string; child: ChildProcess }> {
    const cli = path.join(repoRoot, 'out', 'test', 'emulator', 'cli.js');
    const args = [
        cli,
        '--port',
        '0',
        '--quiet',
        '--images',
        String(images),
        '--latency',
        String(latencyMs),
        '--instances',
        String(instances),
        '--delete-delay',
        String(DELETE_DELAY_MS),
        '--key-id',
        KEY.accessKeyId,
        '--key-secret',
        KEY.accessKeyPassword,
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) {
            return { url: match[1], child };
        }
    }
    throw new Error('the emulator exited before it was listening');
}

/**
 * Times `work` as every figure here is timed: a forced GC first, outside the time (no run pays for the garbage of
 * the one before), then the wall time of the work alone and the peak heap growth while it ran. Callers warm their
 * client up first (one call), so no timed run pays for connection set-up or JIT alone.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; wallMs: number; peakMiB: number }> {
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
    try {
        const started = performance.now();
        const result = await work();
        const wallMs = performance.now() - started;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        return { result, wallMs, peakMiB: (peak - baseline) / 2 ** 20 };
    } finally {
        clearInterval(sampler);
    }
}

function row(label: string, value: string): void {
    console.log(`${label.padEnd(54)} ${value}`);
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
        row(
            `build tree of ${images.length.toLocaleString('en-US')} images, groupBy ${groupBy}`,
            `${medianMs(9, () => buildImageTree(images, groupBy)).toFixed(1)} ms (median of 9)`,
        );
    }
    row(
        `build delete quick pick of ${images.length.toLocaleString('en-US')} images`,
        `${medianMs(9, () => buildDeleteQuickPickItems(images)).toFixed(1)} ms (median of 9)`,
    );
}

async function benchListing(): Promise<void> {
    const { url, child } = await startEmulatorProcess(10_000);
    let requests = 0;
    const client = new ZenlayerClient({ endpoint: url, credentials: KEY, onApiCall: () => requests++ });
    try {
        await client.describeZones(); // the warm-up every timed listing here has
        requests = 0;
        const { result, wallMs, peakMiB } = await measured(() => client.listCustomImages());
        row('list 10,000 images: images', String(result.length));
        row('list 10,000 images: requests', String(requests));
        row('list 10,000 images: wall time', `${wallMs.toFixed(0)} ms`);
        row('list 10,000 images: peak heap growth', `${peakMiB.toFixed(1)} MiB`);
        benchTreeBuilding(result);

        const targets = result
            .filter((image) => DELETABLE.has(image.status))
            .slice(0, 1000)
            .map((image) => image.id);
        requests = 0;
        const deleted = await measured(() => client.deleteImages(targets));
        const outcome = deleted.result;
        row('delete 1,000 images: requests', String(requests));
        // DeleteImages answers once Zenlayer has accepted the IDs; the images are gone only later (asynchronous delete).
        row('delete 1,000 images: wall time until accepted', `${deleted.wallMs.toFixed(0)} ms`);
        row('delete 1,000 images: accepted / refused by the API', `${outcome.acceptedImageIds.length} / ${outcome.refusedImageIds.length}`);
        const goneMs = await untilGone(client, outcome.acceptedImageIds);
        row(
            'delete 1,000 images: wall time until gone',
            `${(deleted.wallMs + goneMs).toFixed(0)} ms (emulator removes each ${DELETE_DELAY_MS} ms after accepting; checked every ${GONE_CHECK_MS} ms)`,
        );
    } finally {
        await client.close();
        child.kill();
    }
}

/**
 * From the delete's answer until Zenlayer no longer lists any of `ids` (the emulator removes each DELETE_DELAY_MS after
 * accepting it), asking every GONE_CHECK_MS as the extension's poller does, only faster.
 */
async function untilGone(client: ZenlayerClient, ids: readonly string[]): Promise<number> {
    const started = performance.now();
    while ((await client.describeImagesByIds(ids)).length > 0) {
        await new Promise((resolve) => setTimeout(resolve, GONE_CHECK_MS));
    }
    return performance.now() - started;
}

/** Wall time and requests of one listing, measured like every other. */
async function timedListing(client: ZenlayerClient, counter: { requests: number }): Promise<{ images: number; requests: number; wallMs: number }> {
    counter.requests = 0;
    const { result, wallMs } = await measured(() => client.listCustomImages());
    return { images: result.length, requests: counter.requests, wallMs };
}

/**
 * The same 10,000 images listed twice against one emulator that answers every request 50 ms late: the client's
 * way (pages of 1,000, concurrent after the first) and the official CLI's `--page-all` way (pages of 100, one after
 * another), which the client reproduces with `pageSize: 100, listConcurrency: 1`.
 */
async function benchListingAgainstCliWay(): Promise<void> {
    const { url, child } = await startEmulatorProcess(10_000, 50);
    const counter = { requests: 0 };
    const ours = new ZenlayerClient({ endpoint: url, credentials: KEY, onApiCall: () => counter.requests++ });
    const cliWay = new ZenlayerClient({ endpoint: url, credentials: KEY, pageSize: 100, listConcurrency: 1, onApiCall: () => counter.requests++ });
    try {
        // One warm-up each, so neither pays for connection set-up or JIT alone.
        await ours.describeZones();
        await cliWay.describeZones();
        const client = await timedListing(ours, counter);
        const cli = await timedListing(cliWay, counter);
        row('50 ms latency, client way: images / requests', `${client.images} / ${client.requests}`);
        row('50 ms latency, client way: wall time', `${client.wallMs.toFixed(0)} ms`);
        row('50 ms latency, CLI --page-all way: images / requests', `${cli.images} / ${cli.requests}`);
        row('50 ms latency, CLI --page-all way: wall time', `${cli.wallMs.toFixed(0)} ms`);
        row(
            '50 ms latency, client / CLI wall time',
            `${(client.wallMs / cli.wallMs).toFixed(3)} (CLI takes ${(cli.wallMs / client.wallMs).toFixed(1)}x as long)`,
        );
    } finally {
        await Promise.all([ours.close(), cliWay.close()]);
        child.kill();
    }
}

/**
 * A refresh as the images model runs it: 10,000 images and 5,000 instances listed concurrently at 50 ms latency, beside
 * the images alone in the same run (the aim: at most 1.25x), and the time of the usage join. Medians of five.
 */
async function benchRefreshWithUsage(): Promise<void> {
    const { url, child } = await startEmulatorProcess(10_000, 50, 5_000);
    const counter = { requests: 0 };
    const client = new ZenlayerClient({ endpoint: url, credentials: KEY, onApiCall: () => counter.requests++ });
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    try {
        await client.describeZones();
        const alone: number[] = [];
        const both: number[] = [];
        const join: number[] = [];
        const requests = { alone: 0, both: 0, instances: 0 };
        for (let run = 0; run < 5; run++) {
            const listed = await timedListing(client, counter);
            alone.push(listed.wallMs);
            requests.alone = listed.requests;
            counter.requests = 0;
            const listedWithUsage = await measured(() => Promise.all([client.listCustomImages(), client.listInstances()]));
            const [, instances] = listedWithUsage.result;
            both.push(listedWithUsage.wallMs);
            requests.both = counter.requests;
            requests.instances = instances.length;
            const started = performance.now();
            joinUsage(instances);
            join.push(performance.now() - started);
        }
        row('refresh, 50 ms latency: images alone (requests / wall)', `${requests.alone} / ${median(alone).toFixed(0)} ms`);
        row(`refresh, 50 ms latency: images + ${requests.instances} instances`, `${requests.both} / ${median(both).toFixed(0)} ms`);
        row('refresh with usage / images alone', `${(median(both) / median(alone)).toFixed(2)}x`);
        row('usage join of the instances', `${median(join).toFixed(2)} ms`);
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

/**
 * Load time of the production bundle next to a minified bundle of undici's full index, in the same run; and next to
 * an earlier production bundle when ZL_BENCH_PREVIOUS_BUNDLE names one (e.g. the first preview's dist/extension.js,
 * built with `node esbuild.js --production` in a checkout of that commit), for before/after figures.
 */
async function benchBundleLoad(): Promise<void> {
    const runs = 15;
    const previous = process.env.ZL_BENCH_PREVIOUS_BUNDLE;
    const fullUndici = await buildFullUndiciBundle(repoRoot);
    try {
        const [extension, undici, earlier] = measureBundleLoads(
            [path.join(repoRoot, 'dist', 'extension.js'), fullUndici.file, ...(previous ? [previous] : [])],
            runs,
        );
        row(
            'dist/extension.js: size / load',
            `${extension.sizeKiB.toFixed(1)} KiB / ${extension.loadMs.toFixed(1)} ms (median of ${runs} fresh processes, stub vscode)`,
        );
        row("undici's full index, minified: size / load", `${undici.sizeKiB.toFixed(1)} KiB / ${undici.loadMs.toFixed(1)} ms (median of ${runs}, same run)`);
        row('extension load / full undici load', (extension.loadMs / undici.loadMs).toFixed(2));
        if (earlier) {
            row('previous bundle: size / load', `${earlier.sizeKiB.toFixed(1)} KiB / ${earlier.loadMs.toFixed(1)} ms (median of ${runs}, same run)`);
            row(
                'extension / previous bundle: size, load',
                `${(extension.sizeKiB / earlier.sizeKiB).toFixed(2)}, ${(extension.loadMs / earlier.loadMs).toFixed(2)}`,
            );
        }
    } finally {
        fullUndici.dispose();
    }
}

async function main(): Promise<void> {
    console.log(`Zenlayer Images benchmark — node ${process.version}, ${new Date().toISOString()}`);
    await benchListing();
    await benchRegionRows(row);
    await benchListingAgainstCliWay();
    await benchRefreshWithUsage();
    benchSigning();
    benchPackageSizes();
    await benchBundleLoad();
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
