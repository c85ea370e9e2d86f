import * as assert from 'assert';
import { buildCleanupPlan } from '../../../../src/images/cleanup/model/plan';
import { pruneItems, isImageItem } from '../../../../src/images/cleanup/pruneItems';
import { planInputs } from '../../../../src/images/cleanup/model/liveInputs';
import { DEFAULT_CLEANUP_RULES } from '../../../../src/images/cleanup/model/rules';
import type { ReferenceScanStatus, WorkspaceReferences } from '../../../../src/shared/references/workspaceReferences';
import { AccountObservations } from '../../../../src/shared/records/observations';
import { image } from '../../../support/fixtures';
import { imagesFeature } from '../../../support/imagesFeature';

type Feature = ReturnType<typeof imagesFeature>;

const NOW = Date.UTC(2026, 11, 5, 9, 0, 0);
const MINUTE = 60_000;
const instance = (name: string, imageId: string) => ({ id: `ins-${name}`, name, status: 'RUNNING', zoneId: 'asia-east-1a', imageId });

/** A small account like the demo one: a family of four builds (one in use), a k8s family with a PROCESSING rc, a protected image. */
async function account(options: Parameters<typeof imagesFeature>[0] = {}): Promise<Feature> {
    const feature = imagesFeature(options);
    feature.clock.time = NOW;
    feature.account.images = [
        image('web-frontend-2026-11', { sizeGiB: 30, regionIds: ['asia-east-1', 'asia-southeast-1'] }),
        image('web-frontend-2026-10', { sizeGiB: 30 }),
        image('web-frontend-2026-09', { sizeGiB: 30 }),
        image('web-frontend-2026-08', { sizeGiB: 25, regionIds: ['asia-southeast-1'] }),
        image('k8s-node-1.31', { sizeGiB: 40 }),
        image('k8s-node-1.30', { sizeGiB: 40 }),
        image('k8s-node-1.32-rc', { status: 'PROCESSING' }),
        image('prod-db-golden'),
    ];
    feature.account.instances = [instance('hk-web-1', 'img-web-frontend-2026-10'), instance('k8s-1', 'img-k8s-node-1.31')];
    feature.model.setProtectionRules((await import('../../../../src/shared/settings/protection')).parseProtectionRules(['prod-*']).rules);
    await feature.model.refresh();
    return feature;
}

/** The IDs listed under "To delete" in the plan document. */
function documentDeletes(content: string): string[] {
    const section = content.split('\n\n').find((block) => block.startsWith('To delete:'));
    assert.ok(section, content);
    return [...section.matchAll(/^ {2}- \S+ \((img-[^)]+)\)/gm)].map(([, id]) => id);
}

