import type { ImagesApi } from '../../src/shared/session/session';
import type { UsingInstance } from '../../src/images/model/usage';
import type { CustomImageFilter, DeleteImagesResult, ZenlayerImage } from '../../src/zenlayer/types';
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
    } as unknown as ImagesApi;

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
