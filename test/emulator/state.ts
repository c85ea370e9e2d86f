/**
 * The emulator's mutable data. An EmulatorWorld holds what every account shares (zones, public images) and the
 * accounts; an EmulatorState is one account: its credentials, custom images in creation order, instances, and
 * pending DELETING → gone timers. Whether an image is in use is never stored: it is, exactly when one of the
 * account's instances has its imageId.
 */
import { randomBytes } from 'node:crypto';
import type { ImageStatus } from '../../src/zenlayer/types';
import type { Credential } from './auth';
import { constantTimeEqual } from './auth';
import { cloneAccount, cloneImage, cloneInstance, cloneSeed, INSTANCE_TYPES, isoSeconds } from './seed';
import type { AccountsSeed, InstanceStatus, SeedAccount, SeedImage, SeedInstance, SeedZone } from './seed';

/** What `addImage` needs: a name; everything else gets a default (a fresh `img-…` ID, AVAILABLE, custom, linux). */
export type NewImage = Partial<SeedImage> & { imageName: string };

/**
 * What `addInstance` needs: the image it runs (a public image or one of the account's custom images); everything
 * else gets a default (a fresh `ins-…` ID, RUNNING, a zone of the image's first region, created now).
 */
export type NewInstance = Partial<SeedInstance> & { imageId: string };

/**
 * A custom image as an account holds it. `inUseByInstanceIds` is derived from the account's instances on every
 * read (not stored, not enumerable): kept so callers written before instances existed still read it.
 */
export type StateImage = SeedImage & { readonly inUseByInstanceIds: readonly string[] };

function freshId(prefix: string): string {
    return `${prefix}${randomBytes(8).toString('hex')}`;
}

/** Everything the emulator serves: shared zones and public images, and the accounts (in seed order). */
export class EmulatorWorld {
    readonly accounts: readonly EmulatorState[];
    private zoneList: SeedZone[] = [];
    private readonly publicImageMap = new Map<string, SeedImage>();
    private readonly seed: AccountsSeed;

    /** `seed` must be canonical (parseSeed's output); it is copied, and reset() returns to it. */
    constructor(seed: AccountsSeed) {
        this.seed = cloneSeed(seed);
        this.accounts = this.seed.accounts.map((account) => new EmulatorState(account, this));
        this.reset();
    }

    zones(): SeedZone[] {
        return this.zoneList;
    }

    getZone(zoneId: string): SeedZone | undefined {
        return this.zoneList.find((z) => z.zoneId === zoneId);
    }

    /** The platform's public images (PUBLIC_IMAGE), in seed order; every account sees them. */
    publicImages(): SeedImage[] {
        return [...this.publicImageMap.values()];
    }

    getPublicImage(imageId: string): SeedImage | undefined {
        return this.publicImageMap.get(imageId);
    }

    /** @internal EmulatorState.addImage's path for a PUBLIC_IMAGE. */
    storePublicImage(image: SeedImage): void {
        this.publicImageMap.set(image.imageId, image);
    }

    /** @internal */
    deletePublicImage(imageId: string): boolean {
        return this.publicImageMap.delete(imageId);
    }

    account(accountId: string): EmulatorState {
        const account = this.accounts.find((a) => a.accountId === accountId);
        if (!account) {
            throw new Error(`no account ${accountId}; accounts: ${this.accounts.map((a) => a.accountId).join(', ')}`);
        }
        return account;
    }

    /** The account an access key ID belongs to, with its credential. */
    findAccessKey(accessKeyId: string): { account: EmulatorState; credential: Credential } | undefined {
        for (const account of this.accounts) {
            const credential = account.accessKeys().find((c) => c.accessKeyId === accessKeyId);
            if (credential) {
                return { account, credential };
            }
        }
        return undefined;
    }

    /** The account a Bearer token belongs to. Compares against every token in constant time each. */
    findToken(token: string): EmulatorState | undefined {
        let owner: EmulatorState | undefined;
        for (const account of this.accounts) {
            for (const known of account.tokens()) {
                if (constantTimeEqual(known, token) && owner === undefined) {
                    owner = account;
                }
            }
        }
        return owner;
    }

