import * as assert from 'assert';
import type { ImageNode, TreeNode } from '../../../src/images/model/tree';
import { parseProtectionRules } from '../../../src/shared/settings/protection';
import { imageTooltip, toTreeItem } from '../../../src/images/view/treeItems';
import { ZenlayerApiError, ZenlayerNetworkError } from '../../../src/zenlayer';
import { image } from '../../support/fixtures';
import { imagesFeature } from '../../support/imagesFeature';
import { KEY_BINDING_ARGS } from '../../../src/images/commands/context';

type Feature = ReturnType<typeof imagesFeature>;

function node(feature: Feature, name: string): ImageNode {
    const found = feature.model.rootNodes().find((candidate): candidate is ImageNode => candidate.kind === 'image' && candidate.image.name === name);
    assert.ok(found, `${name} is not in the tree`);
    return found;
}

async function loaded(): Promise<Feature> {
    const feature = imagesFeature();
    feature.account.images = [
        image('web-1'),
        image('web-2'),
        image('db-golden'),
        image('ci-runner', { status: 'CREATING' }),
        image('cache', { status: 'PROCESSING' }),
        image('ubuntu', { type: 'PUBLIC_IMAGE', source: 'OFFICIAL' }),
    ];
    feature.account.refuse.add('img-db-golden');
    await feature.model.refresh();
    return feature;
}

const apiError = (code: string, status: number) => new ZenlayerApiError('DeleteImages', status, code, 'The image is in a wrong state.', 'req-err-1');

