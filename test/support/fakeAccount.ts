import type { ImagesApi } from '../../src/shared/session/session';
import type { UsingInstance } from '../../src/images/model/usage';
import type { CreateImageInput, CustomImageFilter, DeleteImagesResult, ImageCopyProgress, ZenlayerImage, Zone } from '../../src/zenlayer/types';
import { image } from './fixtures';

/** An account in memory: listings honour name and status filters; describeImagesByIds answers from the same list. */
export class FakeAccount {
    images: ZenlayerImage[] = [image('alpha'), image('beta'), image('gamma', { status: 'FAILED' })];
    readonly listCalls: CustomImageFilter[] = [];
    readonly describeCalls: (readonly string[])[] = [];
    failNextList: Error | undefined;
    failNextDescribe: Error | undefined;
    /** When set, a listing waits for this promise (to test superseded refreshes). */
    holdList: Promise<void> | undefined;
    signedIn = true;

    readonly api = {
        listCustomImages: async (filter: CustomImageFilter = {}, options: { signal?: AbortSignal } = {}) => {
            this.listCalls.push(filter);
            await this.holdList;
            if (options.signal?.aborted) {
                throw new Error('aborted');
            }
            const failure = this.failNextList;
            this.failNextList = undefined;
            if (failure) {
                throw failure;
            }
            return this.images.filter((entry) => (!filter.name || entry.name.includes(filter.name)) && (!filter.status || entry.status === filter.status));
        },
        listInstances: () => {
            const failure = this.failNextInstances;
            this.failNextInstances = undefined;
            return failure ? Promise.reject(failure) : Promise.resolve(this.instances);
        },
        describeImagesByIds: (ids: readonly string[]) => {
            this.describeCalls.push(ids);
            const failure = this.failNextDescribe;
            this.failNextDescribe = undefined;
            return failure ? Promise.reject(failure) : Promise.resolve(this.images.filter((entry) => ids.includes(entry.id)));
        },
        deleteImages: (ids: readonly string[]): Promise<DeleteImagesResult> => {
            this.deleteCalls.push(ids);
            const failure = this.failNextDelete;
            this.failNextDelete = undefined;
            if (failure) {
                return Promise.resolve({
                    requested: [...ids],
                    failedImageIds: [...ids],
                    requestIds: [],
                    chunkErrors: [{ imageIds: [...ids], error: failure, outcome: 'failed' as const }],
                });
            }
            const failed = ids.filter(
                (id) => this.refuse.has(id) || this.instances.some((instance) => instance.imageId === id) || !this.images.some((entry) => entry.id === id),
            );
            ids.filter((id) => !failed.includes(id)).forEach((id) => this.setStatus(id, 'DELETING'));
            return Promise.resolve({ requested: [...ids], failedImageIds: failed, requestIds: [`req-${this.deleteCalls.length}`], chunkErrors: [] });
        },
        // Issue 15's actions: they record what was sent and answer from the same list, or fail once with failNextAction.
        describeZones: () => this.answer('DescribeZones', () => this.zones),
        copyImage: (imageId: string, regionIds: readonly string[]) =>
            this.answer('CopyImage', () => {
                this.lifecycleCalls.push({ action: 'CopyImage', imageId, regionIds: [...regionIds] });
                this.setStatus(imageId, 'SYNCING');
                return { requestId: `req-copy-${this.lifecycleCalls.length}` };
            }),
        describeImageCopyProgress: (imageId: string) => this.answer('DescribeImageCopyProgress', () => this.copyProgress.get(imageId) ?? []),
        deleteImageCopy: (imageId: string, regionIds: readonly string[]) =>
            this.answer('DeleteImageCopy', () => {
                this.lifecycleCalls.push({ action: 'DeleteImageCopy', imageId, regionIds: [...regionIds] });
                this.images = this.images.map((entry) =>
                    entry.id === imageId ? { ...entry, regionIds: entry.regionIds.filter((id) => !regionIds.includes(id)) } : entry,
                );
                return { requestId: `req-remove-${this.lifecycleCalls.length}` };
            }),
        renameImage: (imageIds: readonly string[], imageName: string) =>
            this.answer('ModifyImagesAttributes', () => {
                this.lifecycleCalls.push({ action: 'ModifyImagesAttributes', imageIds: [...imageIds], imageName });
                this.images = this.images.map((entry) => (imageIds.includes(entry.id) ? { ...entry, name: imageName } : entry));
                return { requestId: `req-rename-${this.lifecycleCalls.length}` };
            }),
        createImage: (input: CreateImageInput) =>
            this.answer('CreateImage', () => {
                this.lifecycleCalls.push({ action: 'CreateImage', ...input });
                const created = image(input.imageName, { id: `img-new-${this.lifecycleCalls.length}`, status: 'CREATING', sizeGiB: undefined, regionIds: [] });
                this.images = [...this.images, created];
                return { imageId: created.id, imageName: created.name, requestId: `req-create-${this.lifecycleCalls.length}` };
            }),
    } as unknown as ImagesApi;

    /** Zones of four regions: three international ones and one in mainland China (across the border). */
    zones: Zone[] = [
        zone('asia-east-1a', 'asia-east-1', 'Hong Kong', 'HK'),
        zone('asia-east-1b', 'asia-east-1', 'Hong Kong', 'HK'),
        zone('asia-southeast-1a', 'asia-southeast-1', 'Singapore', 'SG'),
        zone('na-west-1a', 'na-west-1', 'Los Angeles', 'US'),
        zone('cn-east-1a', 'cn-east-1', 'Shanghai', 'CN'),
    ];
    /** What DescribeImageCopyProgress answers per image. */
    readonly copyProgress = new Map<string, ImageCopyProgress[]>();
    readonly lifecycleCalls: ({ action: string } & Record<string, unknown>)[] = [];
    /** The next call of this action (e.g. `CopyImage`) fails with the error. */
    readonly failNextAction = new Map<string, Error>();

    private answer<T>(action: string, run: () => T): Promise<T> {
        const failure = this.failNextAction.get(action);
        this.failNextAction.delete(action);
        return failure ? Promise.reject(failure) : Promise.resolve(run());
    }

    /** IDs DeleteImages lists as failed for a reason of Zenlayer's own; in-use images (below) are refused too. */
    readonly refuse = new Set<string>();
    /** The account's instances: an image is in use exactly when one of them references it. */
    instances: UsingInstance[] = [];
    failNextInstances: Error | undefined;
    /** The next DeleteImages request fails with this error (nothing is deleted). */
    failNextDelete: Error | undefined;
    readonly deleteCalls: (readonly string[])[] = [];

    setStatus(id: string, status: string): void {
        this.images = this.images.map((entry) => (entry.id === id ? { ...entry, status } : entry));
    }
    remove(id: string): void {
        this.images = this.images.filter((entry) => entry.id !== id);
    }
}

function zone(zoneId: string, regionId: string, cityName: string, countryCode: string): Zone {
    return { zoneId, regionId, zoneName: zoneId, cityName, cityCode: undefined, countryCode, countryName: countryCode };
}
