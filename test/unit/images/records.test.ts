import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Uri } from 'vscode';
import type { ImageNode } from '../../../src/images/model/tree';
import { imageTooltip } from '../../../src/images/view/treeItems';
import type { HistoryEntry } from '../../../src/shared/records/deleteHistory';
import { image } from '../../support/fixtures';
import { fakeWorkspace } from '../../support/fakeVscode';
import { imagesFeature } from '../../support/imagesFeature';
import { tempFolder } from '../../support/tempFolders';
import { KEY_BINDING_ARGS } from '../../../src/images/commands/context';

type Feature = ReturnType<typeof imagesFeature>;

const ACCOUNT = 'demo';
/** 09:00 local time, as the documents show times. */
const START = new Date(2026, 11, 5, 9, 0, 0).getTime();
const DAY = 24 * 60 * 60_000;

function node(feature: Feature, name: string): ImageNode {
    const found = feature.model.imageRows().find((candidate) => candidate.image.name === name);
    assert.ok(found, `${name} is not in the tree`);
    return found;
}

/** The feature signed in to the account `demo`, listed once at START. */
async function signedIn(options: { storage?: string } = {}): Promise<Feature> {
    const feature = imagesFeature(options);
    feature.clock.time = START;
    feature.account.images = [image('web-1', { sizeGiB: 20, tags: [{ key: 'env', value: 'prod' }] }), image('web-2'), image('db-golden')];
    feature.account.refuse.add('img-db-golden');
    await feature.model.accountChanged(ACCOUNT);
    return feature;
}

async function history(feature: Feature, account = ACCOUNT): Promise<HistoryEntry[]> {
    await feature.recorder.whenWritten();
    return feature.records.history.entries(account);
}

const results = (entry: HistoryEntry | undefined) => entry?.images.map((entry) => `${entry.id} ${entry.result}`);

describe('records: the delete history, appended by every delete path', () => {
    it('writes one entry per delete with how it was asked: context menu, Delete key, palette, prune, plan', async () => {
        const feature = await signedIn();
        feature.account.images.push(image('old-1'), image('old-2'), image('old-3'), image('old-4'));
        // The prune offers old-4 only when no family or age rule keeps it.
        feature.cleanupRules.keepNewest = 0;
        feature.cleanupRules.minAgeDays = 0;
        await feature.model.refresh();

        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'old-1'), [node(feature, 'old-1')]);
        feature.select([node(feature, 'old-2')]);
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(KEY_BINDING_ARGS);
        feature.ui.pickNext((labels) => labels.filter((label) => label === 'old-3')).clickNext('Delete');
        await feature.deletes.pickAndRun();
        feature.ui.pickNext(() => ['old-4']).clickNext('Delete');
        await feature.deletes.deleteUnused();
        await feature.deleteFlow.sendConfirmed([node(feature, 'web-2').image], { reportFreed: true, trigger: 'plan', planFingerprint: 'plan-1' });

        const entries = await history(feature);
        assert.deepStrictEqual(
            entries.map((entry) => `${entry.trigger} ${entry.requested.join(',')}`),
            ['plan img-web-2', 'prune img-old-4', 'palette img-old-3', 'deleteKey img-old-2', 'contextMenu img-old-1'],
            'newest first, one entry per delete',
        );
        assert.strictEqual(entries[0].planFingerprint, 'plan-1');
        assert.deepStrictEqual(feature.account.deleteCalls.length, 5);
    });

    it('keeps what each image was and what became of it after a partial failure; Retry Failed is an entry of its own', async () => {
        const feature = await signedIn();
        feature.clock.time = START + 1000;
        feature.ui.clickNext('Delete').clickNext('Retry Failed');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1'), node(feature, 'db-golden')]);

        const [retry, first] = await history(feature);
        assert.strictEqual(first.trigger, 'contextMenu');
        assert.strictEqual(first.at, START + 1000);
        assert.strictEqual(first.account, ACCOUNT);
        assert.deepStrictEqual(first.requested, ['img-web-1', 'img-db-golden']);
        assert.deepStrictEqual(first.requestIds, ['req-1']);
        assert.deepStrictEqual(results(first), ['img-web-1 accepted', 'img-db-golden refused']);
        const [web1, db] = first.images;
        assert.deepStrictEqual([web1.name, web1.sizeGiB, web1.regionIds, web1.tags], ['web-1', 20, ['asia-east-1'], [{ key: 'env', value: 'prod' }]]);
        assert.deepStrictEqual(db.reason, { kind: 'unknown' });
        assert.strictEqual(retry.trigger, 'retry');
        assert.deepStrictEqual(results(retry), ['img-db-golden refused']);
        assert.deepStrictEqual(retry.requestIds, ['req-2']);
    });

    it('marks an accepted image gone once the follow-up no longer sees it', async () => {
        const feature = await signedIn();
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1')]);
        assert.deepStrictEqual(results((await history(feature))[0]), ['img-web-1 accepted']);
        feature.account.remove('img-web-1');
        await feature.clock.advance(5000);
        const [entry] = await history(feature);
        assert.deepStrictEqual(results(entry), ['img-web-1 gone']);
        assert.strictEqual(entry.images[0].goneAt, START + 5000);
    });

    it('records a failed request with its error, and an image in use with its instances', async () => {
        const feature = await signedIn();
        feature.account.failNextDelete = new Error('socket hang up');
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-2'), [node(feature, 'web-2')]);
        feature.account.refuse.clear();
        feature.account.instances = [{ id: 'ins-1', name: 'web-a', status: 'RUNNING', zoneId: undefined, imageId: 'img-db-golden' }];
        await feature.model.refresh();
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'db-golden'), [node(feature, 'db-golden')]);
        const [inUse, failed] = await history(feature);
        assert.deepStrictEqual(results(failed), ['img-web-2 failed']);
        assert.strictEqual(failed.images[0].error, 'socket hang up');
        assert.deepStrictEqual(inUse.images[0].reason, { kind: 'inUse', detail: 'web-a' });
    });

    it('a history that cannot be written never blocks a delete: it goes out, is reported, and the log says why', async () => {
        const storage = tempFolder();
        fs.writeFileSync(path.join(storage, 'delete-history'), 'a file where the folder should be');
        const feature = await signedIn({ storage });
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1')]);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1']]);
        assert.strictEqual(node(feature, 'web-1').image.status, 'DELETING');
        await feature.recorder.whenWritten();
        assert.ok(
            feature.logger.lines.some((line) => line.startsWith('[warn] Could not record a delete of demo in the delete history')),
            feature.logger.lines.join('\n'),
        );
    });

    it('a corrupt history file is set aside with a log line; the delete goes out and is the first entry of the new file', async () => {
        const first = await signedIn();
        first.ui.clickNext('Delete');
        await first.deletes.deleteSelected(node(first, 'web-2'), [node(first, 'web-2')]);
        await first.recorder.whenWritten();
        const folder = path.join(first.storage, 'delete-history');
        const [file] = fs.readdirSync(folder).filter((name) => name.endsWith('.json'));
        fs.writeFileSync(path.join(folder, file), '{"format":1,"account":"demo","entries":[');

        const feature = await signedIn({ storage: first.storage });
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1')]);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1']]);
        assert.deepStrictEqual((await history(feature)).map(results), [['img-web-1 accepted']]);
        assert.ok(feature.logger.lines.some((line) => line.includes('Set aside') && line.includes('not JSON')));
        assert.ok(
            fs.readdirSync(folder).some((name) => name.includes('.corrupt-')),
            'the damaged file is kept aside, not deleted',
        );
    });

    it('tells the references when an image of the shown account was deleted, also from an earlier session', async () => {
        const feature = await signedIn();
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1')]);
        assert.deepStrictEqual(feature.recorder.deleted('img-web-1'), { deletedAt: new Date(START), name: 'web-1' });
        assert.strictEqual(feature.recorder.deleted('img-web-2'), undefined);
        await feature.recorder.whenWritten();

        // Another session: the account's history is read as soon as the account is shown, before anyone asks.
        const later = await signedIn({ storage: feature.storage });
        await later.recorder.whenWritten();
        assert.deepStrictEqual(later.recorder.deleted('img-web-1'), { deletedAt: new Date(START), name: 'web-1' });
    });
});

