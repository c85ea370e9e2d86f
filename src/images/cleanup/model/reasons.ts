/**
 * Why the cleanup keeps an image, as data: the view layer words each kind (and says that ages are what this VS Code
 * observed, not creation times). An image is deleted exactly when it has no reason to be kept.
 */
export type KeepReason =
    /** Zenlayer would refuse it: a public image, a transitional status (CREATING, SYNCING, PROCESSING), or DELETING. */
    | { readonly kind: 'notDeletable'; readonly why: 'public' | 'transitional' | 'deleting'; readonly status: string }
    /** An entry of zenlayer.delete.protectedImages matches it. */
    | { readonly kind: 'protected'; readonly entry: string }
    | { readonly kind: 'inUse'; readonly instances: number }
    /** Instances could not be listed: no image is called unused without knowing. */
    | { readonly kind: 'usageUnknown' }
    /** Named in files of the workspace. */
    | { readonly kind: 'referenced'; readonly count: number }
    /** The workspace scan has not finished (or failed): it might be referenced. */
    | { readonly kind: 'referencesUnknown' }
    /** Among the newest `keep` AVAILABLE images of its family (`rank` 1 is the newest). */
    | { readonly kind: 'newestOfFamily'; readonly family: string; readonly rank: number; readonly keep: number; readonly orderedBy: 'imageVersion' | 'name' }
    /** First seen by this extension less than `minAgeDays` ago. */
    | { readonly kind: 'tooNew'; readonly firstSeenAt: number; readonly ageDays: number; readonly minAgeDays: number }
    /** Not in the observation record (never listed before this plan): its age is not known. */
    | { readonly kind: 'firstSeenUnknown' }
    /**
     * Unused, but not for long enough: unused since `unusedSince` (its last seen use, or since it was first seen or
     * the first listing when never seen in use), `unusedDays` of the `requiredDays`.
     */
    | {
          readonly kind: 'recentlyUsed';
          readonly unusedSince: number;
          readonly unusedDays: number;
          readonly requiredDays: number;
          readonly lastUsedAt: number | undefined;
      };

export type KeepReasonKind = KeepReason['kind'];

export const DAY_MS = 86_400_000;

/** Whole days from `since` to `now` (0 for the same day or a time ahead of `now`). */
export function wholeDays(since: number, now: number): number {
    return Math.max(0, Math.floor((now - since) / DAY_MS));
}
