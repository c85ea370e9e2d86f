/**
 * Seed data for the Zenlayer API emulator: zones, public images and a realistic account of custom images.
 * Everything here is deterministic: the same call always yields the same IDs, names and order.
 */
import { createHash } from 'node:crypto';
import { IMAGE_SOURCES, IMAGE_STATUSES, IMAGE_TYPES, OS_TYPES } from '../../src/zenlayer/types';
import type { ImageSource, ImageStatus, ImageTag, ImageType, OsType } from '../../src/zenlayer/types';

/** One zone as DescribeZones returns it (ZoneInfo). */
export interface SeedZone {
    zoneId: string;
    regionId: string;
    zoneName: string;
    timeZone: string;
    cityName: string;
    cityCode: string;
    countryCode: string;
    countryName: string;
    supportSecurityGroup: boolean;
    supportHaVip: boolean;
}

/**
 * One image in the emulator. Public images use `imageType: 'PUBLIC_IMAGE'`; an empty `regionIdList` on a public
 * image means "available in every region". Sizes are numbers here and strings of GiB on the wire.
 */
export interface SeedImage {
    imageId: string;
    imageName: string;
    imageType: ImageType;
    imageSource: ImageSource;
    /** GiB; sent as a string, and as null while the image is CREATING. */
    imageSize: number | null;
    minDiskSize: number;
    imageDescription: string | null;
    imageVersion: string;
    imageStatus: ImageStatus;
    nicNetworkType: string[];
    category: string;
    osType: OsType;
    tags: ImageTag[];
    /** Regions where the image is usable (custom images: empty while CREATING). */
    regionIdList: string[];
    resourceGroupId: string | null;
    resourceGroupName: string | null;
    /** Emulator-only: instances that use the image; a non-empty list makes DeleteImages fail for it. */
    inUseByInstanceIds: string[];
}

export interface EmulatorSeed {
    zones: SeedZone[];
    images: SeedImage[];
}

/** Statuses from which DeleteImages refuses to delete (emulator choice, see README). */
export const UNDELETABLE_STATUSES: readonly ImageStatus[] = ['CREATING', 'SYNCING', 'DELETING', 'PROCESSING'];

const NIC_TYPES = ['FailOver', 'VirtioOnly', 'Virtio'];

function zone(zoneId: string, regionId: string, cityName: string, cityCode: string, countryCode: string, countryName: string, timeZone: string, supportHaVip = true): SeedZone {
    const suffix = zoneId.slice(-1).toUpperCase();
    return { zoneId, regionId, zoneName: `${cityName} ${suffix}`, timeZone, cityName, cityCode, countryCode, countryName, supportSecurityGroup: true, supportHaVip };
}

function defaultZones(): SeedZone[] {
    return [
        zone('asia-east-1a', 'asia-east-1', 'Hong Kong', 'HKG', 'HK', 'China Hong Kong', 'Asia/Hong_Kong'),
        zone('asia-east-1b', 'asia-east-1', 'Hong Kong', 'HKG', 'HK', 'China Hong Kong', 'Asia/Hong_Kong', false),
        zone('asia-southeast-1a', 'asia-southeast-1', 'Singapore', 'SIN', 'SG', 'Singapore', 'Asia/Singapore'),
        zone('asia-southeast-1b', 'asia-southeast-1', 'Singapore', 'SIN', 'SG', 'Singapore', 'Asia/Singapore'),
        zone('na-west-1a', 'na-west-1', 'Los Angeles', 'LAX', 'US', 'United States', 'America/Los_Angeles'),
        zone('na-west-1b', 'na-west-1', 'Los Angeles', 'LAX', 'US', 'United States', 'America/Los_Angeles', false),
        zone('eu-central-1a', 'eu-central-1', 'Frankfurt', 'FRA', 'DE', 'Germany', 'Europe/Berlin'),
        zone('sa-east-1a', 'sa-east-1', 'São Paulo', 'GRU', 'BR', 'Brazil', 'America/Sao_Paulo'),
    ];
}