describe('DeleteFlow: the context menu and the Delete key', () => {
    it('asks in a modal naming the image, sends it, says so, and shows it deleting', async () => {
        const feature = await loaded();
        const target = node(feature, 'web-1');
        let whileSending: string | undefined;
        feature.ui.duringProgress = () => (whileSending = String(toTreeItem(node(feature, 'web-1'), feature.model.marks).description));
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(target, [target]);

        const [confirm] = feature.ui.messages('warning');
        assert.strictEqual(confirm.modal, true);
        assert.deepStrictEqual(confirm.buttons, ['Delete']);
        assert.strictEqual(confirm.message, 'Delete image "web-1" (img-web-1)?');
        assert.match(confirm.detail ?? '', /cannot be recovered/);
        assert.strictEqual(whileSending, 'Deleting…');
        assert.deepStrictEqual(
            feature.ui.of('progress').map((call) => call.title),
            ['Deleting image web-1…'],
        );
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1']]);
        assert.deepStrictEqual(feature.ui.messages('info'), [], 'accepted is not "Deleted" while the row says DELETING, and needs no notification of its own');
        assert.deepStrictEqual(
            feature.ui.of('background'),
            [{ kind: 'background', title: 'Deleting image web-1…', ended: false }],
            'the status bar says it goes on',
        );
        assert.strictEqual(node(feature, 'web-1').image.status, 'DELETING');
        assert.ok(!String(toTreeItem(node(feature, 'web-1'), feature.model.marks).contextValue).endsWith('.deletable'));
        assert.deepStrictEqual(feature.model.pollingIds, ['img-web-1']);
        feature.account.remove('img-web-1');
        await feature.clock.advance(5000);
        assert.deepStrictEqual(
            feature.ui.messages('info').map((call) => call.message),
            ['Deleted image web-1'],
            '"Deleted" once Zenlayer no longer lists it',
        );
        assert.deepStrictEqual(
            feature.ui.of('background').map((call) => call.ended),
            [true],
            'and the status bar stops saying "Deleting…"',
        );
    });

    it('following a delete, a poll that finds the image still DELETING leaves the tree alone; its going rebuilds it', async () => {
        // Every rebuild refreshes the whole tree in VS Code, and a context-menu click during a refresh loses its row.
        const feature = await loaded();
        const target = node(feature, 'web-1');
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(target, [target]);
        // The first poll brings Zenlayer's own record of the DELETING image (the row was marked locally until then).
        await feature.clock.advance(5000);
        let rebuilds = 0;
        feature.model.onDidChange(() => rebuilds++);
        const polls = () => feature.account.describeCalls.length;
        const before = polls();
        await feature.clock.advance(30000);
        assert.ok(polls() >= before + 2, `polled while DELETING (${polls() - before} polls)`);
        assert.strictEqual(rebuilds, 0);
        feature.account.remove('img-web-1');
        await feature.clock.advance(30000);
        assert.strictEqual(rebuilds, 1);
        assert.ok(!feature.model.imageRows().some((row) => row.image.name === 'web-1'));
    });

    it('sends nothing when the confirmation is dismissed', async () => {
        const feature = await loaded();
        const target = node(feature, 'web-1');
        await feature.deletes.deleteSelected(target, [target]);
        assert.strictEqual(feature.ui.messages('warning').length, 1);
        assert.deepStrictEqual(feature.account.deleteCalls, []);
        assert.ok(feature.logger.lines.some((line) => line.includes('cancelled; nothing sent')));
    });

    it('the Delete key acts on the view selection', async () => {
        const feature = await loaded();
        feature.select([node(feature, 'web-2')]);
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(KEY_BINDING_ARGS);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-2']]);
    });

    it('a context-menu Delete that comes without its row (clicked as the tree refreshed) sends nothing and never takes the selection instead', async () => {
        const feature = await loaded();
        feature.select([node(feature, 'web-2')]);
        feature.ui.clickNext('Delete');
        // What VS Code passes when the right-clicked row's handle was dropped by a refresh: no element.
        await feature.deletes.deleteSelected(undefined, undefined);
        const target = node(feature, 'web-1');
        await feature.deletes.deleteSelected(target, [target, undefined]);
        assert.deepStrictEqual(feature.account.deleteCalls, []);
        assert.deepStrictEqual(
            feature.ui.messages('warning').map((call) => [call.message, call.modal ?? false]),
            Array(2).fill(['The list changed as you clicked Delete, so nothing was deleted. Right-click the image again.', false]),
            'no confirmation for web-2, the selected row nobody right-clicked',
        );
    });

    it('skips images that cannot be deleted and says why; with nothing left, sends nothing', async () => {
        const feature = await loaded();
        await feature.deletes.deleteSelected(node(feature, 'ci-runner'), [node(feature, 'cache'), node(feature, 'ubuntu')]);
        assert.deepStrictEqual(feature.account.deleteCalls, []);
        assert.deepStrictEqual(
            feature.ui.messages('warning').map((call) => call.message),
            ['Nothing to delete: ci-runner (CREATING), cache (PROCESSING), ubuntu (public image).'],
        );
    });

    it('names the skipped images in the confirmation and sends only the deletable ones', async () => {
        const feature = await loaded();
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1'), node(feature, 'web-2'), node(feature, 'ubuntu')]);
        const [confirm] = feature.ui.messages('warning');
        assert.strictEqual(confirm.message, 'Delete 2 images: web-1, web-2?');
        assert.match(confirm.detail ?? '', /Skipped: ubuntu \(public image\)\./);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1', 'img-web-2']]);
        assert.deepStrictEqual(feature.ui.messages('info'), []);
        assert.deepStrictEqual(
            feature.ui.of('background').map((call) => call.title),
            ['Deleting 2 images…'],
        );
    });

    it('expands a group to its deletable images', async () => {
        const feature = imagesFeature({ groupBy: 'status' });
        feature.account.images = [image('a'), image('b'), image('c', { status: 'CREATING' })];
        await feature.model.refresh();
        const group = feature.model.rootNodes().find((candidate: TreeNode) => candidate.kind === 'group' && candidate.key === 'AVAILABLE');
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(group, [group]);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-a', 'img-b']]);
    });

    it('reports a partial failure with its requestId; Retry Failed sends only the refused image, without asking again', async () => {
        const feature = await loaded();
        feature.ui.clickNext('Delete').clickNext('Retry Failed');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1'), node(feature, 'db-golden')]);
        const [partial, retried] = feature.ui.messages('warning').slice(1);
        assert.strictEqual(
            partial.message,
            'Deleting 1 of 2 images. Not deleted: db-golden — Zenlayer did not say why, and no instance is known to use it. (requestId req-1)',
        );
        assert.deepStrictEqual(partial.buttons, ['Show Details', 'Retry Failed', 'Copy Failed IDs']);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1', 'img-db-golden'], ['img-db-golden']]);
        assert.strictEqual(retried.message, 'db-golden was not deleted: Zenlayer did not say why, and no instance is known to use it. (requestId req-2)');
        assert.strictEqual(feature.ui.messages('warning').length, 3, 'no second confirmation for the retry');
        // Each result shows only once its "Deleting…" notification has gone, never beside it.
        const order = feature.ui.calls.map((call) => (call.kind === 'message' ? call.message.split(' ')[0] : call.kind));
        assert.deepStrictEqual(
            order.filter((kind) => ['progress', 'progressEnded', 'Deleting', 'db-golden'].includes(kind)),
            ['progress', 'progressEnded', 'Deleting', 'progress', 'progressEnded', 'db-golden'],
        );
        const marked = toTreeItem(node(feature, 'db-golden'), feature.model.marks);
        assert.strictEqual(marked.description, 'AVAILABLE · delete failed');
        await feature.model.refresh();
        assert.strictEqual(toTreeItem(node(feature, 'db-golden'), feature.model.marks).description, '20 GiB');
    });

    it('Show Details lists the refused images with the requestIds; Copy Failed IDs copies them', async () => {
        const feature = await loaded();
        feature.ui.clickNext('Delete').clickNext('Show Details');
        await feature.deletes.deleteSelected(node(feature, 'db-golden'), [node(feature, 'db-golden')]);
        const [document] = feature.ui.of('document');
        assert.strictEqual(document.name, 'delete-result.md', 'a Markdown document, opened as a rendered preview');
        assert.match(document.content, /## Refused by Zenlayer\n\n- \*\*db\\-golden\*\* \(`img-db-golden`, AVAILABLE\): Zenlayer did not say why/);
        assert.match(document.content, /DeleteImages requestId\(s\): `req-1`/);

        feature.ui.clickNext('Delete').clickNext('Copy Failed IDs');
        await feature.deletes.deleteSelected(node(feature, 'db-golden'), [node(feature, 'db-golden')]);
        assert.deepStrictEqual(
            feature.ui.of('clipboard').map((call) => call.text),
            ['img-db-golden'],
        );
        assert.deepStrictEqual(
            feature.ui.of('status').map((call) => call.text),
            ['Copied 1 failed image ID(s)'],
        );
    });

    it('a failed request is an error naming the code and requestId, with Show Log and a Retry that succeeds', async () => {
        const feature = await loaded();
        feature.account.failNextDelete = apiError('INTERNAL_ERROR', 500);
        feature.ui.clickNext('Delete').clickNext('Retry');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1')]);
        const [failure] = feature.ui.messages('error');
        assert.strictEqual(failure.message, 'Could not delete 1 image(s): INTERNAL_ERROR: The image is in a wrong state. (requestId req-err-1)');
        assert.deepStrictEqual(failure.buttons, ['Show Log', 'Retry']);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1'], ['img-web-1']]);
        assert.deepStrictEqual(
            feature.ui.of('background').map((call) => call.title),
            ['Deleting image web-1…'],
            'the retry was accepted',
        );
    });

    it('a refusal by Zenlayer (4xx) is a warning, not an error; an unreachable Zenlayer says what to check', async () => {
        const feature = await loaded();
        feature.account.failNextDelete = apiError('OPERATION_DENIED_IMAGE_IN_USE', 400);
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1')]);
        assert.strictEqual(feature.ui.messages('error').length, 0);
        assert.match(feature.ui.messages('warning')[1].message, /^Could not delete 1 image\(s\): OPERATION_DENIED_IMAGE_IN_USE/);

        feature.account.failNextDelete = new ZenlayerNetworkError('DeleteImages', 'https://console.zenlayer.com', 'ENOTFOUND', new Error('getaddrinfo'));
        feature.ui.clickNext('Delete').clickNext('Show Log');
        await feature.deletes.deleteSelected(node(feature, 'web-2'), [node(feature, 'web-2')]);
        const [unreachable] = feature.ui.messages('error');
        assert.match(unreachable.message, /Cannot reach https:\/\/console\.zenlayer\.com \(ENOTFOUND\)\. Check the network/);
        assert.strictEqual(feature.ui.of('log').length, 1);
        assert.strictEqual(toTreeItem(node(feature, 'web-2'), feature.model.marks).description, 'AVAILABLE · delete failed');
    });

    it('signed out: offers Configure Credentials instead of sending', async () => {
        const feature = await loaded();
        feature.account.signedIn = false;
        feature.ui.clickNext('Delete').clickNext('Configure Credentials');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1')]);
        assert.deepStrictEqual(feature.account.deleteCalls, []);
        assert.strictEqual(feature.ui.messages('warning')[1].message, 'Configure your Zenlayer credentials first.');
        assert.strictEqual(feature.configureCalls(), 1);
    });

    it('typeToConfirm: deletes only after the exact name is typed', async () => {
        const feature = await loaded();
        feature.settings.confirmation = 'typeToConfirm';
        feature.ui.typeNext('web');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1')]);
        assert.deepStrictEqual(feature.account.deleteCalls, []);
        assert.strictEqual(feature.ui.inputs()[0].validation, 'Type "web-1" to delete.');
        feature.ui.typeNext('web-1');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1')]);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1']]);
    });
});