    /** Image and instance IDs are unique across the whole emulator, as cloud resource IDs are. */
    isIdTaken(id: string): boolean {
        return this.publicImageMap.has(id) || this.accounts.some((a) => a.ownsId(id));
    }

    /** Every account back to the seed (images, instances, keys, tokens), shared data too; pending deletions cancelled. */
    reset(): void {
        this.zoneList = this.seed.zones.map((z) => ({ ...z }));
        this.publicImageMap.clear();
        for (const image of this.seed.images) {
            this.publicImageMap.set(image.imageId, cloneImage(image));
        }
        for (const account of this.accounts) {
            account.reset();
        }
    }

    /** Cancel every pending timer (called by close()). Images stay as they are. */
    dispose(): void {
        for (const account of this.accounts) {
            account.dispose();
        }
    }
}

/** One account. Objects it returns are live: mutate them to change the account. */
export class EmulatorState {
    readonly accountId: string;
    readonly accountName: string;
    private readonly imageMap = new Map<string, StateImage>();
    private readonly instanceMap = new Map<string, SeedInstance>();
    private keyList: Credential[] = [];
    private tokenList: string[] = [];
    private readonly deleteTimers = new Map<string, NodeJS.Timeout>();

    /** @internal Created by EmulatorWorld, which calls reset() to fill it. */
    constructor(private readonly seed: SeedAccount, private readonly world: EmulatorWorld) {
        this.accountId = seed.accountId;
        this.accountName = seed.accountName;
    }

    // --- credentials -------------------------------------------------------------------------------------------

    accessKeys(): readonly Credential[] {
        return this.keyList;
    }

    /** Accept another access key for this account from now on (its ID must be new to the emulator). */
    addAccessKey(credential: Credential): void {
        if (credential.accessKeyId === '' || credential.accessKeyPassword === '') {
            throw new Error('addAccessKey: the access key ID and password must not be empty');
        }
        if (this.world.findAccessKey(credential.accessKeyId)) {
            throw new Error(`addAccessKey: access key ID ${credential.accessKeyId} already belongs to an account`);
        }
        this.keyList.push({ ...credential });
    }

    /** Revoke an access key: from now on it gets AUTHFAILURE_INVALID_ACCESS_KEY. */
    removeAccessKey(accessKeyId: string): boolean {
        const before = this.keyList.length;
        this.keyList = this.keyList.filter((c) => c.accessKeyId !== accessKeyId);
        return this.keyList.length < before;
    }

    tokens(): readonly string[] {
        return this.tokenList;
    }

    addToken(token: string): void {
        if (token.trim() === '') {
            throw new Error('addToken: the token must not be blank');
        }
        if (this.world.findToken(token)) {
            throw new Error('addToken: this token already belongs to an account');
        }
        this.tokenList.push(token);
    }

    /** Revoke a token: from now on it gets AUTHFAILURE_INVALID_TOKEN. */
    removeToken(token: string): boolean {
        const before = this.tokenList.length;
        this.tokenList = this.tokenList.filter((t) => t !== token);
        return this.tokenList.length < before;
    }

    // --- images ------------------------------------------------------------------------------------------------

    /** The account's custom images (what DescribeCustomImages lists), in creation order. */
    images(): StateImage[] {
        return [...this.imageMap.values()];
    }

    /** Alias of images(). */
    customImages(): StateImage[] {
        return this.images();
    }

    /** The platform's public images (PUBLIC_IMAGE), shared by every account. */
    publicImages(): SeedImage[] {
        return this.world.publicImages();
    }

    /** Public images, then this account's custom images in creation order. */
    allImages(): SeedImage[] {
        return [...this.publicImages(), ...this.imageMap.values()];
    }

    /** A custom image of this account or a public image; another account's image is not found. */
    getImage(imageId: string): SeedImage | undefined {
        return this.imageMap.get(imageId) ?? this.world.getPublicImage(imageId);
    }

    /** The first image (public or this account's) with exactly this name. */
    findByName(imageName: string): SeedImage | undefined {
        return this.allImages().find((i) => i.imageName === imageName);
    }

    zones(): SeedZone[] {
        return this.world.zones();
    }

