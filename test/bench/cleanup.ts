/**
 * `node --expose-gc out/test/bench/cleanup.js` (after `npm run compile-tests`): the cleanup's figures — planning a
 * 10,000-image account with 5,000 instances, writing its observation record, the record's size, and appending to a
 * long delete history. Prints figures, never passes or fails.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCleanupPlan } from '../../src/images/cleanup/model/plan';
import { recheckBeforeApply } from '../../src/images/cleanup/model/recheck';
import type { PlanInstance } from '../../src/images/cleanup/model/regionalCopies';
import { DEFAULT_CLEANUP_RULES } from '../../src/images/cleanup/model/rules';
import { parseFamilyOverrides } from '../../src/shared/images/family';
import { accountFilePath } from '../../src/shared/records/accountFiles';
import { DeleteHistory, type HistoryEntry } from '../../src/shared/records/deleteHistory';
import { writeFileAtomically } from '../../src/shared/records/jsonFile';
import { AccountObservations, ObservationRecord } from '../../src/shared/records/observations';
import type { ZenlayerImage } from '../../src/zenlayer/types';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 20, 12, 0, 0);
const REGIONS = ['asia-east-1', 'asia-southeast-1', 'na-west-1', 'eu-central-1', 'sa-east-1'];
const STATUSES = ['AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'FAILED', 'PROCESSING', 'UNAVAILABLE', 'SYNCING'];
const silent = { info: () => undefined, warn: (line: string) => console.error(line) };

function row(label: string, value: string): void {
    console.log(`${label.padEnd(64)} ${value}`);
}

function median(times: number[]): number {
    return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/**
 * Median wall time of several runs, and the median CPU time this process spent (user + system): on a machine shared
 * with other work, wall time includes waiting for a core, CPU time does not.
 */
async function timed(runs: number, work: () => unknown): Promise<{ wallMs: number; cpuMs: number; text: string }> {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < runs; run++) {
        global.gc?.();
        const startedCpu = process.cpuUsage();
        const started = performance.now();
        await work();
        wall.push(performance.now() - started);
        const used = process.cpuUsage(startedCpu);
        cpu.push((used.user + used.system) / 1000);
    }
    const wallMs = median(wall);
    const cpuMs = median(cpu);
    return { wallMs, cpuMs, text: `${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU (medians of ${runs})` };
}

/** 2,000 families of five builds each, named as teams name them (dates, versions, v-numbers), IDs as Zenlayer's. */
function account(imageCount: number): ZenlayerImage[] {
    return Array.from({ length: imageCount }, (_, index) => {
        const family = Math.floor(index / 5);
        const build = index % 5;
        const suffix = family % 3 === 0 ? `2026-${String(build + 6).padStart(2, '0')}` : family % 3 === 1 ? `1.${28 + build}` : `v${build + 1}`;
        return {
            id: `img-${(0x5eed0000 + index).toString(16).padStart(16, '0')}`,
            name: `service-${family}-${suffix}`,
            type: 'CUSTOM_IMAGE',
            source: 'CUSTOM',
            status: STATUSES[index % STATUSES.length],
            sizeGiB: 20 + (index % 60),
            minDiskSizeGiB: 20,
            osType: 'linux',
            category: 'Ubuntu',
            version: undefined,
            description: undefined,
            regionIds: REGIONS.slice(index % 4, (index % 4) + 1 + (index % 3)),
            resourceGroupId: 'rg-1',
            resourceGroupName: 'default',
            tags: [{ key: 'team', value: `team-${family % 40}` }],
        };
    });
}

async function benchPlanning(images: readonly ZenlayerImage[], observations: AccountObservations): Promise<void> {
    const instances = Array.from({ length: 5_000 }, (_, index) => ({
        id: `ins-${index}`,
        zoneId: `${REGIONS[index % REGIONS.length]}a`,
        imageId: images[(index * 7) % images.length].id,
    }));
    const rules = {
        ...DEFAULT_CLEANUP_RULES,
        familyOverrides: parseFamilyOverrides([{ pattern: 'service-1?-*', family: 'service-teens' }]).overrides.map((override) => ({
            ...override,
            level: 'global' as const,
        })),
    };
    let plan: ReturnType<typeof buildCleanupPlan> | undefined;
    const planning = await timed(9, () => {
        // After the listing: joining instances to images is part of planning.
        const byImage = new Map<string, PlanInstance[]>();
        for (const instance of instances) {
            const users = byImage.get(instance.imageId);
            if (users) {
                users.push(instance);
            } else {
                byImage.set(instance.imageId, [instance]);
            }
        }
        plan = buildCleanupPlan({
            account: 'Bench',
            now: NOW,
            images,
            instancesOf: (id) => byImage.get(id) ?? [],
            protectedBy: (image) => (image.name.startsWith('service-99') ? 'service-99*' : undefined),
            references: () => 0,
            observations,
            rules,
            regionOf: (instance) => instance.zoneId?.slice(0, -1),
        });
    });
    row(`plan ${images.length.toLocaleString('en-US')} images, ${instances.length.toLocaleString('en-US')} instances (aim ≤ 100 ms)`, planning.text);
    if (plan) {
        row(
            '  of which: to delete / kept / regional copies proposed',
            `${plan.deleteIds.length} / ${plan.images.length - plan.deleteIds.length} / ${plan.regionalCopies.length}`,
        );
        const planned = plan;
        const fresh = images.filter((image) => planned.deleteIds.includes(image.id));
        const recheck = await timed(9, () =>
            recheckBeforeApply(
                planned,
                fresh,
                () => [],
                () => undefined,
                () => 0,
            ),
        );
        row(`recheck ${plan.deleteIds.length.toLocaleString('en-US')} planned images before Apply`, recheck.text);
    }
}