describe('DeleteFlow: the palette bulk delete', () => {
    it('offers only deletable images, by name, and deletes the picked ones', async () => {
        const feature = await loaded();
        feature.ui.pickNext((labels) => labels.filter((label) => label.startsWith('web'))).clickNext('Delete');
        await feature.deletes.pickAndRun();
        const [pick] = feature.ui.of('pick');
        assert.deepStrictEqual(pick.labels, ['db-golden', 'web-1', 'web-2']);
        assert.strictEqual(pick.title, 'Delete Zenlayer Images');
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1', 'img-web-2']]);
    });

    it('says in the title when the view filter narrows what is offered', async () => {
        const feature = imagesFeature({ filter: { name: 'web' } });
        feature.account.images = [image('web-1'), image('db')];
        await feature.model.refresh();
        await feature.deletes.pickAndRun();
        assert.strictEqual(feature.ui.of('pick')[0].title, 'Delete Zenlayer Images (filtered: name: web)');
    });

    it('after a failed load shows that error with Retry, and Retry loads and offers the images', async () => {
        const feature = await loaded();
        feature.account.failNextList = new Error('proxy said no');
        await feature.model.refresh();
        feature.ui.clickNext('Retry');
        await feature.deletes.pickAndRun();
        assert.strictEqual(feature.ui.messages('error')[0].message, 'Could not load the images to choose from: proxy said no');
        assert.deepStrictEqual(feature.ui.of('pick')[0].labels, ['db-golden', 'web-1', 'web-2']);
    });

    it('signed out: runs the credentials flow instead', async () => {
        const feature = imagesFeature();
        feature.account.signedIn = false;
        await feature.model.refresh();
        await feature.deletes.pickAndRun();
        assert.strictEqual(feature.configureCalls(), 1);
        assert.strictEqual(feature.ui.of('pick').length, 0);
    });

    it('an account with nothing deletable says so and opens no pick', async () => {
        const feature = imagesFeature();
        feature.account.images = [image('ubuntu', { type: 'PUBLIC_IMAGE' })];
        await feature.model.refresh();
        await feature.deletes.pickAndRun();
        assert.deepStrictEqual(
            feature.ui.messages('info').map((call) => call.message),
            ['There are no custom images that can be deleted.'],
        );
    });
});

