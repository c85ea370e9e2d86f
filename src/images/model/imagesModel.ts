import { Emitter } from '../../platform/events';
import type { ZenlayerImage } from '../../zenlayer/types';
import { type ImageFilter, isFilterActive } from './filter';
import { DeleteTracker } from './deleteTracker';
import type { DeleteFailure, ImageMarks } from './images';
import type { ProtectionRule } from '../../shared/settings/protection';
import type { DeleteGuard } from './selection';
import { type GroupBy, type ImageNode, type RootNode, type TreeNode } from './tree';
import { listImagesAndUsage, serverFilter } from './listing';
import { type ListingOutcome, type LoadState, type RefreshOutcome, stateRows } from './loadState';
import { instancesUsing, type Usage, type UsingInstance } from './usage';
import { ImageRows } from './imageRows';
import { LatestRun } from './latestRun';
import { ListingSchedule } from './listingSchedule';
import type { ImagesModelDependencies } from './modelDependencies';

/**
 * Everything the images view shows, in one place: the cached listing, its load state and error, the filter and
 * grouping, the delete marks (the one record of "being deleted") and the polling that follows accepted deletes.
 * Every change fires `onDidChange`; the tree, the view description and the context keys all follow it.
 */
export class ImagesModel implements DeleteGuard {
    private readonly changed = new Emitter<void>();
    readonly onDidChange = this.changed.event;
    private readonly schedule = new ListingSchedule(() => this.refresh());
    /** Fires when the view is shown or hidden: what follows images polls only while it shows. */
    readonly onDidChangeVisibility = this.schedule.onDidChangeVisibility;
    private readonly deletes: DeleteTracker;
    /** Fires when accepted deletes end, or when the model stops following them (`abandoned`). */
    readonly onDidSettleDeletes: DeleteTracker['onDidSettle'];

    private loadState: LoadState = { kind: 'loading' };
    /** Whether the credential store has been read once: before that, nobody knows whether someone is signed in. */
    private signInKnown = false;
    private images = new Map<string, ZenlayerImage>();
    private usage: Usage = { kind: 'unknown', error: undefined };
    private filter: ImageFilter;
    private readonly rows: ImageRows;
    /** The refresh running; a newer one aborts it. */
    private readonly runs = new LatestRun();
    /** Bumped when the account changes; a poll answer for the previous account changes nothing. */
    private account = 0;
    private shownAccountName: string | undefined;

    constructor(private readonly deps: ImagesModelDependencies) {
        this.filter = deps.initial.filter;
        // The workspace's references change the rows (referenced in N files), not the listing.
        this.rows = new ImageRows(deps.initial.groupBy, deps, () => this.rebuild());
        this.deletes = new DeleteTracker({
            ...deps,
            isVisible: () => this.schedule.isVisible,
            images: () => this.images,
            account: () => this.account,
            changed: () => this.rebuild(),
        });
        this.onDidSettleDeletes = this.deletes.onDidSettle;
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
        return this.rows.grouping;
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
        return this.deletes.marks;
    }

    /** The images as the view shows them: an accepted delete reads DELETING before Zenlayer's next listing says so. */
    get cachedImages(): readonly ZenlayerImage[] {
        return [...this.images.values()].map((image) => this.deletes.presented(image));
    }

    /** Accepted deletes the poller still checks; empty once they settled or polling gave up. */
    get pollingIds(): readonly string[] {
        return this.deletes.pollingIds;
    }

    /** The view's rows: images or groups, or one message row for the state (none while signed out: the welcome shows). */
    rootNodes(): RootNode[] {
        return stateRows({ state: this.loadState, roots: this.rows.all, cached: this.images.size, filter: this.filter, usage: this.usage }, this.deps);
    }

    /** The image rows top to bottom, as the view shows them (groups expanded). */
    imageRows(): ImageNode[] {
        return this.rows.images();
    }

    /** An image's group (or a region row's image), or undefined for a root node (TreeView.reveal needs it). */
    parentOf(node: TreeNode): TreeNode | undefined {
        return this.rows.parentOf(node);
    }

    /** Resolves when no refresh is running any more, including ones started meanwhile. */
    whenIdle(): Promise<void> {
        return this.runs.whenIdle();
    }

    /**
     * Lists every image once; a newer refresh aborts an older one still running (its remaining pages are not fetched,
     * and it leaves no trace). Accepted deletes that a full listing no longer shows are settled as gone.
     */
    refresh(): Promise<RefreshOutcome> {
        this.schedule.listing();
        return this.runs.start((generation, signal) => this.deps.withProgress(() => this.load(generation, signal)));
    }