const HK = 'asia-east-1';
const SG = 'asia-southeast-1';
const LA = 'na-west-1';
const FRA = 'eu-central-1';
const SAO = 'sa-east-1';

const RESOURCE_GROUPS: Record<string, { id: string; name: string }> = {
    default: { id: 'rg-0a1b2c3d-default', name: 'Default Resource Group' },
    prod: { id: 'rg-7e8f9a0b-production', name: 'production' },
    staging: { id: 'rg-4c5d6e7f-staging', name: 'staging' },
    data: { id: 'rg-1f2e3d4c-data-team', name: 'data-team' },
};

function hexId(prefix: string, text: string, length = 16): string {
    return `${prefix}${createHash('sha256').update(text).digest('hex').slice(0, length)}`;
}

function publicImage(imageId: string, imageName: string, category: string, osType: OsType, imageVersion: string, size: number, minDiskSize: number): SeedImage {
    return {
        imageId, imageName, imageType: 'PUBLIC_IMAGE', imageSource: 'OFFICIAL', imageSize: size, minDiskSize,
        imageDescription: `${imageName} (official)`, imageVersion, imageStatus: 'AVAILABLE', nicNetworkType: NIC_TYPES.slice(0, 2),
        category, osType, tags: [], regionIdList: [], resourceGroupId: null, resourceGroupName: null, inUseByInstanceIds: [],
    };
}

function defaultPublicImages(): SeedImage[] {
    return [
        publicImage('ubuntu2404_20240712', 'Ubuntu 24.04 LTS 64bit', 'Ubuntu', 'linux', '24.04', 3, 20),
        publicImage('ubuntu2204_20240712', 'Ubuntu 22.04 LTS 64bit', 'Ubuntu', 'linux', '22.04', 3, 20),
        publicImage('debian12_20240715', 'Debian 12 64bit', 'Debian', 'linux', '12', 2, 20),
        publicImage('rocky9_20240801', 'Rocky Linux 9.4 64bit', 'Rocky', 'linux', '9.4', 3, 20),
        publicImage('windows2022_20240820', 'Windows Server 2022 Datacenter 64bit', 'Windows', 'windows', '2022', 25, 40),
    ];
}

/** Compact row of the default account: name, status, regions, category, osType, size, options. */
type Row = [string, ImageStatus, string[], string, OsType, number, RowOptions?];
interface RowOptions {
    rg?: keyof typeof RESOURCE_GROUPS;
    tags?: Record<string, string>;
    description?: string | null;
    inUse?: string[];
    version?: string;
    minDisk?: number;
}

/**
 * The default account. Alphabetical order puts a few AVAILABLE, deletable images first (`api-gateway-…`,
 * `app-server-base`, `backup-agent-v3`); README.md lists which images are in use or undeletable.
 */