const instance = (name: string, imageId: string, status = 'RUNNING') => ({ id: `ins-${name}`, name, status, zoneId: 'asia-east-1a', imageId });

async function withUsage(): Promise<Feature> {
    const feature = await loaded();
    feature.account.refuse.clear();
    feature.account.instances = [instance('web-1', 'img-db-golden'), instance('web-2', 'img-db-golden', 'RECYCLE')];
    await feature.model.refresh();
    return feature;
}

describe('DeleteFlow: deletes that explain themselves', () => {
    it('names the images in use with their instance counts and offers "Delete N Unused Only", which sends only the unused', async () => {
        const feature = await withUsage();
        feature.ui.clickNext('Delete 1 Unused Only');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1'), node(feature, 'db-golden')]);
        const [confirm] = feature.ui.messages('warning');
        assert.deepStrictEqual(confirm.buttons, ['Delete 1 Unused Only', 'Delete All']);
        assert.match(confirm.detail ?? '', /In use by instances: db-golden \(2 instances\)\./);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1']]);
    });

    it('"Delete All" still sends the image in use (the real rule is not documented); the refusal names its instances', async () => {
        const feature = await withUsage();
        feature.ui.clickNext('Delete All');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1'), node(feature, 'db-golden')]);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1', 'img-db-golden']]);
        assert.strictEqual(
            feature.ui.messages('warning')[1].message,
            'Deleting 1 of 2 images. Not deleted: db-golden — used by 2 instances (web-1, web-2). (requestId req-1)',
        );
        const tooltip = imageTooltip(node(feature, 'db-golden'), feature.model.marks).value.replace(/\\(.)/g, '$1');
        assert.match(tooltip, /Not deleted: used by 2 instances \(web-1, web-2\)\./);
    });

    it('a single refused image reads as such, not "0 of 1"', async () => {
        const feature = await withUsage();
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'db-golden'), [node(feature, 'db-golden')]);
        assert.strictEqual(feature.ui.messages('warning')[1].message, 'db-golden was not deleted: used by 2 instances (web-1, web-2). (requestId req-1)');
    });

    it('a refused image that is gone by now reads "not found"', async () => {
        const feature = await loaded();
        feature.account.remove('img-db-golden');
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'db-golden'), [node(feature, 'db-golden')]);
        assert.strictEqual(feature.ui.messages('warning')[1].message, 'db-golden was not deleted: not found: it is already gone. (requestId req-1)');
    });

    it('from the threshold, the modal also asks to type the count, and the prompt states it (nothing pre-written)', async () => {
        const feature = imagesFeature();
        feature.settings.typeCountThreshold = 3;
        feature.account.images = ['a', 'b', 'c'].map((name) => image(name));
        await feature.model.refresh();
        const nodes = feature.model.rootNodes();
        feature.ui.clickNext('Delete').typeNext('2');
        await feature.deletes.deleteSelected(nodes[0], nodes);
        assert.deepStrictEqual(feature.account.deleteCalls, [], 'one Enter on the modal is not enough');
        const [box] = feature.ui.inputs();
        assert.strictEqual(box.options.placeHolder, undefined);
        assert.match(box.options.prompt ?? '', /Type the number of images, 3, to confirm\./);
        feature.ui.clickNext('Delete').typeNext('3');
        await feature.deletes.deleteSelected(nodes[0], nodes);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-a', 'img-b', 'img-c']]);
    });

    it('images not sent after a timeout are reported apart from refusals, and Retry Not Sent sends only those', async () => {
        const feature = await loaded();
        const timeout = new Error('no answer');
        (feature.account.api as { deleteImages: unknown }).deleteImages = (ids: readonly string[]) => {
            feature.account.deleteCalls.push(ids);
            if (feature.account.deleteCalls.length > 1) {
                return Promise.resolve({ requested: [...ids], failedImageIds: [], requestIds: ['req-2'], chunkErrors: [] });
            }
            return Promise.resolve({
                requested: [...ids],
                failedImageIds: ids.slice(1),
                requestIds: ['req-1'],
                chunkErrors: [{ imageIds: ids.slice(1), error: timeout, outcome: 'notSent' }],
            });
        };
        feature.ui.clickNext('Delete').clickNext('Retry Not Sent');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1'), node(feature, 'web-2'), node(feature, 'db-golden')]);
        const result = feature.ui.messages('warning')[1];
        assert.strictEqual(result.message, 'Deleting 1 of 3 images. 2 not sent (Retry Not Sent sends them). (requestId req-1)');
        assert.deepStrictEqual(result.buttons, ['Show Details', 'Retry Not Sent', 'Copy Failed IDs']);
        assert.deepStrictEqual(feature.account.deleteCalls.at(-1), ['img-web-2', 'img-db-golden']);
    });

    it('shows a protected image with a lock and without Delete in its menu', async () => {
        const feature = await loaded();
        feature.model.setProtectionRules(parseProtectionRules(['db-*']).rules);
        const item = toTreeItem(node(feature, 'db-golden'), feature.model.marks);
        assert.strictEqual((item.iconPath as { id: string }).id, 'lock');
        assert.ok(!String(item.contextValue).endsWith('.deletable'));
    });
});

