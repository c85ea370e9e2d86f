import * as assert from 'assert';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { LockTimeoutError } from '../../../../src/shared/records/fileLock';
import { JsonFile, NewerFormatError } from '../../../../src/shared/records/jsonFile';
import { counterFile } from './concurrentWriter';
import { tempFolder } from '../../../support/tempFolders';
import { collectingLogger, runWriters } from './support';

interface Counter {
    count: number;
}

function counter(
    folder: string,
    logger = collectingLogger(),
    extra: { maxBytes?: number; lock?: { maxWaitMs: number; staleMs: number } } = {},
): JsonFile<Counter> {
    return new JsonFile<Counter>({
        path: path.join(folder, 'counter.json'),
        format: 1,
        decode: (value) => (typeof value.count === 'number' ? { count: value.count } : undefined),
        encode: (value) => JSON.stringify({ format: 1, ...value }),
        empty: () => ({ count: 0 }),
        logger,
        maxBytes: extra.maxBytes ?? 2 ** 20,
        durable: true,
        ...(extra.lock ? { lock: extra.lock } : {}),
    });
}

const increment = (value: Counter) => ({ count: value.count + 1 });

async function listing(folder: string): Promise<string[]> {
    return (await fs.readdir(folder)).sort();
}

/** A pid that certainly belongs to no running process: one that just exited. */
function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
}

