/**
 * Seed data for the Zenlayer API emulator: zones and public images every account sees, and the accounts with their
 * own custom images, instances and credentials. Everything here is deterministic: the same call always yields the
 * same IDs, names and order.
 */
import { createHash } from 'node:crypto';
import type { ImageSource, ImageStatus, ImageTag, ImageType, OsType } from '../../src/zenlayer/types';
import type { Credential } from './auth';

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
 * image means "available in every region". Sizes are numbers here and strings of GiB on the wire. Whether an image
 * is in use is not stored here: it is in use exactly when an instance of its account has its `imageId`.
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
}

/** Instance statuses as DescribeInstances documents them (zec 2025-09-01). */
export const INSTANCE_STATUSES = [
    'DEPLOYING',
    'REBUILDING',
    'REBOOT',
    'RUNNING',
    'STOPPED',
    'BOOTING',
    'RELEASING',
    'STOPPING',
    'RECYCLE',
    'RECYCLING',
    'CREATE_FAILED',
    'IMAGING',
    'RESIZING',
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** One instance (InstanceInfo). Its `imageId` is the one source of "this image is in use". */
export interface SeedInstance {
    instanceId: string;
    instanceName: string;
    zoneId: string;
    /** e.g. `z2a.cpu.4` */
    instanceType: string;
    cpu: number;
    /** GiB */
    memory: number;
    /** The image the instance was created from: a public image or a custom image of the same account. */
    imageId: string;
    /** That image's name when the instance was created (kept after the image is gone). */
    imageName: string;
    status: InstanceStatus;
    /** `YYYY-MM-DDTHH:mm:ssZ` */
    createTime: string;
    /** IPv4 and IPv6 addresses; the `ipv4Address`/`ipv6Address` filters match either list. */
    publicIpAddresses: string[];
    privateIpAddresses: string[];
    resourceGroupId: string | null;
    resourceGroupName: string | null;
    tags: ImageTag[];
}

/** One Zenlayer account: who may call it and what it owns. Access key IDs and tokens are unique across accounts. */
export interface SeedAccount {
    /** Short and printable (letters, digits, `.`, `_`, `-`); the CLI and the request log name the account by it. */
    accountId: string;
    accountName: string;
    accessKeys: Credential[];
    /** Accepted Bearer tokens. */
    tokens: string[];
    /** Custom images only (public images are shared, in EmulatorSeed.images). */
    images: SeedImage[];
    instances: SeedInstance[];
}

/**
 * A seed. With `accounts`, `images` holds only the public images every account sees. Without `accounts` (the
 * original format) the seed is one account, named `default`, that owns the custom images of `images` and the
 * `instances`, reachable with the demo key pair unless startEmulator's `credentials` say otherwise.
 */
export interface EmulatorSeed {
    zones: SeedZone[];
    images: SeedImage[];
    /** Only without `accounts`: the one account's instances. */
    instances?: SeedInstance[];
    accounts?: SeedAccount[];
}

/** A seed in its checked, canonical form (what parseSeed returns): every account explicit, `images` public only. */
export type AccountsSeed = Omit<EmulatorSeed, 'instances' | 'accounts'> & { accounts: SeedAccount[] };

/** Statuses from which DeleteImages refuses to delete (emulator choice, see README). */
export const UNDELETABLE_STATUSES: readonly ImageStatus[] = ['CREATING', 'SYNCING', 'DELETING', 'PROCESSING'];

/** The default seed's accounts and their credentials. Fake, documented, safe to print. */
export interface DemoAccount {
    accountId: string;
    accountName: string;
    accessKeyId: string;
    accessKeyPassword: string;
}

export const DEMO_ACCESS_KEY_ID = 'ZLDEMOACCESSKEY01';
export const DEMO_ACCESS_KEY_PASSWORD = 'zl-demo-access-key-password';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
    { accountId: 'demo', accountName: 'Demo', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD },
    { accountId: 'staging', accountName: 'Staging', accessKeyId: 'ZLDEMOACCESSKEY02', accessKeyPassword: 'zl-demo-staging-access-key-password' },
];

/** The account a seed without `accounts` becomes. */
export const DEFAULT_ACCOUNT_ID = 'default';

