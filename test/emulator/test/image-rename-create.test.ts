/** ModifyImagesAttributes (rename) and CreateImage: happy paths, the name rule, every refusal, the quota, per account. */
import * as assert from 'node:assert/strict';
import { DEFAULT_IMAGE_QUOTA, DEMO_ACCOUNTS } from '../index';
import { lifecyclePerTest } from './lifecycle-support';
import type { Json } from './support';

const STAGING_KEY = { accessKeyId: DEMO_ACCOUNTS[1].accessKeyId, accessKeyPassword: DEMO_ACCOUNTS[1].accessKeyPassword };

describe('emulator ModifyImagesAttributes', () => {
    const fx = lifecyclePerTest();
    const { ok, refused, describe: image } = fx;
    const rename = (imageIds: unknown, imageName: unknown): Promise<Json> => ok({ action: 'ModifyImagesAttributes', body: { imageIds, imageName } });

    it('renames in place: same ID, status and regions; listings filter on the new name; instances keep the name they were made from', async () => {
        const id = fx.imageId('db-primary-golden');
        const before = await image(id);
        assert.deepEqual(Object.keys(await rename([id], 'db-primary-golden-2026')), ['requestId']);
        const after = await image(id);
        assert.deepEqual({ ...after, imageName: before?.imageName }, before);
        assert.equal(after?.imageName, 'db-primary-golden-2026');
        const found = await ok({ action: 'DescribeCustomImages', body: { imageName: 'golden-2026' } });
        assert.deepEqual(
            (found.dataSet as Json[]).map((i) => i.imageId),
            [id],
        );
        const instances = await ok({ action: 'DescribeInstances', body: { imageId: id } });
        assert.ok((instances.dataSet as Json[]).every((i) => i.imageName === 'db-primary-golden'));
    });

    it('gives several images one name in one call (what the action is shaped for); a call that changes no name is accepted', async () => {
        const ids = ['k8s-node-1.30', 'k8s-node-1.31'].map(fx.imageId);
        await rename(ids, 'k8s-node');
        assert.deepEqual(
            ids.map((id) => fx.emu.state.getImage(id)?.imageName),
            ['k8s-node', 'k8s-node'],
        );
        await rename([ids[0]], 'k8s-node');
        await rename([fx.imageId('app-server-base')], 'app-server-base');
        await refused(
            { action: 'ModifyImagesAttributes', body: { imageIds: [fx.imageId('zz-scratch-image')], imageName: 'k8s-node' } },
            400,
            'INVALID_IMAGE_NAME_DUPLICATE',
        );
    });

    it('takes 2 and 63 characters, letters, digits, "-", "_", "."; refuses everything else with INVALID_PARAMETER, renaming nothing', async () => {
        const id = fx.imageId('zz-scratch-image');
        for (const good of ['a1', 'A'.repeat(63), 'web_1.2-final', '9lives']) {
            await rename([id], good);
            assert.equal(fx.emu.state.getImage(id)?.imageName, good);
        }
        await rename([id], 'zz-scratch-image');
        for (const bad of ['a', 'A'.repeat(64), '-web', '.web', '_web', 'web-', 'web.', 'web image', 'web/image', '测试镜像', 'web\n1', 'wëb']) {
            await refused({ action: 'ModifyImagesAttributes', body: { imageIds: [id], imageName: bad } }, 400, 'INVALID_PARAMETER', /imageName/);
        }
        assert.equal(fx.emu.state.getImage(id)?.imageName, 'zz-scratch-image');
    });

    it('refuses missing or malformed parameters', async () => {
        const id = fx.imageId('zz-scratch-image');
        await refused({ action: 'ModifyImagesAttributes', body: { imageName: 'x1' } }, 400, 'MISSING_PARAMETER', /imageIds/);
        await refused({ action: 'ModifyImagesAttributes', body: { imageIds: [id] } }, 400, 'MISSING_PARAMETER', /imageName/);
        await refused({ action: 'ModifyImagesAttributes', body: { imageIds: [id], imageName: '' } }, 400, 'MISSING_PARAMETER', /imageName/);
        await refused({ action: 'ModifyImagesAttributes', body: { imageIds: [], imageName: 'x1' } }, 400, 'INVALID_PARAMETER', /imageIds/);
        await refused({ action: 'ModifyImagesAttributes', body: { imageIds: id, imageName: 'x1' } }, 400, 'INVALID_PARAMETER', /imageIds/);
        await refused({ action: 'ModifyImagesAttributes', body: { imageIds: [id], imageName: 7 } }, 400, 'INVALID_PARAMETER', /imageName/);
        const tooMany = Array.from({ length: 101 }, (_, i) => `img-${i}`);
        await refused({ action: 'ModifyImagesAttributes', body: { imageIds: tooMany, imageName: 'x1' } }, 400, 'INVALID_PARAMETER', /at most 100/);
    });

    it("refuses the whole call when one ID is unknown, public or another account's, naming those IDs", async () => {
        const id = fx.imageId('zz-scratch-image');
        const staging = fx.emu.account('staging').findByName('staging-db-golden')!.imageId;
        const message = await refused(
            { action: 'ModifyImagesAttributes', body: { imageIds: [id, 'img-nope', 'ubuntu2404_20240712', staging], imageName: 'renamed' } },
            404,
            'INVALID_IMAGE_NOT_FOUND',
        );
        assert.match(message, /img-nope, ubuntu2404_20240712, img-/);
        assert.ok(!message.includes(id));
        assert.equal(fx.emu.state.getImage(id)?.imageName, 'zz-scratch-image');
        assert.equal(fx.emu.account('staging').getImage(staging)?.imageName, 'staging-db-golden');
    });

    it('refuses a DELETING image with INVALID_IMAGE_STATUS, renames images in any other status', async () => {
        await refused(
            { action: 'ModifyImagesAttributes', body: { imageIds: [fx.imageId('old-build-2025-01')], imageName: 'old-build' } },
            400,
            'INVALID_IMAGE_STATUS',
            /DELETING/,
        );
        for (const name of ['ci-runner-windows', 'ml-training-cuda12', 'freebsd-13-pf', 'cache-redis-7', 'fedora40-workstation']) {
            await rename([fx.imageId(name)], `${name}-x`);
        }
    });

    it("refuses a name another image of the account has (INVALID_IMAGE_NAME_DUPLICATE); another account's names do not count", async () => {
        const id = fx.imageId('zz-scratch-image');
        await refused(
            { action: 'ModifyImagesAttributes', body: { imageIds: [id], imageName: 'backup-agent-v3' } },
            400,
            'INVALID_IMAGE_NAME_DUPLICATE',
            new RegExp(fx.imageId('backup-agent-v3')),
        );
        await rename([id], 'staging-db-golden');
        assert.equal(fx.emu.state.getImage(id)?.imageName, 'staging-db-golden');
    });
});

