// The view's side of issue 15: region rows, copy progress, Copy to Regions…, Remove Copy from Region…, Rename… and
// their refusals, over the fake account and the fake clock (the emulator-backed suites are in test/integration).
import * as assert from 'assert';
import { copyChoices } from '../../../src/images/lifecycle/copy';
import { protectionChange, renameValidation } from '../../../src/images/lifecycle/rename';
import type { RegionNode } from '../../../src/images/model/regionRows';
import type { ImageNode } from '../../../src/images/model/tree';
import { copyProgressText } from '../../../src/images/view/regionItems';
import { toTreeItem } from '../../../src/images/view/treeItems';
import { parseProtectionRules, protectingEntry } from '../../../src/shared/settings/protection';
import { type ImageCopyProgress, regionsOfZones, ZenlayerApiError } from '../../../src/zenlayer';
import { FakeAccount } from '../../support/fakeAccount';
import { InputBoxValidationSeverity, TreeItemCollapsibleState } from '../../support/fakeVscode';
import { settle } from '../../support/fakeClock';
import { image } from '../../support/fixtures';
import { imagesFeature } from '../../support/imagesFeature';
import { KEY_BINDING_ARGS } from '../../../src/images/commands/context';

type Feature = ReturnType<typeof imagesFeature>;

function node(feature: Feature, name: string): ImageNode {
    const found = feature.model.imageRows().find((candidate) => candidate.image.name === name);
    assert.ok(found, `${name} is not in the tree`);
    return found;
}

/** Region rows as a person reads them: label and description. */
function regionRows(feature: Feature, name: string): string[] {
    return feature.lifecycle.regionRowsOf(node(feature, name)).map((row) => {
        const item = toTreeItem(row, feature.model.marks, feature.lifecycle);
        return `${typeof item.label === 'string' ? item.label : ''} · ${typeof item.description === 'string' ? item.description : ''}`;
    });
}

async function loaded(): Promise<Feature> {
    const account = new FakeAccount();
    account.images = [
        image('web', { regionIds: ['asia-east-1', 'asia-southeast-1', 'na-west-1'], sizeGiB: 40 }),
        image('solo', { regionIds: ['asia-east-1'] }),
        image('db-golden', { regionIds: ['asia-east-1', 'na-west-1'] }),
        image('building', { status: 'CREATING', regionIds: [] }),
    ];
    account.instances = [
        { id: 'ins-1', name: 'web-1', status: 'RUNNING', zoneId: 'asia-east-1a', imageId: 'img-web' },
        { id: 'ins-2', name: 'web-2', status: 'STOPPED', zoneId: 'asia-east-1b', imageId: 'img-web' },
        { id: 'ins-3', name: 'web-3', status: 'RUNNING', zoneId: 'na-west-1a', imageId: 'img-web' },
    ];
    const feature = imagesFeature({ account });
    await feature.model.refresh();
    return feature;
}

const progress = (overrides: Partial<ImageCopyProgress>): ImageCopyProgress => ({
    regionId: 'na-west-1',
    regionName: 'Los Angeles',
    syncStage: 'TRANSFERRING',
    queued: false,
    syncPercent: 42.57,
    errorInfo: undefined,
    ...overrides,
});

const apiError = (action: string, code: string) => new ZenlayerApiError(action, 400, code, 'Zenlayer refused it.', 'req-err-7');