/** vNIC modes as the official CLI documents them (Auto, FailOver, VirtioOnly, VfOnly); an image lists those it supports. */
export const NIC_TYPES = ['FailOver', 'VirtioOnly', 'VfOnly'];

function zone(
    zoneId: string,
    regionId: string,
    cityName: string,
    cityCode: string,
    countryCode: string,
    countryName: string,
    timeZone: string,
    supportHaVip = true,
): SeedZone {
    const suffix = zoneId.slice(-1).toUpperCase();
    return {
        zoneId,
        regionId,
        zoneName: `${cityName} ${suffix}`,
        timeZone,
        cityName,
        cityCode,
        countryCode,
        countryName,
        supportSecurityGroup: true,
        supportHaVip,
    };
}

/** Zones with this countryCode are in mainland China: one side of the border CopyImage does not cross (emulator reading). */
export const MAINLAND_CHINA_COUNTRY_CODE = 'CN';

/**
 * 10 zones in 7 regions. The two mainland China regions (`asia-east-2` Shanghai, `asia-north-2` Beijing) are invented
 * IDs in Zenlayer's style: no Zenlayer source names its mainland regions.
 */
export function defaultZones(): SeedZone[] {
    return [
        zone('asia-east-1a', 'asia-east-1', 'Hong Kong', 'HKG', 'HK', 'China Hong Kong', 'Asia/Hong_Kong'),
        zone('asia-east-1b', 'asia-east-1', 'Hong Kong', 'HKG', 'HK', 'China Hong Kong', 'Asia/Hong_Kong', false),
        zone('asia-southeast-1a', 'asia-southeast-1', 'Singapore', 'SIN', 'SG', 'Singapore', 'Asia/Singapore'),
        zone('asia-southeast-1b', 'asia-southeast-1', 'Singapore', 'SIN', 'SG', 'Singapore', 'Asia/Singapore'),
        zone('na-west-1a', 'na-west-1', 'Los Angeles', 'LAX', 'US', 'United States', 'America/Los_Angeles'),
        zone('na-west-1b', 'na-west-1', 'Los Angeles', 'LAX', 'US', 'United States', 'America/Los_Angeles', false),
        zone('eu-central-1a', 'eu-central-1', 'Frankfurt', 'FRA', 'DE', 'Germany', 'Europe/Berlin'),
        zone('sa-east-1a', 'sa-east-1', 'São Paulo', 'GRU', 'BR', 'Brazil', 'America/Sao_Paulo'),
        zone('asia-east-2a', 'asia-east-2', 'Shanghai', 'SHA', MAINLAND_CHINA_COUNTRY_CODE, 'China', 'Asia/Shanghai'),
        zone('asia-north-2a', 'asia-north-2', 'Beijing', 'PEK', MAINLAND_CHINA_COUNTRY_CODE, 'China', 'Asia/Shanghai', false),
    ];
}

const HK = 'asia-east-1';
const SG = 'asia-southeast-1';
const LA = 'na-west-1';
const FRA = 'eu-central-1';
const SAO = 'sa-east-1';
const SHA = 'asia-east-2';

export interface ResourceGroup {
    id: string;
    name: string;
}

export const RESOURCE_GROUPS = {
    default: { id: 'rg-0a1b2c3d-default', name: 'Default Resource Group' },
    prod: { id: 'rg-7e8f9a0b-production', name: 'production' },
    staging: { id: 'rg-4c5d6e7f-staging', name: 'staging' },
    data: { id: 'rg-1f2e3d4c-data-team', name: 'data-team' },
} satisfies Record<string, ResourceGroup>;

/** The second demo account has resource groups of its own (resource groups belong to an account). */
const STAGING_RESOURCE_GROUPS = {
    default: { id: 'rg-5a6b7c8d-default', name: 'Default Resource Group' },
    qa: { id: 'rg-9c8b7a6d-qa', name: 'qa' },
} satisfies Record<string, ResourceGroup>;

/**
 * Instance types of the seeds with their vCPUs and GiB of memory. Only the `z2a.cpu.1` naming and the GPU type
 * `z3a.g.C49.c8m32.1` are attested (the official CLI's examples); the other names follow them.
 */
