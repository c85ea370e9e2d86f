import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { callEmulator, generateSeed, INSTANCE_STATUSES, startEmulator } from '../index';
import type { CallOptions, CallResult, RunningEmulator } from '../index';
import { emulatorPerTest } from './support';
import type { Json } from './support';

interface Page {
    totalCount: number;
    dataSet: Json[];
}

const INSTANCE_FIELDS = [
    'cpu',
    'createTime',
    'imageId',
    'imageName',
    'instanceId',
    'instanceName',
    'instanceType',
    'memory',
    'privateIpAddresses',
    'publicIpAddresses',
    'resourceGroupId',
    'resourceGroupName',
    'status',
    'tags',
    'timeZone',
    'zoneId',
];

describe('emulator DescribeInstances', () => {
    let emu: RunningEmulator;
    let agent: Agent;

    const call = (options: CallOptions): Promise<CallResult> => callEmulator(emu.url, { dispatcher: agent, ...options });
    async function describeInstances(body: Json): Promise<Page> {
        const result = await call({ action: 'DescribeInstances', body });
        assert.equal(result.status, 200, result.text);
        return (result.json as { response: Page }).response;
    }
    const names = (page: Page): string[] => page.dataSet.map((i) => i.instanceName as string);
    const instanceId = (name: string): string => {
        const instance = emu.state.findInstanceByName(name);
        assert.ok(instance, `seed instance ${name}`);
        return instance.instanceId;
    };
    const imageId = (name: string): string => {
        const image = emu.state.findByName(name);
        assert.ok(image, `seed image ${name}`);
        return image.imageId;
    };

    before(async () => {
        agent = new Agent();
        emu = await startEmulator();
    });
    after(async () => {
        await emu.close();
        await agent.close();
    });

    describe('listing and paging', () => {
        it('returns totalCount and a first page of 20 InstanceInfo records in creation order', async () => {
            const page = await describeInstances({});
            const all = emu.state.instances();
            assert.equal(page.totalCount, all.length);
            assert.equal(page.totalCount, 25);
            assert.deepEqual(
                page.dataSet.map((i) => i.instanceId),
                all.slice(0, 20).map((i) => i.instanceId),
            );
            const web1 = page.dataSet[0];
            assert.deepEqual(Object.keys(web1).sort(), INSTANCE_FIELDS);
            assert.deepEqual(web1, {
                instanceId: instanceId('web-1'),
                instanceName: 'web-1',
                zoneId: 'asia-east-1a',
                instanceType: 'z2a.cpu.4',
                cpu: 4,
                memory: 8,
                imageId: imageId('db-primary-golden'),
                imageName: 'db-primary-golden',
                timeZone: 'Asia/Hong_Kong',
                status: 'RUNNING',
                publicIpAddresses: ['203.0.113.10'],
                privateIpAddresses: ['10.0.0.10'],
                createTime: '2026-01-05T08:30:00Z',
                resourceGroupId: 'rg-1f2e3d4c-data-team',
                resourceGroupName: 'data-team',
                tags: { tags: [{ key: 'env', value: 'prod' }] },
            });
        });

        it('pages with pageNum/pageSize without overlap; a page past the end is empty with the same totalCount', async () => {
            const pages = await Promise.all([1, 2, 3, 4].map((pageNum) => describeInstances({ pageNum, pageSize: 10 })));
            assert.deepEqual(
                pages.map((p) => p.dataSet.length),
                [10, 10, 5, 0],
            );
            assert.ok(pages.every((p) => p.totalCount === 25));
            const ids = pages.flatMap((p) => p.dataSet.map((i) => i.instanceId));
            assert.equal(new Set(ids).size, 25);
        });

        it('serves pageSize up to 1000 over a large generated account', async () => {
            const big = await startEmulator({ seed: generateSeed(2000, { instances: 2500 }) });
            try {
                const first = await callEmulator(big.url, { dispatcher: agent, action: 'DescribeInstances', body: { pageSize: 1000 } });
                const last = await callEmulator(big.url, { dispatcher: agent, action: 'DescribeInstances', body: { pageSize: 1000, pageNum: 3 } });
                const [a, c] = [first, last].map((r) => (r.json as { response: Page }).response);
                assert.deepEqual([a.totalCount, a.dataSet.length, c.dataSet.length], [2500, 1000, 500]);
                assert.equal(c.dataSet[499].instanceId, big.state.instances()[2499].instanceId);
            } finally {
                await big.close();
            }
        });
    });

    describe('filters', () => {
        it('instanceIds: only those, in creation order, unknown IDs ignored', async () => {
            const page = await describeInstances({ instanceIds: [instanceId('scratch-sao'), 'ins-does-not-exist', instanceId('web-2')] });
            assert.deepEqual(names(page), ['web-2', 'scratch-sao']);
            assert.equal(page.totalCount, 2);
        });

        it('imageId: the instances of that image, custom or public; an unknown image matches nothing', async () => {
            assert.deepEqual(names(await describeInstances({ imageId: imageId('db-primary-golden') })), ['web-1', 'web-2']);
            assert.equal((await describeInstances({ imageId: imageId('k8s-node-1.31') })).totalCount, 12);
            assert.deepEqual(names(await describeInstances({ imageId: 'ubuntu2404_20240712' })), ['bastion-hk']);
            assert.equal((await describeInstances({ imageId: imageId('web-frontend-2026-11') })).totalCount, 0);
            assert.equal((await describeInstances({ imageId: 'img-0000000000000000' })).totalCount, 0);
        });

        it('zoneId, status and resourceGroupId match exactly, and filters combine (AND)', async () => {
            const frankfurt = await describeInstances({ zoneId: 'eu-central-1a' });
            assert.deepEqual(names(frankfurt), ['fra-ad-dc-01', 'fra-vpn-01', 'jump-win-fra']);
            assert.deepEqual(names(await describeInstances({ status: 'RECYCLE' })), ['fra-vpn-01']);
            assert.deepEqual(names(await describeInstances({ zoneId: 'eu-central-1a', status: 'RUNNING' })), ['fra-ad-dc-01']);
            const data = await describeInstances({ resourceGroupId: 'rg-1f2e3d4c-data-team' });
            assert.deepEqual(names(data), ['web-1', 'web-2', 'sg-db-replica-01', 'la-db-replica-02']);
            assert.equal((await describeInstances({ zoneId: 'nowhere-1a' })).totalCount, 0, 'an unknown zone matches nothing');
            for (const status of INSTANCE_STATUSES) {
                const page = await describeInstances({ status, pageSize: 100 });
                assert.ok(
                    page.dataSet.every((i) => i.status === status),
                    status,
                );
            }
        });

        it('name is fuzzy: a case-insensitive part of the name, Chinese too', async () => {
            assert.equal((await describeInstances({ name: 'K8S-HK' })).totalCount, 8);
            assert.deepEqual(names(await describeInstances({ name: 'web-' })), ['web-1', 'web-2', 'hk-web-frontend-01', 'hk-web-frontend-02']);
            assert.deepEqual(names(await describeInstances({ name: '数据库' })), ['测试-数据库-01']);
            assert.equal((await describeInstances({ name: 'no-such-instance' })).totalCount, 0);
        });

        it('ipv4Address matches a public or a private address; ipv6Address matches whatever way the address is written', async () => {
            assert.deepEqual(names(await describeInstances({ ipv4Address: '203.0.113.10' })), ['web-1']);
            assert.deepEqual(names(await describeInstances({ ipv4Address: '10.1.0.11' })), ['web-2']);
            assert.equal((await describeInstances({ ipv4Address: '192.0.2.1' })).totalCount, 0);
            const frontend = emu.state.findInstanceByName('hk-web-frontend-01');
            assert.ok(frontend?.publicIpAddresses.includes('2001:db8:1::3'));
            assert.deepEqual(names(await describeInstances({ ipv6Address: '2001:db8:1::3' })), ['hk-web-frontend-01']);
            assert.deepEqual(names(await describeInstances({ ipv6Address: '2001:0DB8:0001:0000:0000:0000:0000:0003' })), ['hk-web-frontend-01']);
            assert.equal((await describeInstances({ ipv6Address: '2001:db8:1::99' })).totalCount, 0);
        });

        it('tagKeys and tags: every key and every pair must be present', async () => {
            assert.equal((await describeInstances({ tagKeys: ['role'], tags: [{ key: 'role', value: 'k8s' }] })).totalCount, 12);
            assert.deepEqual(names(await describeInstances({ tags: [{ key: 'role', value: 'vpn' }] })), ['fra-vpn-01']);
            assert.deepEqual(names(await describeInstances({ tagKeys: ['team'] })), ['ci-builder-la']);
            assert.equal(
                (
                    await describeInstances({
                        tags: [
                            { key: 'env', value: 'prod' },
                            { key: 'app', value: 'db' },
                        ],
                    })
                ).totalCount,
                0,
            );
            assert.deepEqual(names(await describeInstances({ tags: [{ key: '环境', value: '测试' }] })), ['测试-数据库-01']);
        });

        it('null values and empty lists count as absent (as for the image actions)', async () => {
            const all = await describeInstances({});
            for (const body of [{ instanceIds: [] }, { tagKeys: [], tags: [] }, { zoneId: null, name: null, status: null, pageSize: null }]) {
                assert.equal((await describeInstances(body)).totalCount, all.totalCount, JSON.stringify(body));
            }
        });
    });

    describe('limits and bad values', () => {
        function assertInvalid(result: CallResult, field: RegExp): Json {
            assert.equal(result.status, 400, result.text);
            assert.equal(result.headers['content-type'], 'application/json');
            const body = result.json as Json;
            assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'requestId']);
            assert.equal(body.code, 'INVALID_PARAMETER');
            assert.match(body.message as string, field);
            return body;
        }

        it('instanceIds: at most 100', async () => {
            const hundred = Array.from({ length: 100 }, (_, i) => `ins-${i}`);
            assert.equal((await describeInstances({ instanceIds: [...hundred.slice(0, 99), instanceId('web-1')] })).totalCount, 1);
            assertInvalid(
                await call({ action: 'DescribeInstances', body: { instanceIds: [...hundred, 'ins-100'] } }),
                /instanceIds accepts at most 100 items, got 101/,
            );
        });

        it('pageSize 1..1000 (default 20), pageNum ≥ 1, both integers', async () => {
            assert.equal((await describeInstances({ pageSize: 1000 })).dataSet.length, 25);
            for (const [body, message] of [
                [{ pageSize: 1001 }, /pageSize must be between 1 and 1000, got 1001/],
                [{ pageSize: 0 }, /pageSize must be between 1 and 1000/],
                [{ pageSize: 2.5 }, /pageSize must be an integer/],
                [{ pageSize: '20' }, /pageSize must be an integer, got string/],
                [{ pageNum: 0 }, /pageNum must be at least 1/],
            ] as [Json, RegExp][]) {
                assertInvalid(await call({ action: 'DescribeInstances', body }), message);
            }
        });

        it('wrong types, unknown statuses and malformed addresses name the field', async () => {
            for (const [body, message] of [
                [{ instanceIds: 'ins-1' }, /instanceIds must be an array of strings, got string/],
                [{ instanceIds: [7] }, /instanceIds\[0\] must be a string, got number/],
                [{ zoneId: 5 }, /zoneId must be a string, got number/],
                [{ imageId: ['img-1'] }, /imageId must be a string, got array/],
                [{ name: true }, /name must be a string, got boolean/],
                [{ resourceGroupId: {} }, /resourceGroupId must be a string, got object/],
                [{ status: 'running' }, /status must be one of DEPLOYING, REBUILDING, .*RESIZING; got "running"/],
                [{ ipv4Address: '300.1.2.3' }, /ipv4Address must be an IPv4 address/],
                [{ ipv4Address: '2001:db8::1' }, /ipv4Address must be an IPv4 address/],
                [{ ipv6Address: '203.0.113.10' }, /ipv6Address must be an IPv6 address/],
                [{ ipv6Address: 'fe80::1%eth0' }, /ipv6Address must be an IPv6 address/],
                [{ tagKeys: Array.from({ length: 21 }, (_, i) => `k${i}`) }, /tagKeys accepts at most 20 items, got 21/],
                [{ tags: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }, /tags accepts at most 20 items, got 21/],
                [{ tags: [{ key: 'env' }] }, /tags\[0\]\.value is required/],
                [{ tagKeys: ['k'.repeat(65)] }, /tagKeys\[0\] must be 1 to 64 characters long, got 65/],
            ] as [Json, RegExp][]) {
                assertInvalid(await call({ action: 'DescribeInstances', body }), message);
            }
        });

        it('answers the bad values it shares with DescribeCustomImages with the same status, code and message', async () => {
            for (const body of [
                { pageSize: 1001 },
                { pageNum: -1 },
                { pageSize: 'ten' },
                { tagKeys: [''] },
                { tags: [{ key: 'k', value: 5 }] },
                { tags: 'env=prod' },
            ]) {
                const images = await call({ action: 'DescribeCustomImages', body });
                const instances = await call({ action: 'DescribeInstances', body });
                assert.equal(instances.status, images.status, JSON.stringify(body));
                const [a, b] = [images.json as Json, instances.json as Json];
                assert.deepEqual([b.code, b.message], [a.code, a.message], JSON.stringify(body));
            }
        });
    });
});

