/** Large deterministic accounts for load tests and benchmarks (`--images N --instances M`). */
import { IMAGE_STATUSES } from '../../src/zenlayer/types';
import type { ImageStatus, ImageTag, OsType } from '../../src/zenlayer/types';
import {
    DEMO_ACCOUNTS,
    INSTANCE_STATUSES,
    INSTANCE_TYPES,
    MAINLAND_CHINA_COUNTRY_CODE,
    NIC_TYPES,
    RESOURCE_GROUPS,
    defaultPublicImages,
    defaultZones,
    isGpuInstanceType,
    isoSeconds,
} from './seed';
import type { AccountsSeed, InstanceStatus, SeedImage, SeedInstance } from './seed';

/** mulberry32: tiny, fast, deterministic PRNG. */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const GENERATED_KINDS: { category: string; osType: OsType; prefix: string }[] = [
    { category: 'Ubuntu', osType: 'linux', prefix: 'ubuntu' },
    { category: 'Debian', osType: 'linux', prefix: 'debian' },
    { category: 'Rocky', osType: 'linux', prefix: 'rocky' },
    { category: 'AlmaLinux', osType: 'linux', prefix: 'alma' },
    { category: 'Windows', osType: 'windows', prefix: 'win' },
    { category: 'FreeBSD', osType: 'bsd', prefix: 'freebsd' },
    { category: 'Generic', osType: 'any', prefix: 'generic' },
    { category: 'OTHERS', osType: 'android', prefix: 'android' },
];
const GENERATED_ROLES = ['web', 'api', 'db', 'cache', 'worker', 'batch', 'edge', 'vpn', 'ci', 'ml'];
/** Instances created from an image in one of these statuses (an image that was usable when they were created). */
const LAUNCHABLE: readonly ImageStatus[] = ['AVAILABLE', 'UNAVAILABLE'];
/** Share of generated instances that run a public image rather than one of the account's custom images. */
const PUBLIC_IMAGE_SHARE = 0.25;
/** Addresses in 198.18.0.0/15. */
const PUBLIC_IPV4_POOL = 2 ** 17;
const FIRST_GENERATED_TIME = Date.UTC(2025, 0, 1, 0, 0, 0);

export interface GenerateOptions {
    /** Instances to generate; default half the image count. */
    instances?: number;
    /** Same (counts, rngSeed) → same data; default 1. */
    rngSeed?: number;
}

function checkCount(name: string, value: number): void {
    if (!Number.isInteger(value) || value < 0) {
        throw new RangeError(`generateSeed: ${name} must be a non-negative integer, got ${String(value)}`);
    }
}

/**
 * One large account, `demo` (the demo key pair), with the default zones and public images, `imageCount` custom
 * images and `options.instances` instances. About 80 % of the images are AVAILABLE and every status occurs; a
 * quarter of the instances run public images, the rest run custom images picked with a steep skew, so a few
 * images carry many instances while most images are unused. Instance statuses: about 85 % RUNNING, every status
 * occurs (RECYCLE included).
 */