/** What no path may do: send img-db-golden once `db-*` protects it. */
function protectedSends(feature: Feature): (readonly string[])[] {
    return feature.account.deleteCalls.filter((ids) => ids.includes('img-db-golden'));
}

// Every way a delete starts (README, "Protected images"): context menu, Delete key, palette, Delete Unused, Retry.
describe('DeleteFlow: a protected image is never sent, by any path', () => {
    async function protectedFeature(): Promise<Feature> {
        const feature = await loaded();
        feature.model.setProtectionRules(parseProtectionRules(['db-*']).rules);
        return feature;
    }
    const skipped = 'db-golden (protected by zenlayer.delete.protectedImages: db-*)';

    it('the context menu sends the others of the selection and names the protected one and its entry as skipped', async () => {
        const feature = await protectedFeature();
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1'), node(feature, 'db-golden')]);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1']]);
        assert.ok(feature.ui.messages('warning')[0].detail?.includes(`Skipped: ${skipped}.`), feature.ui.messages('warning')[0].detail);
    });

    it('the Delete key on it alone sends nothing and says which entry protects it', async () => {
        const feature = await protectedFeature();
        feature.select([node(feature, 'db-golden')]);
        await feature.deletes.deleteSelected(KEY_BINDING_ARGS);
        assert.deepStrictEqual(feature.account.deleteCalls, []);
        assert.deepStrictEqual(
            feature.ui.messages('warning').map((call) => call.message),
            [`Nothing to delete: ${skipped}.`],
        );
    });

    it("a Delete on its group sends the group's other images only", async () => {
        const feature = await protectedFeature();
        feature.model.setGroupBy('status');
        const group = feature.model.rootNodes().find((candidate: TreeNode) => candidate.kind === 'group' && candidate.key === 'AVAILABLE');
        assert.ok(group?.kind === 'group' && group.children.some((child) => child.image.name === 'db-golden'), 'the group holds the protected image');
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(group, [group]);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1', 'img-web-2']]);
    });

    it('the palette does not offer it', async () => {
        const feature = await protectedFeature();
        feature.ui.pickNext((labels) => labels).clickNext('Delete');
        await feature.deletes.pickAndRun();
        assert.deepStrictEqual(feature.ui.of('pick')[0].labels, ['web-1', 'web-2']);
        assert.deepStrictEqual(protectedSends(feature), []);
    });

    it('Delete Unused Images does not offer it, although no instance uses it', async () => {
        const feature = await protectedFeature();
        feature.cleanupRules.keepNewest = 0; // no family rule: only the protection keeps it
        feature.ui.pickNext((labels) => labels).clickNext('Delete');
        await feature.deletes.deleteUnused();
        assert.strictEqual(feature.model.instancesOf('img-db-golden')?.length, 0, 'unused, so only the protection keeps it out');
        assert.deepStrictEqual(feature.ui.of('pick')[0].labels, [
            'Would delete (2)',
            'web-1',
            'web-2',
            'Kept: not deletable (3)',
            '$(info) cache, ci-runner, ubuntu',
            'Protected (1)',
            '$(info) db-golden',
        ]);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1', 'img-web-2']], 'the kept summaries, though ticked, send nothing');
        assert.deepStrictEqual(protectedSends(feature), []);
    });

    it('Retry Failed does not send it when it became protected after the refusal', async () => {
        const feature = await loaded();
        feature.ui.clickNext('Delete').clickNext(() => {
            // Between the refusal and the click on Retry Failed, the person protects it.
            feature.model.setProtectionRules(parseProtectionRules(['db-*']).rules);
            return 'Retry Failed';
        });
        await feature.deletes.deleteSelected(node(feature, 'web-1'), [node(feature, 'web-1'), node(feature, 'db-golden')]);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-1', 'img-db-golden']], 'sent once, before it was protected');
        assert.strictEqual(feature.ui.messages('warning').at(-1)?.message, `Nothing to delete: ${skipped}.`);
    });
});

