import * as vscode from 'vscode';
import { IMAGES_VIEW_ID } from '../constants';
import type { ImageFilter } from './filter';
import { isFilterActive } from './filter';
import type { ImageMarks } from './images';
import { buildImageTree, type GroupBy, type MessageKind, type TreeNode } from './tree';
import type { Session } from '../accounts/session';
import { describeError, isAuthFailure, isClockSkew, isUnreachable } from '../platform/errorText';
import type { Logger } from '../platform/logger';
import type { ZenlayerImage } from '../zenlayer';
import { imageTooltip, toTreeItem } from './treeItems';

type LoadState = { readonly kind: 'signedOut' } | { readonly kind: 'loading' } | { readonly kind: 'loaded' } | { readonly kind: 'failed'; readonly error: unknown };

/**
 * How a refresh ended: `loaded` (the cache now holds a full listing), `signedOut`, `failed` (the cache is empty because
 * the listing failed, not because the images are gone) or `superseded` (a newer refresh aborted it; it changed nothing).
 */
export type RefreshOutcome = 'loaded' | 'signedOut' | 'failed' | 'superseded';

/**
 * The cached model behind the view: one fetch per refresh, tree nodes rebuilt from the cache on every change,
 * nothing fetched on expand. Delete marks (Deleting…, failed) live here until the next refresh.
 */