const DEFAULT_ROWS: Row[] = [
    ['api-gateway-2026-10', 'AVAILABLE', [HK], 'Ubuntu', 'linux', 20, { rg: 'prod', tags: { env: 'prod', team: 'platform' } }],
    ['app-server-base', 'AVAILABLE', [SG], 'Debian', 'linux', 20, { rg: 'staging', tags: { env: 'staging' } }],
    ['backup-agent-v3', 'AVAILABLE', [LA], 'Rocky', 'linux', 20, { description: null }],
    ['web-frontend-2026-11', 'AVAILABLE', [HK, SG], 'Ubuntu', 'linux', 30, { rg: 'prod', tags: { env: 'prod', app: 'web' }, version: '2026.11' }],
    ['web-frontend-2026-10', 'AVAILABLE', [HK], 'Ubuntu', 'linux', 30, { rg: 'prod', tags: { env: 'prod', app: 'web' }, version: '2026.10', inUse: ['ins-hk-web-01', 'ins-hk-web-02'] }],
    ['web-frontend-2026-09', 'AVAILABLE', [HK], 'Ubuntu', 'linux', 30, { rg: 'prod', tags: { app: 'web' }, version: '2026.09' }],
    ['db-primary-golden', 'AVAILABLE', [HK], 'Rocky', 'linux', 80, { rg: 'data', tags: { env: 'prod', role: 'db' }, inUse: ['ins-hk-db-01'], minDisk: 100 }],
    ['db-replica-golden', 'AVAILABLE', [SG, LA], 'Rocky', 'linux', 80, { rg: 'data', tags: { env: 'prod', role: 'db' }, inUse: ['ins-sg-db-02', 'ins-la-db-03'], minDisk: 100 }],
    ['ci-runner-ubuntu-2404', 'CREATING', [], 'Ubuntu', 'linux', 40, { rg: 'staging', tags: { team: 'ci' } }],
    ['ci-runner-windows', 'CREATING', [], 'Windows', 'windows', 60, { description: null }],
    ['ml-training-cuda12', 'SYNCING', [HK], 'Ubuntu', 'linux', 120, { rg: 'data', tags: { team: 'ml', gpu: 'true' }, minDisk: 150 }],
    ['ml-inference-cuda12', 'AVAILABLE', [HK, SG, LA], 'Ubuntu', 'linux', 100, { rg: 'data', tags: { team: 'ml' }, minDisk: 120 }],
    ['win-iis-2022', 'AVAILABLE', [LA], 'Windows', 'windows', 50, { rg: 'prod', tags: { os: 'windows' }, minDisk: 60 }],
    ['win-sqlserver-2019', 'FAILED', [], 'Windows', 'windows', 70, { description: 'Creation failed: instance was not stopped', minDisk: 80 }],
    ['win-ad-controller', 'AVAILABLE', [FRA], 'Windows', 'windows', 45, { inUse: ['ins-fra-ad-01'], minDisk: 60 }],
    ['legacy-centos7-php', 'UNAVAILABLE', [LA], 'CentOS', 'linux', 20, { description: 'CentOS 7 is end of life', tags: { legacy: 'true' } }],
    ['legacy-centos7-java', 'UNAVAILABLE', [HK], 'CentOS', 'linux', 25, { description: null, tags: { legacy: 'true' } }],
    ['old-build-2025-01', 'DELETING', [SG], 'Debian', 'linux', 20, { description: null }],
    ['cache-redis-7', 'PROCESSING', [SG], 'Alpine', 'linux', 5, { rg: 'prod', tags: { role: 'cache' } }],
    ['cache-memcached', 'AVAILABLE', [SG], 'Alpine', 'linux', 5, { tags: { role: 'cache' } }],
    ['测试镜像-web', 'AVAILABLE', [HK], 'Ubuntu', 'linux', 20, { description: '测试用的 Web 镜像', tags: { 环境: '测试' } }],
    ['测试镜像-数据库', 'AVAILABLE', [HK], 'Rocky', 'linux', 60, { description: null, inUse: ['ins-hk-test-db'] }],
    ['freebsd-14-router', 'AVAILABLE', [FRA], 'FreeBSD', 'bsd', 10, { tags: { role: 'router' } }],
    ['freebsd-13-pf', 'FAILED', [], 'FreeBSD', 'bsd', 10, { description: null }],
    ['android-cloudphone-13', 'AVAILABLE', [SAO], 'OTHERS', 'android', 32, { rg: 'staging', tags: { team: 'mobile' } }],
    ['generic-rescue-disk', 'AVAILABLE', [HK, SG, LA, FRA, SAO], 'Generic', 'any', 2, { description: 'Boots anywhere', minDisk: 10 }],
    ['alma9-hardened', 'AVAILABLE', [FRA], 'AlmaLinux', 'linux', 20, { rg: 'prod', tags: { env: 'prod', compliance: 'cis' } }],
    ['alma9-hardened-test', 'SYNCING', [FRA], 'AlmaLinux', 'linux', 20, { rg: 'staging', tags: { env: 'staging', compliance: 'cis' } }],
    ['arch-dev-box', 'AVAILABLE', [LA], 'ArchLinux', 'linux', 15, { description: null, tags: { owner: 'alice' } }],
    ['fedora40-workstation', 'UNAVAILABLE', [LA], 'Fedora', 'linux', 25, { tags: { owner: 'bob' } }],
    ['opensuse-leap-15', 'AVAILABLE', [FRA], 'openSUSE', 'linux', 20],
    ['gentoo-custom-kernel', 'FAILED', [], 'Gentoo', 'linux', 30, { description: null }],
    ['k8s-node-1.31', 'AVAILABLE', [HK, SG], 'Ubuntu', 'linux', 40, { rg: 'prod', tags: { env: 'prod', role: 'k8s' }, inUse: ['ins-hk-k8s-01', 'ins-hk-k8s-02', 'ins-sg-k8s-01'] }],
    ['k8s-node-1.30', 'AVAILABLE', [HK, SG], 'Ubuntu', 'linux', 40, { rg: 'prod', tags: { env: 'prod', role: 'k8s' } }],
    ['k8s-node-1.32-rc', 'PROCESSING', [HK], 'Ubuntu', 'linux', 40, { rg: 'staging', tags: { env: 'staging', role: 'k8s' } }],
    ['sao-paulo-edge-cache', 'AVAILABLE', [SAO], 'Debian', 'linux', 20, { rg: 'prod', tags: { env: 'prod', role: 'cache' } }],
    ['sao-paulo-edge-old', 'UNAVAILABLE', [SAO], 'Debian', 'linux', 20, { description: null }],
    ['frankfurt-vpn-gateway', 'AVAILABLE', [FRA], 'Debian', 'linux', 10, { inUse: ['ins-fra-vpn-01'], tags: { role: 'vpn' } }],
    ['monitoring-stack', 'AVAILABLE', [HK, LA], 'Ubuntu', 'linux', 35, { rg: 'default', tags: { team: 'sre' } }],
    ['zz-scratch-image', 'AVAILABLE', [SG], 'Debian', 'linux', 20, { description: null }],
];

