// The images view and the explicit deletes with the workspace's references (a scripted WorkspaceReferences): the row,
// the tooltip, Group By usage, and the confirmations that name references and offer to delete the others only.
import * as assert from 'assert';
import type { GroupNode, ImageNode, TreeNode } from '../../../src/images/model/tree';
import { imageTooltip, toTreeItem } from '../../../src/images/view/treeItems';
import type { GroupBy } from '../../../src/shared/settings/settings';
import { FakeWorkspaceReferences } from '../../support/fakeReferences';
import { image } from '../../support/fixtures';
import { imagesFeature } from '../../support/imagesFeature';

type Feature = ReturnType<typeof imagesFeature>;

const USERS = [
    { id: 'ins-1', name: 'web-a', status: 'RUNNING', zoneId: 'asia-east-1a', imageId: 'img-web-10' },
    { id: 'ins-2', name: 'web-b', status: 'RUNNING', zoneId: 'asia-east-1a', imageId: 'img-web-10' },
];

async function withReferences(references: FakeWorkspaceReferences, groupBy: GroupBy = 'none', referencesWaitMs = 1000): Promise<Feature> {
    const feature = imagesFeature({ references, groupBy, referencesWaitMs });
    feature.account.images = [image('web-09'), image('web-10'), image('web-11'), image('scratch')];
    feature.account.instances = USERS;
    await feature.model.refresh();
    return feature;
}

function node(feature: Feature, name: string): ImageNode {
    const found = feature.model.imageRows().find((row) => row.image.name === name);
    assert.ok(found, `${name} is not in the tree`);
    return found;
}

const row = (feature: Feature, name: string) => String(toTreeItem(node(feature, name), feature.model.marks).description);
/** The tooltip as a person reads it: markdown escapes removed. */
const tooltip = (feature: Feature, name: string, references: FakeWorkspaceReferences) =>
    imageTooltip(node(feature, name), feature.model.marks, { references }).value.replace(/\\(.)/g, '$1');
const labelOf = (label: string | { label: string } | undefined) => (typeof label === 'string' ? label : (label?.label ?? ''));
const groups = (feature: Feature) =>
    feature.model
        .rootNodes()
        .filter((root: TreeNode): root is GroupNode => root.kind === 'group')
        .map((group) => `${labelOf(toTreeItem(group, feature.model.marks).label)}: ${group.children.map((child) => child.image.name).join(', ')}`);

