import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { accountFilePath } from '../../../../src/shared/records/accountFiles';
import {
    DeleteHistory,
    type HistoryEntry,
    historyImages,
    MAX_HISTORY_ENTRIES,
    MAX_IMAGES_PER_ENTRY,
    type NewHistoryEntry,
} from '../../../../src/shared/records/deleteHistory';
import { historyToCsv, historyToJson } from '../../../../src/shared/records/historyExport';
import type { DeleteImagesResult } from '../../../../src/zenlayer/types';
import { image } from '../../../support/fixtures';
import { tempFolder } from '../../../support/tempFolders';
import { collectingLogger, runWriters } from './support';

const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);

function entry(account: string, at: number, ids: string[], overrides: Partial<NewHistoryEntry> = {}): NewHistoryEntry {
    return {
        at,
        account,
        trigger: 'contextMenu',
        requested: ids,
        requestIds: [`req-${at}`],
        images: ids.map((id) => ({
            id,
            name: `name of ${id}`,
            sizeGiB: 20,
            regionIds: ['asia-east-1'],
            tags: [{ key: 'env', value: 'prod' }],
            result: 'accepted',
        })),
        ...overrides,
    };
}

describe('records: the delete history', () => {
    let folder: string;
    let logger: ReturnType<typeof collectingLogger>;
    let history: DeleteHistory;
    const historyFile = (account: string) => accountFilePath(path.join(folder, 'delete-history'), account);
    beforeEach(() => {
        folder = tempFolder();
        logger = collectingLogger();
        history = new DeleteHistory(folder, logger);
    });
    afterEach(() => fs.rm(folder, { recursive: true, force: true }));

    it('lists an account’s deletes newest first, with what each image was', async () => {
        await history.append(entry('Demo', T0, ['img-1']));
        await history.append(entry('Staging', T0 + 1, ['img-s']));
        await history.append(entry('Demo', T0 + 2, ['img-2', 'img-3'], { trigger: 'plan', planFingerprint: 'abc123' }));
        const demo = await history.entries('Demo');
        assert.deepStrictEqual(
            demo.map((stored) => [stored.at, stored.trigger, stored.images.map((described) => described.id)]),
            [
                [T0 + 2, 'plan', ['img-2', 'img-3']],
                [T0, 'contextMenu', ['img-1']],
            ],
        );
        assert.deepStrictEqual(demo[1].images[0], {
            id: 'img-1',
            name: 'name of img-1',
            sizeGiB: 20,
            regionIds: ['asia-east-1'],
            tags: [{ key: 'env', value: 'prod' }],
            result: 'accepted',
        });
        assert.strictEqual(demo[0].planFingerprint, 'abc123');
        assert.notStrictEqual(demo[0].id, demo[1].id);
        assert.deepStrictEqual(await history.accounts(), ['Demo', 'Staging']);
    });

    it('loses no entry when two processes append at once', async () => {
        await runWriters('history', folder, ['a', 'b'], 60);
        for (const account of ['Demo', 'Staging']) {
            const ids = (await history.entries(account)).map((stored) => stored.requested[0]).sort();
            const expected = ['a', 'b'].flatMap((label) =>
                Array.from({ length: 60 }, (_, index) => index)
                    .filter((index) => (account === 'Demo') === (index % 2 === 0))
                    .map((index) => `img-${label}-${index}`),
            );
            assert.deepStrictEqual(ids, expected.sort(), account);
        }
    });

    it('marks accepted images as gone in their newest entry, and tells when an image was deleted', async () => {
        await history.append(entry('Demo', T0, ['img-1', 'img-2']));
        await history.append(entry('Demo', T0 + 1000, ['img-1'], { trigger: 'retry' }));
        await history.markGone('Demo', ['img-1', 'img-2', 'img-never-deleted'], T0 + 5000);
        const [retry, first] = await history.entries('Demo');
        assert.deepStrictEqual(
            retry.images.map((described) => [described.id, described.result, described.goneAt]),
            [['img-1', 'gone', T0 + 5000]],
        );
        assert.deepStrictEqual(
            first.images.map((described) => [described.id, described.result]),
            [
                ['img-1', 'accepted'],
                ['img-2', 'gone'],
            ],
        );
        assert.strictEqual(await history.deletedAt('Demo', 'img-1'), T0 + 1000);
        assert.strictEqual(await history.deletedAt('Demo', 'img-never-deleted'), undefined);
        assert.strictEqual(await history.deletedAt('Staging', 'img-1'), undefined);
    });

    it(`keeps the last ${MAX_HISTORY_ENTRIES.toLocaleString('en-US')} entries of an account`, async () => {
        const stored: HistoryEntry[] = Array.from({ length: MAX_HISTORY_ENTRIES }, (_, index) => ({
            id: `entry-${index}`,
            ...entry('Demo', T0 + index, [`img-${index}`]),
        }));
        await fs.mkdir(path.dirname(historyFile('Demo')), { recursive: true });
        await fs.writeFile(historyFile('Demo'), JSON.stringify({ format: 1, account: 'Demo', entries: stored }));
        await history.append(entry('Demo', T0 + MAX_HISTORY_ENTRIES, ['img-newest']));
        const entries = await history.entries('Demo');
        assert.strictEqual(entries.length, MAX_HISTORY_ENTRIES);
        assert.strictEqual(entries[0].requested[0], 'img-newest');
        assert.strictEqual(entries[entries.length - 1].requested[0], 'img-1', 'the oldest one went');
    });

    it('bounds what one entry keeps: long texts cut, images past the limit counted', async () => {
        const ids = Array.from({ length: MAX_IMAGES_PER_ENTRY + 5 }, (_, index) => `img-${index}`);
        const big = entry('Demo', T0, ids);
        const stored = await history.append({
            ...big,
            images: big.images.map((described) => ({ ...described, name: 'n'.repeat(1000), error: 'e'.repeat(5000) })),
        });
        assert.strictEqual(stored?.images.length, MAX_IMAGES_PER_ENTRY);
        assert.strictEqual(stored?.omittedImages, 5);
        assert.strictEqual(stored?.images[0].name?.length, 256);
        assert.strictEqual(stored?.images[0].error?.length, 500);
        const size = (await fs.stat(historyFile('Demo'))).size;
        assert.ok(size <= 2 * 2 ** 20 + 1024, `${size} bytes`);
    });

    it('leaves out an unreadable entry with a log line and keeps the others', async () => {
        await history.append(entry('Demo', T0, ['img-1']));
        await history.append(entry('Demo', T0 + 1, ['img-2']));
        const file = JSON.parse(await fs.readFile(historyFile('Demo'), 'utf8')) as { entries: Record<string, unknown>[] };
        file.entries[0].trigger = 'somethingElse';
        await fs.writeFile(historyFile('Demo'), JSON.stringify(file));
        assert.deepStrictEqual(
            (await history.entries('Demo')).map((stored) => stored.requested[0]),
            ['img-2'],
        );
        assert.match(logger.lines.join('\n'), /warn: Left out 1 unreadable entries of the delete history/);
    });

    it('sets a damaged account file aside with a log line; other accounts lose nothing, and the next delete is recorded', async () => {
        await history.append(entry('Demo', T0, ['img-1']));
        await history.append(entry('Staging', T0, ['img-s']));
        await fs.writeFile(historyFile('Demo'), '\u0000\u0000garbage');
        const recorded = await history.append(entry('Demo', T0 + 1, ['img-2']));
        assert.ok(recorded);
        assert.deepStrictEqual(
            (await history.entries('Demo')).map((stored) => stored.requested[0]),
            ['img-2'],
        );
        assert.deepStrictEqual(
            (await history.entries('Staging')).map((stored) => stored.requested[0]),
            ['img-s'],
        );
        assert.match(logger.lines.join('\n'), /warn: Set aside .*\(not JSON\)/);
    });

    it('never rejects: an entry that cannot be written is logged and reported as not recorded', async () => {
        await fs.writeFile(path.join(folder, 'delete-history'), 'a file where the folder should be');
        assert.strictEqual(await history.append(entry('Demo', T0, ['img-1'])), undefined);
        assert.match(logger.lines.join('\n'), /warn: Could not record a delete of Demo in the delete history/);
    });

    it('moves a renamed account’s history, merged by time with what is already there', async () => {
        await history.append(entry('Demo', T0, ['img-1']));
        await history.append(entry('Production', T0 + 5, ['img-p']));
        await history.append(entry('Demo', T0 + 10, ['img-2']));
        await history.renameAccount('Demo', 'Production');
        const moved = await history.entries('Production');
        assert.deepStrictEqual(
            moved.map((stored) => [stored.requested[0], stored.account]),
            [
                ['img-2', 'Production'],
                ['img-p', 'Production'],
                ['img-1', 'Production'],
            ],
        );
        assert.deepStrictEqual(await history.entries('Demo'), []);
    });

    it('reads the result of a delete image by image: accepted, refused with the likely reason, failed, not sent, unknown', () => {
        const images = ['ok', 'used', 'down', 'later', 'lost'].map((name) => image(name));
        const result: DeleteImagesResult = {
            requested: images.map((described) => described.id),
            failedImageIds: ['img-used', 'img-down', 'img-later', 'img-lost'],
            requestIds: ['req-1', 'req-2'],
            chunkErrors: [
                { imageIds: ['img-down'], error: new Error('HTTP 502'), outcome: 'failed' },
                { imageIds: ['img-later'], error: new Error('not sent after a timeout'), outcome: 'notSent' },
                { imageIds: ['img-lost'], error: new Error('timed out'), outcome: 'unknownOutcome' },
            ],
        };
        const described = historyImages(images, result, (refused) => (refused.name === 'used' ? { kind: 'inUse', detail: '2' } : undefined));
        assert.deepStrictEqual(
            described.map((one) => [one.id, one.result, one.reason, one.error]),
            [
                ['img-ok', 'accepted', undefined, undefined],
                ['img-used', 'refused', { kind: 'inUse', detail: '2' }, undefined],
                ['img-down', 'failed', undefined, 'HTTP 502'],
                ['img-later', 'notSent', undefined, 'not sent after a timeout'],
                ['img-lost', 'unknown', undefined, 'timed out'],
            ],
        );
    });
});