export const INSTANCE_TYPES: Record<string, { cpu: number; memory: number }> = {
    'z3a.g.C49.c8m32.1': { cpu: 8, memory: 32 },
    'z2a.cpu.1': { cpu: 1, memory: 2 },
    'z2a.cpu.2': { cpu: 2, memory: 4 },
    'z2a.cpu.4': { cpu: 4, memory: 8 },
    'z2a.cpu.8': { cpu: 8, memory: 16 },
    'z2a.mem.4': { cpu: 4, memory: 32 },
    'z2a.mem.8': { cpu: 8, memory: 64 },
};

/** GPU instance types are named `<family>.g.<GPU>.<shape>` (the official CLI's example `z3a.g.C49.c8m32.1`). */
export function isGpuInstanceType(instanceType: string): boolean {
    return /^[A-Za-z0-9]+\.g\./.test(instanceType);
}

export function hexId(prefix: string, text: string, length = 16): string {
    return `${prefix}${createHash('sha256').update(text).digest('hex').slice(0, length)}`;
}

function publicImage(imageId: string, imageName: string, category: string, osType: OsType, imageVersion: string, size: number, minDiskSize: number): SeedImage {
    return {
        imageId,
        imageName,
        imageType: 'PUBLIC_IMAGE',
        imageSource: 'OFFICIAL',
        imageSize: size,
        minDiskSize,
        imageDescription: `${imageName} (official)`,
        imageVersion,
        imageStatus: 'AVAILABLE',
        nicNetworkType: NIC_TYPES.slice(0, 2),
        category,
        osType,
        tags: [],
        regionIdList: [],
        resourceGroupId: null,
        resourceGroupName: null,
    };
}

export function defaultPublicImages(): SeedImage[] {
    return [
        publicImage('ubuntu2404_20240712', 'Ubuntu 24.04 LTS 64bit', 'Ubuntu', 'linux', '24.04', 3, 20),
        publicImage('ubuntu2204_20240712', 'Ubuntu 22.04 LTS 64bit', 'Ubuntu', 'linux', '22.04', 3, 20),
        publicImage('debian12_20240715', 'Debian 12 64bit', 'Debian', 'linux', '12', 2, 20),
        publicImage('rocky9_20240801', 'Rocky Linux 9.4 64bit', 'Rocky', 'linux', '9.4', 3, 20),
        publicImage('windows2022_20240820', 'Windows Server 2022 Datacenter 64bit', 'Windows', 'windows', '2022', 25, 40),
    ];
}

/** Compact row of a seeded account: name, status, regions, category, osType, size, options. */
type ImageRow = [string, ImageStatus, string[], string, OsType, number, ImageRowOptions?];
interface ImageRowOptions {
    rg?: ResourceGroup;
    tags?: Record<string, string>;
    description?: string | null;
    version?: string;
    minDisk?: number;
}

function rowToImage(accountKey: string, row: ImageRow, index: number, defaultGroup: ResourceGroup): SeedImage {
    const [imageName, imageStatus, regions, category, osType, size, options = {}] = row;
    const rg = options.rg ?? defaultGroup;
    return {
        // The demo account keeps the IDs it had when it was the only account (integration tests name them).
        imageId: hexId('img-', `zenlayer-emulator-${accountKey}:${imageName}`),
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
    };
}

const RG = RESOURCE_GROUPS;

/**
 * The demo account's images. Alphabetical order puts a few AVAILABLE, deletable images first (`api-gateway-…`,
 * `app-server-base`, `backup-agent-v3`); README.md lists which images are in use or undeletable.
 */
