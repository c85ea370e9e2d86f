import { Emitter } from '../../platform/events';
import type { Logger } from '../../platform/logger';
import type { ImagesApi } from '../../shared/session/session';
import type { ZenlayerImage } from '../../zenlayer/types';
import type { DeleteFailure, DeleteMark, ImageMarks } from './images';
import { DELETING_STATUS, DeletionPoller, type Scheduler } from './polling';

/**
 * Accepted deletes that ended: gone from Zenlayer's listing, back in another status (the delete did not happen), or no
 * longer followed (polling gave up, or the account changed) so nobody will know.
 */
export interface SettledDeletes {
    readonly gone: readonly ZenlayerImage[];
    readonly reverted: readonly ZenlayerImage[];
    readonly abandoned: readonly string[];
}

export interface DeleteTrackerDependencies {
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly logger: Logger;
    readonly describeError: (error: unknown) => string;
    readonly scheduler: Scheduler;
    readonly pollIntervalMs: () => number;
    readonly isVisible: () => boolean;
    /** The model's cached images: a poll updates the ones still listed and drops the gone ones. */
    readonly images: () => Map<string, ZenlayerImage>;
    /** Changes with every account switch: a poll answer for the previous account changes nothing. */
    readonly account: () => number;
    /** The marks or the cached images changed: the model rebuilds its rows. */
    readonly changed: () => void;
    /** Deleted images still listed when polling gives up. */
    readonly onPollingGaveUp: (remaining: readonly string[]) => void;
}

/**
 * The one record of "being deleted": a mark per image (sending, accepted, failed) and the polling that follows accepted
 * deletes until Zenlayer no longer lists them. `onDidSettle` fires when accepted deletes end.
 */
export class DeleteTracker {
    private readonly settledEmitter = new Emitter<SettledDeletes>();
    readonly onDidSettle = this.settledEmitter.event;
    private readonly deleteMarks = new Map<string, DeleteMark>();
    private readonly poller: DeletionPoller;

    constructor(private readonly deps: DeleteTrackerDependencies) {
        this.poller = new DeletionPoller({
            baseIntervalMs: deps.pollIntervalMs,
            scheduler: deps.scheduler,
            isVisible: deps.isVisible,
            watched: () => this.idsIn('accepted'),
            check: (ids) => this.check(ids),
            onGiveUp: (remaining) => {
                deps.onPollingGaveUp(remaining);
                this.announce({ gone: [], reverted: [], abandoned: remaining });
            },
            onError: (error) => deps.logger.warn(`Checking deleted images failed: ${deps.describeError(error)}`),
        });
    }

    get marks(): ImageMarks {
        return this.deleteMarks;
    }

    /** Accepted deletes the poller still checks; empty once they settled or polling gave up. */
    get pollingIds(): readonly string[] {
        return this.poller.running ? this.idsIn('accepted') : [];
    }

    /** An accepted delete reads DELETING before Zenlayer's next listing says so. */
    presented(image: ZenlayerImage): ZenlayerImage {
        return this.deleteMarks.get(image.id)?.phase === 'accepted' && image.status !== DELETING_STATUS ? { ...image, status: DELETING_STATUS } : image;
    }

    /** A DeleteImages call for these IDs is about to be sent. */
    started(ids: readonly string[]): void {
        ids.forEach((id) => this.deleteMarks.set(id, { phase: 'sending' }));
    }

    /** The call answered: accepted images are watched until Zenlayer no longer lists them; the others are marked. */
    answered(accepted: readonly string[], failures: ReadonlyMap<string, DeleteFailure>): void {
        // Only what is still marked as sending: after an account switch the answer is for images this model no longer holds.
        const sending = (id: string): boolean => this.deleteMarks.get(id)?.phase === 'sending';
        const watched = accepted.filter(sending);
        watched.forEach((id) => this.deleteMarks.set(id, { phase: 'accepted' }));
        [...failures].filter(([id]) => sending(id)).forEach(([id, failure]) => this.deleteMarks.set(id, { phase: 'failed', failure }));
        this.deps.changed();
        if (watched.length > 0) {
            this.poller.start();
        }
    }