describe('records: exporting the delete history', () => {
    const stored: HistoryEntry = {
        id: 'entry-1',
        at: Date.UTC(2026, 11, 5, 9, 0, 0),
        account: 'Demo',
        trigger: 'plan',
        requested: ['img-1', 'img-2'],
        requestIds: ['req-a', 'req-b'],
        planFingerprint: 'f00d',
        images: [
            {
                id: 'img-1',
                name: '=HYPERLINK("http://evil","x")',
                sizeGiB: 30,
                regionIds: ['asia-east-1', 'asia-southeast-1'],
                tags: [
                    { key: 'env', value: 'prod' },
                    { key: 'app', value: 'web, "blue"' },
                ],
                result: 'gone',
                goneAt: Date.UTC(2026, 11, 5, 9, 1, 0),
            },
            {
                id: 'img-2',
                name: '测试镜像-web',
                regionIds: [],
                tags: [{ key: '@team', value: '-1' }],
                result: 'refused',
                reason: { kind: 'inUse', detail: '2' },
            },
        ],
    };

    it('writes CSV a spreadsheet reads as text: every cell quoted, formulas defused, a BOM for non-ASCII names', () => {
        const csv = historyToCsv([stored]);
        assert.ok(csv.startsWith('\ufeff"time","account","trigger","entryId","imageId","imageName"'));
        const rows = csv.slice(1).split('\r\n');
        assert.strictEqual(rows.length, 4, 'header, one row per image, and a final line end');
        assert.strictEqual(rows[3], '');
        assert.strictEqual(
            rows[1],
            [
                '"2026-12-05T09:00:00.000Z","Demo","plan","entry-1","img-1","\'=HYPERLINK(""http://evil"",""x"")","30"',
                '"asia-east-1 asia-southeast-1","env=prod; app=web, ""blue""","gone","","","","2026-12-05T09:01:00.000Z","req-a req-b","f00d"',
            ].join(','),
        );
        assert.strictEqual(
            rows[2],
            '"2026-12-05T09:00:00.000Z","Demo","plan","entry-1","img-2","测试镜像-web","","","\'@team=-1","refused","inUse","2","","","req-a req-b","f00d"',
        );
    });

    it('writes JSON with readable times', () => {
        const parsed = JSON.parse(historyToJson([stored], Date.UTC(2026, 11, 6))) as {
            exportedAt: string;
            entries: { at: string; images: { goneAt?: string }[] }[];
        };
        assert.strictEqual(parsed.exportedAt, '2026-12-06T00:00:00.000Z');
        assert.strictEqual(parsed.entries[0].at, '2026-12-05T09:00:00.000Z');
        assert.strictEqual(parsed.entries[0].images[0].goneAt, '2026-12-05T09:01:00.000Z');
        assert.strictEqual(parsed.entries[0].images[1].goneAt, undefined);
    });
});