const DEMO_IMAGE_ROWS: ImageRow[] = [
    ['api-gateway-2026-10', 'AVAILABLE', [HK], 'Ubuntu', 'linux', 20, { rg: RG.prod, tags: { env: 'prod', team: 'platform' } }],
    ['app-server-base', 'AVAILABLE', [SG], 'Debian', 'linux', 20, { rg: RG.staging, tags: { env: 'staging' } }],
    ['backup-agent-v3', 'AVAILABLE', [LA], 'Rocky', 'linux', 20, { description: null }],
    ['web-frontend-2026-11', 'AVAILABLE', [HK, SG], 'Ubuntu', 'linux', 30, { rg: RG.prod, tags: { env: 'prod', app: 'web' }, version: '2026.11' }],
    ['web-frontend-2026-10', 'AVAILABLE', [HK], 'Ubuntu', 'linux', 30, { rg: RG.prod, tags: { env: 'prod', app: 'web' }, version: '2026.10' }],
    ['web-frontend-2026-09', 'AVAILABLE', [HK], 'Ubuntu', 'linux', 30, { rg: RG.prod, tags: { app: 'web' }, version: '2026.09' }],
    ['db-primary-golden', 'AVAILABLE', [HK], 'Rocky', 'linux', 80, { rg: RG.data, tags: { env: 'prod', role: 'db' }, minDisk: 100 }],
    ['db-replica-golden', 'AVAILABLE', [SG, LA], 'Rocky', 'linux', 80, { rg: RG.data, tags: { env: 'prod', role: 'db' }, minDisk: 100 }],
    ['ci-runner-ubuntu-2404', 'CREATING', [], 'Ubuntu', 'linux', 40, { rg: RG.staging, tags: { team: 'ci' } }],
    ['ci-runner-windows', 'CREATING', [], 'Windows', 'windows', 60, { description: null }],
    ['ml-training-cuda12', 'SYNCING', [HK], 'Ubuntu', 'linux', 120, { rg: RG.data, tags: { team: 'ml', gpu: 'true' }, minDisk: 150 }],
    ['ml-inference-cuda12', 'AVAILABLE', [HK, SG, LA], 'Ubuntu', 'linux', 100, { rg: RG.data, tags: { team: 'ml' }, minDisk: 120 }],
    ['win-iis-2022', 'AVAILABLE', [LA], 'Windows', 'windows', 50, { rg: RG.prod, tags: { os: 'windows' }, minDisk: 60 }],
    ['win-sqlserver-2019', 'FAILED', [], 'Windows', 'windows', 70, { description: 'Creation failed: instance was not stopped', minDisk: 80 }],
    ['win-ad-controller', 'AVAILABLE', [FRA], 'Windows', 'windows', 45, { minDisk: 60 }],
    ['legacy-centos7-php', 'UNAVAILABLE', [LA], 'CentOS', 'linux', 20, { description: 'CentOS 7 is end of life', tags: { legacy: 'true' } }],
    ['legacy-centos7-java', 'UNAVAILABLE', [HK], 'CentOS', 'linux', 25, { description: null, tags: { legacy: 'true' } }],
    ['old-build-2025-01', 'DELETING', [SG], 'Debian', 'linux', 20, { description: null }],
    ['cache-redis-7', 'PROCESSING', [SG], 'Alpine', 'linux', 5, { rg: RG.prod, tags: { role: 'cache' } }],
    ['cache-memcached', 'AVAILABLE', [SG], 'Alpine', 'linux', 5, { tags: { role: 'cache' } }],
    ['测试镜像-web', 'AVAILABLE', [SHA], 'Ubuntu', 'linux', 20, { description: '测试用的 Web 镜像', tags: { 环境: '测试' } }],
    ['测试镜像-数据库', 'AVAILABLE', [HK], 'Rocky', 'linux', 60, { description: null }],
    ['freebsd-14-router', 'AVAILABLE', [FRA], 'FreeBSD', 'bsd', 10, { tags: { role: 'router' } }],
    ['freebsd-13-pf', 'FAILED', [], 'FreeBSD', 'bsd', 10, { description: null }],
    ['android-cloudphone-13', 'AVAILABLE', [SAO], 'OTHERS', 'android', 32, { rg: RG.staging, tags: { team: 'mobile' } }],
    ['generic-rescue-disk', 'AVAILABLE', [HK, SG, LA], 'Generic', 'any', 2, { description: 'Boots anywhere', minDisk: 10 }],
    ['alma9-hardened', 'AVAILABLE', [FRA], 'AlmaLinux', 'linux', 20, { rg: RG.prod, tags: { env: 'prod', compliance: 'cis' } }],
    ['alma9-hardened-test', 'SYNCING', [FRA], 'AlmaLinux', 'linux', 20, { rg: RG.staging, tags: { env: 'staging', compliance: 'cis' } }],
    ['arch-dev-box', 'AVAILABLE', [LA], 'ArchLinux', 'linux', 15, { description: null, tags: { owner: 'alice' } }],
    ['fedora40-workstation', 'UNAVAILABLE', [LA], 'Fedora', 'linux', 25, { tags: { owner: 'bob' } }],
    ['opensuse-leap-15', 'AVAILABLE', [FRA], 'openSUSE', 'linux', 20],
    ['gentoo-custom-kernel', 'FAILED', [], 'Gentoo', 'linux', 30, { description: null }],
    ['k8s-node-1.31', 'AVAILABLE', [HK, SG], 'Ubuntu', 'linux', 40, { rg: RG.prod, tags: { env: 'prod', role: 'k8s' } }],
    ['k8s-node-1.30', 'AVAILABLE', [HK, SG], 'Ubuntu', 'linux', 40, { rg: RG.prod, tags: { env: 'prod', role: 'k8s' } }],
    ['k8s-node-1.32-rc', 'PROCESSING', [HK], 'Ubuntu', 'linux', 40, { rg: RG.staging, tags: { env: 'staging', role: 'k8s' } }],
    ['sao-paulo-edge-cache', 'AVAILABLE', [SAO], 'Debian', 'linux', 20, { rg: RG.prod, tags: { env: 'prod', role: 'cache' } }],
    ['sao-paulo-edge-old', 'UNAVAILABLE', [SAO], 'Debian', 'linux', 20, { description: null }],
    ['frankfurt-vpn-gateway', 'AVAILABLE', [FRA], 'Debian', 'linux', 10, { tags: { role: 'vpn' } }],
    ['monitoring-stack', 'AVAILABLE', [HK, LA], 'Ubuntu', 'linux', 35, { rg: RG.default, tags: { team: 'sre' } }],
    ['zz-scratch-image', 'AVAILABLE', [SG], 'Debian', 'linux', 20, { description: null }],
];