function rowToImage(row: Row, index: number): SeedImage {
    const [imageName, imageStatus, regions, category, osType, size, options = {}] = row;
    const rg = RESOURCE_GROUPS[options.rg ?? 'default'];
    return {
        imageId: hexId('img-', `zenlayer-emulator-default:${imageName}`),
        imageName,
        imageType: 'CUSTOM_IMAGE',
        imageSource: 'CUSTOM',
        imageSize: size,
        minDiskSize: options.minDisk ?? Math.max(20, size),
        imageDescription: options.description === undefined ? `Custom image ${imageName}` : options.description,
        imageVersion: options.version ?? `1.${index % 7}.0`,
        imageStatus,
        nicNetworkType: NIC_TYPES.slice(0, 1 + (index % 3)),
        category,
        osType,
        tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
        regionIdList: [...regions],
        resourceGroupId: rg.id,
        resourceGroupName: rg.name,
        inUseByInstanceIds: [...(options.inUse ?? [])],
    };
}

/** The default account: 8 zones in 5 regions, 5 official public images and 40 custom images. */
export function defaultSeed(): EmulatorSeed {
    return { zones: defaultZones(), images: [...defaultPublicImages(), ...DEFAULT_ROWS.map(rowToImage)] };
}

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

/**
 * A large deterministic account: the default zones and public images plus `count` generated custom images.
 * About 80 % are AVAILABLE, every status occurs, about 10 % are in use by an instance. Same (count, rngSeed) → same data.
 */
