import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { IMAGE_STATUSES, OS_TYPES } from '../../../src/zenlayer/types';
import { DEMO_ACCOUNTS, defaultSeed, generateSeed, INSTANCE_STATUSES, parseSeed, SeedError } from '../index';
import type { AccountsSeed, SeedAccount } from '../index';

function account(seed: AccountsSeed, accountId: string): SeedAccount {
    const found = seed.accounts.find((a) => a.accountId === accountId);
    assert.ok(found, `account ${accountId}`);
    return found;
}

/** Image name → names of the instances using it. */
function usage(acc: SeedAccount): Map<string, string[]> {
    const names = new Map(acc.images.map((i) => [i.imageId, i.imageName]));
    const result = new Map<string, string[]>();
    for (const instance of acc.instances) {
        const name = names.get(instance.imageId);
        if (name !== undefined) {
            result.set(name, [...(result.get(name) ?? []), instance.instanceName]);
        }
    }
    return result;
}

describe('emulator seeds', () => {
    describe('default seed', () => {
        const seed = defaultSeed();
        const demo = account(seed, 'demo');
        const staging = account(seed, 'staging');

        it('has two accounts, each reachable with its demo key pair, and shared zones and public images', () => {
            assert.deepEqual(
                seed.accounts.map((a) => a.accountId),
                ['demo', 'staging'],
            );
            assert.deepEqual(
                seed.accounts.map((a) => a.accessKeys),
                DEMO_ACCOUNTS.map((d) => [{ accessKeyId: d.accessKeyId, accessKeyPassword: d.accessKeyPassword }]),
            );
            assert.equal(new Set(seed.zones.map((z) => z.regionId)).size, 7);
            assert.ok(seed.images.length >= 5 && seed.images.every((i) => i.imageType === 'PUBLIC_IMAGE'));
            assert.ok(seed.images.some((i) => i.category === 'Windows'));
            assert.deepEqual(defaultSeed(), seed, 'deterministic');
        });

        it('demo: 40 custom images with every status and OS type, their IDs unchanged since before accounts', () => {
            assert.equal(demo.images.length, 40);
            assert.deepEqual(new Set(demo.images.map((i) => i.imageStatus)), new Set(IMAGE_STATUSES));
            assert.deepEqual(new Set(demo.images.map((i) => i.osType)), new Set(OS_TYPES));
            assert.ok(demo.images.some((i) => /[\u4e00-\u9fff]/.test(i.imageName)));
            const idOf = (name: string): string | undefined => demo.images.find((i) => i.imageName === name)?.imageId;
            assert.equal(idOf('api-gateway-2026-10'), 'img-c34e03719157ec8f');
            assert.equal(idOf('web-frontend-2026-11'), 'img-2fa3e444ec0ba583');
            assert.equal(idOf('db-primary-golden'), 'img-d916cfc5b5d5b121');
            assert.equal(idOf('zz-scratch-image'), 'img-1c9689d3713c9f36');
        });

        it('demo: seven images in use by real instances, the others unused', () => {
            const used = usage(demo);
            assert.deepEqual(
                [...used.keys()].sort(),
                [
                    'db-primary-golden',
                    'db-replica-golden',
                    'frankfurt-vpn-gateway',
                    'k8s-node-1.31',
                    'web-frontend-2026-10',
                    'win-ad-controller',
                    '测试镜像-数据库',
                ].sort(),
            );
            assert.deepEqual(used.get('db-primary-golden'), ['web-1', 'web-2']);
            assert.equal(used.get('k8s-node-1.31')?.length, 12, 'more instances than a tooltip lists');
            const vpn = demo.instances.filter((i) => i.imageId === demo.images.find((img) => img.imageName === 'frankfurt-vpn-gateway')?.imageId);
            assert.deepEqual(
                vpn.map((i) => i.status),
                ['RECYCLE'],
                'only a recycled instance keeps it in use',
            );
            assert.equal(used.get('web-frontend-2026-11'), undefined);
            assert.ok(
                demo.instances.some((i) => seed.images.some((p) => p.imageId === i.imageId)),
                'some instances run public images',
            );
            assert.ok(new Set(demo.instances.map((i) => i.status)).size >= 8);
        });

        it("every instance runs in a zone of its image's regions and has the InstanceInfo fields", () => {
            for (const acc of seed.accounts) {
                for (const instance of acc.instances) {
                    const image = acc.images.find((i) => i.imageId === instance.imageId) ?? seed.images.find((i) => i.imageId === instance.imageId);
                    assert.ok(image, `${instance.instanceName}: image ${instance.imageId}`);
                    assert.equal(instance.imageName, image.imageName);
                    const zone = seed.zones.find((z) => z.zoneId === instance.zoneId);
                    assert.ok(zone, instance.zoneId);
                    assert.ok(image.regionIdList.length === 0 || image.regionIdList.includes(zone.regionId), `${instance.instanceName} in ${zone.zoneId}`);
                    assert.match(instance.createTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
                    assert.match(instance.instanceId, /^ins-[0-9a-f]{16}$/);
                    assert.ok(instance.cpu >= 1 && instance.memory >= 1 && instance.privateIpAddresses.length === 1);
                }
            }
        });

        it('staging: a few images of its own (one named like a demo image), two in use, no ID shared with demo', () => {
            assert.deepEqual(
                staging.images.map((i) => i.imageName),
                ['app-server-base', 'staging-web-2026-11', 'staging-db-golden', 'qa-windows-2022', 'qa-load-generator', 'staging-k8s-node-1.32'],
            );
            const used = usage(staging);
            assert.deepEqual(used.get('staging-web-2026-11'), ['staging-web-1', 'staging-web-2']);
            assert.deepEqual(used.get('app-server-base'), ['staging-app-1']);
            assert.equal(used.size, 2);
            const demoIds = new Set([...demo.images.map((i) => i.imageId), ...demo.instances.map((i) => i.instanceId)]);
            assert.ok([...staging.images.map((i) => i.imageId), ...staging.instances.map((i) => i.instanceId)].every((id) => !demoIds.has(id)));
            assert.notEqual(staging.images[0].imageId, demo.images.find((i) => i.imageName === 'app-server-base')?.imageId);
            assert.ok(staging.images[0].resourceGroupId !== null && !demo.images.some((i) => i.resourceGroupId === staging.images[0].resourceGroupId));
        });
    });

    describe('parseSeed', () => {
        const zones = [
            { zoneId: 'z-1a', regionId: 'z-1' },
            { zoneId: 'y-1a', regionId: 'y-1' },
        ];
        const publicImage = { imageId: 'pub-1', imageName: 'Public', imageType: 'PUBLIC_IMAGE' };
        const accountSeed = (accounts: unknown[], extra: Record<string, unknown> = {}): unknown => ({ zones, images: [publicImage], accounts, ...extra });
        const accountA = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
            accountId: 'a',
            accessKeys: [{ accessKeyId: 'KEYA', accessKeyPassword: 'pa' }],
            images: [{ imageId: 'img-a', imageName: 'a-image', regionIdList: ['y-1'] }],
            instances: [{ instanceId: 'ins-a', zoneId: 'y-1a', imageId: 'img-a' }],
            ...extra,
        });

        it('accepts the JSON round trip of the default seed', () => {
            const seed = defaultSeed();
            assert.deepEqual(parseSeed(JSON.parse(JSON.stringify(seed))), seed);
        });

        it('a seed without accounts is one account, "default", with the demo key pair; its public images stay shared', () => {
            const parsed = parseSeed({
                zones,
                images: [publicImage, { imageId: 'img-1', imageName: 'x', regionIdList: ['z-1'] }],
                instances: [{ instanceId: 'ins-1', zoneId: 'z-1a', imageId: 'img-1' }],
            });
            assert.deepEqual(
                parsed.images.map((i) => i.imageId),
                ['pub-1'],
            );
            assert.equal(parsed.accounts.length, 1);
            const [only] = parsed.accounts;
            assert.equal(only.accountId, 'default');
            assert.deepEqual(only.accessKeys, [{ accessKeyId: DEMO_ACCOUNTS[0].accessKeyId, accessKeyPassword: DEMO_ACCOUNTS[0].accessKeyPassword }]);
            assert.deepEqual(
                only.images.map((i) => [i.imageId, i.imageStatus, i.imageType]),
                [['img-1', 'AVAILABLE', 'CUSTOM_IMAGE']],
            );
            assert.deepEqual(
                only.instances.map((i) => [i.instanceId, i.instanceName, i.imageName, i.status, i.instanceType, i.cpu, i.memory]),
                [['ins-1', 'ins-1', 'x', 'RUNNING', 'z2a.cpu.1', 1, 2]],
            );
        });

        it("an old seed's inUseByInstanceIds becomes instances of that image, so the image stays in use", () => {
            const parsed = parseSeed({
                zones,
                images: [
                    { imageId: 'img-1', imageName: 'x', regionIdList: ['y-1'], inUseByInstanceIds: ['ins-old-1', 'ins-old-2'] },
                    { imageId: 'img-2', imageName: 'y' },
                ],
                instances: [{ instanceId: 'ins-old-2', instanceName: 'listed', zoneId: 'z-1a', imageId: 'img-1' }],
            });
            const instances = parsed.accounts[0].instances;
            assert.deepEqual(
                instances.map((i) => [i.instanceId, i.instanceName, i.imageId, i.zoneId]),
                [
                    ['ins-old-2', 'listed', 'img-1', 'z-1a'],
                    ['ins-old-1', 'ins-old-1', 'img-1', 'y-1a'],
                ],
            );
            assert.throws(
                () =>
                    parseSeed({
                        zones,
                        images: [
                            { imageId: 'img-1', imageName: 'x', inUseByInstanceIds: ['ins-1'] },
                            { imageId: 'img-2', imageName: 'y' },
                        ],
                        instances: [{ instanceId: 'ins-1', zoneId: 'z-1a', imageId: 'img-2' }],
                    }),
                /ins-1 uses img-2/,
            );
        });

        it('accounts: keys, tokens, images and instances per account; defaults filled', () => {
            const parsed = parseSeed(
                accountSeed([
                    accountA({ tokens: ['tok-a'] }),
                    {
                        accountId: 'b.team',
                        accountName: 'Team B',
                        accessKeys: [{ accessKeyId: 'KEYB', accessKeyPassword: 'pb' }],
                        instances: [{ instanceId: 'ins-b', zoneId: 'z-1a', imageId: 'pub-1', status: 'RECYCLE', publicIpAddresses: ['2001:db8::5'] }],
                    },
                ]),
            );
            assert.deepEqual(
                parsed.accounts.map((a) => [a.accountId, a.accountName, a.tokens, a.images.length, a.instances.length]),
                [
                    ['a', 'a', ['tok-a'], 1, 1],
                    ['b.team', 'Team B', [], 0, 1],
                ],
            );
            assert.equal(parsed.accounts[1].instances[0].imageName, 'Public');
            assert.equal(parsed.accounts[1].instances[0].status, 'RECYCLE');
        });

        it('reports bad input with the path of the field', () => {
            const cases: [unknown, RegExp][] = [
                [{ images: [] }, /"zones" array/],
                [{ zones, images: [{ imageId: 'img-1', imageName: 'x', imageStatus: 'READY' }] }, /images\[0\]\.imageStatus/],
                [
                    { zones, images: [], instances: [{ instanceId: 'ins-1', zoneId: 'z-1a', imageId: 'img-nope' }] },
                    /instances\[0\]\.imageId img-nope is neither/,
                ],
                [{ zones, images: [publicImage], instances: [{ instanceId: 'ins-1', zoneId: 'mars-1a', imageId: 'pub-1' }] }, /instances\[0\]\.zoneId mars-1a/],
                [
                    { zones, images: [publicImage], instances: [{ instanceId: 'ins-1', zoneId: 'z-1a', imageId: 'pub-1', status: 'ON' }] },
                    /instances\[0\]\.status must be one of DEPLOYING/,
                ],
                [
                    { zones, images: [publicImage], instances: [{ instanceId: 'ins-1', zoneId: 'z-1a', imageId: 'pub-1', createTime: '2026-01-01 10:00' }] },
                    /createTime must be a UTC time/,
                ],
                [
                    {
                        zones,
                        images: [publicImage],
                        instances: [{ instanceId: 'ins-1', zoneId: 'z-1a', imageId: 'pub-1', privateIpAddresses: ['10.0.0.300'] }],
                    },
                    /privateIpAddresses\[0\] must be an IPv4 or IPv6/,
                ],
                [
                    { zones, images: [publicImage], instances: [{ instanceId: 'ins-1', zoneId: 'z-1a', imageId: 'pub-1', cpu: 0 }] },
                    /cpu must be an integer of at least 1/,
                ],
                [
                    { zones, images: [publicImage], instances: [{ instanceId: 'pub-1', zoneId: 'z-1a', imageId: 'pub-1' }] },
                    /instances\[0\]: duplicate resource ID pub-1 \(also at images\[0\]\)/,
                ],
                [accountSeed([accountA()], { instances: [] }), /instances belong to an account/],
                [{ zones, images: [{ imageId: 'img-top', imageName: 'custom' }], accounts: [accountA()] }, /images\[0\] is a custom image/],
                [
                    accountSeed([accountA({ images: [{ imageId: 'pub-2', imageName: 'p', imageType: 'PUBLIC_IMAGE' }], instances: [] })]),
                    /accounts\[0\]\.images\[0\] is a public image/,
                ],
                [accountSeed([]), /at least one account/],
                [accountSeed([accountA({ accountId: 'has space' })]), /accounts\[0\]\.accountId must be/],
                [accountSeed([accountA(), accountA()]), /accounts\[1\].*duplicate accountId a/],
                [
                    accountSeed([accountA(), { accountId: 'b', accessKeys: [{ accessKeyId: 'KEYA', accessKeyPassword: 'other' }] }]),
                    /accounts\[1\]\.accessKeys\[0\]: duplicate access key ID KEYA \(also at accounts\[0\]\.accessKeys\[0\]\)/,
                ],
                [accountSeed([accountA({ tokens: ['same'] }), { accountId: 'b', tokens: ['same'] }]), /accounts\[1\]\.tokens\[0\]: duplicate token/],
                [
                    accountSeed([accountA(), { accountId: 'b', images: [{ imageId: 'img-a', imageName: 'copy' }] }]),
                    /accounts\[1\]\.images\[0\]: duplicate resource ID img-a/,
                ],
                [
                    accountSeed([accountA(), { accountId: 'b', instances: [{ instanceId: 'ins-b', zoneId: 'z-1a', imageId: 'img-a' }] }]),
                    /accounts\[1\]\.instances\[0\]\.imageId img-a is neither a public image nor a custom image of this account/,
                ],
                [accountSeed([accountA({ accessKeys: [{ accessKeyId: 'K' }] })]), /accounts\[0\]\.accessKeys\[0\]\.accessKeyPassword/],
            ];
            for (const [raw, message] of cases) {
                assert.throws(
                    () => parseSeed(raw),
                    (err: Error) => err instanceof SeedError && message.test(err.message),
                    `${message} for ${JSON.stringify(raw)}`,
                );
            }
        });

        it('never puts a token into an error message', () => {
            assert.throws(
                () => parseSeed(accountSeed([accountA({ tokens: ['secret-token-1'] }), { accountId: 'b', tokens: ['secret-token-1'] }])),
                (err: Error) => !err.message.includes('secret-token-1'),
            );
        });
    });

    describe('generateSeed', () => {
        it('makes one large demo account: 10,000 images and 5,000 instances, unique IDs, quickly', () => {
            const started = performance.now();
            const big = generateSeed(10_000, { instances: 5_000 });
            const elapsed = performance.now() - started;
            // A generous bound (the figure is a few tens of ms): it only catches an accidental quadratic step.
            assert.ok(elapsed < 5000, `took ${elapsed.toFixed(0)} ms`);
            assert.equal(big.accounts.length, 1);
            const [demo] = big.accounts;
            assert.equal(demo.accountId, 'demo');
            assert.deepEqual(demo.accessKeys, [{ accessKeyId: DEMO_ACCOUNTS[0].accessKeyId, accessKeyPassword: DEMO_ACCOUNTS[0].accessKeyPassword }]);
            assert.equal(demo.images.length, 10_000);
            assert.equal(demo.instances.length, 5_000);
            const ids = [...big.images, ...demo.images].map((i) => i.imageId).concat(demo.instances.map((i) => i.instanceId));
            assert.equal(new Set(ids).size, ids.length);
            const publicIps = demo.instances.flatMap((i) => i.publicIpAddresses);
            assert.equal(new Set(publicIps).size, publicIps.length, 'public addresses are unique');
        });

        it('every image and instance status occurs; a few images carry many instances, most are unused', () => {
            const {
                accounts: [demo],
                images: publicImages,
            } = generateSeed(10_000, { instances: 5_000 });
            assert.deepEqual(new Set(demo.images.map((i) => i.imageStatus)), new Set(IMAGE_STATUSES));
            assert.deepEqual(new Set(demo.instances.map((i) => i.status)), new Set(INSTANCE_STATUSES));
            const perImage = new Map<string, number>();
            for (const instance of demo.instances) {
                perImage.set(instance.imageId, (perImage.get(instance.imageId) ?? 0) + 1);
            }
            const customUsed = demo.images.filter((i) => perImage.has(i.imageId));
            assert.ok(customUsed.length > 100, `${customUsed.length} custom images in use`);
            assert.ok(customUsed.length < demo.images.length / 2, `${customUsed.length} of ${demo.images.length} in use: most are unused`);
            assert.ok(Math.max(...customUsed.map((i) => perImage.get(i.imageId) ?? 0)) >= 10, 'some image is used by 10 or more instances');
            const onPublic = demo.instances.filter((i) => publicImages.some((p) => p.imageId === i.imageId)).length;
            assert.ok(onPublic > 1000 && onPublic < 1500, `${onPublic} instances on public images (about a quarter)`);
            assert.ok(
                customUsed.every((i) => i.imageStatus === 'AVAILABLE' || i.imageStatus === 'UNAVAILABLE'),
                'instances come from usable images',
            );
        });

        it('defaults to half as many instances as images, round-trips through parseSeed, and is deterministic per rngSeed', () => {
            assert.equal(generateSeed(101).accounts[0].instances.length, 50);
            assert.equal(generateSeed(0).accounts[0].instances.length, 0);
            assert.equal(generateSeed(0, { instances: 3 }).accounts[0].instances.length, 3, 'instances of public images only');
            const small = generateSeed(300, { instances: 200, rngSeed: 7 });
            assert.deepEqual(parseSeed(JSON.parse(JSON.stringify(small))), small);
            assert.deepEqual(generateSeed(300, { instances: 200, rngSeed: 7 }), small);
            assert.notDeepEqual(
                generateSeed(300, { instances: 200, rngSeed: 8 }).accounts[0].instances.map((i) => i.imageId),
                small.accounts[0].instances.map((i) => i.imageId),
            );
            assert.throws(() => generateSeed(-1), RangeError);
            assert.throws(() => generateSeed(10, { instances: 1.5 }), /instances must be a non-negative integer/);
        });
    });
});
