import * as assert from 'assert';
import { buildCleanupPlan, type CleanupPlan } from '../../../../src/images/cleanup/model/plan';
import { recheckBeforeApply } from '../../../../src/images/cleanup/model/recheck';
import { DEFAULT_CLEANUP_RULES } from '../../../../src/images/cleanup/model/rules';
import { AccountObservations } from '../../../../src/shared/records/observations';
import { ZenlayerClient, type ZenlayerImage, type ZenlayerInstance } from '../../../../src/zenlayer';
import { DEMO_ACCOUNTS, type RunningEmulator, startEmulator } from '../../../emulator';

/**
 * The expectations, checked against the emulator's demo account as the extension sees it: the default seed
 * served over the real protocol and read by the real client.
 */
describe('cleanup plan on the demo account', () => {
    let emulator: RunningEmulator;
    let client: ZenlayerClient;
    let images: ZenlayerImage[];
    let instances: ZenlayerInstance[];
    let plan: CleanupPlan;
    const now = Date.UTC(2026, 11, 5, 9, 0, 0);

    before(async () => {
        emulator = await startEmulator();
        const demo = DEMO_ACCOUNTS[0];
        client = new ZenlayerClient({ endpoint: emulator.url, credentials: { accessKeyId: demo.accessKeyId, accessKeyPassword: demo.accessKeyPassword } });
        [images, instances] = await Promise.all([client.listCustomImages(), client.listInstances()]);
        const zones = new Map((await client.describeZones()).map((zone) => [zone.zoneId, zone.regionId]));
        const users = (id: string) => instances.filter((instance) => instance.imageId === id);
        // A first plan: every image is there at the account's first listing.
        const observations = new AccountObservations('Demo', undefined, new Map()).observe(
            { imageIds: images.map((image) => image.id), usedImageIds: new Set(instances.flatMap((instance) => instance.imageId ?? [])) },
            now,
        ).observations;
        plan = buildCleanupPlan({
            account: 'Demo',
            now,
            images,
            instancesOf: users,
            protectedBy: () => undefined,
            references: () => 0,
            observations,
            rules: DEFAULT_CLEANUP_RULES,
            regionOf: (instance) => (instance.zoneId === undefined ? undefined : zones.get(instance.zoneId)),
        });
    });

    after(async () => {
        await client.close();
        await emulator.close();
    });

    const planned = (name: string) => {
        const found = plan.images.find((candidate) => candidate.name === name);
        assert.ok(found, name);
        return found;
    };
    const kinds = (name: string) => planned(name).reasons.map((reason) => reason.kind);

    it('keeps web-frontend-2026-11 and -2026-10 and proposes web-frontend-2026-09', () => {
        assert.deepStrictEqual(kinds('web-frontend-2026-11'), ['newestOfFamily']);
        assert.deepStrictEqual(kinds('web-frontend-2026-10'), ['inUse', 'newestOfFamily']);
        assert.strictEqual(planned('web-frontend-2026-09').verdict, 'delete');
        assert.ok(plan.deleteIds.includes(planned('web-frontend-2026-09').id));
    });

    it('keeps k8s-node-1.31 and k8s-node-1.30 while k8s-node-1.32-rc is PROCESSING', () => {
        assert.strictEqual(planned('k8s-node-1.32-rc').status, 'PROCESSING');
        assert.deepStrictEqual(kinds('k8s-node-1.32-rc'), ['notDeletable']);
        assert.deepStrictEqual(kinds('k8s-node-1.31'), ['inUse', 'newestOfFamily']);
        assert.deepStrictEqual(kinds('k8s-node-1.30'), ['newestOfFamily']);
    });

    it('proposes only images that are unused and deletable, and fewer than "unused" alone would', () => {
        const used = new Set(instances.flatMap((instance) => instance.imageId ?? []));
        const unusedDeletable = images.filter((image) => !used.has(image.id) && ['AVAILABLE', 'FAILED', 'UNAVAILABLE'].includes(image.status));
        assert.ok(plan.deleteIds.length > 0 && plan.deleteIds.length < unusedDeletable.length, `${plan.deleteIds.length} of ${unusedDeletable.length}`);
        for (const id of plan.deleteIds) {
            assert.ok(
                unusedDeletable.some((image) => image.id === id),
                id,
            );
        }
    });

    it('proposes no regional copy: every image in use there has users in each of its regions', () => {
        // k8s-node-1.31 runs in Hong Kong and Singapore, db-replica-golden in Singapore and Los Angeles; the images in
        // several regions that nothing runs (web-frontend-2026-11, ml-inference-cuda12) keep all copies: which would stay?
        assert.deepStrictEqual(plan.regionalCopies, []);
    });

    it('sends exactly the plan when the account did not change', async () => {
        const fresh = await client.describeImagesByIds(plan.deleteIds);
        const recheck = recheckBeforeApply(
            plan,
            fresh,
            (id) => instances.filter((instance) => instance.imageId === id),
            () => undefined,
            () => 0,
        );
        assert.deepStrictEqual(recheck.send, plan.deleteIds);
    });
});