describe('records: Show Delete History and Export Delete History…', () => {
    async function withTwoDeletes(): Promise<Feature> {
        const feature = await signedIn();
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-2'), [node(feature, 'web-2')]);
        feature.clock.time = START + 60_000;
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1'), node(feature, 'db-golden')]);
        return feature;
    }

    it('shows every delete of the account newest first, with each image’s result, in a rendered document', async () => {
        const feature = await withTwoDeletes();
        await feature.commands.showDeleteHistory();
        const [document] = feature.ui.of('document');
        assert.strictEqual(document.name, 'Delete History.md');
        assert.ok(document.content.includes('(`img-web-1`, 20 GiB'), 'the ID is a code span: its backticks are not escaped');
        const text = document.content.replace(/\\(.)/g, '$1');
        assert.match(text, /^# Zenlayer delete history/);
        assert.match(text, /## Account demo/);
        const newer = text.indexOf('5 Dec 2026, 09:01 · context menu · 2 images');
        const older = text.indexOf('5 Dec 2026, 09:00 · context menu · 1 image');
        assert.ok(newer > 0 && older > newer, text);
        assert.match(text, /- \*\*web-1\*\* \(`img-web-1`, 20 GiB, asia-east-1 · env=prod\): accepted by Zenlayer \(not seen gone yet\)/);
        assert.match(text, /- \*\*db-golden\*\* \(`img-db-golden`, 20 GiB, asia-east-1\): refused: Zenlayer did not say why/);
        assert.match(text, /DeleteImages requestId\(s\): `req-2`/);
    });

    it('says there is nothing yet instead of opening an empty document', async () => {
        const feature = await signedIn();
        await feature.commands.showDeleteHistory();
        assert.deepStrictEqual(feature.ui.of('document'), []);
        assert.strictEqual(feature.ui.messages('info')[0]?.message, 'No delete has been recorded in this VS Code yet.');
    });

    it('exports CSV (one row per image) or JSON to the file the save dialog names', async () => {
        const feature = await withTwoDeletes();
        const csvFile = Uri.file('/exports/history.csv');
        feature.ui.pickNext(() => ['CSV']).saveNext(csvFile);
        await feature.commands.exportDeleteHistory();
        const [save] = feature.ui.of('save');
        assert.deepStrictEqual(save.filters, { CSV: ['csv'] });
        assert.match(save.defaultUri ?? '', /zenlayer-delete-history\.csv$/);
        const csv = Buffer.from(fakeWorkspace.files.get(csvFile.toString()) ?? []).toString('utf8');
        const rows = csv
            .replace(/^\ufeff/, '')
            .trim()
            .split('\r\n');
        assert.strictEqual(rows.length, 4, 'a header and one row per image');
        const newest = new Date(START + 60_000).toISOString();
        assert.ok(rows[1].startsWith(`"${newest}","demo","contextMenu","`), rows[1]);
        assert.match(rows[1], /"img-web-1","web-1","20","asia-east-1","env=prod","accepted"/);
        assert.strictEqual(feature.ui.messages('info').at(-1)?.message, 'Exported 2 deletes to history.csv.');

        const jsonFile = Uri.file('/exports/history.json');
        feature.ui.pickNext(() => ['JSON']).saveNext(jsonFile);
        await feature.commands.exportDeleteHistory();
        const json = JSON.parse(Buffer.from(fakeWorkspace.files.get(jsonFile.toString()) ?? []).toString('utf8')) as { entries: HistoryEntry[] };
        assert.deepStrictEqual(
            json.entries.map((entry) => entry.requested),
            [['img-web-1', 'img-db-golden'], ['img-web-2']],
        );
    });

    it('writes nothing when the format pick or the save dialog is cancelled', async () => {
        const feature = await withTwoDeletes();
        const before = fakeWorkspace.files.size;
        await feature.commands.exportDeleteHistory();
        feature.ui.pickNext(() => ['JSON']).saveNext(undefined);
        await feature.commands.exportDeleteHistory();
        assert.strictEqual(fakeWorkspace.files.size, before);
        assert.strictEqual(feature.ui.of('save').length, 1);
    });
});

describe('records: what the view observed of the account', () => {
    it('records every complete listing; images there at the first listing read "there before", later ones "first seen … ago"', async () => {
        const feature = await signedIn();
        feature.clock.time = START + 3 * DAY;
        feature.account.images.push(image('web-3'));
        await feature.model.refresh();
        feature.clock.time = START + 15 * DAY;
        await feature.model.refresh();
        const observations = await feature.ages.observations(ACCOUNT);
        assert.deepStrictEqual(observations.firstSeen('img-web-1'), { kind: 'beforeFirstListing', firstListingAt: START });
        assert.deepStrictEqual(observations.firstSeen('img-web-3'), { kind: 'at', at: START + 3 * DAY });

        const tooltip = (name: string, now: number) => {
            const realNow = Date.now;
            Date.now = () => now;
            try {
                return imageTooltip(node(feature, name), feature.model.marks, { firstSeen: feature.ages.firstSeen(ACCOUNT, `img-${name}`) }).value.replace(
                    /\\(.)/g,
                    '$1',
                );
            } finally {
                Date.now = realNow;
            }
        };
        assert.match(tooltip('web-1', START + 15 * DAY), /\| Age \| there before 5 Dec 2026 \|/);
        assert.match(tooltip('web-3', START + 15 * DAY), /\| Age \| first seen 12 days ago \(by this VS Code\) \|/);
        assert.match(tooltip('web-3', START + 3 * DAY + 60_000), /\| Age \| first seen today \(by this VS Code\) \|/);
    });

    it('does not record a filtered listing, which would drop the images the filter hides', async () => {
        const feature = await signedIn();
        await feature.ages.observations(ACCOUNT);
        feature.clock.time = START + DAY;
        await feature.model.setFilter({ name: 'web' });
        feature.account.images.push(image('web-9'));
        await feature.model.refresh();
        const observations = await feature.ages.observations(ACCOUNT);
        assert.ok(observations.firstSeen('img-db-golden'), 'an image the filter hides stays recorded');
        assert.strictEqual(observations.firstSeen('img-web-9'), undefined, 'nothing of a filtered listing is recorded');
    });

    it('writes after the listings are shown, every one in order', async () => {
        const feature = await signedIn();
        await feature.ages.observations(ACCOUNT);
        const observe = feature.records.observations.observe.bind(feature.records.observations);
        const written: number[] = [];
        feature.records.observations.observe = (account, listing, now) => {
            written.push(now);
            return observe(account, listing, now);
        };
        for (let index = 1; index <= 3; index++) {
            feature.clock.time = START + index * 1000;
            await feature.model.refresh();
        }
        assert.deepStrictEqual(written, [], 'nothing was written while the listings were applied');
        await feature.ages.observations(ACCOUNT);
        assert.deepStrictEqual(written, [START + 1000, START + 2000, START + 3000]);
    });
});
