/** The emulator's mutable account: images in creation order, zones, and pending DELETING → gone timers. */
import { randomBytes } from 'node:crypto';
import type { ImageStatus } from '../../src/zenlayer/types';
import { cloneImage, cloneSeed } from './seed';
import type { EmulatorSeed, SeedImage, SeedZone } from './seed';

/** What `addImage` needs: a name; everything else gets a default (a fresh `img-…` ID, AVAILABLE, custom, linux). */
export type NewImage = Partial<SeedImage> & { imageName: string };

export class EmulatorState {
    private readonly imageMap = new Map<string, SeedImage>();
    private readonly zoneList: SeedZone[];
    private readonly deleteTimers = new Map<string, NodeJS.Timeout>();

    constructor(seed: EmulatorSeed) {
        const copy = cloneSeed(seed);
        this.zoneList = copy.zones;
        for (const image of copy.images) {
            if (this.imageMap.has(image.imageId)) {
                throw new Error(`duplicate imageId in seed: ${image.imageId}`);
            }
            this.imageMap.set(image.imageId, image);
        }
    }

    /**
     * The account's custom images (what DescribeCustomImages lists), in creation order. The objects are live:
     * mutate them to change the account.
     */
    images(): SeedImage[] {
        return this.allImages().filter((i) => i.imageType === 'CUSTOM_IMAGE');
    }

    /** Alias of images(). */
    customImages(): SeedImage[] {
        return this.images();
    }

    /** The platform's public images (PUBLIC_IMAGE), in seed order. */
    publicImages(): SeedImage[] {
        return this.allImages().filter((i) => i.imageType === 'PUBLIC_IMAGE');
    }

    /** Public and custom images together, in seed/creation order. */
    allImages(): SeedImage[] {
        return [...this.imageMap.values()];
    }

    getImage(imageId: string): SeedImage | undefined {
        return this.imageMap.get(imageId);
    }

    /** The first image (public or custom) with exactly this name (seed names are unique). */
    findByName(imageName: string): SeedImage | undefined {
        return this.allImages().find((i) => i.imageName === imageName);
    }

    zones(): SeedZone[] {
        return this.zoneList;
    }

    getZone(zoneId: string): SeedZone | undefined {
        return this.zoneList.find((z) => z.zoneId === zoneId);
    }

    /** Append an image (it sorts last). Returns the stored, live object. */
    addImage(input: NewImage): SeedImage {
        const imageId = input.imageId ?? `img-${randomBytes(8).toString('hex')}`;
        if (this.imageMap.has(imageId)) {
            throw new Error(`image ${imageId} already exists`);
        }
        const imageType = input.imageType ?? 'CUSTOM_IMAGE';
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
            regionIdList: input.regionIdList ?? (this.zoneList[0] ? [this.zoneList[0].regionId] : []),
            resourceGroupId: input.resourceGroupId === undefined ? 'rg-0a1b2c3d-default' : input.resourceGroupId,
            resourceGroupName: input.resourceGroupName === undefined ? 'Default Resource Group' : input.resourceGroupName,
            inUseByInstanceIds: input.inUseByInstanceIds ?? [],
        });
        this.imageMap.set(imageId, image);
        return image;
    }

    /** Set an image's status. Does not schedule anything: only DeleteImages starts the DELETING → gone timer. */
    setStatus(imageId: string, status: ImageStatus): SeedImage {
        const image = this.require(imageId);
        image.imageStatus = status;
        return image;
    }

    /** Mark (or clear, with []) the instances using an image. */
    setInUse(imageId: string, instanceIds: string[]): SeedImage {
        const image = this.require(imageId);
        image.inUseByInstanceIds = [...instanceIds];
        return image;
    }

    /** Remove an image immediately (and cancel its pending deletion timer, if any). */
    removeImage(imageId: string): boolean {
        this.cancelTimer(imageId);
        return this.imageMap.delete(imageId);
    }

    /** DeleteImages' effect: status DELETING now, gone after `delayMs`. */
    scheduleDeletion(imageId: string, delayMs: number): void {
        const image = this.require(imageId);
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

    /** Cancel every pending timer (called by close()). Images stay as they are. */
    dispose(): void {
        for (const timer of this.deleteTimers.values()) {
            clearTimeout(timer);
        }
        this.deleteTimers.clear();
    }

    private cancelTimer(imageId: string): void {
        const timer = this.deleteTimers.get(imageId);
        if (timer) {
            clearTimeout(timer);
            this.deleteTimers.delete(imageId);
        }
    }

    private require(imageId: string): SeedImage {
        const image = this.imageMap.get(imageId);
        if (!image) {
            throw new Error(`no image ${imageId}`);
        }
        return image;
    }
}