/** Returns the record as planning sees it: 8,000 images there at the first listing, 2,000 first seen three days ago. */
async function benchRecord(folder: string, images: readonly ZenlayerImage[]): Promise<AccountObservations> {
    const record = new ObservationRecord(folder, silent);
    const ids = images.map((image) => image.id);
    await record.observe('Bench', { imageIds: ids.slice(0, 8_000), usedImageIds: new Set() }, NOW - 40 * DAY);
    // Each run is a listing an hour after the last with every other image in use, so every run writes the whole record.
    let hour = 0;
    const used = new Set(ids.filter((_, index) => index % 2 === 0));
    const recording = await timed(9, () => record.observe('Bench', { imageIds: ids, usedImageIds: used }, NOW - 3 * DAY + hour++ * 3_600_000));
    const observations = await record.read('Bench');
    const file = accountFilePath(path.join(folder, 'observations'), 'Bench');
    const writing = await timed(9, () => writeFileAtomically(file, observations.encode(), false));
    const encoding = await timed(9, () => observations.encode());
    const bytes = (await fs.stat(file)).size;
    const label = `observation record of ${ids.length.toLocaleString('en-US')} images`;
    row(`${label}: write (encode, temporary file, rename; aim ≤ 20 ms)`, writing.text);
    row(`${label}: of which encode`, encoding.text);
    row(`${label}: a listing recorded (lock, read, merge, write)`, recording.text);
    row(`${label}: size`, `${bytes.toLocaleString('en-US')} bytes (${(bytes / 2 ** 10).toFixed(0)} KiB; aim well under 1 MiB)`);
    return observations;
}

async function benchHistory(folder: string): Promise<void> {
    for (const size of [1_000, 10_000]) {
        const history = new DeleteHistory(path.join(folder, `history-${size}`), silent);
        const file = accountFilePath(path.join(folder, `history-${size}`, 'delete-history'), 'Bench');
        const entries: HistoryEntry[] = Array.from({ length: size }, (_, index) => ({
            id: `entry-${index}`,
            at: NOW - index * 60_000,
            account: 'Bench',
            trigger: 'palette',
            requested: [`img-${index}`, `img-${index + 1}`],
            requestIds: [`req-${index}`],
            images: [0, 1].map((offset) => ({
                id: `img-${index + offset}`,
                name: `service-${index}-2026-11`,
                sizeGiB: 30,
                regionIds: ['asia-east-1'],
                tags: [{ key: 'team', value: 'web' }],
                result: 'accepted' as const,
            })),
        }));
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, JSON.stringify({ format: 1, account: 'Bench', entries }));
        const bytes = (await fs.stat(file)).size;
        const append = await timed(5, () => history.append({ ...entries[0], at: NOW }));
        const read = await timed(5, () => history.entries('Bench'));
        row(`delete history of ${size.toLocaleString('en-US')} entries (${(bytes / 2 ** 20).toFixed(1)} MiB): append`, append.text);
        row(`delete history of ${size.toLocaleString('en-US')} entries (${(bytes / 2 ** 20).toFixed(1)} MiB): read`, read.text);
    }
}

async function main(): Promise<void> {
    console.log(`Zenlayer Images cleanup benchmark — node ${process.version}, ${new Date().toISOString()}`);
    const folder = await fs.mkdtemp(path.join(tmpdir(), 'zl-cleanup-bench-'));
    try {
        const images = account(10_000);
        const observations = await benchRecord(folder, images);
        await benchPlanning(images, observations);
        await benchHistory(folder);
    } finally {
        await fs.rm(folder, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