export function generateSeed(count: number, rngSeed = 1): EmulatorSeed {
    if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`generateSeed: count must be a non-negative integer, got ${String(count)}`);
    }
    const random = prng(rngSeed);
    const zones = defaultZones();
    const regionIds = [...new Set(zones.map((z) => z.regionId))];
    const groups = Object.values(RESOURCE_GROUPS);
    const width = String(Math.max(count, 1)).length;
    const images: SeedImage[] = defaultPublicImages();
    for (let i = 0; i < count; i++) {
        const kind = GENERATED_KINDS[Math.floor(random() * GENERATED_KINDS.length)];
        const role = GENERATED_ROLES[Math.floor(random() * GENERATED_ROLES.length)];
        const roll = random();
        // The first images cycle through every status so even a small generated account has all of them.
        const imageStatus: ImageStatus = i < IMAGE_STATUSES.length
            ? IMAGE_STATUSES[i]
            : roll < 0.8 ? 'AVAILABLE' : IMAGE_STATUSES[Math.floor(random() * IMAGE_STATUSES.length)];
        const regionCount = 1 + Math.floor(random() * 3);
        const start = Math.floor(random() * regionIds.length);
        const regions = imageStatus === 'CREATING' || imageStatus === 'FAILED'
            ? []
            : Array.from({ length: Math.min(regionCount, regionIds.length) }, (_, k) => regionIds[(start + k) % regionIds.length]);
        const size = kind.osType === 'windows' ? 40 + Math.floor(random() * 60) : 5 + Math.floor(random() * 95);
        const group = groups[Math.floor(random() * groups.length)];
        const serial = String(i + 1).padStart(width, '0');
        const inUse = imageStatus === 'AVAILABLE' && random() < 0.12 ? [`ins-gen-${serial}`] : [];
        images.push({
            imageId: `img-gen${rngSeed.toString(16).padStart(4, '0').slice(-4)}${(i + 1).toString(16).padStart(9, '0')}`,
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
            tags: random() < 0.5 ? [{ key: 'role', value: role }, { key: 'env', value: random() < 0.5 ? 'prod' : 'staging' }] : [],
            regionIdList: regions,
            resourceGroupId: group.id,
            resourceGroupName: group.name,
            inUseByInstanceIds: inUse,
        });
    }
    return { zones, images };
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing a seed file (`--seed FILE`): same shape as defaultSeed(); optional image fields get sensible defaults.

export class SeedError extends Error {
    override readonly name = 'SeedError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(obj: Record<string, unknown>, key: string, where: string, fallback?: string): string {
    const value = obj[key];
    if (value === undefined && fallback !== undefined) {
        return fallback;
    }
    if (typeof value !== 'string' || value === '') {
        throw new SeedError(`${where}.${key} must be a non-empty string`);
    }
    return value;
}

function nullableStr(obj: Record<string, unknown>, key: string, where: string, fallback: string | null): string | null {
    const value = obj[key];
    if (value === undefined) {
        return fallback;
    }
    if (value !== null && typeof value !== 'string') {
        throw new SeedError(`${where}.${key} must be a string or null`);
    }
    return value;
}

function oneOf<T extends string>(obj: Record<string, unknown>, key: string, where: string, allowed: readonly T[], fallback: T): T {
    const value = obj[key] ?? fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
        throw new SeedError(`${where}.${key} must be one of ${allowed.join(', ')}`);
    }
    return value as T;
}

function strArray(obj: Record<string, unknown>, key: string, where: string): string[] {
    const value = obj[key] ?? [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw new SeedError(`${where}.${key} must be an array of strings`);
    }
    return [...value] as string[];
}

function nonNegInt(obj: Record<string, unknown>, key: string, where: string, fallback: number): number {
    const value = obj[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new SeedError(`${where}.${key} must be a non-negative integer`);
    }
    return value;
}

function parseTags(obj: Record<string, unknown>, where: string): ImageTag[] {
    // Accept both the flat filter shape [{key,value}] and the output wrapper {tags:[{key,value}]}.
    let value = obj.tags ?? [];
    if (isRecord(value)) {
        value = value.tags ?? [];
    }
    if (!Array.isArray(value)) {
        throw new SeedError(`${where}.tags must be an array of {key, value}`);
    }
    return value.map((tag, i) => {
        if (!isRecord(tag) || typeof tag.key !== 'string' || typeof tag.value !== 'string') {
            throw new SeedError(`${where}.tags[${i}] must be {key: string, value: string}`);
        }
        return { key: tag.key, value: tag.value };
    });
}