describe('images view: references from the workspace', () => {
    it('a referenced row says in how many files; nothing while the scan runs, and the row follows when it ends', async () => {
        const references = new FakeWorkspaceReferences({ kind: 'scanning' });
        const feature = await withReferences(references);
        references.reference('img-web-09', 'infra/main.tf:14').reference('img-web-10', 'infra/main.tf:7', 'infra/prod.tfvars:2');
        assert.strictEqual(row(feature, 'web-09'), '20 GiB', 'not known yet: neither "referenced" nor "not referenced"');
        references.finish();
        assert.strictEqual(row(feature, 'web-09'), '20 GiB · referenced in 1 file');
        assert.strictEqual(row(feature, 'web-10'), '20 GiB · 2 instances · referenced in 2 files');
        assert.strictEqual(row(feature, 'web-11'), '20 GiB');
        references.reference('img-web-11', 'ci/deploy.yaml:3');
        assert.strictEqual(row(feature, 'web-11'), '20 GiB · referenced in 1 file', 'an edit that adds a reference updates the row');
    });

    it('rebuilds the tree only when what it shows of the references changes, not on every re-scanned file', async () => {
        // A rebuild refreshes the whole tree in VS Code, and a context-menu command clicked during it gets no row.
        const references = new FakeWorkspaceReferences();
        references.reference('img-web-09', 'infra/main.tf:14');
        const feature = await withReferences(references);
        let rebuilds = 0;
        feature.model.onDidChange(() => rebuilds++);
        for (let save = 0; save < 10; save++) {
            references.rescannedUnchanged();
        }
        assert.strictEqual(rebuilds, 0, 'ten saves that moved no reference');
        references.reference('img-web-09', 'infra/main.tf:30');
        assert.strictEqual(rebuilds, 1, 'a new line for the tooltip');
        assert.match(tooltip(feature, 'web-09', references), /main\.tf:30/);
        references.reference('img-web-11', 'ci/deploy.yaml:3');
        assert.strictEqual(rebuilds, 2);
        assert.strictEqual(row(feature, 'web-11'), '20 GiB · referenced in 1 file');
    });

    it('the tooltip lists up to ten file:line links, counts the rest and links Show References', async () => {
        const references = new FakeWorkspaceReferences();
        references.reference('img-web-09', ...Array.from({ length: 12 }, (_, index) => `infra/env${index + 1}.tfvars:${index + 2}`));
        const feature = await withReferences(references);
        const text = tooltip(feature, 'web-09', references);
        assert.match(text, /Referenced in 12 files of this workspace:/);
        assert.ok(text.includes('- [infra/env1.tfvars:2](file:///work/infra/env1.tfvars#L2,3)'), text);
        assert.ok(text.includes('- [infra/env10.tfvars:11](file:///work/infra/env10.tfvars#L11,3)'));
        assert.ok(!text.includes('env11.tfvars'), 'the eleventh is not listed');
        assert.match(text, /and 2 more/);
        assert.ok(text.includes(`[Show References](command:zenlayer.showReferences?${encodeURIComponent(JSON.stringify(['img-web-09']))})`));
        const markdown = imageTooltip(node(feature, 'web-09'), feature.model.marks, { references }) as unknown as { isTrusted?: unknown };
        assert.deepStrictEqual(markdown.isTrusted, { enabledCommands: ['zenlayer.showReferences'] }, 'only that command may run from the tooltip');
    });

    it('the tooltip says "not referenced" only after a finished search, and why it does not know otherwise', async () => {
        const references = new FakeWorkspaceReferences({ kind: 'scanning' });
        const feature = await withReferences(references);
        assert.match(tooltip(feature, 'scratch', references), /Searching the workspace for references to this image…/);
        references.finish({ kind: 'failed', error: new Error('EACCES: permission denied') });
        assert.match(
            tooltip(feature, 'scratch', references),
            /Unknown whether the workspace references this image: its search failed \(EACCES: permission denied\)\./,
        );
        references.finish({ kind: 'ready', filesScanned: 20000, truncated: 'files' });
        const truncated = tooltip(feature, 'scratch', references);
        assert.match(truncated, /Not referenced in the files of this workspace\./);
        assert.match(truncated, /The search stopped at its file count limit: some files were not searched\./);
        references.status = { kind: 'notStarted' };
        assert.doesNotMatch(tooltip(feature, 'scratch', references), /referenc/i, 'no search asked for yet: nothing said');
    });

    it('Group By usage puts referenced images without instances in "Referenced in the workspace"', async () => {
        const references = new FakeWorkspaceReferences({ kind: 'scanning' });
        const feature = await withReferences(references, 'usage');
        references.reference('img-web-09', 'infra/main.tf:14').reference('img-web-10', 'infra/main.tf:7');
        assert.deepStrictEqual(groups(feature), ['In use: web-10', 'Unused: scratch, web-09, web-11']);
        references.finish();
        assert.deepStrictEqual(groups(feature), ['In use: web-10', 'Referenced in the workspace: web-09', 'Unused: scratch, web-11']);
        const referencedGroup = feature.model.rootNodes()[1] as GroupNode;
        assert.strictEqual(
            String(toTreeItem(referencedGroup.children[0], feature.model.marks).description),
            '20 GiB · referenced in 1 file',
            'inside the group the row still says in how many files',
        );
    });
});

