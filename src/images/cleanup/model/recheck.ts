import type { ZenlayerImage } from '../../../zenlayer/types';
import type { CleanupPlan, ReferenceCount } from './plan';
import type { PlanInstance } from './regionalCopies';

/**
 * Just before Apply sends a plan: each planned image is looked at again (a fresh listing of those IDs and of the
 * instances using them), and one that changed since the plan is not sent. Applying only ever sends fewer images.
 */

/** What changed about a planned image since the plan; any change holds it back. */
export type PlanChange =
    /** No longer listed. */
    | { readonly kind: 'gone' }
    | { readonly kind: 'status'; readonly from: string; readonly to: string }
    | { readonly kind: 'renamed'; readonly from: string; readonly to: string }
    | { readonly kind: 'inUse'; readonly instances: number }
    | { readonly kind: 'usageUnknown' }
    | { readonly kind: 'protected'; readonly entry: string }
    | { readonly kind: 'referenced'; readonly count: number }
    | { readonly kind: 'referencesUnknown' };

export interface HeldImage {
    readonly id: string;
    /** The name in the plan. */
    readonly name: string;
    readonly changes: readonly PlanChange[];
}

export interface Recheck {
    /** The planned IDs that did not change, in the plan's order: what to send. */
    readonly send: readonly string[];
    /** The planned images that changed, with what changed: not sent, and named in the result. */
    readonly held: readonly HeldImage[];
}

export function recheckBeforeApply(
    plan: CleanupPlan,
    freshImages: readonly ZenlayerImage[],
    freshUsage: (imageId: string) => readonly PlanInstance[] | undefined,
    protectedBy: (image: ZenlayerImage) => string | undefined,
    references: (imageId: string) => ReferenceCount,
): Recheck {
    const fresh = new Map(freshImages.map((image) => [image.id, image]));
    const planned = new Map(plan.images.map((image) => [image.id, image]));
    const send: string[] = [];
    const held: HeldImage[] = [];
    for (const id of plan.deleteIds) {
        const before = planned.get(id)!;
        const now = fresh.get(id);
        const changes: PlanChange[] = [];
        if (now === undefined) {
            changes.push({ kind: 'gone' });
        } else {
            if (now.status !== before.status) {
                changes.push({ kind: 'status', from: before.status, to: now.status });
            }
            if (now.name !== before.name) {
                changes.push({ kind: 'renamed', from: before.name, to: now.name });
            }
            const entry = protectedBy(now);
            if (entry !== undefined) {
                changes.push({ kind: 'protected', entry });
            }
            const instances = freshUsage(id);
            if (instances === undefined) {
                changes.push({ kind: 'usageUnknown' });
            } else if (instances.length > 0) {
                changes.push({ kind: 'inUse', instances: instances.length });
            }
            const count = references(id);
            if (count === 'unknown') {
                changes.push({ kind: 'referencesUnknown' });
            } else if (count > 0) {
                changes.push({ kind: 'referenced', count });
            }
        }
        if (changes.length === 0) {
            send.push(id);
        } else {
            held.push({ id, name: before.name, changes });
        }
    }
    return { send, held };
}

/** A plan older than this is planned again before it is applied: the account has had time to change. */
export const MAX_PLAN_AGE_MS = 30 * 60_000;
/** A plan this far in the future means the clock was changed: its age cannot be trusted. */
const CLOCK_TOLERANCE_MS = 60_000;

export type ApplyRefusal =
    | { readonly kind: 'otherAccount'; readonly planAccount: string; readonly account: string }
    | { readonly kind: 'tooOld'; readonly ageMs: number; readonly maxAgeMs: number }
    | { readonly kind: 'clockChanged'; readonly aheadMs: number };

export function planAge(plan: CleanupPlan, now: number): number {
    return now - plan.createdAt;
}

/** Whether a plan may be applied to `account` (the active one) at `now`; a refusal offers to plan again. */
export function canApply(plan: CleanupPlan, account: string, now: number): { readonly ok: true } | { readonly ok: false; readonly refusal: ApplyRefusal } {
    if (plan.account !== account) {
        return { ok: false, refusal: { kind: 'otherAccount', planAccount: plan.account, account } };
    }
    const age = planAge(plan, now);
    if (age < -CLOCK_TOLERANCE_MS) {
        return { ok: false, refusal: { kind: 'clockChanged', aheadMs: -age } };
    }
    if (age > MAX_PLAN_AGE_MS) {
        return { ok: false, refusal: { kind: 'tooOld', ageMs: age, maxAgeMs: MAX_PLAN_AGE_MS } };
    }
    return { ok: true };
}