export class ImagesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
    readonly onDidChangeTreeData = this.changed.event;

    private state: LoadState = { kind: 'loading' };
    private images = new Map<string, ZenlayerImage>();
    private roots: TreeNode[] = [];
    private readonly deleting = new Set<string>();
    private readonly failed = new Map<string, string | undefined>();
    private generation = 0;
    /** Aborts the requests of the refresh in flight when a newer one starts. */
    private loading: AbortController | undefined;
    private inFlight: Promise<unknown> | undefined;

    constructor(
        private readonly session: Session,
        private groupBy: GroupBy,
        private filter: ImageFilter,
        private readonly logger: Logger,
    ) {}

    get marks(): ImageMarks {
        return { deleting: this.deleting, failed: this.failed };
    }

    /** Why the last load failed, while the view shows that failure; undefined otherwise. */
    get loadError(): unknown {
        return this.state.kind === 'failed' ? this.state.error : undefined;
    }

    get signedIn(): boolean {
        return this.state.kind !== 'signedOut';
    }

    get cachedImages(): readonly ZenlayerImage[] {
        return [...this.images.values()];
    }

    get activeFilter(): ImageFilter {
        return this.filter;
    }

    /** Resolves when no refresh is running any more, including ones started meanwhile (tests and commands wait on it). */
    async whenIdle(): Promise<void> {
        while (this.inFlight) {
            await this.inFlight;
        }
    }

    /**
     * Fetches the whole list once; a newer refresh aborts an older one still running (its remaining pages are not
     * fetched, and it leaves no trace). Resolves with how this refresh ended.
     */
    refresh(): Promise<RefreshOutcome> {
        const generation = ++this.generation;
        this.loading?.abort();
        const controller = new AbortController();
        this.loading = controller;
        // The view's own progress bar shows a load is running, while it keeps showing what it had.
        const loading = Promise.resolve(vscode.window.withProgress({ location: { viewId: IMAGES_VIEW_ID } }, () => this.load(generation, controller.signal)));
        const settled = loading.finally(() => {
            if (generation === this.generation) {
                this.inFlight = undefined;
                this.loading = undefined;
            }
        });
        this.inFlight = settled;
        return settled;
    }

    setGroupBy(groupBy: GroupBy): void {
        if (groupBy !== this.groupBy) {
            this.groupBy = groupBy;
            this.rebuild();
        }
    }

    setFilter(filter: ImageFilter): Promise<RefreshOutcome> {
        this.filter = filter;
        return this.refresh();
    }

    markDeleting(ids: readonly string[], deleting: boolean): void {
        for (const id of ids) {
            if (deleting) {
                this.deleting.add(id);
                this.failed.delete(id);
            } else {
                this.deleting.delete(id);
            }
        }
        this.changed.fire(undefined);
    }

    markFailed(failures: ReadonlyMap<string, string | undefined>): void {
        failures.forEach((reason, id) => this.failed.set(id, reason));
        this.changed.fire(undefined);
    }

    /** Replaces cached images with fresher copies (e.g. now DELETING) and drops the ones that are gone. */
    update(fresh: readonly ZenlayerImage[], goneIds: readonly string[]): void {
        for (const image of fresh) {
            if (this.images.has(image.id)) {
                this.images.set(image.id, image);
            }
        }
        for (const id of goneIds) {
            this.images.delete(id);
            this.failed.delete(id);
        }
        this.rebuild();
    }

    /** Needed by TreeView.reveal: an image's group, or undefined for a root node. */
    getParent(node: TreeNode): TreeNode | undefined {
        if (node.kind !== 'image') {
            return undefined;
        }
        return this.roots.find((root) => root.kind === 'group' && root.children.some((child) => child.id === node.id));
    }

    getTreeItem(node: TreeNode): vscode.TreeItem {
        return toTreeItem(node, this.marks);
    }

    resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
        if (node.kind === 'image') {
            item.tooltip = imageTooltip(node, this.marks);
        }
        return item;
    }

    getChildren(node?: TreeNode): TreeNode[] {
        if (node) {
            return node.kind === 'group' ? [...node.children] : [];
        }
        switch (this.state.kind) {
            case 'signedOut':
                return []; // the welcome view with its Configure Credentials button shows instead
            case 'loading':
                return this.images.size > 0 ? this.roots : [message('loading')];
            case 'failed':
                return [failureMessage(this.state.error)];
            case 'loaded':
                return this.roots.length > 0 ? this.roots : [message(isFilterActive(this.filter) ? 'noMatches' : 'noImages')];
        }
    }

    dispose(): void {
        this.loading?.abort();
        this.changed.dispose();
    }

    /**
     * Keeps the current content (images, the welcome, an error item) until the answer arrives, so a refresh
     * never flickers through a placeholder; only the very first load shows "Loading…".
     */
    private async load(generation: number, signal: AbortSignal): Promise<RefreshOutcome> {
        try {
            const api = await this.session.api();
            if (!api) {
                return this.apply(generation, { kind: 'signedOut' }, []);
            }
            const images = await api.listCustomImages(this.filter, { signal });
            return this.apply(generation, { kind: 'loaded' }, images);
        } catch (error) {
            if (signal.aborted || generation !== this.generation) {
                return 'superseded'; // the newer refresh reports its own outcome
            }
            this.logger.error(`Listing images failed: ${describeError(error)}`);
            return this.apply(generation, { kind: 'failed', error }, []);
        }
    }

    private apply(generation: number, state: Exclude<LoadState, { kind: 'loading' }>, images: readonly ZenlayerImage[]): RefreshOutcome {
        if (generation !== this.generation) {
            return 'superseded'; // a newer refresh owns the view now
        }
        this.state = state;
        this.images = new Map(images.map((image) => [image.id, image]));
        this.failed.clear();
        for (const id of this.deleting) {
            if (!this.images.has(id)) {
                this.deleting.delete(id);
            }
        }
        this.rebuild();
        return state.kind;
    }

    private rebuild(): void {
        this.roots = buildImageTree([...this.images.values()], this.groupBy);
        this.changed.fire(undefined);
    }
}

function message(kind: MessageKind, detail?: string): TreeNode {
    return { kind: 'message', id: `message:${kind}`, message: kind, ...(detail ? { detail } : {}) };
}

function failureMessage(error: unknown): TreeNode {
    const detail = describeError(error);
    // A skewed clock is refused like a wrong key, but re-entering the key would not help.
    const kind = isClockSkew(error) ? 'clockSkew' : isAuthFailure(error) ? 'credentialsRejected' : isUnreachable(error) ? 'unreachable' : 'loadFailed';
    return message(kind, detail);
}