describe('images view: regions, copies, rename', () => {
    describe('region rows', () => {
        it('an image in several regions expands to one row per region, with the city and the instances using it there', async () => {
            const feature = await loaded();
            const item = toTreeItem(node(feature, 'web'), feature.model.marks, feature.lifecycle);
            assert.strictEqual(item.collapsibleState, TreeItemCollapsibleState.Collapsed);
            // Before DescribeZones answers the rows name the region IDs; the answer fills in cities and usage.
            assert.deepStrictEqual(regionRows(feature, 'web'), ['asia-east-1 · ', 'asia-southeast-1 · ', 'na-west-1 · ']);
            await settle();
            assert.deepStrictEqual(regionRows(feature, 'web'), [
                'Hong Kong · 2 instances · asia-east-1',
                'Singapore · unused here · asia-southeast-1',
                'Los Angeles · 1 instance · na-west-1',
            ]);
        });

        it('an image in one region stays a leaf and costs no zone lookup', async () => {
            const feature = await loaded();
            const item = toTreeItem(node(feature, 'solo'), feature.model.marks, feature.lifecycle);
            assert.strictEqual(item.collapsibleState, TreeItemCollapsibleState.None);
            assert.deepStrictEqual(feature.lifecycle.regionRowsOf(node(feature, 'solo')), []);
            await settle();
            assert.strictEqual(feature.lifecycle.knownRegions, undefined, 'DescribeZones was not called');
        });

        it('copy progress reads "SYNCING 42%", "queued", "SYNCING" while preparing, or the error Zenlayer gave', () => {
            assert.strictEqual(copyProgressText(progress({})), 'SYNCING 42%');
            assert.strictEqual(copyProgressText(progress({ queued: true, syncStage: 'PREPARING', syncPercent: undefined })), 'queued');
            assert.strictEqual(copyProgressText(progress({ syncStage: 'PREPARING', syncPercent: undefined })), 'SYNCING');
            assert.strictEqual(copyProgressText(progress({ errorInfo: 'disk quota exceeded in na-west-1' })), 'failed: disk quota exceeded in na-west-1');
        });
    });

    describe('Copy to Regions…', () => {
        it('offers the regions that do not hold the image, and explains (without offering) those across the border', async () => {
            const feature = await loaded();
            feature.ui.pickNext((labels) => labels.filter((label) => label === 'Singapore'));
            await feature.commands.copyImageToRegions(node(feature, 'solo'));
            const [pick] = feature.ui.of('pick');
            assert.deepStrictEqual(pick.labels, ['Singapore', 'Los Angeles', 'Not offered: across the mainland China border', '$(circle-slash) Shanghai']);
            assert.deepStrictEqual(feature.account.lifecycleCalls, [{ action: 'CopyImage', imageId: 'img-solo', regionIds: ['asia-southeast-1'] }]);
            const [info] = feature.ui.messages('info');
            assert.strictEqual(info.message, 'Copying solo to Singapore (asia-southeast-1): its rows show the progress. (requestId req-copy-1)');
        });

        it('the rows show the progress, polled with back-off while the view shows, until the image is AVAILABLE again', async () => {
            const feature = await loaded();
            feature.ui.pickNext(() => ['Singapore', 'Los Angeles']);
            await feature.commands.copyImageToRegions(node(feature, 'solo'));
            assert.strictEqual(node(feature, 'solo').image.status, 'SYNCING');
            const soloItem = toTreeItem(node(feature, 'solo'), feature.model.marks, feature.lifecycle);
            assert.strictEqual(soloItem.collapsibleState, TreeItemCollapsibleState.Expanded, 'a copy in progress opens its row');
            feature.account.copyProgress.set('img-solo', [
                progress({ regionId: 'asia-southeast-1', regionName: 'Singapore', syncPercent: 42.57 }),
                progress({ regionId: 'na-west-1', syncStage: 'PREPARING', queued: true, syncPercent: undefined }),
            ]);
            await feature.clock.advance(5000);
            assert.deepStrictEqual(regionRows(feature, 'solo'), [
                'Hong Kong · unused here · asia-east-1',
                'Singapore · SYNCING 42% · asia-southeast-1',
                'Los Angeles · queued · na-west-1',
            ]);
            // Hidden, nothing is asked; shown again, the check that fell due runs.
            feature.model.setViewVisible(false);
            const asked = feature.account.describeCalls.length;
            await feature.clock.advance(60_000);
            assert.strictEqual(feature.account.describeCalls.length, asked, 'no poll while the view is hidden');
            feature.account.images = feature.account.images.map((entry) =>
                entry.id === 'img-solo' ? { ...entry, status: 'AVAILABLE', regionIds: ['asia-east-1', 'asia-southeast-1', 'na-west-1'] } : entry,
            );
            feature.account.copyProgress.delete('img-solo');
            feature.model.setViewVisible(true);
            await settle();
            assert.strictEqual(node(feature, 'solo').image.status, 'AVAILABLE');
            assert.deepStrictEqual(feature.lifecycle.followedIds, []);
            assert.deepStrictEqual(
                feature.ui.of('status').map((status) => status.text),
                ['solo is now also in Singapore (asia-southeast-1), Los Angeles (na-west-1)'],
            );
            const polls = feature.account.describeCalls.length;
            await feature.clock.advance(120_000);
            assert.strictEqual(feature.account.describeCalls.length, polls, 'quiet once the copy ended');
        });

        it('a destination that fails is named with the errorInfo Zenlayer gave, in one error notification', async () => {
            const feature = await loaded();
            feature.ui.pickNext(() => ['Los Angeles']);
            await feature.commands.copyImageToRegions(node(feature, 'solo'));
            feature.account.copyProgress.set('img-solo', [progress({ syncPercent: 50, errorInfo: 'transfer to na-west-1 failed' })]);
            await feature.clock.advance(5000);
            assert.deepStrictEqual(regionRows(feature, 'solo').slice(1), ['Los Angeles · failed: transfer to na-west-1 failed · na-west-1']);
            feature.account.setStatus('img-solo', 'FAILED');
            await feature.clock.advance(10_000);
            assert.deepStrictEqual(
                feature.ui.messages('error').map((message) => message.message),
                ['Copying solo failed in Los Angeles (na-west-1): transfer to na-west-1 failed (requestId req-copy-1)'],
            );
        });

        it('a refused copy says what Zenlayer said and follows nothing; a non-AVAILABLE image is refused before any request', async () => {
            const feature = await loaded();
            feature.account.failNextAction.set('CopyImage', apiError('CopyImage', 'OPERATION_DENIED_CROSS_BORDER_IMAGE_COPY'));
            feature.ui.pickNext(() => ['Singapore']);
            await feature.commands.copyImageToRegions(node(feature, 'solo'));
            assert.deepStrictEqual(
                feature.ui.messages('error').map((message) => message.message),
                ['Could not copy solo to Singapore (asia-southeast-1): OPERATION_DENIED_CROSS_BORDER_IMAGE_COPY: Zenlayer refused it. (requestId req-err-7)'],
            );
            assert.deepStrictEqual(feature.lifecycle.followedIds, []);
            await feature.commands.copyImageToRegions(node(feature, 'building'));
            assert.match(feature.ui.messages('warning')[0].message, /building is CREATING: Zenlayer copies only AVAILABLE custom images/);
        });

        it('ticking a region across the border sends nothing and says why', async () => {
            const feature = await loaded();
            feature.ui.pickNext(() => ['Singapore', '$(circle-slash) Shanghai']);
            await feature.commands.copyImageToRegions(node(feature, 'solo'));
            assert.deepStrictEqual(feature.account.lifecycleCalls, []);
            assert.strictEqual(
                feature.ui.messages('warning')[0].message,
                'solo cannot be copied to Shanghai (cn-east-1): Zenlayer refuses copies across the mainland China border. Nothing was sent.',
            );
        });

        it('copyChoices: held regions are not offered, cross-border ones are set aside', () => {
            const regions = regionsOfZones(new FakeAccount().zones);
            const choices = copyChoices(image('x', { regionIds: ['asia-east-1'] }), regions);
            assert.deepStrictEqual(
                choices.offered.map((region) => region.regionId),
                ['asia-southeast-1', 'na-west-1'],
            );
            assert.deepStrictEqual(
                choices.crossBorder.map((region) => region.regionId),
                ['cn-east-1'],
            );
        });
    });

    describe('Remove Copy from Region…', () => {
        it('from a region row: the confirmation names the image, the region, the GiB and the instances there', async () => {
            const feature = await loaded();
            await feature.lifecycle.loadRegions();
            const row = feature.lifecycle.regionRowsOf(node(feature, 'web')).find((candidate: RegionNode) => candidate.regionId === 'na-west-1');
            feature.ui.clickNext('Remove Copy');
            await feature.commands.removeImageCopy(row);
            const [confirm] = feature.ui.messages('warning');
            assert.strictEqual(confirm.message, 'Remove the copy of web from Los Angeles (na-west-1)?');
            assert.ok(confirm.modal);
            assert.strictEqual(
                confirm.detail,
                [
                    '40 GiB no longer stored (40 GiB per copy).',
                    'web stays in Hong Kong (asia-east-1), Singapore (asia-southeast-1).',
                    'Instances use it in Los Angeles (na-west-1): web-3. They keep running, but no new instance there can be made from it.',
                ].join('\n'),
            );
            assert.deepStrictEqual(feature.account.lifecycleCalls, [{ action: 'DeleteImageCopy', imageId: 'img-web', regionIds: ['na-west-1'] }]);
            assert.deepStrictEqual(node(feature, 'web').image.regionIds, ['asia-east-1', 'asia-southeast-1']);
            assert.strictEqual(
                feature.ui.messages('info')[0].message,
                'Removed web from Los Angeles (na-west-1): 40 GiB no longer stored. (requestId req-remove-1)',
            );
        });

        it('from an image: regions where instances use it are not pre-selected; picking every region is refused', async () => {
            const feature = await loaded();
            feature.ui.pickNext((labels) => labels);
            await feature.commands.removeImageCopy(node(feature, 'web'));
            const [pick] = feature.ui.of('pick');
            assert.deepStrictEqual(pick.labels, ['Hong Kong', 'Singapore', 'Los Angeles']);
            assert.deepStrictEqual(pick.preselected, ['Singapore']);
            assert.match(feature.ui.messages('warning')[0].message, /At least one copy of web must stay/);
            assert.deepStrictEqual(feature.account.lifecycleCalls, []);
        });

        it('the last copy is Delete Image, and protected images keep every copy: nothing is sent', async () => {
            const feature = await loaded();
            await feature.commands.removeImageCopy(node(feature, 'solo'));
            feature.model.setProtectionRules(parseProtectionRules(['db-*']).rules);
            await feature.commands.removeImageCopy(node(feature, 'db-golden'));
            assert.deepStrictEqual(
                feature.ui.messages('warning').map((message) => message.message),
                [
                    'solo is only in Hong Kong (asia-east-1): its last copy cannot be removed. Removing it is deleting the image: use Delete Image.',
                    'db-golden is protected by zenlayer.delete.protectedImages (db-*): its copies are never removed.',
                ],
            );
            assert.deepStrictEqual(feature.account.lifecycleCalls, []);
        });

        it('a refusal from Zenlayer is one error notification with its code and request ID; the rows keep the region', async () => {
            const feature = await loaded();
            feature.account.failNextAction.set('DeleteImageCopy', apiError('DeleteImageCopy', 'INVALID_IMAGE_STATUS'));
            feature.ui.pickNext(() => ['Singapore']).clickNext('Remove Copy');
            await feature.commands.removeImageCopy(node(feature, 'web'));
            assert.deepStrictEqual(
                feature.ui.messages('error').map((message) => message.message),
                ['Could not remove web from Singapore (asia-southeast-1): INVALID_IMAGE_STATUS: Zenlayer refused it. (requestId req-err-7)'],
            );
            assert.strictEqual(node(feature, 'web').image.regionIds.length, 3);
        });
    });

    describe('Rename…', () => {
        it("checks the name as it is typed with Zenlayer's rules and the names already listed", () => {
            const web = image('web');
            const others = [web, image('db')];
            const check = (value: string) => renameValidation(web, value, others, () => undefined);
            assert.deepStrictEqual(check('w'), { message: 'An image name needs at least 2 characters.', severity: InputBoxValidationSeverity.Error });
            assert.strictEqual(check('web/2')?.message, 'An image name has only letters (A–Z, a–z), digits, "-", "_" and ".".');
            assert.strictEqual(check('-web')?.message, 'An image name starts with a letter or digit.');
            assert.strictEqual(check('db')?.message, 'Another image is already named db.');
            assert.strictEqual(check('web-2'), undefined);
        });

        it('warns (without refusing) when the new name would lose or gain protection', () => {
            const rules = parseProtectionRules(['*-golden']).rules;
            const protectedBy = (candidate: ReturnType<typeof image>) => protectingEntry(candidate, rules);
            assert.deepStrictEqual(protectionChange(image('db-golden'), 'db-old', protectedBy), { kind: 'loses', entry: '*-golden' });
            assert.deepStrictEqual(renameValidation(image('db'), 'db-golden', [], protectedBy), {
                message: 'db-golden would be protected by zenlayer.delete.protectedImages (*-golden): never sent in a delete.',
                severity: InputBoxValidationSeverity.Warning,
            });
            assert.strictEqual(
                renameValidation(image('db-golden'), 'db-old', [], protectedBy)?.severity,
                InputBoxValidationSeverity.Warning,
                'losing protection is a warning',
            );
        });

        it('renames the row in place (same ID, new name, protection re-evaluated) and says so with the request ID', async () => {
            const feature = await loaded();
            feature.model.setProtectionRules(parseProtectionRules(['*-golden']).rules);
            feature.ui.typeNext('db-old');
            await feature.commands.renameImage(node(feature, 'db-golden'));
            const [input] = feature.ui.inputs();
            assert.strictEqual(input.options.value, 'db-golden');
            assert.match(input.validation ?? '', /db-old would no longer be protected/);
            assert.deepStrictEqual(feature.account.lifecycleCalls, [{ action: 'ModifyImagesAttributes', imageIds: ['img-db-golden'], imageName: 'db-old' }]);
            const renamed = node(feature, 'db-old');
            assert.strictEqual(renamed.id, 'img-db-golden');
            assert.strictEqual(renamed.protectedBy, undefined);
            assert.strictEqual(feature.ui.messages('info')[0].message, 'Renamed db-golden to db-old. (requestId req-rename-1)');
            assert.strictEqual(feature.account.listCalls.length, 1, 'no new listing was needed');
        });

        it('Rename from a context menu that lost its row (clicked as the tree refreshed) asks nothing and never renames the selected image', async () => {
            const feature = await loaded();
            feature.select([node(feature, 'web')]);
            feature.ui.typeNext('web-2');
            await feature.commands.renameImage(undefined);
            assert.deepStrictEqual(feature.ui.inputs(), []);
            assert.deepStrictEqual(feature.account.lifecycleCalls, []);
            assert.deepStrictEqual(
                feature.ui.messages('warning').map((message) => message.message),
                ['The list changed as you clicked, so nothing was done. Right-click the image again.'],
            );
        });

        it('F2 acts on the selected image; an invalid name sends nothing; a refusal names what Zenlayer said', async () => {
            const feature = await loaded();
            feature.select([node(feature, 'web')]);
            feature.ui.typeNext('web/2');
            await feature.commands.renameImage(KEY_BINDING_ARGS);
            assert.deepStrictEqual(feature.account.lifecycleCalls, []);
            feature.account.failNextAction.set('ModifyImagesAttributes', apiError('ModifyImagesAttributes', 'INVALID_IMAGE_NAME_DUPLICATE'));
            feature.ui.typeNext('web-2');
            await feature.commands.renameImage(KEY_BINDING_ARGS);
            assert.deepStrictEqual(
                feature.ui.messages('error').map((message) => message.message),
                ['Could not rename web: INVALID_IMAGE_NAME_DUPLICATE: Zenlayer refused it. (requestId req-err-7)'],
            );
            assert.ok(feature.model.imageRows().some((row) => row.image.name === 'web'));
        });
    });
});
