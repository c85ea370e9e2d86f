import type { ImagesApi } from '../../shared/session/session';
import { Emitter } from '../../platform/events';
import type { Logger } from '../../platform/logger';
import type { ZenlayerImage } from '../../zenlayer/types';
import { type ImageFilter, isFilterActive } from './filter';
import type { DeleteFailure, DeleteMark, ImageMarks } from './images';
import { DELETING_STATUS, DeletionPoller, type Scheduler } from './polling';
import { type ProtectionRule, protectingEntry } from '../../shared/settings/protection';
import type { DeleteGuard } from './selection';
import { buildImageTree, type GroupBy, type ImageNode, type MessageKind, type TreeNode } from './tree';
import { instancesUsing, joinUsage, type Usage, type UsingInstance } from './usage';

export type LoadState = { readonly kind: 'signedOut' } | { readonly kind: 'loading' } | { readonly kind: 'loaded' } | { readonly kind: 'failed'; readonly error: unknown };

/**
 * How a refresh ended: `loaded` (the cache now holds a full listing), `signedOut`, `failed` (the cache is empty because
 * the listing failed, not because the images are gone) or `superseded` (a newer refresh aborted it; it changed nothing).
 */
export type RefreshOutcome = 'loaded' | 'signedOut' | 'failed' | 'superseded';

/**
 * Accepted deletes that ended: gone from Zenlayer's listing, back in another status (the delete did not happen), or no
 * longer followed (polling gave up, or the account changed) so nobody will know.
 */
export interface SettledDeletes {
    readonly gone: readonly ZenlayerImage[];
    readonly reverted: readonly ZenlayerImage[];
    readonly abandoned: readonly string[];
}

/** How the model tells a failed load apart, so the view can offer the right way out. */
export interface FailureClassifier {
    readonly isClockSkew: (error: unknown) => boolean;
    readonly isAuthFailure: (error: unknown) => boolean;
    readonly isUnreachable: (error: unknown) => boolean;
}

export interface ImagesModelDependencies {
    /** The API for the stored credentials; undefined when signed out. */
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly logger: Logger;
    /** One line for the log (the view's own texts are built from the typed state). */
    readonly describeError: (error: unknown) => string;
    readonly classify: FailureClassifier;
    /** Shows that a load runs (the view's progress bar) while the view keeps showing what it had. */
    readonly withProgress: <R>(task: () => Promise<R>) => Promise<R>;
    /** Persists the filter (per workspace) when the user changes it. */
    readonly saveFilter: (filter: ImageFilter) => Promise<void>;
    readonly scheduler: Scheduler;
    readonly pollIntervalMs: () => number;
    /** Deleted images still listed when polling gives up. */
    readonly onPollingGaveUp: (remaining: readonly string[]) => void;
    readonly initial: { readonly groupBy: GroupBy; readonly filter: ImageFilter };
}

/**
 * Everything the images view shows, in one place: the cached listing, its load state and error, the filter and
 * grouping, the delete marks (the one record of "being deleted") and the polling that follows accepted deletes.
 * Every change fires `onDidChange`; the tree, the view description and the context keys all follow it.
 */
export class ImagesModel implements DeleteGuard {
    private readonly changed = new Emitter<void>();
    readonly onDidChange = this.changed.event;
    private readonly settled = new Emitter<SettledDeletes>();
    /** Fires when accepted deletes end, or when the model stops following them (`abandoned`). */
    readonly onDidSettleDeletes = this.settled.event;

    private loadState: LoadState = { kind: 'loading' };
    /** Whether the credential store has been read once: before that, nobody knows whether someone is signed in. */
    private signInKnown = false;
    private images = new Map<string, ZenlayerImage>();
    private usage: Usage = { kind: 'unknown', error: undefined };
    private readonly deleteMarks = new Map<string, DeleteMark>();
    private roots: TreeNode[] = [];
    private filter: ImageFilter;
    private groupBy: GroupBy;
    private viewVisible = false;
    private protection: readonly ProtectionRule[] = [];
    private readonly poller: DeletionPoller;
    /** Bumped by every refresh; an answer for an older one changes nothing. */
    private generation = 0;
    /** Bumped when the account changes; a poll answer for the previous account changes nothing. */
    private account = 0;
    private shownAccountName: string | undefined;
    /** Aborts the requests of the refresh in flight when a newer one starts. */
    private loading: AbortController | undefined;
    private inFlight: Promise<unknown> | undefined;