/** Compact row of an instance: name, image (a custom image's name or a public image's ID), zone, type, status, options. */
type InstanceRow = [string, string, string, string, InstanceStatus, InstanceRowOptions?];
interface InstanceRowOptions {
    rg?: ResourceGroup;
    tags?: Record<string, string>;
    /** A public IPv4 from 203.0.113.0/24 (documentation range). */
    publicIpv4?: boolean;
    /** A public IPv6 from 2001:db8::/32 (documentation range). */
    ipv6?: boolean;
}

/** Twelve nodes; the stopped one, k8s-hk-node-06, is a GPU node (CreateImage refuses GPU instances). */
function k8sNodes(): InstanceRow[] {
    const statuses: InstanceStatus[] = [
        'RUNNING',
        'RUNNING',
        'RUNNING',
        'RUNNING',
        'RUNNING',
        'STOPPED',
        'IMAGING',
        'RUNNING',
        'RUNNING',
        'RESIZING',
        'RUNNING',
        'REBOOT',
    ];
    return statuses.map((status, i): InstanceRow => {
        const hk = i < 8;
        const serial = String(hk ? i + 1 : i - 7).padStart(2, '0');
        return [
            `k8s-${hk ? 'hk' : 'sg'}-node-${serial}`,
            'k8s-node-1.31',
            hk ? `asia-east-1${i % 2 === 0 ? 'a' : 'b'}` : `asia-southeast-1${i % 2 === 0 ? 'a' : 'b'}`,
            status === 'STOPPED' ? 'z3a.g.C49.c8m32.1' : 'z2a.cpu.8',
            status,
            { rg: RG.prod, tags: { env: 'prod', role: 'k8s' } },
        ];
    });
}

/**
 * The demo account's instances. Seven of its custom images are in use: `db-primary-golden` by web-1 and web-2,
 * `k8s-node-1.31` by twelve nodes (more than a tooltip's ten), `frankfurt-vpn-gateway` only by an instance in
 * RECYCLE, which still counts. Four instances run public images.
 */
