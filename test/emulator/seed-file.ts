/**
 * Checking a seed (`--seed FILE`, or a seed object passed to startEmulator) and bringing it into its canonical form:
 * optional fields get sensible defaults, a seed without `accounts` becomes one account, and every reference
 * (an instance's zone and image, IDs and keys unique across accounts) is checked. Errors name the path of the field.
 */
import { isIP } from 'node:net';
import { IMAGE_SOURCES, IMAGE_STATUSES, IMAGE_TYPES, OS_TYPES } from '../../src/zenlayer/types';
import type { ImageTag } from '../../src/zenlayer/types';
import type { Credential } from './auth';
import { DEFAULT_ACCOUNT_ID, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, INSTANCE_STATUSES, INSTANCE_TYPES } from './seed';
import type { AccountsSeed, SeedAccount, SeedImage, SeedInstance, SeedZone } from './seed';

export class SeedError extends Error {
    override readonly name = 'SeedError';
}

/** Printable in the CLI's `demo credentials (ACCOUNT)` line and in the request log. */
const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CREATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DEFAULT_CREATE_TIME = '2026-01-01T00:00:00Z';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(obj: Json, key: string, where: string, fallback?: string): string {
    const value = obj[key];
    if (value === undefined && fallback !== undefined) {
        return fallback;
    }
    if (typeof value !== 'string' || value === '') {
        throw new SeedError(`${where}.${key} must be a non-empty string`);
    }
    return value;
}

function nullableStr(obj: Json, key: string, where: string, fallback: string | null): string | null {
    const value = obj[key];
    if (value === undefined) {
        return fallback;
    }
    if (value !== null && typeof value !== 'string') {
        throw new SeedError(`${where}.${key} must be a string or null`);
    }
    return value;
}

function oneOf<T extends string>(obj: Json, key: string, where: string, allowed: readonly T[], fallback: T): T {
    const value = obj[key] ?? fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
        throw new SeedError(`${where}.${key} must be one of ${allowed.join(', ')}`);
    }
    return value as T;
}

function strArray(obj: Json, key: string, where: string): string[] {
    const value = obj[key] ?? [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw new SeedError(`${where}.${key} must be an array of strings`);
    }
    return [...value] as string[];
}

function integer(obj: Json, key: string, where: string, min: number, fallback: number): number {
    const value = obj[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
        throw new SeedError(`${where}.${key} must be an integer of at least ${min}`);
    }
    return value;
}

function array(obj: Json, key: string, where: string): unknown[] {
    const value = obj[key] ?? [];
    if (!Array.isArray(value)) {
        throw new SeedError(`${where}${where === '' ? '' : '.'}${key} must be an array`);
    }
    return value;
}

function record(value: unknown, where: string): Json {
    if (!isRecord(value)) {
        throw new SeedError(`${where} must be an object`);
    }
    return value;
}

