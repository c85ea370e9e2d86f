/**
 * The emulator's mutable data. An EmulatorWorld holds what every account shares (zones, public images) and the
 * accounts; an EmulatorState is one account: its credentials, custom images in creation order, instances,
 * pending DELETING → gone timers, and its image copies and creations in progress. Whether an image is in use is never
 * stored: it is, exactly when one of the account's instances has its imageId.
 */
import { randomBytes } from 'node:crypto';
import type { ImageStatus } from '../../src/zenlayer/types';
import type { Credential } from './auth';
import { constantTimeEqual } from './auth';
import { cloneAccount, cloneImage, cloneInstance, cloneSeed, INSTANCE_TYPES, isoSeconds, MAINLAND_CHINA_COUNTRY_CODE } from './seed';
import type { AccountsSeed, InstanceStatus, SeedAccount, SeedImage, SeedInstance, SeedZone } from './seed';
import { type CopyPlan, type CopyProgressEntry, type CopyTimings, planCopy, progressAt } from './tasks';

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

/**
 * Copying is refused across a border (documented, without saying where borders run). The emulator's reading: regions
 * in mainland China (zones with countryCode CN) are one side, every other region (Hong Kong included) the other.
 */
export type Border = 'mainlandChina' | 'international';

/** A region as the emulator derives it from the zones: no action lists regions, zones name theirs. */
export interface EmulatorRegion {
    regionId: string;
    /** The city of its first zone: what DescribeImageCopyProgress sends as destRegionName. */
    regionName: string;
    border: Border;
    zoneIds: string[];
}

/** A CreateImage in progress: the image is CREATING and its instance IMAGING until `readyAt`. */
interface Creation {
    instanceId: string;
    regionId: string;
    readyAt: number;
    fails: boolean;
}

function freshId(prefix: string): string {
    return `${prefix}${randomBytes(8).toString('hex')}`;
}

/** Everything the emulator serves: shared zones and public images, and the accounts (in seed order). */
export class EmulatorWorld {
    readonly accounts: readonly EmulatorState[];
    private zoneList: SeedZone[] = [];
    private readonly publicImageMap = new Map<string, SeedImage>();
    private readonly seed: AccountsSeed;