    constructor(private readonly deps: ImagesModelDependencies) {
        this.filter = deps.initial.filter;
        this.groupBy = deps.initial.groupBy;
        this.poller = new DeletionPoller({
            baseIntervalMs: deps.pollIntervalMs,
            scheduler: deps.scheduler,
            isVisible: () => this.viewVisible,
            watched: () => this.idsIn('accepted'),
            check: (ids) => this.checkDeleted(ids),
            onGiveUp: (remaining) => {
                deps.onPollingGaveUp(remaining);
                this.settled.fire({ gone: [], reverted: [], abandoned: remaining });
            },
            onError: (error) => deps.logger.warn(`Checking deleted images failed: ${deps.describeError(error)}`),
        });
    }

    /** The name of the account whose images these are (the view's description, the status bar). */
    get accountName(): string | undefined {
        return this.shownAccountName;
    }

    /** Changes with every account switch: what was sent for one account is never retried for another. */
    get accountGeneration(): number {
        return this.account;
    }

    get state(): LoadState {
        return this.loadState;
    }

    get signedIn(): boolean {
        return this.loadState.kind !== 'signedOut';
    }

    /** False until the first load has read the credential store (signed in or out, or the store failed). */
    get knowsSignIn(): boolean {
        return this.signInKnown;
    }

    /** Why the last load failed, while the view shows that failure; undefined otherwise. */
    get loadError(): unknown {
        return this.loadState.kind === 'failed' ? this.loadState.error : undefined;
    }

    get activeFilter(): ImageFilter {
        return this.filter;
    }

    get grouping(): GroupBy {
        return this.groupBy;
    }

    /** Which instances use each image, from the last refresh; `unknown` when they could not be listed. */
    get instanceUsage(): Usage {
        return this.usage;
    }

    /** The instances that run from an image; undefined when usage is unknown. */
    instancesOf(imageId: string): readonly UsingInstance[] | undefined {
        return instancesUsing(this.usage, imageId);
    }

    get marks(): ImageMarks {
        return this.deleteMarks;
    }

    /** The images as the view shows them: an accepted delete reads DELETING before Zenlayer's next listing says so. */
    get cachedImages(): readonly ZenlayerImage[] {
        return [...this.images.values()].map((image) => this.presented(image));
    }

    /** Accepted deletes the poller still checks; empty once they settled or polling gave up. */
    get pollingIds(): readonly string[] {
        return this.poller.running ? this.idsIn('accepted') : [];
    }

    /** The view's rows: images or groups, or one message row for the state (none while signed out: the welcome shows). */
    rootNodes(): TreeNode[] {
        if (this.loadState.kind === 'loaded' && this.filter.unusedOnly && this.usage.kind === 'unknown') {
            return [message('usageUnknown', this.deps.describeError(this.usage.error))]; // never "unused" without knowing
        }
        switch (this.loadState.kind) {
            case 'signedOut':
                return [];
            case 'loading':
                return this.images.size > 0 ? this.roots : [message('loading')];
            case 'failed':
                return [this.failureMessage(this.loadState.error)];
            case 'loaded':
                return this.roots.length > 0 ? this.roots : [message(isFilterActive(this.filter) ? 'noMatches' : 'noImages')];
        }
    }

    /** The image rows top to bottom, as the view shows them (groups expanded). */
    imageRows(): ImageNode[] {
        return this.roots.flatMap((root) => (root.kind === 'image' ? [root] : root.kind === 'group' ? root.children : []));
    }

    /** An image's group, or undefined for a root node (TreeView.reveal needs it). */
    parentOf(node: TreeNode): TreeNode | undefined {
        if (node.kind !== 'image') {
            return undefined;
        }
        return this.roots.find((root) => root.kind === 'group' && root.children.some((child) => child.id === node.id));
    }

    /** Resolves when no refresh is running any more, including ones started meanwhile. */
    async whenIdle(): Promise<void> {
        while (this.inFlight) {
            await this.inFlight;
        }
    }

    /**
     * Lists every image once; a newer refresh aborts an older one still running (its remaining pages are not fetched,
     * and it leaves no trace). Accepted deletes that a full listing no longer shows are settled as gone.
     */
    refresh(): Promise<RefreshOutcome> {
        const generation = ++this.generation;
        this.loading?.abort();
        const controller = new AbortController();
        this.loading = controller;
        const settled = this.deps.withProgress(() => this.load(generation, controller.signal)).finally(() => {
            if (generation === this.generation) {
                this.inFlight = undefined;
                this.loading = undefined;
            }
        });
        this.inFlight = settled;
        return settled;
    }