function parseTags(obj: Json, where: string): ImageTag[] {
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

function parseZone(raw: unknown, where: string): SeedZone {
    const z = record(raw, where);
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
}

function parseImage(raw: unknown, where: string): SeedImage {
    const img = record(raw, where);
    const imageType = oneOf(img, 'imageType', where, IMAGE_TYPES, 'CUSTOM_IMAGE');
    const size = img.imageSize;
    if (size !== undefined && size !== null && (typeof size !== 'number' || !(size >= 0))) {
        throw new SeedError(`${where}.imageSize must be a non-negative number or null`);
    }
    return {
        imageId: str(img, 'imageId', where),
        imageName: str(img, 'imageName', where),
        imageType,
        imageSource: oneOf(img, 'imageSource', where, IMAGE_SOURCES, imageType === 'PUBLIC_IMAGE' ? 'OFFICIAL' : 'CUSTOM'),
        imageSize: size ?? null,
        minDiskSize: integer(img, 'minDiskSize', where, 0, 20),
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
    };
}

function ipList(obj: Json, key: string, where: string): string[] {
    const list = strArray(obj, key, where);
    list.forEach((ip, i) => {
        if (isIP(ip) === 0) {
            throw new SeedError(`${where}.${key}[${i}] must be an IPv4 or IPv6 address, got "${ip.slice(0, 60)}"`);
        }
    });
    return list;
}

/** The images an account's instances may use: the shared public images and the account's own custom images. */
type ImageLookup = (imageId: string) => SeedImage | undefined;

function parseInstance(raw: unknown, where: string, zones: ReadonlyMap<string, SeedZone>, imageOf: ImageLookup): SeedInstance {
    const ins = record(raw, where);
    const zoneId = str(ins, 'zoneId', where);
    if (!zones.has(zoneId)) {
        throw new SeedError(`${where}.zoneId ${zoneId} is not one of the seed's zones`);
    }
    const imageId = str(ins, 'imageId', where);
    const image = imageOf(imageId);
    if (!image) {
        throw new SeedError(`${where}.imageId ${imageId} is neither a public image nor a custom image of this account`);
    }
    const instanceType = str(ins, 'instanceType', where, 'z2a.cpu.1');
    const shape = INSTANCE_TYPES[instanceType] ?? { cpu: 1, memory: 2 };
    const createTime = str(ins, 'createTime', where, DEFAULT_CREATE_TIME);
    if (!CREATE_TIME_PATTERN.test(createTime) || Number.isNaN(Date.parse(createTime))) {
        throw new SeedError(`${where}.createTime must be a UTC time YYYY-MM-DDTHH:mm:ssZ, got "${createTime.slice(0, 40)}"`);
    }
    const instanceId = str(ins, 'instanceId', where);
    return {
        instanceId,
        instanceName: str(ins, 'instanceName', where, instanceId),
        zoneId,
        instanceType,
        cpu: integer(ins, 'cpu', where, 1, shape.cpu),
        memory: integer(ins, 'memory', where, 1, shape.memory),
        imageId,
        imageName: str(ins, 'imageName', where, image.imageName),
        status: oneOf(ins, 'status', where, INSTANCE_STATUSES, 'RUNNING'),
        createTime,
        publicIpAddresses: ipList(ins, 'publicIpAddresses', where),
        privateIpAddresses: ipList(ins, 'privateIpAddresses', where),
        resourceGroupId: nullableStr(ins, 'resourceGroupId', where, null),
        resourceGroupName: nullableStr(ins, 'resourceGroupName', where, null),
        tags: parseTags(ins, where),
    };
}

/**
 * The original seed format marked an image in use with `inUseByInstanceIds`. Such a seed keeps its meaning: each
 * listed ID becomes a RUNNING instance of that image (in a zone of its first region) unless `instances` has it.
 */
function legacyInstances(rawImages: readonly unknown[], where: string, images: readonly SeedImage[], zones: readonly SeedZone[]): Json[] {
    const result: Json[] = [];
    rawImages.forEach((raw, i) => {
        if (!isRecord(raw) || raw.inUseByInstanceIds === undefined) {
            return;
        }
        const image = images[i];
        const zone = zones.find((z) => z.regionId === image.regionIdList[0]) ?? zones[0];
        if (!zone) {
            throw new SeedError(`${where}[${i}].inUseByInstanceIds needs a zone for its instances, and the seed has none`);
        }
        for (const instanceId of strArray(raw, 'inUseByInstanceIds', `${where}[${i}]`)) {
            result.push({ instanceId, instanceName: instanceId, zoneId: zone.zoneId, imageId: image.imageId });
        }
    });
    return result;
}

/** Keeps IDs and keys unique across the whole seed; the message names where each one was first seen. */
class UniqueNames {
    private readonly seen = new Map<string, string>();

    /** `secret`: the message never shows the value. */
    constructor(
        private readonly what: string,
        private readonly secret = false,
    ) {}

    add(value: string, where: string): void {
        const first = this.seen.get(value);
        if (first !== undefined) {
            throw new SeedError(`${where}: duplicate ${this.what}${this.secret ? '' : ` ${value.slice(0, 64)}`} (also at ${first})`);
        }
        this.seen.set(value, where);
    }
}

function parseCredentials(account: Json, where: string, keys: UniqueNames, tokens: UniqueNames): { accessKeys: Credential[]; tokens: string[] } {
    const accessKeys = array(account, 'accessKeys', where).map((raw, i): Credential => {
        const at = `${where}.accessKeys[${i}]`;
        const key = record(raw, at);
        const credential = { accessKeyId: str(key, 'accessKeyId', at), accessKeyPassword: str(key, 'accessKeyPassword', at) };
        keys.add(credential.accessKeyId, at);
        return credential;
    });
    const tokenList = strArray(account, 'tokens', where);
    tokenList.forEach((token, i) => {
        if (token.trim() === '') {
            throw new SeedError(`${where}.tokens[${i}] must not be blank`);
        }
        tokens.add(token, `${where}.tokens[${i}]`);
    });
    return { accessKeys, tokens: tokenList };
}

/** Validate a seed (parsed JSON, or a seed object) into its canonical form. Throws SeedError. */
export function parseSeed(raw: unknown): AccountsSeed {
    if (!isRecord(raw) || !Array.isArray(raw.zones)) {
        throw new SeedError('seed must be an object with a "zones" array (and "images", "instances" or "accounts")');
    }
    const zoneIds = new UniqueNames('zoneId');
    const zones = raw.zones.map((z, i) => {
        const parsed = parseZone(z, `zones[${i}]`);
        zoneIds.add(parsed.zoneId, `zones[${i}]`);
        return parsed;
    });
    const zoneMap = new Map(zones.map((z) => [z.zoneId, z]));
    // Image and instance IDs share one namespace, as cloud resource IDs do (and as the running emulator checks).
    const resourceIds = new UniqueNames('resource ID');
    const keyIds = new UniqueNames('access key ID');
    const tokens = new UniqueNames('token', true);

    const rawTopImages = array(raw, 'images', '');
    const topImages = rawTopImages.map((img, i) => {
        const parsed = parseImage(img, `images[${i}]`);
        resourceIds.add(parsed.imageId, `images[${i}]`);
        return parsed;
    });
    const publicImages = topImages.filter((i) => i.imageType === 'PUBLIC_IMAGE');
    const publicById = new Map(publicImages.map((i) => [i.imageId, i]));

    const parseAccountContent = (where: string, rawImages: readonly unknown[], images: SeedImage[], rawInstances: readonly unknown[]): SeedInstance[] => {
        const own = new Map(images.map((i) => [i.imageId, i]));
        const imageOf: ImageLookup = (id) => own.get(id) ?? publicById.get(id);
        const explicit = rawInstances.map((ins, i) => parseInstance(ins, `${where}instances[${i}]`, zoneMap, imageOf));
        const listed = new Map(explicit.map((i) => [i.instanceId, i]));
        const fromLegacy = legacyInstances(rawImages, `${where}images`, images, zones)
            .filter((legacy) => {
                const twin = listed.get(legacy.instanceId as string);
                if (twin && twin.imageId !== legacy.imageId) {
                    throw new SeedError(
                        `${where}instances: ${twin.instanceId} uses ${twin.imageId}, but inUseByInstanceIds of ${String(legacy.imageId)} lists it`,
                    );
                }
                return twin === undefined;
            })
            .map((legacy, i) => parseInstance(legacy, `${where}images (inUseByInstanceIds #${i})`, zoneMap, imageOf));
        const instances = [...explicit, ...fromLegacy];
        instances.forEach((ins, i) => resourceIds.add(ins.instanceId, `${where}instances[${i}]`));
        return instances;
    };

    if (raw.accounts === undefined) {
        const images = topImages.filter((i) => i.imageType === 'CUSTOM_IMAGE');
        const rawCustom = rawTopImages.filter((_, i) => topImages[i].imageType === 'CUSTOM_IMAGE');
        const instances = parseAccountContent('', rawCustom, images, array(raw, 'instances', ''));
        return {
            zones,
            images: publicImages,
            accounts: [
                {
                    accountId: DEFAULT_ACCOUNT_ID,
                    accountName: 'Default',
                    images,
                    instances,
                    tokens: [],
                    accessKeys: [{ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD }],
                },
            ],
        };
    }

    if (raw.instances !== undefined) {
        throw new SeedError('instances: with "accounts", instances belong to an account (accounts[N].instances)');
    }
    const custom = topImages.findIndex((i) => i.imageType === 'CUSTOM_IMAGE');
    if (custom >= 0) {
        throw new SeedError(`images[${custom}] is a custom image: with "accounts", custom images belong to an account (accounts[N].images)`);
    }
    const rawAccounts = array(raw, 'accounts', '');
    if (rawAccounts.length === 0) {
        throw new SeedError('accounts must hold at least one account (leave it out for a one-account seed)');
    }
    const accountIds = new UniqueNames('accountId');
    const accounts = rawAccounts.map((rawAccount, a): SeedAccount => {
        const where = `accounts[${a}]`;
        const account = record(rawAccount, where);
        const accountId = str(account, 'accountId', where);
        if (!ACCOUNT_ID_PATTERN.test(accountId)) {
            throw new SeedError(
                `${where}.accountId must be 1-64 letters, digits, ".", "_" or "-" (starting with a letter or digit), got "${accountId.slice(0, 64)}"`,
            );
        }
        accountIds.add(accountId, where);
        const credentials = parseCredentials(account, where, keyIds, tokens);
        const rawImages = array(account, 'images', where);
        const images = rawImages.map((img, i) => {
            const at = `${where}.images[${i}]`;
            const parsed = parseImage(img, at);
            if (parsed.imageType !== 'CUSTOM_IMAGE') {
                throw new SeedError(`${at} is a public image: public images are shared by every account (top-level "images")`);
            }
            resourceIds.add(parsed.imageId, at);
            return parsed;
        });
        const instances = parseAccountContent(`${where}.`, rawImages, images, array(account, 'instances', where));
        return { accountId, accountName: str(account, 'accountName', where, accountId), ...credentials, images, instances };
    });
    return { zones, images: publicImages, accounts };
}