describe('emulator: an image is in use exactly when an instance references it', () => {
    const fx = emulatorPerTest({ deleteDelayMs: 60_000 });
    const { ok, imageId: idOf } = fx;
    const deleteImages = async (imageIds: string[]): Promise<string[]> => (await ok({ action: 'DeleteImages', body: { imageIds } })).imageIds as string[];
    const usersOf = async (imageId: string): Promise<string[]> =>
        ((await ok({ action: 'DescribeInstances', body: { imageId, pageSize: 1000 } })).dataSet as Json[]).map((i) => i.instanceName as string);

    it('DeleteImages refuses exactly the deletable-status images DescribeInstances shows instances for', async () => {
        const candidates = fx.emu.state.images().filter((i) => ['AVAILABLE', 'FAILED', 'UNAVAILABLE'].includes(i.imageStatus));
        const inUse: string[] = [];
        for (const image of candidates) {
            if ((await usersOf(image.imageId)).length > 0) {
                inUse.push(image.imageId);
            }
        }
        assert.equal(inUse.length, 7);
        assert.deepEqual(await deleteImages(candidates.map((i) => i.imageId)), inUse);
        for (const image of candidates) {
            assert.equal(fx.emu.state.getImage(image.imageId)?.imageStatus, inUse.includes(image.imageId) ? 'AVAILABLE' : 'DELETING', image.imageName);
        }
    });

    it('an instance in RECYCLE (or releasing) still holds its image; once it is gone the image deletes', async () => {
        const vpn = idOf('frankfurt-vpn-gateway');
        assert.deepEqual(await usersOf(vpn), ['fra-vpn-01']);
        assert.deepEqual(await deleteImages([vpn]), [vpn]);
        const holder = fx.emu.state.findInstanceByName('fra-vpn-01')!;
        fx.emu.state.setInstanceStatus(holder.instanceId, 'RECYCLING');
        assert.deepEqual(await deleteImages([vpn]), [vpn]);
        assert.equal(fx.emu.state.removeInstance(holder.instanceId), true);
        assert.deepEqual(await usersOf(vpn), []);
        assert.deepEqual(await deleteImages([vpn]), []);
        assert.equal(fx.emu.state.getImage(vpn)?.imageStatus, 'DELETING');
    });

    it('db-primary-golden stays refused while either of web-1 and web-2 exists', async () => {
        const golden = idOf('db-primary-golden');
        assert.deepEqual(await usersOf(golden), ['web-1', 'web-2']);
        fx.emu.state.removeInstance(fx.emu.state.findInstanceByName('web-1')!.instanceId);
        assert.deepEqual(await deleteImages([golden]), [golden]);
        fx.emu.state.removeInstance(fx.emu.state.findInstanceByName('web-2')!.instanceId);
        assert.deepEqual(await deleteImages([golden]), []);
    });

    it('addInstance puts an unused image in use, and DescribeInstances lists the new instance', async () => {
        const image = idOf('web-frontend-2026-09');
        const added = fx.emu.state.addInstance({ imageId: image, instanceName: 'added-by-test', status: 'STOPPED' });
        assert.match(added.instanceId, /^ins-[0-9a-f]{16}$/);
        assert.deepEqual(
            [added.zoneId, added.imageName, added.instanceType, added.cpu, added.memory],
            ['asia-east-1a', 'web-frontend-2026-09', 'z2a.cpu.1', 1, 2],
        );
        assert.match(added.createTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        assert.deepEqual(await usersOf(image), ['added-by-test']);
        assert.deepEqual(await deleteImages([image]), [image]);
        const listed = (await ok({ action: 'DescribeInstances', body: { instanceIds: [added.instanceId] } })).dataSet as Json[];
        assert.equal(listed[0].status, 'STOPPED');
        assert.throws(() => fx.emu.state.addInstance({ imageId: 'img-nope' }), /neither a public image nor a custom image of account demo/);
        assert.throws(() => fx.emu.state.addInstance({ imageId: image, instanceId: added.instanceId }), /already exists/);
        assert.throws(() => fx.emu.state.addInstance({ imageId: image, zoneId: 'mars-1a' }), /no zone mars-1a/);
    });

    it('an image of PROCESSING status is refused whether or not it is used; a public image always is', async () => {
        const added = fx.emu.state.addImage({ imageName: 'processing-image', imageStatus: 'PROCESSING' });
        assert.deepEqual(await deleteImages([added.imageId, 'ubuntu2404_20240712']), [added.imageId, 'ubuntu2404_20240712']);
        fx.emu.state.setStatus(added.imageId, 'AVAILABLE');
        assert.deepEqual(await deleteImages([added.imageId]), []);
    });

    it('an instance outlives its image (removed by a test): it keeps imageId and imageName', async () => {
        const image = idOf('win-ad-controller');
        fx.emu.state.removeImage(image);
        const [instance] = (await ok({ action: 'DescribeInstances', body: { imageId: image } })).dataSet as Json[];
        assert.deepEqual([instance.instanceName, instance.imageName], ['fra-ad-dc-01', 'win-ad-controller']);
    });

    it('state images still answer inUseByInstanceIds, derived from the instances and never serialised', () => {
        const golden = fx.emu.state.images().find((i) => i.imageName === 'db-primary-golden')!;
        const users = fx.emu.state.instancesUsing(golden.imageId).map((i) => i.instanceId);
        assert.equal(users.length, 2);
        assert.deepEqual(golden.inUseByInstanceIds, users);
        fx.emu.state.removeInstance(users[0]);
        assert.deepEqual(golden.inUseByInstanceIds, [users[1]]);
        assert.ok(!JSON.stringify(golden).includes('inUseByInstanceIds'));
        assert.equal(fx.emu.state.isInUse(golden.imageId), true);
    });
});