const DEMO_INSTANCE_ROWS: InstanceRow[] = [
    ['web-1', 'db-primary-golden', 'asia-east-1a', 'z2a.cpu.4', 'RUNNING', { rg: RG.data, tags: { env: 'prod' }, publicIpv4: true }],
    ['web-2', 'db-primary-golden', 'asia-east-1b', 'z2a.cpu.4', 'STOPPED', { rg: RG.data, tags: { env: 'prod' } }],
    [
        'hk-web-frontend-01',
        'web-frontend-2026-10',
        'asia-east-1a',
        'z2a.cpu.2',
        'RUNNING',
        { rg: RG.prod, tags: { env: 'prod', app: 'web' }, publicIpv4: true, ipv6: true },
    ],
    [
        'hk-web-frontend-02',
        'web-frontend-2026-10',
        'asia-east-1b',
        'z2a.cpu.2',
        'RUNNING',
        { rg: RG.prod, tags: { env: 'prod', app: 'web' }, publicIpv4: true, ipv6: true },
    ],
    ['sg-db-replica-01', 'db-replica-golden', 'asia-southeast-1a', 'z2a.mem.8', 'RUNNING', { rg: RG.data, tags: { env: 'prod', role: 'db' } }],
    ['la-db-replica-02', 'db-replica-golden', 'na-west-1a', 'z2a.mem.8', 'REBOOT', { rg: RG.data, tags: { env: 'prod', role: 'db' } }],
    ['fra-ad-dc-01', 'win-ad-controller', 'eu-central-1a', 'z2a.cpu.4', 'RUNNING', { tags: { os: 'windows' } }],
    ['测试-数据库-01', '测试镜像-数据库', 'asia-east-1a', 'z2a.cpu.2', 'STOPPED', { tags: { 环境: '测试' } }],
    ...k8sNodes(),
    ['fra-vpn-01', 'frankfurt-vpn-gateway', 'eu-central-1a', 'z2a.cpu.1', 'RECYCLE', { tags: { role: 'vpn' }, publicIpv4: true }],
    ['bastion-hk', 'ubuntu2404_20240712', 'asia-east-1a', 'z2a.cpu.1', 'RUNNING', { publicIpv4: true, ipv6: true, tags: { role: 'bastion' } }],
    ['ci-builder-la', 'ubuntu2204_20240712', 'na-west-1a', 'z2a.cpu.8', 'DEPLOYING', { rg: RG.staging, tags: { team: 'ci' } }],
    ['jump-win-fra', 'windows2022_20240820', 'eu-central-1a', 'z2a.cpu.2', 'CREATE_FAILED'],
    ['scratch-sao', 'debian12_20240715', 'sa-east-1a', 'z2a.cpu.1', 'RELEASING', { publicIpv4: true }],
];

const STAGING_IMAGE_ROWS: ImageRow[] = [
    // Same name as a demo image, another ID: an image name says nothing about the account.
    ['app-server-base', 'AVAILABLE', [SG], 'Debian', 'linux', 20, { tags: { env: 'staging' } }],
    [
        'staging-web-2026-11',
        'AVAILABLE',
        [HK],
        'Ubuntu',
        'linux',
        30,
        { rg: STAGING_RESOURCE_GROUPS.qa, tags: { env: 'staging', app: 'web' }, version: '2026.11' },
    ],
    ['staging-db-golden', 'AVAILABLE', [HK], 'Rocky', 'linux', 60, { tags: { env: 'staging', role: 'db' }, minDisk: 80 }],
    ['qa-windows-2022', 'AVAILABLE', [LA], 'Windows', 'windows', 50, { rg: STAGING_RESOURCE_GROUPS.qa, minDisk: 60 }],
    ['qa-load-generator', 'FAILED', [], 'Debian', 'linux', 10, { description: null, rg: STAGING_RESOURCE_GROUPS.qa }],
    ['staging-k8s-node-1.32', 'CREATING', [], 'Ubuntu', 'linux', 40, { tags: { env: 'staging', role: 'k8s' } }],
];

const STAGING_INSTANCE_ROWS: InstanceRow[] = [
    [
        'staging-web-1',
        'staging-web-2026-11',
        'asia-east-1a',
        'z2a.cpu.2',
        'RUNNING',
        { rg: STAGING_RESOURCE_GROUPS.qa, tags: { env: 'staging' }, publicIpv4: true },
    ],
    ['staging-web-2', 'staging-web-2026-11', 'asia-east-1b', 'z2a.cpu.2', 'STOPPED', { rg: STAGING_RESOURCE_GROUPS.qa, tags: { env: 'staging' } }],
    ['staging-app-1', 'app-server-base', 'asia-southeast-1a', 'z2a.cpu.2', 'RUNNING', { tags: { env: 'staging' } }],
    ['staging-bastion', 'ubuntu2404_20240712', 'asia-east-1a', 'z2a.cpu.1', 'RUNNING', { publicIpv4: true }],
];

