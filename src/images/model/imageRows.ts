import type { WorkspaceReferences } from '../../shared/references/workspaceReferences';
import { type ProtectionRule, protectingEntry } from '../../shared/settings/protection';
import type { ZenlayerImage } from '../../zenlayer/types';
import { referencedFileCounts, referencesShown } from './references';
import { buildImageTree, type GroupBy, type ImageNode, type RootNode, type TreeNode } from './tree';
import type { UsingInstance } from './usage';

/**
 * The rows the view shows for the cached images: grouped as the setting says, each image with what protects it, who
 * uses it, how often the workspace names it and (grouped by cleanup) its live verdict.
 */
export class ImageRows {
    private roots: RootNode[] = [];
    private protection: readonly ProtectionRule[] = [];
    private readonly referencesChanged: { dispose(): void } | undefined;
    /** What the rows of the last rebuild show of the references (referencesShown). */
    private shownReferences = '';

    constructor(
        private groupBy: GroupBy,
        private readonly deps: {
            readonly references?: WorkspaceReferences;
            readonly cleanupVerdicts?: (images: readonly ZenlayerImage[]) => ReadonlyMap<string, string>;
        },
        /** The rows must be built again: what they say of the workspace's references changed. */
        outdated: () => void,
    ) {
        // Every re-scanned file fires a change; only a changed count or readiness rebuilds the rows. A rebuild refreshes
        // the whole tree, and a context-menu command clicked during a refresh gets no row from VS Code.
        this.referencesChanged = deps.references?.onDidChange(() => referencesShown(deps.references) !== this.shownReferences && outdated());
    }

    dispose(): void {
        this.referencesChanged?.dispose();
    }

    get grouping(): GroupBy {
        return this.groupBy;
    }

    /** The rows of the last rebuild: images, or groups of them. */
    get all(): readonly RootNode[] {
        return this.roots;
    }

    /** The image rows top to bottom, as the view shows them (groups expanded). */
    images(): ImageNode[] {
        return this.roots.flatMap((root) => (root.kind === 'image' ? [root] : root.kind === 'group' ? root.children : []));
    }

    /** An image's group (or a region row's image), or undefined for a root node (TreeView.reveal needs it). */
    parentOf(node: TreeNode): TreeNode | undefined {
        if (node.kind === 'region') {
            return node.parent;
        }
        if (node.kind !== 'image') {
            return undefined;
        }
        return this.roots.find((root) => root.kind === 'group' && root.children.some((child) => child.id === node.id));
    }

    /** False when the grouping is already this one (nothing to rebuild). */
    setGroupBy(groupBy: GroupBy): boolean {
        const changed = groupBy !== this.groupBy;
        this.groupBy = groupBy;
        return changed;
    }

    setProtectionRules(rules: readonly ProtectionRule[]): void {
        this.protection = rules;
    }

    /** The protecting entry of zenlayer.delete.protectedImages, or undefined: protected images are never sent. */
    protectedBy(image: ZenlayerImage): string | undefined {
        return protectingEntry(image, this.protection);
    }

    /** `shown`: the images the rows are for; `all`: every cached image (the cleanup judges families as a whole). */
    rebuild(shown: readonly ZenlayerImage[], all: readonly ZenlayerImage[], instancesOf: (imageId: string) => readonly UsingInstance[] | undefined): void {
        const referencedIn = referencedFileCounts(this.deps.references);
        this.shownReferences = referencesShown(this.deps.references);
        const verdicts = this.groupBy === 'cleanup' ? this.deps.cleanupVerdicts?.(all) : undefined;
        this.roots = buildImageTree(shown, this.groupBy, (image) => ({
            protectedBy: this.protectedBy(image),
            instances: instancesOf(image.id),
            referencedIn: referencedIn(image.id),
            ...(verdicts ? { verdict: verdicts.get(image.id) ?? '' } : {}),
        }));
    }
}
