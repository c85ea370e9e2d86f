/**
 * Issue 15's figure: what region rows cost. The same 10,000 generated images (and 5,000 instances), served once with
 * one region each (the view before region rows) and once with 1–5 regions each, listed as the view lists them (images
 * and instances together) and built into the tree with every image row expanded to its region rows. Runs alternate
 * between the two accounts so a busy machine slows both alike; medians are printed with their ratio.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { regionRows } from '../../src/images/model/regionRows';
import { buildImageTree, type RootNode } from '../../src/images/model/tree';
import { instancesUsing, joinUsage } from '../../src/images/model/usage';
import { regionsOfZones, ZenlayerClient, type ZenlayerImage, type ZenlayerInstance, type ZenlayerRegion } from '../../src/zenlayer';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, generateSeed, type AccountsSeed } from '../emulator';

const IMAGES = 10_000;
const RUNS = 7;

/** The generated account with every image's regions rewritten: `regionsOf(index, held)` → its new regionIdList. */
function variant(seed: AccountsSeed, regionsOf: (index: number, held: readonly string[]) => string[]): AccountsSeed {
    const [account, ...rest] = seed.accounts;
    const images = account.images.map((image, index) =>
        image.regionIdList.length === 0 ? image : { ...image, regionIdList: regionsOf(index, image.regionIdList) },
    );
    return { ...seed, accounts: [{ ...account, images }, ...rest] };
}

async function serve(seedFile: string): Promise<{ url: string; child: ChildProcess }> {
    const cli = path.resolve(__dirname, '..', 'emulator', 'cli.js');
    const child = spawn(process.execPath, [cli, '--port', '0', '--quiet', '--seed', seedFile, '--image-quota', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    for await (const line of createInterface({ input: child.stdout })) {
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) {
            return { url: match[1], child };
        }
    }
    throw new Error('the emulator exited before it was listening');
}

/** The tree as a refresh builds it (usage joined, image rows only: region rows are made when a row is expanded). */
function buildTree(images: readonly ZenlayerImage[], instances: readonly ZenlayerInstance[]): RootNode[] {
    const usage = joinUsage(instances);
    return buildImageTree(images, 'none', (image) => ({ instances: instancesUsing(usage, image.id) }));
}

/** Every image row expanded to its region rows: the most a person can open. Returns the number of region rows. */
function expandAll(roots: readonly RootNode[], regions: readonly ZenlayerRegion[]): number {
    let rows = 0;
    for (const root of roots) {
        if (root.kind === 'image' && root.image.regionIds.length > 1) {
            rows += regionRows(root, regions, []).length;
        }
    }
    return rows;
}

interface Served {
    readonly name: string;
    readonly client: ZenlayerClient;
    readonly child: ChildProcess;
    readonly listMs: number[];
    readonly treeMs: number[];
    readonly expandMs: number[];
    rows: number;
    regionCount: number;
}

const median = (times: readonly number[]): number => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

export async function benchRegionRows(row: (label: string, value: string) => void): Promise<void> {
    const seed = generateSeed(IMAGES, { instances: IMAGES / 2 });
    const regionIds = [...new Set(seed.zones.map((zone) => zone.regionId))];
    const single = variant(seed, (_, held) => held.slice(0, 1));
    // 1–5 regions: the image's first region and the next ones in the zones' order, cycling through every count.
    const multi = variant(seed, (index, held) => {
        const start = regionIds.indexOf(held[0]);
        return Array.from({ length: 1 + (index % regionIds.length) }, (_, k) => regionIds[(start + k) % regionIds.length]);
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'zl-bench-regions-'));
    const served: Served[] = [];
    try {
        for (const [name, accountSeed] of [
            ['10,000 images, 1 region each', single],
            ['10,000 images, 1–5 regions each', multi],
        ] as const) {
            const file = path.join(dir, `${served.length}.json`);
            writeFileSync(file, JSON.stringify(accountSeed));
            const { url, child } = await serve(file);
            const client = new ZenlayerClient({ endpoint: url, credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD } });
            served.push({ name, client, child, listMs: [], treeMs: [], expandMs: [], rows: 0, regionCount: 0 });
        }
        const regions = regionsOfZones(await served[0].client.describeZones()); // also each client's warm-up
        await served[1].client.describeZones();
        for (let run = 0; run < RUNS; run++) {
            for (const entry of served) {
                global.gc?.();
                const listed = performance.now();
                const [images, instances] = await Promise.all([entry.client.listCustomImages(), entry.client.listInstances()]);
                entry.listMs.push(performance.now() - listed);
                global.gc?.();
                const built = performance.now();
                const roots = buildTree(images, instances);
                entry.treeMs.push(performance.now() - built);
                const expanded = performance.now();
                entry.rows = expandAll(roots, regions);
                entry.expandMs.push(performance.now() - expanded);
                entry.regionCount = images.reduce((sum, image) => sum + image.regionIds.length, 0);
            }
        }
        const refresh = (entry: Served): number => median(entry.listMs.map((ms, index) => ms + entry.treeMs[index]));
        for (const entry of served) {
            row(
                `regions: ${entry.name}`,
                `list ${median(entry.listMs).toFixed(0)} ms + tree ${median(entry.treeMs).toFixed(1)} ms = ${refresh(entry).toFixed(0)} ms; ` +
                    `every row expanded +${median(entry.expandMs).toFixed(1)} ms (${entry.regionCount.toLocaleString('en-US')} copies, ` +
                    `${entry.rows.toLocaleString('en-US')} region rows; median of ${RUNS})`,
            );
        }
        const [before, after] = served;
        row('regions: 1–5 / 1 region, list + tree (a refresh)', `${(refresh(after) / refresh(before)).toFixed(2)}× (target ≤ 1.10×)`);
        const expandedRatio = (refresh(after) + median(after.expandMs)) / (refresh(before) + median(before.expandMs));
        row('regions: 1–5 / 1 region, with every row expanded', `${expandedRatio.toFixed(2)}×`);
    } finally {
        await Promise.all(served.map((entry) => entry.client.close()));
        served.forEach((entry) => entry.child.kill());
        rmSync(dir, { recursive: true, force: true });
    }
}