    /**
     * Another account is active (switched, signed in or out, its credentials edited; here or in another window): nothing
     * of the previous account may show or be polled, and a delete still answering for it leaves no mark.
     */
    accountChanged(name: string | undefined): Promise<RefreshOutcome> {
        this.account++;
        this.shownAccountName = name;
        this.poller.stop();
        const abandoned = this.idsIn('accepted');
        this.deleteMarks.clear();
        this.images.clear();
        this.usage = { kind: 'unknown', error: undefined };
        this.loadState = { kind: 'loading' };
        this.rebuild();
        if (abandoned.length > 0) {
            this.settled.fire({ gone: [], reverted: [], abandoned });
        }
        return this.refresh();
    }

    /** The same account under a new name (renamed here or in another window), or its name once first read. */
    accountRenamed(name: string | undefined): void {
        if (name !== this.shownAccountName) {
            this.shownAccountName = name;
            this.changed.fire();
        }
    }

    async setFilter(filter: ImageFilter): Promise<RefreshOutcome> {
        this.filter = filter;
        await this.deps.saveFilter(filter);
        return this.refresh();
    }

    setGroupBy(groupBy: GroupBy): void {
        if (groupBy !== this.groupBy) {
            this.groupBy = groupBy;
            this.rebuild();
        }
    }

    /** The rules of zenlayer.delete.protectedImages (every level of the setting). */
    setProtectionRules(rules: readonly ProtectionRule[]): void {
        this.protection = rules;
        this.rebuild();
    }

    /** The protecting entry of zenlayer.delete.protectedImages, or undefined: protected images are never sent. */
    protectedBy(image: ZenlayerImage): string | undefined {
        return protectingEntry(image, this.protection);
    }

    /** Polling runs only while the view can be seen; showing it runs a check that fell due meanwhile. */
    setViewVisible(visible: boolean): void {
        this.viewVisible = visible;
        if (visible) {
            this.poller.resume();
        }
    }

    /** A DeleteImages call for these IDs is about to be sent. */
    deleteStarted(ids: readonly string[]): void {
        ids.forEach((id) => this.deleteMarks.set(id, { phase: 'sending' }));
        this.rebuild();
    }

    /** The call answered: accepted images are watched until Zenlayer no longer lists them; the others are marked. */
    deleteSettled(accepted: readonly string[], failures: ReadonlyMap<string, DeleteFailure>): void {
        // Only what is still marked as sending: after an account switch the answer is for images this model no longer holds.
        const sending = (id: string): boolean => this.deleteMarks.get(id)?.phase === 'sending';
        const watched = accepted.filter(sending);
        watched.forEach((id) => this.deleteMarks.set(id, { phase: 'accepted' }));
        [...failures].filter(([id]) => sending(id)).forEach(([id, failure]) => this.deleteMarks.set(id, { phase: 'failed', failure }));
        this.rebuild();
        if (watched.length > 0) {
            this.poller.start();
        }
    }

    dispose(): void {
        this.loading?.abort();
        this.poller.stop();
        this.changed.dispose();
        this.settled.dispose();
    }

    private async load(generation: number, signal: AbortSignal): Promise<RefreshOutcome> {
        try {
            const api = await this.deps.api().finally(() => this.credentialsRead());
            if (!api) {
                return this.apply(generation, { kind: 'signedOut' }, []);
            }
            // Images and instances in one round-trip depth; instances failing leaves usage unknown, not the view empty.
            const [images, usage] = await Promise.all([
                api.listCustomImages(serverFilter(this.filter), { signal }),
                api.listInstances({}, { signal }).then(
                    (instances): Usage => joinUsage(instances),
                    (error: unknown): Usage => ({ kind: 'unknown', error }),
                ),
            ]);
            if (usage.kind === 'unknown' && !signal.aborted) {
                this.deps.logger.warn(`Listing instances failed, so image usage is unknown: ${this.deps.describeError(usage.error)}`);
            }
            this.usage = generation === this.generation ? usage : this.usage;
            return this.apply(generation, { kind: 'loaded' }, images);
        } catch (error) {
            if (signal.aborted || generation !== this.generation) {
                return 'superseded'; // the newer refresh reports its own outcome
            }
            this.deps.logger.error(`Listing images failed: ${this.deps.describeError(error)}`);
            return this.apply(generation, { kind: 'failed', error }, []);
        }
    }