describe('emulator CreateImage', () => {
    const fx = lifecyclePerTest({ createDelayMs: 2000 });
    const { ok, refused, describe: image, clock } = fx;
    const instanceId = (name: string, account = fx.emu.state): string => account.findInstanceByName(name)!.instanceId;
    const create = (body: Json): Promise<Json> => ok({ action: 'CreateImage', body });

    it("makes a CREATING image in no region from a STOPPED instance (IMAGING meanwhile), then AVAILABLE in the instance's region", async () => {
        const web2 = instanceId('web-2'); // asia-east-1b, runs db-primary-golden (Rocky, 80 GiB)
        const made = await create({ instanceId: web2, imageName: 'web-2-2026-07-01' });
        assert.deepEqual(Object.keys(made).sort(), ['imageId', 'imageName', 'requestId']);
        assert.match(made.imageId as string, /^img-[0-9a-f]{16}$/);
        assert.equal(made.imageName, 'web-2-2026-07-01');
        const creating = await image(made.imageId as string);
        assert.deepEqual([creating?.imageStatus, creating?.regionIdList, creating?.imageSize], ['CREATING', [], null]);
        assert.equal(fx.emu.state.getInstance(web2)?.status, 'IMAGING');
        assert.deepEqual((await ok({ action: 'DeleteImages', body: { imageIds: [made.imageId] } })).imageIds, [made.imageId], 'not deletable while CREATING');

        clock.advance(2000);
        const ready = await image(made.imageId as string);
        assert.equal(ready?.imageStatus, 'AVAILABLE');
        assert.deepEqual(ready?.regionIdList, ['asia-east-1']);
        assert.equal(ready?.imageSize, '80');
        assert.deepEqual([ready?.category, ready?.osType, ready?.imageType, ready?.imageSource], ['Rocky', 'linux', 'CUSTOM_IMAGE', 'CUSTOM']);
        assert.deepEqual([ready?.resourceGroupId, ready?.resourceGroupName], ['rg-0a1b2c3d-default', 'Default Resource Group']);
        assert.equal(fx.emu.state.getInstance(web2)?.status, 'STOPPED');
        assert.equal((await ok({ action: 'DescribeCustomImages', body: {} })).totalCount, 41);
    });

    it('takes a resource group of the account and tags as a TagAssociation {tags: [...]}', async () => {
        const made = await create({
            instanceId: instanceId('测试-数据库-01'),
            imageName: 'db-test-snapshot',
            resourceGroupId: 'rg-7e8f9a0b-production',
            tags: {
                tags: [
                    { key: 'env', value: 'test' },
                    { key: '环境', value: '测试' },
                ],
            },
        });
        const created = await image(made.imageId as string);
        assert.deepEqual([created?.resourceGroupId, created?.resourceGroupName], ['rg-7e8f9a0b-production', 'production']);
        assert.deepEqual(created?.tags, {
            tags: [
                { key: 'env', value: 'test' },
                { key: '环境', value: '测试' },
            ],
        });
    });

    it('a failed creation (faults.failImageCreation) ends FAILED in no region, and the instance is STOPPED again', async () => {
        fx.emu.faults.failImageCreation();
        const web2 = instanceId('web-2');
        const made = await create({ instanceId: web2, imageName: 'doomed-image' });
        clock.advance(2000);
        const failed = await image(made.imageId as string);
        assert.deepEqual([failed?.imageStatus, failed?.regionIdList], ['FAILED', []]);
        assert.equal(fx.emu.state.getInstance(web2)?.status, 'STOPPED');
        const next = await create({ instanceId: web2, imageName: 'second-try' });
        clock.advance(2000);
        assert.equal((await image(next.imageId as string))?.imageStatus, 'AVAILABLE', 'one fault, one failure');
    });

    it("refuses a GPU instance, one that is not STOPPED, and one already IMAGING, with Zenlayer's codes", async () => {
        await refused(
            { action: 'CreateImage', body: { instanceId: instanceId('k8s-hk-node-06'), imageName: 'gpu-node' } },
            400,
            'OPERATION_DENIED_GPU_INSTANCE_NOT_SUPPORT',
            /z3a\.g\./,
        );
        await refused(
            { action: 'CreateImage', body: { instanceId: instanceId('web-1'), imageName: 'from-running' } },
            400,
            'OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT',
            /RUNNING/,
        );
        await refused(
            { action: 'CreateImage', body: { instanceId: instanceId('fra-vpn-01'), imageName: 'from-recycle' } },
            400,
            'OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT',
            /RECYCLE/,
        );
        await refused(
            { action: 'CreateImage', body: { instanceId: instanceId('k8s-hk-node-07'), imageName: 'from-imaging' } },
            400,
            'OPERATION_DENIED_INSTANCE_IN_OPERATION',
        );
        const web2 = instanceId('web-2');
        await create({ instanceId: web2, imageName: 'first-image' });
        await refused({ action: 'CreateImage', body: { instanceId: web2, imageName: 'second-image' } }, 400, 'OPERATION_DENIED_INSTANCE_IN_OPERATION');
        assert.equal(fx.emu.state.images().length, 41);
    });

    it("refuses an unknown instance or another account's as not found", async () => {
        for (const id of ['ins-nope', instanceId('staging-web-2', fx.emu.account('staging'))]) {
            await refused({ action: 'CreateImage', body: { instanceId: id, imageName: 'nope-image' } }, 404, 'INVALID_INSTANCE_NOT_FOUND');
        }
    });

    it('refuses a bad or taken name, an unknown resource group, and malformed tags, creating nothing', async () => {
        const web2 = instanceId('web-2');
        await refused({ action: 'CreateImage', body: { imageName: 'x1' } }, 400, 'MISSING_PARAMETER', /instanceId/);
        await refused({ action: 'CreateImage', body: { instanceId: web2 } }, 400, 'MISSING_PARAMETER', /imageName/);
        await refused({ action: 'CreateImage', body: { instanceId: web2, imageName: '-bad' } }, 400, 'INVALID_PARAMETER', /imageName/);
        await refused({ action: 'CreateImage', body: { instanceId: web2, imageName: 'db-primary-golden' } }, 400, 'INVALID_IMAGE_NAME_DUPLICATE');
        await refused(
            { action: 'CreateImage', body: { instanceId: web2, imageName: 'ok-name', resourceGroupId: 'rg-5a6b7c8d-default' } },
            404,
            'INVALID_RESOURCE_GROUP_NOT_FOUND',
            /rg-5a6b7c8d-default/,
        );
        await refused(
            { action: 'CreateImage', body: { instanceId: web2, imageName: 'ok-name', tags: [{ key: 'a', value: 'b' }] } },
            400,
            'INVALID_PARAMETER',
            /tags/,
        );
        await refused(
            {
                action: 'CreateImage',
                body: {
                    instanceId: web2,
                    imageName: 'ok-name',
                    tags: {
                        tags: [
                            { key: 'a', value: 'b' },
                            { key: 'a', value: 'c' },
                        ],
                    },
                },
            },
            400,
            'INVALID_PARAMETER',
            /unique/,
        );
        await refused(
            { action: 'CreateImage', body: { instanceId: web2, imageName: 'ok-name', tags: { tags: [{ key: 'a' }] } } },
            400,
            'INVALID_PARAMETER',
            /tags\.tags\[0\]\.value/,
        );
        await refused(
            {
                action: 'CreateImage',
                body: { instanceId: web2, imageName: 'ok-name', tags: { tags: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' })) } },
            },
            400,
            'INVALID_PARAMETER',
            /at most 20/,
        );
        assert.equal(fx.emu.state.images().length, 40);
        assert.equal(fx.emu.state.getInstance(web2)?.status, 'STOPPED');
    });

    it("creates in the calling account only: staging's image is in staging's default resource group and invisible to demo", async () => {
        const staging = fx.emu.account('staging');
        const result = await fx.call({
            action: 'CreateImage',
            credentials: STAGING_KEY,
            body: { instanceId: instanceId('staging-web-2', staging), imageName: 'staging-web-snap' },
        });
        const made = (result.json as { response: Json }).response;
        assert.equal(staging.getImage(made.imageId as string)?.resourceGroupId, 'rg-5a6b7c8d-default');
        assert.equal(fx.emu.state.getImage(made.imageId as string), undefined);
        assert.equal(fx.emu.state.images().length, 40);
    });

    it(`refuses INVALID_IMAGE_QUOTA_EXCEED once the account holds the quota (default ${DEFAULT_IMAGE_QUOTA} custom images)`, async () => {
        const web2 = instanceId('web-2');
        const names = Array.from({ length: DEFAULT_IMAGE_QUOTA - 40 }, (_, i) => `quota-${i}`);
        for (const imageName of names) {
            await create({ instanceId: web2, imageName });
            clock.advance(2000);
        }
        await refused(
            { action: 'CreateImage', body: { instanceId: web2, imageName: 'one-too-many' } },
            400,
            'INVALID_IMAGE_QUOTA_EXCEED',
            new RegExp(`${DEFAULT_IMAGE_QUOTA} of ${DEFAULT_IMAGE_QUOTA}`),
        );
        fx.emu.state.removeImage(fx.imageId('zz-scratch-image'));
        await create({ instanceId: web2, imageName: 'fits-again' });
    });
});

describe('emulator CreateImage with --image-quota 0', () => {
    const fx = lifecyclePerTest({ imageQuota: 0, createDelayMs: 0 });

    it('has no quota', async () => {
        const web2 = fx.emu.state.findInstanceByName('web-2')!.instanceId;
        for (let i = 0; i < 60; i++) {
            await fx.ok({ action: 'CreateImage', body: { instanceId: web2, imageName: `unlimited-${i}` } });
        }
        assert.equal(fx.emu.state.images().length, 100);
    });
});