describe('DeleteFlow: Delete Unused Images', () => {
    it('refreshes usage, offers the unused deletable images all picked with count and size, and says what it freed once gone', async () => {
        const feature = await withUsage();
        feature.cleanupRules.keepNewest = 0;
        feature.cleanupRules.minAgeDays = 0; // old-build appears after the first listing: no age rule here
        feature.account.images.push(image('old-build', { sizeGiB: 40 }));
        feature.ui.pickNext((labels) => labels.filter((label) => !label.startsWith('$(info)'))).clickNext('Delete');
        await feature.deletes.deleteUnused();
        const [pick] = feature.ui.of('pick');
        assert.deepStrictEqual(
            pick.labels,
            [
                'Would delete (3)',
                'old-build',
                'web-1',
                'web-2',
                'Kept: not deletable (3)',
                '$(info) cache, ci-runner, ubuntu',
                'Kept: in use (1)',
                '$(info) db-golden',
            ],
            'listed fresh, without the image in use, the transitional and public ones',
        );
        assert.strictEqual(pick.title, 'Delete Unused Images: 3 image(s), 80 GiB · 4 kept by the cleanup rules');
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-old-build', 'img-web-1', 'img-web-2']]);
        ['img-old-build', 'img-web-1', 'img-web-2'].forEach((id) => feature.account.remove(id));
        await feature.clock.advance(5000);
        assert.deepStrictEqual(
            feature.ui
                .messages('info')
                .map((call) => call.message)
                .at(-1),
            'Deleted 3 images, freeing 80 GiB',
        );
    });

    it('refuses with a clear message and sends nothing when the instances cannot be listed', async () => {
        const feature = await withUsage();
        feature.account.failNextInstances = new Error('no permission for DescribeInstances');
        await feature.deletes.deleteUnused();
        assert.deepStrictEqual(
            feature.ui.messages('error').map((call) => call.message),
            ['Cannot tell which images are unused: the instances could not be listed (no permission for DescribeInstances). Nothing was deleted.'],
        );
        assert.deepStrictEqual(feature.account.deleteCalls, []);
        assert.strictEqual(feature.ui.of('pick').length, 0);
    });
});