    /**
     * `seed` must be canonical (parseSeed's output); it is copied, and reset() returns to it. `clock` (ms) times the
     * image copies and creations; a test can step it.
     */
    constructor(
        seed: AccountsSeed,
        readonly clock: () => number = Date.now,
    ) {
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

    /** The regions of the zones, in zone order. */
    regions(): EmulatorRegion[] {
        const regions = new Map<string, EmulatorRegion>();
        for (const zone of this.zoneList) {
            const region = regions.get(zone.regionId) ?? { regionId: zone.regionId, regionName: zone.cityName, border: 'international', zoneIds: [] };
            region.zoneIds.push(zone.zoneId);
            if (zone.countryCode === MAINLAND_CHINA_COUNTRY_CODE) {
                region.border = 'mainlandChina';
            }
            regions.set(zone.regionId, region);
        }
        return [...regions.values()];
    }

    getRegion(regionId: string): EmulatorRegion | undefined {
        return this.regions().find((region) => region.regionId === regionId);
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
    private readonly copies = new Map<string, CopyPlan>();
    private readonly creations = new Map<string, Creation>();
    /** Destinations of running copies whose region was already added to the image. */
    private readonly copiedRegions = new Map<string, Set<string>>();

    /** @internal Created by EmulatorWorld, which calls reset() to fill it. */
    constructor(
        private readonly seed: SeedAccount,
        private readonly world: EmulatorWorld,
    ) {
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
        this.settle();
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
        this.settle();
        return [...this.publicImages(), ...this.imageMap.values()];
    }

    /** A custom image of this account or a public image; another account's image is not found. */
    getImage(imageId: string): SeedImage | undefined {
        this.settle();
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

    /** The shared regions, derived from the zones (with their side of the mainland China border). */
    regions(): EmulatorRegion[] {
        return this.world.regions();
    }

    getRegion(regionId: string): EmulatorRegion | undefined {
        return this.world.getRegion(regionId);
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

    /**
     * Remove an image immediately (and cancel its pending deletion, copy or creation; an instance IMAGING for it is
     * STOPPED again). Instances keep their imageId and imageName.
     */
    removeImage(imageId: string): boolean {
        this.cancelTimer(imageId);
        this.cancelTasks(imageId);
        return this.imageMap.delete(imageId) || this.world.deletePublicImage(imageId);
    }

    /** DeleteImages' effect: status DELETING now, gone after `delayMs`. */
    scheduleDeletion(imageId: string, delayMs: number): void {
        const image = this.requireImage(imageId);
        image.imageStatus = 'DELETING';
        this.cancelTimer(imageId);
        const timer = setTimeout(
            () => {
                this.deleteTimers.delete(imageId);
                this.imageMap.delete(imageId);
            },
            Math.max(0, delayMs),
        );
        timer.unref();
        this.deleteTimers.set(imageId, timer);
    }

    /** Number of DeleteImages removals still pending. */
    get pendingDeletions(): number {
        return this.deleteTimers.size;
    }

    // --- copies and creations ------------------------------------------------------------------------------------

    /**
     * CopyImage's effect: the image is SYNCING from now on; each destination's region joins its regionIdList when that
     * destination's transfer ends, and when the last one ends the image is AVAILABLE again (FAILED if one failed).
     * No checks: the action makes them.
     */
    startCopy(imageId: string, destinations: readonly { regionId: string; regionName: string; errorInfo?: string }[], timings: CopyTimings): void {
        const image = this.requireImage(imageId);
        image.imageStatus = 'SYNCING';
        this.copies.set(imageId, planCopy(imageId, this.world.clock(), destinations, timings));
        this.copiedRegions.set(imageId, new Set());
    }

    /** What DescribeImageCopyProgress lists now: the destinations still in progress; none unless the image is SYNCING. */
    copyProgress(imageId: string): CopyProgressEntry[] {
        const image = this.getImage(imageId);
        const plan = this.copies.get(imageId);
        return image?.imageStatus === 'SYNCING' && plan ? progressAt(plan, this.world.clock()) : [];
    }

    /** DeleteImageCopy's effect: the image no longer holds these regions (at once). No checks: the action makes them. */
    removeCopies(imageId: string, regionIds: readonly string[]): void {
        const image = this.requireImage(imageId);
        image.regionIdList = image.regionIdList.filter((regionId) => !regionIds.includes(regionId));
    }

    /**
     * CreateImage's effect: a new custom image, CREATING and in no region, whose instance is IMAGING; after `delayMs`
     * the image is AVAILABLE in the instance's region (FAILED and in no region when `fails`) and the instance STOPPED.
     * It copies the category, OS, size and NIC types of the image the instance runs. No checks: the action makes them.
     */
    startCreation(input: {
        instanceId: string;
        imageName: string;
        resourceGroup: { id: string; name: string } | null;
        tags: { key: string; value: string }[];
        delayMs: number;
        fails: boolean;
    }): SeedImage {
        const instance = this.requireInstance(input.instanceId);
        const source = this.getImage(instance.imageId);
        const image = this.addImage({
            imageName: input.imageName,
            imageStatus: 'CREATING',
            imageSize: source?.imageSize ?? 20,
            minDiskSize: source?.minDiskSize ?? 20,
            imageDescription: null,
            nicNetworkType: source ? [...source.nicNetworkType] : undefined,
            category: source?.category,
            osType: source?.osType,
            tags: input.tags.map((tag) => ({ ...tag })),
            regionIdList: [],
            resourceGroupId: input.resourceGroup?.id ?? null,
            resourceGroupName: input.resourceGroup?.name ?? null,
        });
        instance.status = 'IMAGING';
        const regionId = this.getZone(instance.zoneId)?.regionId ?? '';
        this.creations.set(image.imageId, { instanceId: instance.instanceId, regionId, readyAt: this.world.clock() + input.delayMs, fails: input.fails });
        return image;
    }

    /** Copies and creations still in progress. */
    get pendingImageTasks(): number {
        this.settle();
        return this.copies.size + this.creations.size;
    }

    /** Resource groups the account's images and instances name (ID → name): resource groups belong to an account. */
    resourceGroups(): Map<string, string> {
        const groups = new Map<string, string>();
        for (const owner of [...this.images(), ...this.instances()]) {
            if (owner.resourceGroupId !== null) {
                groups.set(owner.resourceGroupId, owner.resourceGroupName ?? owner.resourceGroupId);
            }
        }
        return groups;
    }

    // --- instances ---------------------------------------------------------------------------------------------

    /** The account's instances (what DescribeInstances lists), in creation order. */
    instances(): SeedInstance[] {
        this.settle();
        return [...this.instanceMap.values()];
    }

    getInstance(instanceId: string): SeedInstance | undefined {
        this.settle();
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

    /** Cancel every pending timer, copy and creation. Images and instances stay as they are. */
    dispose(): void {
        for (const timer of this.deleteTimers.values()) {
            clearTimeout(timer);
        }
        this.deleteTimers.clear();
        this.copies.clear();
        this.copiedRegions.clear();
        this.creations.clear();
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

    /**
     * Applies whatever the copies and creations did up to now on the task clock. Called by every read of images or
     * instances, so a status never depends on whether anyone was looking; cheap when nothing is in progress.
     */
    private settle(): void {
        if (this.copies.size === 0 && this.creations.size === 0) {
            return;
        }
        const now = this.world.clock();
        for (const [imageId, plan] of this.copies) {
            const image = this.imageMap.get(imageId);
            const copied = this.copiedRegions.get(imageId) ?? new Set<string>();
            for (const destination of plan.destinations) {
                if (image && destination.errorInfo === undefined && now >= destination.transferEnd && !copied.has(destination.regionId)) {
                    copied.add(destination.regionId);
                    if (!image.regionIdList.includes(destination.regionId)) {
                        image.regionIdList.push(destination.regionId);
                    }
                }
            }
            if (now >= plan.endsAt) {
                if (image?.imageStatus === 'SYNCING') {
                    image.imageStatus = plan.destinations.some((destination) => destination.errorInfo !== undefined) ? 'FAILED' : 'AVAILABLE';
                }
                this.copies.delete(imageId);
                this.copiedRegions.delete(imageId);
            }
        }
        for (const [imageId, creation] of this.creations) {
            if (now >= creation.readyAt) {
                this.finishCreation(imageId, creation);
            }
        }
    }

    private finishCreation(imageId: string, creation: Creation): void {
        this.creations.delete(imageId);
        const image = this.imageMap.get(imageId);
        if (image?.imageStatus === 'CREATING') {
            image.imageStatus = creation.fails ? 'FAILED' : 'AVAILABLE';
            image.regionIdList = creation.fails || creation.regionId === '' ? [] : [creation.regionId];
        }
        const instance = this.instanceMap.get(creation.instanceId);
        if (instance?.status === 'IMAGING') {
            instance.status = 'STOPPED';
        }
    }

    /** An image that goes away takes its copy or creation with it; its instance is no longer IMAGING. */
    private cancelTasks(imageId: string): void {
        this.copies.delete(imageId);
        this.copiedRegions.delete(imageId);
        const creation = this.creations.get(imageId);
        if (creation) {
            this.creations.delete(imageId);
            const instance = this.instanceMap.get(creation.instanceId);
            if (instance?.status === 'IMAGING') {
                instance.status = 'STOPPED';
            }
        }
    }

    private requireInstance(instanceId: string): SeedInstance {
        const instance = this.getInstance(instanceId);
        if (!instance) {
            throw new Error(`no instance ${instanceId} in account ${this.accountId}`);
        }
        return instance;
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