    getZone(zoneId: string): SeedZone | undefined {
        return this.world.getZone(zoneId);
    }

    /** Append an image (it sorts last). A PUBLIC_IMAGE is added for every account. Returns the stored, live object. */
    addImage(input: NewImage): SeedImage {
        const imageId = input.imageId ?? freshId('img-');
        if (this.world.isIdTaken(imageId)) {
            throw new Error(`image ${imageId} already exists`);
        }
        const imageType = input.imageType ?? 'CUSTOM_IMAGE';
        const zones = this.zones();
        const image = cloneImage({
            imageId,
            imageName: input.imageName,
            imageType,
            imageSource: input.imageSource ?? (imageType === 'PUBLIC_IMAGE' ? 'OFFICIAL' : 'CUSTOM'),
            imageSize: input.imageSize === undefined ? 20 : input.imageSize,
            minDiskSize: input.minDiskSize ?? 20,
            imageDescription: input.imageDescription === undefined ? null : input.imageDescription,
            imageVersion: input.imageVersion ?? '1.0.0',
            imageStatus: input.imageStatus ?? 'AVAILABLE',
            nicNetworkType: input.nicNetworkType ?? ['FailOver'],
            category: input.category ?? 'Ubuntu',
            osType: input.osType ?? 'linux',
            tags: input.tags ?? [],
            regionIdList: input.regionIdList ?? (zones[0] ? [zones[0].regionId] : []),
            resourceGroupId: input.resourceGroupId === undefined ? 'rg-0a1b2c3d-default' : input.resourceGroupId,
            resourceGroupName: input.resourceGroupName === undefined ? 'Default Resource Group' : input.resourceGroupName,
        });
        if (imageType === 'PUBLIC_IMAGE') {
            this.world.storePublicImage(image);
            return image;
        }
        return this.storeCustomImage(image);
    }

    /** Set an image's status. Does not schedule anything: only DeleteImages starts the DELETING → gone timer. */
    setStatus(imageId: string, status: ImageStatus): SeedImage {
        const image = this.requireImage(imageId);
        image.imageStatus = status;
        return image;
    }

    /** Remove an image immediately (and cancel its pending deletion timer). Instances keep their imageId and imageName. */
    removeImage(imageId: string): boolean {
        this.cancelTimer(imageId);
        return this.imageMap.delete(imageId) || this.world.deletePublicImage(imageId);
    }

    /** DeleteImages' effect: status DELETING now, gone after `delayMs`. */
    scheduleDeletion(imageId: string, delayMs: number): void {
        const image = this.requireImage(imageId);
        image.imageStatus = 'DELETING';
        this.cancelTimer(imageId);
        const timer = setTimeout(() => {
            this.deleteTimers.delete(imageId);
            this.imageMap.delete(imageId);
        }, Math.max(0, delayMs));
        timer.unref();
        this.deleteTimers.set(imageId, timer);
    }

    /** Number of DeleteImages removals still pending. */
    get pendingDeletions(): number {
        return this.deleteTimers.size;
    }

    // --- instances ---------------------------------------------------------------------------------------------

    /** The account's instances (what DescribeInstances lists), in creation order. */
    instances(): SeedInstance[] {
        return [...this.instanceMap.values()];
    }

    getInstance(instanceId: string): SeedInstance | undefined {
        return this.instanceMap.get(instanceId);
    }

    /** The first instance with exactly this name. */
    findInstanceByName(instanceName: string): SeedInstance | undefined {
        return this.instances().find((i) => i.instanceName === instanceName);
    }

    /** The instances whose imageId is this image, in any status (RECYCLE included): what makes an image in use. */
    instancesUsing(imageId: string): SeedInstance[] {
        return this.instances().filter((i) => i.imageId === imageId);
    }

    isInUse(imageId: string): boolean {
        return this.instances().some((i) => i.imageId === imageId);
    }

    /** Every imageId an instance of this account has (one pass, for checking many images at once). */
    usedImageIds(): Set<string> {
        return new Set(this.instances().map((i) => i.imageId));
    }