/** Validate a JSON seed (e.g. read from `--seed FILE`) and fill optional image fields. Throws SeedError. */
export function parseSeed(raw: unknown): EmulatorSeed {
    if (!isRecord(raw) || !Array.isArray(raw.zones) || !Array.isArray(raw.images)) {
        throw new SeedError('seed must be an object with "zones" and "images" arrays');
    }
    const zones = raw.zones.map((z, i): SeedZone => {
        const where = `zones[${i}]`;
        if (!isRecord(z)) {
            throw new SeedError(`${where} must be an object`);
        }
        const zoneId = str(z, 'zoneId', where);
        return {
            zoneId,
            regionId: str(z, 'regionId', where),
            zoneName: str(z, 'zoneName', where, zoneId),
            timeZone: str(z, 'timeZone', where, 'UTC'),
            cityName: str(z, 'cityName', where, zoneId),
            cityCode: str(z, 'cityCode', where, 'XXX'),
            countryCode: str(z, 'countryCode', where, 'XX'),
            countryName: str(z, 'countryName', where, 'Unknown'),
            supportSecurityGroup: z.supportSecurityGroup !== false,
            supportHaVip: z.supportHaVip === true,
        };
    });
    const seenZones = new Set<string>();
    for (const z of zones) {
        if (seenZones.has(z.zoneId)) {
            throw new SeedError(`duplicate zoneId ${z.zoneId}`);
        }
        seenZones.add(z.zoneId);
    }
    const seenImages = new Set<string>();
    const images = raw.images.map((img, i): SeedImage => {
        const where = `images[${i}]`;
        if (!isRecord(img)) {
            throw new SeedError(`${where} must be an object`);
        }
        const imageId = str(img, 'imageId', where);
        if (seenImages.has(imageId)) {
            throw new SeedError(`duplicate imageId ${imageId}`);
        }
        seenImages.add(imageId);
        const imageType = oneOf(img, 'imageType', where, IMAGE_TYPES, 'CUSTOM_IMAGE');
        const size = img.imageSize;
        if (size !== undefined && size !== null && (typeof size !== 'number' || !(size >= 0))) {
            throw new SeedError(`${where}.imageSize must be a non-negative number or null`);
        }
        return {
            imageId,
            imageName: str(img, 'imageName', where),
            imageType,
            imageSource: oneOf(img, 'imageSource', where, IMAGE_SOURCES, imageType === 'PUBLIC_IMAGE' ? 'OFFICIAL' : 'CUSTOM'),
            imageSize: size ?? null,
            minDiskSize: nonNegInt(img, 'minDiskSize', where, 20),
            imageDescription: nullableStr(img, 'imageDescription', where, null),
            imageVersion: str(img, 'imageVersion', where, '1.0.0'),
            imageStatus: oneOf(img, 'imageStatus', where, IMAGE_STATUSES, 'AVAILABLE'),
            nicNetworkType: strArray(img, 'nicNetworkType', where),
            category: str(img, 'category', where, 'OTHERS'),
            osType: oneOf(img, 'osType', where, OS_TYPES, 'linux'),
            tags: parseTags(img, where),
            regionIdList: strArray(img, 'regionIdList', where),
            resourceGroupId: nullableStr(img, 'resourceGroupId', where, null),
            resourceGroupName: nullableStr(img, 'resourceGroupName', where, null),
            inUseByInstanceIds: strArray(img, 'inUseByInstanceIds', where),
        };
    });
    return { zones, images };
}

/** A deep copy, so the emulator never shares mutable objects with its caller. */
export function cloneSeed(seed: EmulatorSeed): EmulatorSeed {
    return {
        zones: seed.zones.map((z) => ({ ...z })),
        images: seed.images.map(cloneImage),
    };
}

export function cloneImage(image: SeedImage): SeedImage {
    return {
        ...image,
        nicNetworkType: [...image.nicNetworkType],
        tags: image.tags.map((t) => ({ ...t })),
        regionIdList: [...image.regionIdList],
        inUseByInstanceIds: [...image.inUseByInstanceIds],
    };
}
