/**
 * `node --expose-gc out/test/bench/records.js` (after `npm run compile-tests`): what the observation record costs a
 * listing of a 10,000-image account with 5,000 instances. The listing hands it over (on the listing's path, before the
 * view updates) and the record is written afterwards; the record's own write and size are in test/bench/cleanup.ts.
 * Prints figures, never passes or fails.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ObservedAges } from '../../src/images/model/observedAges';
import { joinUsage, type UsingInstance } from '../../src/images/model/usage';
import { ObservationRecord } from '../../src/shared/records/observations';
import { manyImages } from '../support/fixtures';

const silent = { info: () => undefined, warn: (line: string) => console.error(line) };

function median(values: number[]): number {
    return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

async function main(): Promise<void> {
    console.log(`Zenlayer Images records benchmark — node ${process.version}, ${new Date().toISOString()}`);
    const folder = await fs.mkdtemp(path.join(tmpdir(), 'zl-records-bench-'));
    try {
        const images = manyImages(10_000);
        const instances: UsingInstance[] = Array.from({ length: 5_000 }, (_, index) => ({
            id: `ins-${index}`,
            name: `web-${index}`,
            status: 'RUNNING',
            zoneId: 'asia-east-1a',
            imageId: images[index * 2].id,
        }));
        const usage = joinUsage(instances);
        let now = Date.UTC(2026, 11, 5, 9, 0, 0);
        const ages = new ObservedAges({ store: new ObservationRecord(folder, silent), now: () => now, later: (work) => setTimeout(work, 0) });
        const handOver: number[] = [];
        const untilWritten: number[] = [];
        for (let run = 0; run < 9; run++) {
            global.gc?.();
            // Each listing an hour after the last, so every one writes the whole record (last use changes).
            now += 3_600_000;
            const started = performance.now();
            ages.listed({ account: 'Bench', images, usage });
            handOver.push(performance.now() - started);
            await ages.observations('Bench');
            untilWritten.push(performance.now() - started);
        }
        const label = 'observation record, 10,000 images / 5,000 instances';
        console.log(`${`${label}: on the listing's path (hand-over)`.padEnd(72)} ${median(handOver).toFixed(3)} ms (median of 9)`);
        console.log(`${`${label}: written after the listing (lock, read, merge, write)`.padEnd(72)} ${median(untilWritten).toFixed(1)} ms (median of 9)`);
    } finally {
        await fs.rm(folder, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