describe('explicit deletes: references from the workspace', () => {
    it('the context menu names the references and offers to delete the unreferenced images only', async () => {
        const references = new FakeWorkspaceReferences().reference('img-web-09', 'infra/main.tf:14');
        const feature = await withReferences(references);
        feature.ui.clickNext('Delete 1 Unreferenced Only');
        const targets = [node(feature, 'web-09'), node(feature, 'scratch')];
        await feature.deletes.deleteSelected(targets[0], targets);
        const [confirm] = feature.ui.messages('warning');
        assert.strictEqual(confirm.message, 'Delete 2 images: web-09, scratch?');
        assert.ok((confirm.detail ?? '').split('\n').includes('web-09 is referenced in infra/main.tf:14.'), confirm.detail);
        assert.deepStrictEqual(confirm.buttons, ['Delete 1 Unreferenced Only', 'Delete All']);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-scratch']], 'the referenced image is kept');
        assert.deepStrictEqual(
            feature.ui.of('progress').map((call) => call.title),
            ['Deleting image scratch…'],
            'a ready search needs no wait',
        );
    });

    it('Delete All still deletes a referenced image when the person says so', async () => {
        const references = new FakeWorkspaceReferences().reference('img-web-09', 'infra/main.tf:14');
        const feature = await withReferences(references);
        feature.ui.clickNext('Delete');
        await feature.deletes.deleteSelected(node(feature, 'web-09'), [node(feature, 'web-09')]);
        const [confirm] = feature.ui.messages('warning');
        assert.deepStrictEqual(confirm.buttons, ['Delete'], 'nothing unreferenced to offer alone');
        assert.match(confirm.detail ?? '', /web-09 is referenced in infra\/main\.tf:14\./);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-09']]);
    });

    it('names the first three places of an image and counts the rest; in use and referenced together', async () => {
        const references = new FakeWorkspaceReferences()
            .reference('img-web-10', 'infra/main.tf:7', 'infra/prod.tfvars:2', 'ci/deploy.yaml:3', 'docs/images.md:9')
            .reference('img-web-09', 'infra/main.tf:14');
        const feature = await withReferences(references);
        feature.ui.clickNext('Delete 1 Unused and Unreferenced Only');
        const targets = [node(feature, 'web-10'), node(feature, 'web-09'), node(feature, 'scratch')];
        await feature.deletes.deleteSelected(targets[0], targets);
        const [confirm] = feature.ui.messages('warning');
        const lines = (confirm.detail ?? '').split('\n');
        assert.ok(lines.includes('In use by instances: web-10 (2 instances).'), confirm.detail);
        assert.ok(lines.includes('web-10 is referenced in infra/main.tf:7, infra/prod.tfvars:2, ci/deploy.yaml:3 and 1 more.'), confirm.detail);
        assert.ok(lines.includes('web-09 is referenced in infra/main.tf:14.'), confirm.detail);
        assert.deepStrictEqual(confirm.buttons, ['Delete 1 Unused and Unreferenced Only', 'Delete All']);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-scratch']]);
    });

    it('the palette Delete Images… names the references too', async () => {
        const references = new FakeWorkspaceReferences().reference('img-web-11', 'infra/staging.tfvars:4');
        const feature = await withReferences(references);
        feature.ui.pickNext(() => ['web-11', 'web-09']).clickNext('Delete 1 Unreferenced Only');
        await feature.deletes.pickAndRun();
        const [confirm] = feature.ui.messages('warning');
        assert.match(confirm.detail ?? '', /web-11 is referenced in infra\/staging\.tfvars:4\./);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-09']]);
    });

    it('while the search runs, the delete waits for it under a progress notification, then names what it found', async () => {
        const references = new FakeWorkspaceReferences({ kind: 'notStarted' });
        const feature = await withReferences(references);
        feature.ui.duringProgress = () => references.reference('img-web-09', 'infra/main.tf:14').finish();
        feature.ui.clickNext('Delete 1 Unreferenced Only');
        const targets = [node(feature, 'web-09'), node(feature, 'scratch')];
        await feature.deletes.deleteSelected(targets[0], targets);
        assert.strictEqual(references.starts > 0, true, 'the delete asked for the search');
        assert.deepStrictEqual(feature.ui.of('progress')[0], { kind: 'progress', title: 'Finding image references in the workspace…' });
        assert.match(feature.ui.messages('warning')[0].detail ?? '', /web-09 is referenced in infra\/main\.tf:14\./);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-scratch']]);
    });

    it('a search that does not finish in time is said so, and no image is called unreferenced', async () => {
        const references = new FakeWorkspaceReferences({ kind: 'scanning' });
        const feature = await withReferences(references, 'none', 20);
        feature.ui.clickNext('Delete');
        const targets = [node(feature, 'web-09'), node(feature, 'scratch')];
        await feature.deletes.deleteSelected(targets[0], targets);
        const [confirm] = feature.ui.messages('warning');
        assert.match(confirm.detail ?? '', /Not known whether this workspace's files reference these images: the search for references has not finished\./);
        assert.deepStrictEqual(confirm.buttons, ['Delete'], 'no "unreferenced only" without knowing');
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-09', 'img-scratch']], 'the person still decides');
    });

    it('a failed search is said so in the confirmation', async () => {
        const references = new FakeWorkspaceReferences({ kind: 'scanning' });
        const feature = await withReferences(references);
        feature.ui.duringProgress = () => references.finish({ kind: 'failed', error: new Error('the file system went away') });
        await feature.deletes.deleteSelected(node(feature, 'scratch'), [node(feature, 'scratch')]);
        const [confirm] = feature.ui.messages('warning');
        assert.match(confirm.detail ?? '', /the search for references failed \(the file system went away\)\./);
        assert.deepStrictEqual(feature.account.deleteCalls, [], 'dismissed: nothing sent');
    });

    it('Delete Unused Images… keeps referenced images by the cleanup rules, so its confirmation needs no reference lines', async () => {
        const references = new FakeWorkspaceReferences().reference('img-web-09', 'infra/main.tf:14');
        const feature = await withReferences(references);
        // Only the reference rule: no family or age rule keeps these single builds.
        feature.cleanupRules.keepNewest = 0;
        feature.cleanupRules.minAgeDays = 0;
        feature.ui.pickNext((labels) => labels.filter((label) => label === 'scratch')).clickNext('Delete');
        await feature.deletes.deleteUnused();
        const [offer] = feature.ui.of('pick');
        assert.ok(offer && offer.labels.includes('scratch') && !offer.labels.includes('web-09'), 'the referenced image is not offered');
        assert.doesNotMatch(feature.ui.messages('warning')[0].detail ?? '', /referenc/);
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-scratch']]);
    });
});