    /** Create an instance of an image (it sorts last); the image is in use from now on. Returns the live object. */
    addInstance(input: NewInstance): SeedInstance {
        const image = this.getImage(input.imageId);
        if (!image) {
            throw new Error(`addInstance: ${input.imageId} is neither a public image nor a custom image of account ${this.accountId}`);
        }
        const instanceId = input.instanceId ?? freshId('ins-');
        if (this.world.isIdTaken(instanceId)) {
            throw new Error(`addInstance: ${instanceId} already exists`);
        }
        const zones = this.zones();
        const zoneId = input.zoneId ?? (zones.find((z) => z.regionId === image.regionIdList[0]) ?? zones[0])?.zoneId;
        if (zoneId === undefined || !this.getZone(zoneId)) {
            throw new Error(`addInstance: no zone ${String(zoneId)}`);
        }
        const instanceType = input.instanceType ?? 'z2a.cpu.1';
        const shape = INSTANCE_TYPES[instanceType] ?? { cpu: 1, memory: 2 };
        const [a, b] = randomBytes(2);
        const instance = cloneInstance({
            instanceId,
            instanceName: input.instanceName ?? `instance-${instanceId.slice(-8)}`,
            zoneId,
            instanceType,
            cpu: input.cpu ?? shape.cpu,
            memory: input.memory ?? shape.memory,
            imageId: image.imageId,
            imageName: input.imageName ?? image.imageName,
            status: input.status ?? 'RUNNING',
            createTime: input.createTime ?? isoSeconds(Date.now()),
            publicIpAddresses: input.publicIpAddresses ?? [],
            privateIpAddresses: input.privateIpAddresses ?? [`10.200.${a}.${b}`],
            resourceGroupId: input.resourceGroupId === undefined ? 'rg-0a1b2c3d-default' : input.resourceGroupId,
            resourceGroupName: input.resourceGroupName === undefined ? 'Default Resource Group' : input.resourceGroupName,
            tags: input.tags ?? [],
        });
        this.instanceMap.set(instanceId, instance);
        return instance;
    }

    /** Release an instance at once (no RELEASING phase): its image is unused once no other instance has it. */
    removeInstance(instanceId: string): boolean {
        return this.instanceMap.delete(instanceId);
    }

    setInstanceStatus(instanceId: string, status: InstanceStatus): SeedInstance {
        const instance = this.instanceMap.get(instanceId);
        if (!instance) {
            throw new Error(`no instance ${instanceId} in account ${this.accountId}`);
        }
        instance.status = status;
        return instance;
    }

    // --- lifecycle ---------------------------------------------------------------------------------------------

    /** This account back to its seed: images, instances, access keys and tokens; its pending deletions cancelled. */
    reset(): void {
        this.dispose();
        const copy = cloneAccount(this.seed);
        this.keyList = copy.accessKeys;
        this.tokenList = copy.tokens;
        this.imageMap.clear();
        for (const image of copy.images) {
            this.storeCustomImage(image);
        }
        this.instanceMap.clear();
        for (const instance of copy.instances) {
            this.instanceMap.set(instance.instanceId, instance);
        }
    }

    /** Cancel every pending timer. Images stay as they are. */
    dispose(): void {
        for (const timer of this.deleteTimers.values()) {
            clearTimeout(timer);
        }
        this.deleteTimers.clear();
    }

    /** @internal */
    ownsId(id: string): boolean {
        return this.imageMap.has(id) || this.instanceMap.has(id);
    }

    private storeCustomImage(image: SeedImage): StateImage {
        Object.defineProperty(image, 'inUseByInstanceIds', {
            get: () => this.instancesUsing(image.imageId).map((i) => i.instanceId),
            enumerable: false,
            configurable: true,
        });
        const stored = image as StateImage;
        this.imageMap.set(image.imageId, stored);
        return stored;
    }

    private cancelTimer(imageId: string): void {
        const timer = this.deleteTimers.get(imageId);
        if (timer) {
            clearTimeout(timer);
            this.deleteTimers.delete(imageId);
        }
    }

    private requireImage(imageId: string): SeedImage {
        const image = this.getImage(imageId);
        if (!image) {
            throw new Error(`no image ${imageId} in account ${this.accountId}`);
        }
        return image;
    }
}