    private apply(generation: number, state: Exclude<LoadState, { kind: 'loading' }>, images: readonly ZenlayerImage[]): RefreshOutcome {
        if (generation !== this.generation) {
            return 'superseded';
        }
        this.loadState = state;
        const previous = this.images;
        this.images = new Map(images.map((image) => [image.id, image]));
        const gone: ZenlayerImage[] = [];
        for (const [id, mark] of this.deleteMarks) {
            // A failure mark lasts until the next refresh. An accepted delete a full listing no longer shows is done;
            // after a failed listing, or under a status filter (which hides DELETING images), nobody knows yet.
            const settledByListing = state.kind === 'loaded' && !this.filter.status && !this.images.has(id);
            if (mark.phase === 'failed' || (mark.phase === 'accepted' && settledByListing)) {
                this.deleteMarks.delete(id);
                const image = previous.get(id);
                if (mark.phase === 'accepted' && image) {
                    gone.push(image);
                }
            }
        }
        this.rebuild();
        if (gone.length > 0) {
            this.settled.fire({ gone, reverted: [], abandoned: [] });
        }
        return state.kind;
    }

    /** One poll: gone images leave the tree, ones Zenlayer put back in another state are marked failed. */
    private async checkDeleted(ids: readonly string[]): Promise<void> {
        const account = this.account;
        const api = await this.deps.api();
        if (!api) {
            throw new Error(`signed out; stopped checking ${ids.length} deleted image(s): ${ids.join(', ')}`);
        }
        const present = await api.describeImagesByIds(ids);
        if (account !== this.account) {
            return; // the answer is about the previous account's images
        }
        const presentIds = new Set(present.map((image) => image.id));
        const stillWatched = (id: string): boolean => this.deleteMarks.get(id)?.phase === 'accepted';
        const gone = ids.filter((id) => !presentIds.has(id) && stillWatched(id));
        const goneImages = gone.flatMap((id) => this.images.get(id) ?? []);
        const reverted = present.filter((image) => stillWatched(image.id) && image.status !== DELETING_STATUS);
        for (const image of present) {
            if (this.images.has(image.id)) {
                this.images.set(image.id, image);
            }
        }
        for (const id of gone) {
            this.images.delete(id);
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
        this.rebuild();
        if (goneImages.length > 0 || reverted.length > 0) {
            this.settled.fire({ gone: goneImages, reverted, abandoned: [] });
        }
    }

    private credentialsRead(): void {
        if (!this.signInKnown) {
            this.signInKnown = true;
            this.changed.fire();
        }
    }

    private idsIn(phase: DeleteMark['phase']): string[] {
        return [...this.deleteMarks].filter(([, mark]) => mark.phase === phase).map(([id]) => id);
    }

    private presented(image: ZenlayerImage): ZenlayerImage {
        return this.deleteMarks.get(image.id)?.phase === 'accepted' && image.status !== DELETING_STATUS ? { ...image, status: DELETING_STATUS } : image;
    }

    private rebuild(): void {
        const shown = this.filter.unusedOnly ? this.cachedImages.filter((image) => this.instancesOf(image.id)?.length === 0) : this.cachedImages;
        this.roots = buildImageTree(shown, this.groupBy, (image) => ({ protectedBy: this.protectedBy(image), instances: this.instancesOf(image.id) }));
        this.changed.fire();
    }

    private failureMessage(error: unknown): TreeNode {
        const { classify } = this.deps;
        // A skewed clock is refused like a wrong key, but re-entering the key would not help.
        const kind = classify.isClockSkew(error) ? 'clockSkew' : classify.isAuthFailure(error) ? 'credentialsRejected' : classify.isUnreachable(error) ? 'unreachable' : 'loadFailed';
        return message(kind, this.deps.describeError(error));
    }
}

/** What Zenlayer filters; "unused only" is the model's own, from the instance listing. */
function serverFilter(filter: ImageFilter): ImageFilter {
    return { ...(filter.name !== undefined ? { name: filter.name } : {}), ...(filter.status ? { status: filter.status } : {}), ...(filter.osType ? { osType: filter.osType } : {}) };
}

function message(kind: MessageKind, detail?: string): TreeNode {
    return { kind: 'message', id: `message:${kind}`, message: kind, ...(detail ? { detail } : {}) };
}