describe('records: the JSON file every window writes', () => {
    let folder: string;
    beforeEach(() => (folder = tempFolder()));
    afterEach(() => fs.rm(folder, { recursive: true, force: true }));

    it('loses no update when two processes update it at once, and a reader never sees a half-written file', async () => {
        let reads = 0;
        const readWhileWriting = async (done: () => boolean) => {
            while (!done()) {
                const text = await fs.readFile(path.join(folder, 'counter.json'), 'utf8').catch(() => undefined);
                if (text !== undefined) {
                    // Every read is a whole file: the old one or the new one.
                    assert.strictEqual((JSON.parse(text) as { format: number }).format, 1);
                    reads++;
                }
                await new Promise((resolve) => setImmediate(resolve));
            }
        };
        await runWriters('counter', folder, ['a', 'b'], 40, readWhileWriting);
        const value = await counterFile(folder).read();
        assert.strictEqual(value.count, 80);
        assert.deepStrictEqual(new Set(value.writers).size, 80);
        assert.ok(reads > 0, 'the file was read while it was being written');
        assert.deepStrictEqual(await listing(folder), ['counter.json'], 'no lock, temporary or set-aside file is left');
    });

    it('queues updates from one process in order', async () => {
        const file = counter(folder);
        await Promise.all(Array.from({ length: 50 }, () => file.update(increment)));
        assert.strictEqual((await file.read()).count, 50);
    });

    it('writes nothing when the change returns nothing', async () => {
        const file = counter(folder);
        await file.update(increment);
        const before = await fs.stat(file.path);
        await file.update(() => undefined);
        assert.strictEqual((await fs.stat(file.path)).mtimeMs, before.mtimeMs);
    });

    it('sets a corrupt file aside with a log line and starts afresh', async () => {
        const logger = collectingLogger();
        const file = counter(folder, logger);
        await fs.writeFile(file.path, '{"format":1,"count":');
        assert.deepStrictEqual(await file.update(increment), { count: 1 });
        const names = await listing(folder);
        const aside = names.filter((name) => name.startsWith('counter.json.corrupt-'));
        assert.strictEqual(aside.length, 1);
        assert.strictEqual(await fs.readFile(path.join(folder, aside[0]), 'utf8'), '{"format":1,"count":', 'the damaged file is kept for a look, not deleted');
        assert.match(logger.lines.join('\n'), /warn: Set aside .*counter\.json \(not JSON\) as counter\.json\.corrupt-.*; starting afresh/);
        assert.strictEqual((await file.read()).count, 1);
    });

    it('sets aside a file that is not what it should be, or too large; a plain read does the same', async () => {
        const logger = collectingLogger();
        const file = counter(folder, logger, { maxBytes: 100 });
        await fs.writeFile(file.path, JSON.stringify({ format: 1, count: 'seven' }));
        assert.deepStrictEqual(await file.read(), { count: 0 });
        await fs.writeFile(file.path, JSON.stringify({ format: 1, count: 1, padding: 'x'.repeat(200) }));
        assert.deepStrictEqual(await file.read(), { count: 0 });
        assert.match(logger.lines[0], /not a format 1 record/);
        assert.match(logger.lines[1], /\d+ bytes, more than 100/);
        assert.strictEqual((await listing(folder)).filter((name) => name.includes('.corrupt-')).length, 2);
    });

    it('keeps only the newest three set-aside copies', async () => {
        const file = counter(folder);
        for (let round = 0; round < 5; round++) {
            // Copies are named by the millisecond they were set aside: one round per millisecond.
            for (const start = Date.now(); Date.now() === start;) {
                await new Promise((resolve) => setImmediate(resolve));
            }
            await fs.writeFile(file.path, `damaged ${round}`);
            await file.update(increment);
        }
        const aside = (await listing(folder)).filter((name) => name.includes('.corrupt-'));
        assert.strictEqual(aside.length, 3);
        const contents = await Promise.all(aside.map((name) => fs.readFile(path.join(folder, name), 'utf8')));
        assert.deepStrictEqual(contents.sort(), ['damaged 2', 'damaged 3', 'damaged 4']);
    });

    it('never overwrites a file written by a newer version', async () => {
        const file = counter(folder);
        const newer = JSON.stringify({ format: 2, count: 99, more: true });
        await fs.writeFile(file.path, newer);
        await assert.rejects(file.update(increment), NewerFormatError);
        assert.strictEqual(await fs.readFile(file.path, 'utf8'), newer);
        assert.deepStrictEqual(await file.read(), { count: 0 });
    });

    it('takes over at once a lock whose owner process has died', async () => {
        const file = counter(folder, collectingLogger(), { lock: { maxWaitMs: 1_000, staleMs: 60_000 } });
        await fs.writeFile(`${file.path}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'gone', at: Date.now() }));
        assert.deepStrictEqual(await file.update(increment), { count: 1 });
        assert.deepStrictEqual(await listing(folder), ['counter.json']);
    });

    it('waits for a live owner only so long, and changes nothing then', async () => {
        const file = counter(folder, collectingLogger(), { lock: { maxWaitMs: 150, staleMs: 60_000 } });
        await file.update(increment);
        const lock = JSON.stringify({ pid: process.pid, host: hostname(), token: 'someone else', at: Date.now() });
        await fs.writeFile(`${file.path}.lock`, lock);
        await assert.rejects(file.update(increment), (error: unknown) => error instanceof LockTimeoutError && error.waitedMs >= 150);
        assert.strictEqual(await fs.readFile(`${file.path}.lock`, 'utf8'), lock, "another owner's lock is left alone");
        assert.deepStrictEqual(await file.read(), { count: 1 });
    });

    it('takes over a lock older than the stale age even when its owner seems alive', async () => {
        const file = counter(folder, collectingLogger(), { lock: { maxWaitMs: 1_000, staleMs: 5_000 } });
        const lockPath = `${file.path}.lock`;
        await fs.writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), token: 'hung', at: 0 }));
        const tenMinutesAgo = new Date(Date.now() - 600_000);
        await fs.utimes(lockPath, tenMinutesAgo, tenMinutesAgo);
        assert.deepStrictEqual(await file.update(increment), { count: 1 });
    });

    it('removes temporary files left by a writer that died, but not a live writer’s', async () => {
        const file = counter(folder);
        const old = `${file.path}.tmp-1-dead`;
        const fresh = `${file.path}.tmp-2-live`;
        await fs.writeFile(old, 'half');
        await fs.writeFile(fresh, 'half');
        const longAgo = new Date(Date.now() - 3_600_000);
        await fs.utimes(old, longAgo, longAgo);
        await file.update(increment);
        assert.deepStrictEqual(await listing(folder), ['counter.json', 'counter.json.tmp-2-live']);
    });
});