/** Creation times: one a day from this instant, so createTime order is creation order. */
const FIRST_CREATE_TIME = Date.UTC(2026, 0, 5, 8, 30, 0);

export function isoSeconds(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function buildAccount(
    demo: DemoAccount,
    accountKey: string,
    imageRows: ImageRow[],
    instanceRows: InstanceRow[],
    groups: { default: ResourceGroup },
    publicIpBase: number,
): SeedAccount {
    const images = imageRows.map((row, i) => rowToImage(accountKey, row, i, groups.default));
    const zones = defaultZones();
    const publicImages = defaultPublicImages();
    const instances = instanceRows.map(([instanceName, image, zoneId, instanceType, status, options = {}], i): SeedInstance => {
        const used = images.find((candidate) => candidate.imageName === image) ?? publicImages.find((candidate) => candidate.imageId === image);
        if (!used) {
            throw new Error(`seed: instance ${instanceName} names an unknown image ${image}`);
        }
        const zoneIndex = zones.findIndex((z) => z.zoneId === zoneId);
        const rg = options.rg ?? groups.default;
        const publicIps = [
            ...(options.publicIpv4 ? [`203.0.113.${10 + publicIpBase + i}`] : []),
            ...(options.ipv6 ? [`2001:db8:${(zoneIndex + 1).toString(16)}::${(i + 1).toString(16)}`] : []),
        ];
        return {
            instanceId: hexId('ins-', `zenlayer-emulator-${accountKey}:instance:${instanceName}`),
            instanceName,
            zoneId,
            instanceType,
            ...INSTANCE_TYPES[instanceType],
            imageId: used.imageId,
            imageName: used.imageName,
            status,
            createTime: isoSeconds(FIRST_CREATE_TIME + i * 86_400_000),
            publicIpAddresses: publicIps,
            privateIpAddresses: [`10.${zoneIndex}.${publicIpBase / 100}.${10 + i}`],
            resourceGroupId: rg.id,
            resourceGroupName: rg.name,
            tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
        };
    });
    return {
        accountId: demo.accountId,
        accountName: demo.accountName,
        accessKeys: [{ accessKeyId: demo.accessKeyId, accessKeyPassword: demo.accessKeyPassword }],
        tokens: [],
        images,
        instances,
    };
}

/**
 * The default seed: 10 zones in 7 regions (2 in mainland China), 5 official public images, and two accounts — `demo` (40 custom images,
 * 25 instances) and `staging` (6 custom images, 4 instances), each with its demo key pair.
 */
export function defaultSeed(): AccountsSeed {
    const [demo, staging] = DEMO_ACCOUNTS;
    return {
        zones: defaultZones(),
        images: defaultPublicImages(),
        accounts: [
            // `default` in the ID text: the demo account's image IDs predate accounts and stay as they were.
            buildAccount(demo, 'default', DEMO_IMAGE_ROWS, DEMO_INSTANCE_ROWS, RG, 0),
            buildAccount(staging, 'staging', STAGING_IMAGE_ROWS, STAGING_INSTANCE_ROWS, STAGING_RESOURCE_GROUPS, 100),
        ],
    };
}

/** A deep copy, so the emulator never shares mutable objects with its caller. */
export function cloneSeed(seed: AccountsSeed): AccountsSeed {
    return {
        zones: seed.zones.map((z) => ({ ...z })),
        images: seed.images.map(cloneImage),
        accounts: seed.accounts.map(cloneAccount),
    };
}

export function cloneAccount(account: SeedAccount): SeedAccount {
    return {
        ...account,
        accessKeys: account.accessKeys.map((key) => ({ ...key })),
        tokens: [...account.tokens],
        images: account.images.map(cloneImage),
        instances: account.instances.map(cloneInstance),
    };
}

export function cloneImage(image: SeedImage): SeedImage {
    return {
        ...image,
        nicNetworkType: [...image.nicNetworkType],
        tags: image.tags.map((t) => ({ ...t })),
        regionIdList: [...image.regionIdList],
    };
}

export function cloneInstance(instance: SeedInstance): SeedInstance {
    return {
        ...instance,
        publicIpAddresses: [...instance.publicIpAddresses],
        privateIpAddresses: [...instance.privateIpAddresses],
        tags: instance.tags.map((t) => ({ ...t })),
    };
}
