export type { GroupBy } from '../../shared/settings/settings';
import type { GroupBy } from '../../shared/settings/settings';
import type { ZenlayerImage } from '../../zenlayer/types';
import { compareByName, isDeletable } from './images';
import type { RegionNode } from './regionRows';
import type { UsingInstance } from './usage';
import { VERDICT_ORDER } from '../cleanup/model/verdicts';

export interface ImageNode {
    readonly kind: 'image';
    /** Unique in the tree: an image listed under several regions appears once per region group. */
    readonly id: string;
    readonly image: ZenlayerImage;
    /** The entry of zenlayer.delete.protectedImages that protects the image, if any. */
    readonly protectedBy?: string;
    /** The instances that run from the image; undefined when usage is unknown. */
    readonly instances?: readonly UsingInstance[];
    /** How many workspace files reference the image (0: none); undefined while the workspace scan is not ready. */
    readonly referencedIn?: number;
    /** Group By "cleanup": the image's live verdict ('delete' or the strongest reason it is kept; '' not known yet). */
    readonly verdict?: string;
    /** Set for an image inside a group: its row leaves out what the group already says. */
    readonly groupedBy?: Exclude<GroupBy, 'none'>;
}

/** What the model knows about an image beyond the listing, attached to its nodes. */
export type ImageFacts = Pick<ImageNode, 'protectedBy' | 'instances' | 'referencedIn' | 'verdict'>;

/**
 * The usage groups' keys, in the order they show; '' is "usage unknown". An image no instance runs but the workspace's
 * code references is still needed: it has a group of its own, ahead of the unused ones.
 */
export const USAGE_GROUP_KEYS = { inUse: 'inUse', referenced: 'referenced', unused: 'unused' } as const;

export interface GroupNode {
    readonly kind: 'group';
    readonly id: string;
    readonly groupBy: Exclude<GroupBy, 'none'>;
    /** The status, OS type, region, usage or cleanup verdict key; '' when the image has none (or its usage is unknown). */
    readonly key: string;
    readonly children: readonly ImageNode[];
    readonly deletableCount: number;
}

/** Placeholder rows that stand for the whole view's state; clicking one runs its action. */
/** The rows that stand for a failed load (as opposed to loading or an empty account). */
export const FAILURE_MESSAGE_KINDS = ['credentialsRejected', 'clockSkew', 'unreachable', 'loadFailed'] as const;
export type MessageKind = 'loading' | 'noImages' | 'noMatches' | 'usageUnknown' | (typeof FAILURE_MESSAGE_KINDS)[number];

export function isFailureMessage(kind: MessageKind): boolean {
    return (FAILURE_MESSAGE_KINDS as readonly MessageKind[]).includes(kind);
}
export interface MessageNode {
    readonly kind: 'message';
    readonly id: string;
    readonly message: MessageKind;
    /** The error text, for the failure kinds. */
    readonly detail?: string;
}

/** Region rows are made when an image row is expanded (src/images/model/regionRows.ts), never by buildImageTree. */
export type TreeNode = RootNode | RegionNode;
/** The rows buildImageTree makes: images, groups, messages. */
export type RootNode = ImageNode | GroupNode | MessageNode;

function groupKeys(image: ZenlayerImage, facts: ImageFacts, groupBy: Exclude<GroupBy, 'none'>): readonly string[] {
    switch (groupBy) {
        case 'usage':
            return [usageGroupKey(facts)];
        case 'status':
            return [image.status];
        case 'osType':
            return [image.osType ?? ''];
        case 'region':
            return image.regionIds.length > 0 ? image.regionIds : [''];
        case 'cleanup':
            return [facts.verdict ?? ''];
    }
}

function usageGroupKey({ instances, referencedIn }: ImageFacts): string {
    if (instances !== undefined && instances.length > 0) {
        return USAGE_GROUP_KEYS.inUse;
    }
    if (referencedIn !== undefined && referencedIn > 0) {
        return USAGE_GROUP_KEYS.referenced;
    }
    return instances === undefined ? '' : USAGE_GROUP_KEYS.unused;
}

/** Keyless groups ("no region", "unknown OS") go last; the rest alphabetically. */
function compareGroupKeys(a: string, b: string): number {
    if (a === '' || b === '') {
        return a === b ? 0 : a === '' ? 1 : -1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
}

/** "Would delete" first, then the reasons to keep in the order they are weighed, unknown last. */
function verdictRank(key: string): number {
    const rank = (VERDICT_ORDER as readonly string[]).indexOf(key);
    return rank === -1 ? VERDICT_ORDER.length : rank;
}

/**
 * Builds the whole tree from the cached list in one pass, so expanding a group never fetches.
 * O(n log n); the benchmark runs it on 10,000 images.
 */
export function buildImageTree(images: readonly ZenlayerImage[], groupBy: GroupBy, facts: (image: ZenlayerImage) => ImageFacts = () => ({})): RootNode[] {
    const sorted = [...images].sort(compareByName);
    if (groupBy === 'none') {
        return sorted.map((image) => ({ kind: 'image', id: image.id, image, ...facts(image) }));
    }
    const groups = new Map<string, ImageNode[]>();
    for (const image of sorted) {
        const known = facts(image);
        for (const key of groupKeys(image, known, groupBy)) {
            let members = groups.get(key);
            if (!members) {
                members = [];
                groups.set(key, members);
            }
            members.push({ kind: 'image', id: `${groupBy}:${key}/${image.id}`, image, groupedBy: groupBy, ...known });
        }
    }
    const order = groupBy === 'cleanup' ? (a: string, b: string) => verdictRank(a) - verdictRank(b) : compareGroupKeys;
    return [...groups.keys()].sort(order).map((key) => {
        const children = groups.get(key) ?? [];
        return {
            kind: 'group',
            id: `${groupBy}:${key}`,
            groupBy,
            key,
            children,
            deletableCount: children.filter((node) => isDeletable(node.image) && node.protectedBy === undefined).length,
        };
    });
}