    /**
     * A listing arrived. A failure mark lasts until the next refresh. An accepted delete a complete listing no longer shows
     * is done; after a failed listing, or under a status filter (which hides DELETING images), nobody knows yet.
     * Returns the images that went, to announce once the rows are rebuilt.
     */
    listed(previous: ReadonlyMap<string, ZenlayerImage>, current: ReadonlyMap<string, ZenlayerImage>, complete: boolean): ZenlayerImage[] {
        const gone: ZenlayerImage[] = [];
        for (const [id, mark] of this.deleteMarks) {
            const settledByListing = complete && !current.has(id);
            if (mark.phase === 'failed' || (mark.phase === 'accepted' && settledByListing)) {
                this.deleteMarks.delete(id);
                const image = previous.get(id);
                if (mark.phase === 'accepted' && image) {
                    gone.push(image);
                }
            }
        }
        return gone;
    }

    announce(settled: SettledDeletes): void {
        if (settled.gone.length > 0 || settled.reverted.length > 0 || settled.abandoned.length > 0) {
            this.settledEmitter.fire(settled);
        }
    }

    /** Another account: nothing is followed any more. Returns the accepted deletes abandoned, to announce. */
    forget(): string[] {
        this.poller.stop();
        const abandoned = this.idsIn('accepted');
        this.deleteMarks.clear();
        return abandoned;
    }

    /** The view is visible again: a check that fell due meanwhile runs now. */
    resume(): void {
        this.poller.resume();
    }

    dispose(): void {
        this.poller.stop();
        this.settledEmitter.dispose();
    }

    /** One poll: gone images leave the tree, ones Zenlayer put back in another state are marked failed. */
    private async check(ids: readonly string[]): Promise<void> {
        const account = this.deps.account();
        const api = await this.deps.api();
        if (!api) {
            throw new Error(`signed out; stopped checking ${ids.length} deleted image(s): ${ids.join(', ')}`);
        }
        const present = await api.describeImagesByIds(ids);
        if (account !== this.deps.account()) {
            return; // the answer is about the previous account's images
        }
        const images = this.deps.images();
        const presentIds = new Set(present.map((image) => image.id));
        const stillWatched = (id: string): boolean => this.deleteMarks.get(id)?.phase === 'accepted';
        const gone = ids.filter((id) => !presentIds.has(id) && stillWatched(id));
        const goneImages = gone.flatMap((id) => images.get(id) ?? []);
        const reverted = present.filter((image) => stillWatched(image.id) && image.status !== DELETING_STATUS);
        // A poll that changes nothing leaves the rows alone: every rebuild refreshes the whole tree in VS Code.
        const updated = present.filter((image) => images.has(image.id) && JSON.stringify(images.get(image.id)) !== JSON.stringify(image));
        updated.forEach((image) => images.set(image.id, image));
        for (const id of gone) {
            images.delete(id);
            this.deleteMarks.delete(id);
        }
        for (const image of reverted) {
            this.deleteMarks.set(image.id, { phase: 'failed', failure: { kind: 'reverted', status: image.status } });
        }
        if (gone.length > 0) {
            this.deps.logger.info(`Deleted and gone: ${gone.join(', ')}`);
        }
        if (reverted.length > 0) {
            this.deps.logger.warn(`Delete did not complete; no longer DELETING: ${reverted.map((image) => `${image.id} (${image.status})`).join(', ')}`);
        }
        if (gone.length > 0 || reverted.length > 0 || updated.length > 0) {
            this.deps.changed();
        }
        this.announce({ gone: goneImages, reverted, abandoned: [] });
    }

    private idsIn(phase: DeleteMark['phase']): string[] {
        return [...this.deleteMarks].filter(([, mark]) => mark.phase === phase).map(([id]) => id);
    }
}
