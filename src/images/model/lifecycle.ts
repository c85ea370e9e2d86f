import { Emitter } from '../../platform/events';
import type { Logger } from '../../platform/logger';
import type { ImagesApi } from '../../shared/session/session';
import { type ImageCopyProgress, regionsOfZones, type ZenlayerImage, type ZenlayerRegion } from '../../zenlayer';
import { DeletionPoller, type Scheduler } from './polling';
import { hasRegionRows, type RegionNode, regionRows } from './regionRows';
import type { ImageNode } from './tree';

/** The part of the images model the lifecycle follower reads and updates. */
export interface LifecycleImages {
    readonly cachedImages: readonly ZenlayerImage[];
    readonly accountGeneration: number;
    readonly isViewVisible: boolean;
    readonly onDidChange: (listener: () => void) => { dispose(): void };
    readonly onDidChangeVisibility: (listener: (visible: boolean) => void) => { dispose(): void };
    updateImages(images: readonly ZenlayerImage[]): void;
}

export interface LifecycleDependencies {
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly images: LifecycleImages;
    readonly logger: Logger;
    readonly describeError: (error: unknown) => string;
    readonly scheduler: Scheduler;
    readonly pollIntervalMs: () => number;
    /** A followed copy or creation ended; the view layer reports it in the user's language. */
    readonly onSettled: (outcome: LifecycleOutcome) => void;
}

export interface FailedCopy {
    readonly regionId: string;
    /** Zenlayer's `errorInfo` for the destination, when its progress said. */
    readonly errorInfo: string | undefined;
}

/** How a copy or creation this window started ended, as far as Zenlayer's listing tells. */
export type LifecycleOutcome =
    | {
          readonly kind: 'copied';
          readonly image: ZenlayerImage;
          readonly succeeded: readonly string[];
          readonly failed: readonly FailedCopy[];
          readonly requestId: string | undefined;
      }
    | { readonly kind: 'created'; readonly image: ZenlayerImage; readonly requestId: string | undefined }
    | { readonly kind: 'vanished'; readonly imageId: string; readonly name: string; readonly requestId: string | undefined }
    | { readonly kind: 'gaveUp'; readonly names: readonly string[] };

type Followed =
    | { readonly kind: 'copy'; readonly destinations: readonly string[]; readonly requestId: string | undefined; readonly errors: Map<string, string> }
    | { readonly kind: 'create'; readonly requestId: string | undefined };

/**
 * What the images view knows beyond the listing about regions and images in motion: the regions (DescribeZones, once
 * per account, when a row or command needs them), and the copies and creations this window started, followed with
 * back-off while the view shows (the deletes' schedule) until the image is AVAILABLE or FAILED again.
 */
export class ImageLifecycle {
    private readonly changed = new Emitter<void>();
    readonly onDidChange = this.changed.event;
    private readonly followed = new Map<string, Followed>();
    private readonly progress = new Map<string, readonly ImageCopyProgress[]>();
    private regions: readonly ZenlayerRegion[] | undefined;
    private regionsLoading: Promise<readonly ZenlayerRegion[]> | undefined;
    private account: number;
    private readonly poller: DeletionPoller;
    private readonly subscriptions: { dispose(): void }[];

    constructor(private readonly deps: LifecycleDependencies) {
        this.account = deps.images.accountGeneration;
        this.poller = new DeletionPoller({
            baseIntervalMs: deps.pollIntervalMs,
            scheduler: deps.scheduler,
            isVisible: () => deps.images.isViewVisible,
            watched: () => [...this.followed.keys()],
            check: (ids) => this.check(ids),
            onGiveUp: (remaining) => this.giveUp(remaining),
            onError: (error) => deps.logger.warn(`Following copies and new images failed: ${deps.describeError(error)}`),
        });
        this.subscriptions = [
            deps.images.onDidChange(() => this.accountMayHaveChanged()),
            deps.images.onDidChangeVisibility((visible) => visible && this.poller.resume()),
        ];
    }

    /** The regions DescribeZones named, once known for the shown account. */
    get knownRegions(): readonly ZenlayerRegion[] | undefined {
        return this.regions;
    }

    /** Image IDs whose copy or creation is still followed. */
    get followedIds(): readonly string[] {
        return [...this.followed.keys()];
    }

    /** The destinations of the image's copy still in progress, as last seen. */
    progressOf(imageId: string): readonly ImageCopyProgress[] {
        return this.progress.get(imageId) ?? [];
    }

    /** Whether the image's row expands into region rows. */
    expands(image: ZenlayerImage): boolean {
        return hasRegionRows(image, this.progressOf(image.id));
    }

    /** An image row's region rows; the first time one is asked for, the regions are looked up (the rows then update). */
    regionRowsOf(node: ImageNode): RegionNode[] {
        if (!this.expands(node.image)) {
            return [];
        }
        if (!this.regions && !this.regionsLoading) {
            this.loadRegions().catch((error: unknown) => this.deps.logger.warn(`Listing zones for region names failed: ${this.deps.describeError(error)}`));
        }
        return regionRows(node, this.regions, this.progressOf(node.image.id));
    }