async function plan(feature: Feature): Promise<string> {
    await feature.commands.planCleanup();
    const document = feature.ui.of('document').at(-1);
    assert.ok(document, 'no plan document was opened');
    assert.match(document.name, /^cleanup-plan\//);
    return document.content;
}

describe('Plan Cleanup…', () => {
    it('opens a document with every verdict and its reason in words, the GiB per region, the rules, the account and the time', async () => {
        const feature = await account();
        const content = await plan(feature);
        assert.match(content, /^Zenlayer cleanup plan for account "Demo"\nMade 2026-12-05 09:00 UTC; it can be applied for 30 minutes\./);
        assert.match(content, /Keep the newest 2 AVAILABLE images of each family/);
        assert.match(content, /Keep images first seen less than 7 days ago/);
        assert.match(
            content,
            /To delete: 2 image\(s\), 55 GiB to free\n {2}Per region \(a copy in each region counts there\): asia-east-1: 30 GiB, asia-southeast-1: 25 GiB/,
        );
        assert.match(content, /- web-frontend-2026-09 \(img-web-frontend-2026-09\) · AVAILABLE · 30 GiB · asia-east-1 · there before 2026-12-05/);
        assert.match(content, /- web-frontend-2026-11 \(img-web-frontend-2026-11\): newest 2 of web-frontend \(number 1\)/);
        assert.match(content, /- web-frontend-2026-10 \(img-web-frontend-2026-10\): used by 1 instance; newest 2 of web-frontend \(number 2\)/);
        assert.match(content, /- k8s-node-1.30 \(img-k8s-node-1.30\): newest 2 of k8s-node \(number 2\)/);
        assert.match(content, /- k8s-node-1.32-rc \(img-k8s-node-1.32-rc\): PROCESSING: Zenlayer refuses to delete it now/);
        assert.match(content, /- prod-db-golden \(img-prod-db-golden\): protected by prod-\*/);
        assert.deepStrictEqual(documentDeletes(content), ['img-web-frontend-2026-08', 'img-web-frontend-2026-09']);
        assert.deepStrictEqual(feature.account.deleteCalls, [], 'planning deletes nothing');
    });

    it('keeps a build that appeared after the first listing as too new, saying when this VS Code first saw it', async () => {
        const feature = await account();
        feature.account.images.push(image('web-frontend-2026-07'));
        await feature.model.refresh(); // the view lists it: first seen now
        await feature.clock.advance(2 * 86_400_000);
        const content = await plan(feature);
        assert.match(content, /- web-frontend-2026-07 \(img-web-frontend-2026-07\): first seen 2 days ago \(by this VS Code; kept for 7 days\)/);
        assert.ok(!documentDeletes(content).includes('img-web-frontend-2026-07'));
    });

    it('waits for the workspace scan, keeps every image when it did not finish, and counts references once it has', async () => {
        // The scan failed (a plan waits for a running scan, then judges by how it ended).
        let status: ReferenceScanStatus = { kind: 'failed', error: new Error('unreadable folder') };
        let waited = 0;
        const references = {
            get status() {
                return status;
            },
            whenReady: () => {
                waited++;
                return Promise.resolve(status);
            },
            referencedImages: () => new Map([['img-web-frontend-2026-09', 2]]),
            referencesTo: () => [],
            onDidChange: () => ({ dispose: () => undefined }),
        } as unknown as WorkspaceReferences;
        const feature = await account({ references });
        let content = await plan(feature);
        assert.deepStrictEqual(documentDeletes(content), []);
        assert.match(content, /web-frontend-2026-09 \(img-web-frontend-2026-09\): workspace not searched yet: it may be referenced/);
        assert.strictEqual(waited, 1, 'the plan asked for the scan before judging');
        status = { kind: 'ready', filesScanned: 3, truncated: undefined };
        content = await plan(feature);
        assert.deepStrictEqual(documentDeletes(content), ['img-web-frontend-2026-08']);
        assert.match(content, /web-frontend-2026-09 \(img-web-frontend-2026-09\): referenced in 2 workspace files/);
    });
});

describe('Apply Plan', () => {
    it('sends exactly what the document lists under "To delete", once the count is typed, through the delete flow', async () => {
        const feature = await account();
        const listed = documentDeletes(await plan(feature));
        feature.ui.typeNext('2');
        await feature.commands.applyPlan();
        const [box] = feature.ui.inputs();
        assert.strictEqual(box.options.title, 'Apply the cleanup plan: delete 2 image(s), 55 GiB?');
        assert.match(box.options.prompt ?? '', /Type the number of images, 2, to confirm\./);
        assert.deepStrictEqual(feature.account.deleteCalls, [listed]);
        assert.deepStrictEqual(feature.model.pollingIds, listed, 'followed until gone like any delete');
    });

    it('sends nothing when the count typed is wrong or the box is dismissed', async () => {
        const feature = await account();
        await plan(feature);
        feature.ui.typeNext('3');
        await feature.commands.applyPlan();
        feature.ui.typeNext(undefined);
        await feature.commands.applyPlan();
        assert.deepStrictEqual(feature.account.deleteCalls, []);
    });

    it('does not send an image that became used since the plan, and names it', async () => {
        const feature = await account();
        await plan(feature);
        feature.account.instances.push(instance('hk-web-9', 'img-web-frontend-2026-09'));
        feature.ui.typeNext('2');
        await feature.commands.applyPlan();
        assert.deepStrictEqual(feature.account.deleteCalls, [['img-web-frontend-2026-08']]);
        assert.ok(
            feature.ui.messages('warning').some((call) => call.message === 'Not sent, changed since the plan: web-frontend-2026-09 — now used by 1 instance.'),
            JSON.stringify(feature.ui.messages()),
        );
    });

    it('sends nothing and says so when every planned image changed', async () => {
        const feature = await account();
        await plan(feature);
        feature.account.images = feature.account.images.filter((entry) => !entry.name.startsWith('web-frontend-2026-0'));
        feature.ui.typeNext('2');
        await feature.commands.applyPlan();
        assert.deepStrictEqual(feature.account.deleteCalls, []);
        assert.deepStrictEqual(
            feature.ui.messages('warning').map((call) => call.message),
            ['Nothing was sent: every planned image changed since the plan: web-frontend-2026-08 — no longer listed; web-frontend-2026-09 — no longer listed.'],
        );
    });

    it('refuses a plan older than 30 minutes and offers to plan again', async () => {
        const feature = await account();
        await plan(feature);
        await feature.clock.advance(31 * MINUTE);
        feature.ui.clickNext('Plan Again');
        await feature.commands.applyPlan();
        const [refusal] = feature.ui.messages('warning');
        assert.strictEqual(
            refusal.message,
            'This plan was made 31 minutes ago (2026-12-05 09:00 UTC); a plan older than 30 minutes is not applied, the account may have changed. Nothing was deleted.',
        );
        assert.deepStrictEqual(refusal.buttons, ['Plan Again']);
        assert.deepStrictEqual(feature.account.deleteCalls, []);
        assert.strictEqual(feature.ui.inputs().length, 0, 'no confirmation is asked');
        assert.strictEqual(feature.ui.of('document').length, 2, 'Plan Again opened a new plan');
        assert.match(feature.ui.of('document')[1].content, /Made 2026-12-05 09:31 UTC/);
    });

    it('refuses a plan of another account (the one shown changed) and a plan from the document it was opened from, not the latest', async () => {
        const feature = await account();
        await plan(feature);
        const firstName = feature.ui.of('document')[0].name;
        feature.model.accountRenamed('Staging');
        await feature.commands.applyPlan({ path: `/${firstName}` });
        assert.strictEqual(feature.ui.messages('warning')[0].message, 'This plan is for account "Demo", but "Staging" is active now. Nothing was deleted.');
        assert.deepStrictEqual(feature.account.deleteCalls, []);
    });

    it('says there is no plan to apply when none was made in this window', async () => {
        const feature = await account();
        await feature.commands.applyPlan();
        assert.deepStrictEqual(
            feature.ui.messages('warning').map((call) => call.message),
            ['There is no cleanup plan to apply in this window. Plan the cleanup first.'],
        );
    });
});

describe('Delete Unused Images and the plan', () => {
    it('offer the same images from the same inputs', () => {
        const images = [
            image('app-3'),
            image('app-2'),
            image('app-1'),
            image('app-0', { status: 'FAILED' }),
            image('tool-v2'),
            image('tool-v1'),
            image('single'),
            image('locked-1'),
        ];
        const observations = new AccountObservations('Demo', undefined, new Map()).observe(
            { imageIds: images.map((entry) => entry.id), usedImageIds: new Set() },
            NOW,
        ).observations;
        const rules = { ...DEFAULT_CLEANUP_RULES, keepNewest: 1 };
        const listing = {
            account: 'Demo',
            images,
            instancesOf: () => [],
            protectedBy: (entry: { name: string }) => (entry.name.startsWith('locked') ? 'locked-*' : undefined),
        };
        const plan = buildCleanupPlan(planInputs(listing, { rules, observations, references: undefined, now: NOW }));
        const { items, offered } = pruneItems(plan, images);
        assert.deepStrictEqual(
            items.filter(isImageItem).map((item) => item.image.id),
            [...plan.deleteIds].sort(),
        );
        assert.deepStrictEqual(offered.map((entry) => entry.name).sort(), ['app-0', 'app-1', 'app-2', 'tool-v1']);
    });

    it("on the same account: the prune offers exactly the plan document's images, and says how many were kept and why", async () => {
        const feature = await account();
        const listed = documentDeletes(await plan(feature));
        feature.ui.pickNext((labels) => labels).clickNext('Delete');
        await feature.commands.deleteUnusedImages();
        const [pick] = feature.ui.of('pick');
        assert.deepStrictEqual(pick.labels, [
            'Would delete (2)',
            'web-frontend-2026-08',
            'web-frontend-2026-09',
            'Kept: not deletable (1)',
            '$(info) k8s-node-1.32-rc',
            'Protected (1)',
            '$(info) prod-db-golden',
            'Kept: in use (2)',
            '$(info) k8s-node-1.31, web-frontend-2026-10',
            'Kept: newest of family (2)',
            '$(info) k8s-node-1.30, web-frontend-2026-11',
        ]);
        assert.strictEqual(pick.title, 'Delete Unused Images: 2 image(s), 55 GiB · 6 kept by the cleanup rules');
        assert.deepStrictEqual(feature.account.deleteCalls, [listed]);
    });

    it('with a filter, judges only the listed images and still keeps the newest of their family', async () => {
        const feature = await account({ filter: { name: 'web-frontend-2026-09' } });
        feature.ui.pickNext((labels) => labels);
        await feature.commands.deleteUnusedImages();
        assert.deepStrictEqual(feature.ui.of('pick'), [], 'the only listed image is the newest listed of its family');
        assert.strictEqual(feature.ui.messages('info')[0]?.message, 'No image the cleanup rules would delete matches the filter (name: web-frontend-2026-09).');
    });
});

describe('Group By "cleanup"', () => {
    it('groups the rows by live verdict, what would go first', async () => {
        const feature = await account({ groupBy: 'cleanup' });
        await feature.model.whenIdle();
        // Until the record is read (in the background, after its write) ages are unknown and every image is kept.
        await feature.ages.observations('Demo');
        await new Promise((resolve) => setImmediate(resolve));
        const groups = feature.model
            .rootNodes()
            .map((node) => (node.kind === 'group' ? `${node.key}: ${node.children.map((child) => child.image.name).join(', ')}` : node.kind));
        assert.deepStrictEqual(groups, [
            'delete: web-frontend-2026-08, web-frontend-2026-09',
            'notDeletable: k8s-node-1.32-rc',
            'protected: prod-db-golden',
            'inUse: k8s-node-1.31, web-frontend-2026-10',
            'newestOfFamily: k8s-node-1.30, web-frontend-2026-11',
        ]);
        feature.cleanupRules.keepNewest = 3;
        feature.model.regroup();
        const deleteGroup = feature.model.rootNodes()[0];
        assert.ok(deleteGroup.kind === 'group' && deleteGroup.key === 'delete');
        assert.deepStrictEqual(
            deleteGroup.children.map((child) => child.image.name),
            ['web-frontend-2026-08'],
        );
    });
});
