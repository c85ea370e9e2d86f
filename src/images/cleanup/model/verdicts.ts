import type { KeepReasonKind } from './reasons';
import type { CleanupPlan, PlannedImage } from './plan';

/** An image's live verdict in one word: 'delete', or the strongest reason it is kept (the tree's groups, the prune's separators). */
export type VerdictKey = 'delete' | KeepReasonKind;

export function verdictKey(image: PlannedImage): VerdictKey {
    return image.verdict === 'delete' ? 'delete' : image.reasons[0].kind;
}

/** Every image's verdict key by ID. */
export function verdictKeys(plan: CleanupPlan): Map<string, VerdictKey> {
    return new Map(plan.images.map((image) => [image.id, verdictKey(image)]));
}

/** The kept images grouped by their strongest reason, in the order reasons are weighed (protected before in use …). */
export function keptByReason(plan: CleanupPlan): Map<KeepReasonKind, PlannedImage[]> {
    const groups = new Map<KeepReasonKind, PlannedImage[]>();
    for (const image of plan.images) {
        if (image.verdict === 'keep') {
            const kind = image.reasons[0].kind;
            const members = groups.get(kind);
            if (members) {
                members.push(image);
            } else {
                groups.set(kind, [image]);
            }
        }
    }
    return new Map([...groups].sort(([a], [b]) => REASON_ORDER.indexOf(a) - REASON_ORDER.indexOf(b)));
}

export const REASON_ORDER: readonly KeepReasonKind[] = [
    'notDeletable',
    'protected',
    'inUse',
    'usageUnknown',
    'referenced',
    'referencesUnknown',
    'newestOfFamily',
    'tooNew',
    'firstSeenUnknown',
    'recentlyUsed',
];

/** The tree's groups in this order: what would go first. */
export const VERDICT_ORDER: readonly VerdictKey[] = ['delete', ...REASON_ORDER];
