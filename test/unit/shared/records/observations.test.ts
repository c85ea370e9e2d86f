import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { accountFilePath } from '../../../../src/shared/records/accountFiles';
import { AccountObservations, LAST_USED_RESOLUTION_MS, MAX_OBSERVED_IMAGES, ObservationRecord } from '../../../../src/shared/records/observations';
import { OBSERVED_AT } from './concurrentWriter';
import { tempFolder } from '../../../support/tempFolders';
import { collectingLogger, runWriters } from './support';

const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const listing = (ids: string[], used?: string[]) => ({ imageIds: ids, usedImageIds: used === undefined ? undefined : new Set(used) });

describe('records: what the extension observed of each account', () => {
    let folder: string;
    let logger: ReturnType<typeof collectingLogger>;
    let record: ObservationRecord;
    beforeEach(() => {
        folder = tempFolder();
        logger = collectingLogger();
        record = new ObservationRecord(folder, logger);
    });
    afterEach(() => fs.rm(folder, { recursive: true, force: true }));

    it('two windows listing the same accounts at once never leave a damaged record, and keep what the first listing saw', async () => {
        const reads: (number | undefined)[] = [];
        await runWriters('observations', folder, ['a', 'b'], 40, async (done) => {
            while (!done()) {
                reads.push((await record.read('Demo')).firstListingAt);
            }
        });
        assert.deepStrictEqual(logger.lines, [], 'no file was ever set aside, by a writer or a reader');
        assert.ok(reads.length > 0 && reads.every((at) => at === undefined || at === OBSERVED_AT), JSON.stringify(reads.slice(0, 10)));
        for (const [account, first] of [
            ['Demo', OBSERVED_AT],
            ['Staging', OBSERVED_AT + 1000],
        ] as const) {
            const observations = await record.read(account);
            assert.strictEqual(observations.firstListingAt, first, account);
            assert.ok(observations.imageCount >= 50, `${account}: ${observations.imageCount} images`);
            assert.deepStrictEqual(observations.firstSeen('img-0'), { kind: 'beforeFirstListing', firstListingAt: first });
            assert.deepStrictEqual(observations.firstSeen(`img-${observations.imageCount - 1}`)?.kind, 'at');
        }
    });

    it('takes images of the first listing as there before it, and later ones as first seen when they appeared', async () => {
        await record.observe('Demo', listing(['img-a', 'img-b'], []), T0);
        const later = await record.observe('Demo', listing(['img-a', 'img-b', 'img-c'], []), T0 + 3 * DAY);
        assert.deepStrictEqual(later.firstSeen('img-a'), { kind: 'beforeFirstListing', firstListingAt: T0 });
        assert.deepStrictEqual(later.firstSeen('img-c'), { kind: 'at', at: T0 + 3 * DAY });
        assert.strictEqual(later.firstSeen('img-unknown'), undefined);
        // Another window reads the same.
        const elsewhere = await new ObservationRecord(folder, logger).read('Demo');
        assert.deepStrictEqual(elsewhere.firstSeen('img-c'), { kind: 'at', at: T0 + 3 * DAY });
        assert.strictEqual(elsewhere.firstListingAt, T0);
    });

    it('remembers the last listing that saw an instance use an image, and keeps it when usage is unknown', async () => {
        await record.observe('Demo', listing(['img-a', 'img-b'], ['img-a']), T0);
        await record.observe('Demo', listing(['img-a', 'img-b'], ['img-a']), T0 + 2 * HOUR);
        await record.observe('Demo', listing(['img-a', 'img-b'], []), T0 + 5 * HOUR);
        const afterUnknown = await record.observe('Demo', listing(['img-a', 'img-b']), T0 + 6 * HOUR);
        assert.strictEqual(afterUnknown.lastUsedAt('img-a'), T0 + 2 * HOUR);
        assert.strictEqual(afterUnknown.lastUsedAt('img-b'), undefined);
    });

    it('writes a new last use at most every ten minutes, and nothing when nothing changed', async () => {
        await record.observe('Demo', listing(['img-a'], ['img-a']), T0);
        const file = accountFilePath(path.join(folder, 'observations'), 'Demo');
        const written = await fs.readFile(file, 'utf8');
        const polled = await record.observe('Demo', listing(['img-a'], ['img-a']), T0 + LAST_USED_RESOLUTION_MS - 1);
        assert.strictEqual(polled.lastUsedAt('img-a'), T0);
        assert.strictEqual(await fs.readFile(file, 'utf8'), written);
        const later = await record.observe('Demo', listing(['img-a'], ['img-a']), T0 + LAST_USED_RESOLUTION_MS);
        assert.strictEqual(later.lastUsedAt('img-a'), T0 + LAST_USED_RESOLUTION_MS);
    });

    it('reads back a first-seen time never later than the listing that saw the image (times are kept to the second)', async () => {
        await record.observe('Demo', listing(['img-a'], []), T0);
        const seenAt = T0 + 3 * DAY + 999;
        await record.observe('Demo', listing(['img-a', 'img-b'], []), seenAt);
        const firstSeen = (await record.read('Demo')).firstSeen('img-b');
        assert.ok(firstSeen?.kind === 'at' && firstSeen.at <= seenAt && seenAt - firstSeen.at < 1000, JSON.stringify(firstSeen));
    });

    it('drops images that are no longer listed', async () => {
        await record.observe('Demo', listing(['img-a', 'img-b'], []), T0);
        const after = await record.observe('Demo', listing(['img-b'], []), T0 + HOUR);
        assert.strictEqual(after.firstSeen('img-a'), undefined);
        assert.strictEqual(after.imageCount, 1);
    });

    it('keeps a 10,000-image account well under 1 MiB, and holds nothing but IDs and times', async () => {
        const ids = Array.from({ length: 10_000 }, (_, index) => `img-${index.toString(16).padStart(16, '0')}`);
        await record.observe('Demo', listing(ids, []), T0);
        const later = Array.from({ length: 10_000 }, (_, index) => `img-${(index + 5_000).toString(16).padStart(16, '0')}`);
        await record.observe(
            'Demo',
            listing(
                later,
                later.filter((_, index) => index % 2 === 0),
            ),
            T0 + 400 * DAY,
        );
        const text = await fs.readFile(accountFilePath(path.join(folder, 'observations'), 'Demo'), 'utf8');
        assert.ok(Buffer.byteLength(text) < 2 ** 19, `${Buffer.byteLength(text)} bytes`);
        const parsed = JSON.parse(text) as { images: Record<string, unknown> };
        assert.deepStrictEqual(Object.keys(parsed).sort(), ['account', 'firstListing', 'format', 'images']);
        assert.strictEqual(Object.keys(parsed.images).length, 10_000);
    });

    it(`records at most ${MAX_OBSERVED_IMAGES.toLocaleString('en-US')} images of an account; the rest count as not seen yet`, () => {
        const ids = Array.from({ length: MAX_OBSERVED_IMAGES + 2 }, (_, index) => `img-${index}`);
        const { observations } = new AccountObservations('Demo', undefined, new Map()).observe(listing(ids, []), T0);
        assert.strictEqual(observations.imageCount, MAX_OBSERVED_IMAGES);
        assert.strictEqual(observations.firstSeen(`img-${MAX_OBSERVED_IMAGES + 1}`), undefined);
    });

    it('keeps accounts apart, forgets a removed account, and moves a renamed one', async () => {
        await record.observe('Demo', listing(['img-a'], []), T0);
        await record.observe('Staging', listing(['img-s'], []), T0 + HOUR);
        await record.renameAccount('Demo', 'Production');
        assert.strictEqual((await record.read('Demo')).firstListingAt, undefined);
        const moved = await record.read('Production');
        assert.deepStrictEqual(moved.firstSeen('img-a'), { kind: 'beforeFirstListing', firstListingAt: T0 });
        await record.forgetAccount('Production');
        assert.strictEqual((await record.read('Production')).firstListingAt, undefined);
        assert.strictEqual((await record.read('Staging')).firstListingAt, T0 + HOUR, 'another account is untouched');
        // Listed again after being forgotten: a first listing again.
        const relisted = await record.observe('Production', listing(['img-a'], []), T0 + 10 * DAY);
        assert.deepStrictEqual(relisted.firstSeen('img-a'), { kind: 'beforeFirstListing', firstListingAt: T0 + 10 * DAY });
    });

    it('sets a damaged record aside with a log line, and takes the next listing’s images as new, never as old', async () => {
        await record.observe('Demo', listing(['img-fresh-build'], []), T0);
        const file = accountFilePath(path.join(folder, 'observations'), 'Demo');
        await fs.writeFile(file, '{"format":1,"account":"Demo","firstListing":');
        const after = await record.observe('Demo', listing(['img-fresh-build'], []), T0 + DAY);
        assert.deepStrictEqual(after.firstSeen('img-fresh-build'), { kind: 'at', at: T0 + DAY });
        assert.match(logger.lines.join('\n'), /Set aside .* \(not JSON\)/);
        assert.ok((await fs.readdir(path.dirname(file))).some((name) => name.includes('.corrupt-')));
    });

    it('leaves out entries that make no sense and keeps the rest', async () => {
        const file = accountFilePath(path.join(folder, 'observations'), 'Demo');
        await fs.mkdir(path.dirname(file), { recursive: true });
        const base = T0 / 1000;
        await fs.writeFile(
            file,
            JSON.stringify({ format: 1, account: 'Demo', firstListing: base, images: { 'img-a': [-1, 60], 'img-b': 'x', 'img-c': [3600, -1, 2] } }),
        );
        const read = await record.read('Demo');
        assert.deepStrictEqual(read.firstSeen('img-a'), { kind: 'beforeFirstListing', firstListingAt: T0 });
        assert.strictEqual(read.lastUsedAt('img-a'), T0 + 60_000);
        assert.strictEqual(read.firstSeen('img-b'), undefined);
        assert.strictEqual(read.firstSeen('img-c'), undefined);
    });

    it('refuses a file that names another account (and never lets it stand in for this one)', async () => {
        await record.observe('Staging', listing(['img-s'], []), T0);
        const demoFile = accountFilePath(path.join(folder, 'observations'), 'Demo');
        await fs.copyFile(accountFilePath(path.join(folder, 'observations'), 'Staging'), demoFile);
        const read = await record.read('Demo');
        assert.strictEqual(read.firstSeen('img-s'), undefined);
        assert.strictEqual(read.startedAfterLoss, true);
    });

    it('still answers from the listing when the record cannot be written, and logs why', async () => {
        // A file where the folder should be: nothing can be written below it.
        await fs.writeFile(path.join(folder, 'observations'), 'not a folder');
        const observed = await record.observe('Demo', listing(['img-a'], []), T0);
        assert.strictEqual(observed.imageCount, 1);
        assert.deepStrictEqual(observed.firstSeen('img-a'), { kind: 'at', at: T0 }, 'nothing known: new, not old');
        assert.match(logger.lines.join('\n'), /warn: Could not record the listing of Demo/);
    });
});