    /** The regions of the shown account (DescribeZones once per account); rejects when they cannot be listed. */
    async loadRegions(): Promise<readonly ZenlayerRegion[]> {
        if (this.regions) {
            return this.regions;
        }
        const account = this.account;
        this.regionsLoading ??= (async () => {
            const api = await this.deps.api();
            const regions = api ? regionsOfZones(await api.describeZones()) : [];
            if (account === this.account && api) {
                this.regions = regions;
                this.changed.fire();
            }
            return regions;
        })().finally(() => {
            this.regionsLoading = undefined;
        });
        return this.regionsLoading;
    }

    /** CopyImage was accepted: the image reads SYNCING with its destinations at once, then is followed until it ends. */
    followCopy(image: ZenlayerImage, destinations: readonly string[], requestId: string | undefined): void {
        this.followed.set(image.id, { kind: 'copy', destinations, requestId, errors: new Map() });
        this.progress.set(
            image.id,
            destinations.map((regionId) => ({
                regionId,
                regionName: undefined,
                syncStage: 'PREPARING',
                queued: false,
                syncPercent: undefined,
                errorInfo: undefined,
            })),
        );
        this.deps.images.updateImages([{ ...image, status: 'SYNCING' }]);
        this.poller.start();
    }

    /** CreateImage was accepted: the image is listed as CREATING at once, then followed until AVAILABLE or FAILED. */
    followCreation(image: ZenlayerImage, requestId: string | undefined): void {
        this.followed.set(image.id, { kind: 'create', requestId });
        this.deps.images.updateImages([image]);
        this.poller.start();
    }

    dispose(): void {
        this.poller.stop();
        this.subscriptions.forEach((subscription) => subscription.dispose());
        this.changed.dispose();
    }

    private accountMayHaveChanged(): void {
        if (this.deps.images.accountGeneration === this.account) {
            return;
        }
        this.account = this.deps.images.accountGeneration;
        this.poller.stop();
        this.followed.clear();
        this.progress.clear();
        this.regions = undefined;
        this.changed.fire();
    }

    private async check(ids: readonly string[]): Promise<void> {
        const api = await this.deps.api();
        const account = this.account;
        if (!api) {
            return;
        }
        const found = await api.describeImagesByIds(ids);
        const copying = found.filter((image) => image.status === 'SYNCING' && this.followed.get(image.id)?.kind === 'copy');
        const progress = await Promise.all(
            copying.map((image) =>
                api.describeImageCopyProgress(image.id).then(
                    (entries) => [image.id, entries] as const,
                    (error: unknown) => {
                        this.deps.logger.warn(`Reading the copy progress of ${image.id} failed: ${this.deps.describeError(error)}`);
                        return undefined;
                    },
                ),
            ),
        );
        if (account !== this.account) {
            return; // the account changed while the answers came
        }
        for (const [imageId, entries] of progress.filter((entry) => entry !== undefined)) {
            this.progress.set(imageId, entries);
            const followed = this.followed.get(imageId);
            entries.forEach((entry) => followed?.kind === 'copy' && entry.errorInfo !== undefined && followed.errors.set(entry.regionId, entry.errorInfo));
        }
        const byId = new Map(found.map((image) => [image.id, image]));
        const outcomes = ids.flatMap((id) => this.settle(id, byId.get(id)));
        this.deps.images.updateImages(found);
        this.changed.fire();
        outcomes.forEach((outcome) => this.deps.onSettled(outcome));
    }

    /** The outcome of a followed image whose copy or creation ended; none while it goes on. */
    private settle(id: string, image: ZenlayerImage | undefined): LifecycleOutcome[] {
        const followed = this.followed.get(id);
        if (!followed) {
            return [];
        }
        if (image && image.status === (followed.kind === 'copy' ? 'SYNCING' : 'CREATING')) {
            return [];
        }
        this.followed.delete(id);
        this.progress.delete(id);
        if (!image) {
            const name = this.deps.images.cachedImages.find((cached) => cached.id === id)?.name ?? id;
            return [{ kind: 'vanished', imageId: id, name, requestId: followed.requestId }];
        }
        if (followed.kind === 'create') {
            return [{ kind: 'created', image, requestId: followed.requestId }];
        }
        const held = new Set(image.regionIds);
        return [
            {
                kind: 'copied',
                image,
                succeeded: followed.destinations.filter((regionId) => held.has(regionId)),
                failed: followed.destinations
                    .filter((regionId) => !held.has(regionId))
                    .map((regionId) => ({ regionId, errorInfo: followed.errors.get(regionId) })),
                requestId: followed.requestId,
            },
        ];
    }

    private giveUp(remaining: readonly string[]): void {
        const names = remaining.map((id) => this.deps.images.cachedImages.find((image) => image.id === id)?.name ?? id);
        remaining.forEach((id) => this.followed.delete(id));
        this.deps.logger.warn(`Stopped following ${names.join(', ')}: still not done after 10 minutes; Refresh shows their state.`);
        this.deps.onSettled({ kind: 'gaveUp', names });
    }
}