export function generateSeed(imageCount: number, options: GenerateOptions = {}): AccountsSeed {
    const instanceCount = options.instances ?? Math.floor(imageCount / 2);
    const rngSeed = options.rngSeed ?? 1;
    checkCount('imageCount', imageCount);
    checkCount('instances', instanceCount);
    checkCount('rngSeed', rngSeed);
    const random = prng(rngSeed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    // Outside mainland China only: a generated image never spans the border CopyImage refuses to cross, and the data is
    // what it was before the default zones had mainland regions.
    const zones = defaultZones().filter((zone) => zone.countryCode !== MAINLAND_CHINA_COUNTRY_CODE);
    const regionIds = [...new Set(zones.map((z) => z.regionId))];
    const groups = Object.values(RESOURCE_GROUPS);
    const seedTag = rngSeed.toString(16).padStart(4, '0').slice(-4);
    const tagsFor = (role: string): ImageTag[] =>
        random() < 0.5
            ? [
                  { key: 'role', value: role },
                  { key: 'env', value: random() < 0.5 ? 'prod' : 'staging' },
              ]
            : [];

    const imageWidth = String(Math.max(imageCount, 1)).length;
    const images: SeedImage[] = [];
    for (let i = 0; i < imageCount; i++) {
        const kind = pick(GENERATED_KINDS);
        const role = pick(GENERATED_ROLES);
        // The first images cycle through every status so even a small generated account has all of them.
        const imageStatus: ImageStatus = i < IMAGE_STATUSES.length ? IMAGE_STATUSES[i] : random() < 0.8 ? 'AVAILABLE' : pick(IMAGE_STATUSES);
        const regionCount = 1 + Math.floor(random() * 3);
        const start = Math.floor(random() * regionIds.length);
        const regions =
            imageStatus === 'CREATING' || imageStatus === 'FAILED'
                ? []
                : Array.from({ length: Math.min(regionCount, regionIds.length) }, (_, k) => regionIds[(start + k) % regionIds.length]);
        const size = kind.osType === 'windows' ? 40 + Math.floor(random() * 60) : 5 + Math.floor(random() * 95);
        const group = pick(groups);
        const serial = String(i + 1).padStart(imageWidth, '0');
        images.push({
            imageId: `img-gen${seedTag}${(i + 1).toString(16).padStart(9, '0')}`,
            imageName: `${kind.prefix}-${role}-${serial}`,
            imageType: 'CUSTOM_IMAGE',
            imageSource: 'CUSTOM',
            imageSize: size,
            minDiskSize: Math.max(20, size),
            imageDescription: random() < 0.2 ? null : `Generated ${role} image #${i + 1}`,
            imageVersion: `${1 + (i % 5)}.${i % 10}.0`,
            imageStatus,
            nicNetworkType: NIC_TYPES.slice(0, 1 + (i % 3)),
            category: kind.category,
            osType: kind.osType,
            tags: tagsFor(role),
            regionIdList: regions,
            resourceGroupId: group.id,
            resourceGroupName: group.name,
        });
    }

    const publicImages = defaultPublicImages();
    const launchable = images.filter((image) => LAUNCHABLE.includes(image.imageStatus) && image.regionIdList.length > 0);
    const zonesByRegion = new Map(regionIds.map((regionId) => [regionId, zones.filter((z) => z.regionId === regionId)]));
    // CPU types only, as before GPU types were seeded (the generated data stays the same).
    const instanceTypes = Object.entries(INSTANCE_TYPES).filter(([instanceType]) => !isGpuInstanceType(instanceType));
    const instanceWidth = String(Math.max(instanceCount, 1)).length;
    const instances: SeedInstance[] = [];
    for (let i = 0; i < instanceCount; i++) {
        // random()³ crowds the picks onto the first images: a few "golden" images carry many instances.
        const image = launchable.length === 0 || random() < PUBLIC_IMAGE_SHARE ? pick(publicImages) : launchable[Math.floor(random() ** 3 * launchable.length)];
        const zone = image.regionIdList.length === 0 ? pick(zones) : pick(zonesByRegion.get(pick(image.regionIdList)) ?? zones);
        const status: InstanceStatus = i < INSTANCE_STATUSES.length ? INSTANCE_STATUSES[i] : random() < 0.85 ? 'RUNNING' : pick(INSTANCE_STATUSES);
        const [instanceType, shape] = pick(instanceTypes);
        const role = pick(GENERATED_ROLES);
        const group = pick(groups);
        const zoneIndex = zones.indexOf(zone);
        // Unique addresses from ranges reserved for benchmarks and documentation (198.18.0.0/15, 2001:db8::/32).
        const publicIps = [
            ...(random() < 0.6 && i < PUBLIC_IPV4_POOL ? [`198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`] : []),
            ...(random() < 0.3 ? [`2001:db8:${(zoneIndex + 1).toString(16)}::${(i + 1).toString(16)}`] : []),
        ];
        instances.push({
            instanceId: `ins-gen${seedTag}${(i + 1).toString(16).padStart(9, '0')}`,
            instanceName: `${role}-${zone.cityCode.toLowerCase()}-${String(i + 1).padStart(instanceWidth, '0')}`,
            zoneId: zone.zoneId,
            instanceType,
            cpu: shape.cpu,
            memory: shape.memory,
            imageId: image.imageId,
            imageName: image.imageName,
            status,
            createTime: isoSeconds(FIRST_GENERATED_TIME + i * 600_000),
            publicIpAddresses: publicIps,
            privateIpAddresses: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
            resourceGroupId: group.id,
            resourceGroupName: group.name,
            tags: tagsFor(role),
        });
    }

    const demo = DEMO_ACCOUNTS[0];
    return {
        zones,
        images: publicImages,
        accounts: [
            {
                accountId: demo.accountId,
                accountName: `${demo.accountName} (generated)`,
                accessKeys: [{ accessKeyId: demo.accessKeyId, accessKeyPassword: demo.accessKeyPassword }],
                tokens: [],
                images,
                instances,
            },
        ],
    };
}