    /**
     * Another account is active (switched, signed in or out, its credentials edited; here or in another window): nothing
     * of the previous account may show or be polled, and a delete still answering for it leaves no mark.
     */
    accountChanged(name: string | undefined): Promise<ListingOutcome> {
        this.account++;
        this.shownAccountName = name;
        const abandoned = this.deletes.forget();
        this.images.clear();
        this.usage = { kind: 'unknown', error: undefined };
        this.loadState = { kind: 'loading' };
        if (name !== undefined) {
            this.signInKnown = true; // signed in, known from SecretStorage alone: the palette's commands show at once
        }
        this.rebuild();
        this.deletes.announce({ gone: [], reverted: [], abandoned });
        // Signed out (or the store unreadable) costs no request to Zenlayer: settle it now, so the welcome view shows.
        return name === undefined ? this.refresh() : this.schedule.fallDue();
    }

    /** The same account through a rebuilt client (timeout or proxy settings): list again, once someone looks. */
    clientChanged(): Promise<ListingOutcome> {
        return this.schedule.fallDue();
    }

    /**
     * For a command that needs the images (the palette delete, a hover): lists them if nothing was listed for the shown
     * account yet, then waits for the listing in flight.
     */
    async ensureLoaded(): Promise<void> {
        await this.schedule.ensureListed();
        await this.whenIdle();
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
        if (this.rows.setGroupBy(groupBy)) {
            this.rebuild();
        }
    }

    /** The rules of zenlayer.delete.protectedImages (every level of the setting). */
    setProtectionRules(rules: readonly ProtectionRule[]): void {
        this.rows.setProtectionRules(rules);
        this.rebuild();
    }

    /** The protecting entry of zenlayer.delete.protectedImages, or undefined: protected images are never sent. */
    protectedBy(image: ZenlayerImage): string | undefined {
        return this.rows.protectedBy(image);
    }

    /** Polling runs only while the view can be seen; showing it runs a check that fell due meanwhile. */
    setViewVisible(visible: boolean): void {
        this.schedule.setVisible(visible, () => visible && this.deletes.resume());
    }

    get isViewVisible(): boolean {
        return this.schedule.isVisible;
    }

    /** Zenlayer answered with these images' new state (a rename, a copy, a creation): their rows change in place. */
    updateImages(images: readonly ZenlayerImage[]): void {
        images.forEach((image) => this.images.set(image.id, image));
        this.rebuild();
    }

    /** A DeleteImages call for these IDs is about to be sent. */
    deleteStarted(ids: readonly string[]): void {
        this.deletes.started(ids);
        this.rebuild();
    }

    /** The call answered: accepted images are watched until Zenlayer no longer lists them; the others are marked. */
    deleteSettled(accepted: readonly string[], failures: ReadonlyMap<string, DeleteFailure>): void {
        this.deletes.answered(accepted, failures);
    }

    dispose(): void {
        this.runs.abort();
        this.rows.dispose();
        this.deletes.dispose();
        this.changed.dispose();
        this.schedule.dispose();
    }

    private async load(generation: number, signal: AbortSignal): Promise<RefreshOutcome> {
        try {
            const api = await this.deps.api().finally(() => this.credentialsRead());
            if (!api) {
                return this.apply(generation, { kind: 'signedOut' }, []);
            }
            const { images, usage } = await listImagesAndUsage(api, this.filter, signal, this.deps);
            this.usage = this.runs.isCurrent(generation) ? usage : this.usage;
            return this.apply(generation, { kind: 'loaded' }, images);
        } catch (error) {
            if (signal.aborted || !this.runs.isCurrent(generation)) {
                return 'superseded'; // the newer refresh reports its own outcome
            }
            this.deps.logger.error(`Listing images failed: ${this.deps.describeError(error)}`);
            return this.apply(generation, { kind: 'failed', error }, []);
        }
    }

    private apply(generation: number, state: Exclude<LoadState, { kind: 'loading' }>, images: readonly ZenlayerImage[]): RefreshOutcome {
        if (!this.runs.isCurrent(generation)) {
            return 'superseded';
        }
        this.loadState = state;
        const previous = this.images;
        this.images = new Map(images.map((image) => [image.id, image]));
        const gone = this.deletes.listed(previous, this.images, state.kind === 'loaded' && !this.filter.status);
        if (state.kind === 'loaded' && this.shownAccountName !== undefined && !isFilterActive(serverFilter(this.filter))) {
            this.deps.listed?.({ account: this.shownAccountName, images, usage: this.usage });
        }
        this.rebuild();
        this.deletes.announce({ gone, reverted: [], abandoned: [] });
        return state.kind;
    }

    private credentialsRead(): void {
        if (!this.signInKnown) {
            this.signInKnown = true;
            this.changed.fire();
        }
    }

    /** The cleanup's verdicts changed (its rules, observations or the workspace's references): regroup if grouped by them. */
    regroup(): void {
        if (this.rows.grouping === 'cleanup') {
            this.rebuild();
        }
    }

    private rebuild(): void {
        const shown = this.filter.unusedOnly ? this.cachedImages.filter((image) => this.instancesOf(image.id)?.length === 0) : this.cachedImages;
        this.rows.rebuild(shown, this.cachedImages, (imageId) => this.instancesOf(imageId));
        this.changed.fire();
    }
}
