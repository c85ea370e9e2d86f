import { buildCleanupPlan, type CleanupPlan, type CleanupPlanInputs, type ReferenceCount } from '../../../../src/images/cleanup/model/plan';
import type { PlanInstance } from '../../../../src/images/cleanup/model/regionalCopies';
import { type CleanupRules, DEFAULT_CLEANUP_RULES } from '../../../../src/images/cleanup/model/rules';
import { AccountObservations } from '../../../../src/shared/records/observations';
import type { ZenlayerImage } from '../../../../src/zenlayer/types';

export const NOW = Date.UTC(2026, 11, 20, 12, 0, 0);
export const DAY = 86_400_000;

/** Observations as the extension would have made them: a first listing, then listings that each brought new images. */
export function observed(listings: readonly { at: number; ids: readonly string[]; used?: readonly string[] }[], account = 'Demo'): AccountObservations {
    let observations = new AccountObservations(account, undefined, new Map());
    for (const listing of listings) {
        observations = observations.observe({ imageIds: listing.ids, usedImageIds: new Set(listing.used ?? []) }, listing.at).observations;
    }
    return observations;
}

export interface Scenario {
    readonly images: readonly ZenlayerImage[];
    /** Instances per image ID (zone asia-east-1a unless given); absent means none. */
    readonly instances?: Readonly<Record<string, readonly PlanInstance[]>>;
    readonly usageUnknown?: boolean;
    readonly protectedNames?: readonly string[];
    readonly references?: Readonly<Record<string, ReferenceCount>>;
    /** Default: every image there at a first listing 30 days ago. */
    readonly observations?: AccountObservations;
    readonly rules?: Partial<CleanupRules>;
    readonly now?: number;
    readonly regionOf?: CleanupPlanInputs['regionOf'];
}

export function inputsOf(scenario: Scenario): CleanupPlanInputs {
    return {
        account: 'Demo',
        now: scenario.now ?? NOW,
        images: scenario.images,
        instancesOf: (id) => (scenario.usageUnknown ? undefined : (scenario.instances?.[id] ?? [])),
        protectedBy: (image) => (scenario.protectedNames?.includes(image.name) ? `${image.name} (entry)` : undefined),
        references: (id) => scenario.references?.[id] ?? 0,
        observations: scenario.observations ?? observed([{ at: NOW - 30 * DAY, ids: scenario.images.map((image) => image.id) }]),
        rules: { ...DEFAULT_CLEANUP_RULES, ...scenario.rules },
        ...(scenario.regionOf ? { regionOf: scenario.regionOf } : {}),
    };
}

export function planOf(scenario: Scenario): CleanupPlan {
    return buildCleanupPlan(inputsOf(scenario));
}

/** name → the kinds of its keep reasons, or 'delete'. */
export function verdicts(plan: CleanupPlan): Record<string, string> {
    return Object.fromEntries(
        plan.images.map((image) => [image.name, image.verdict === 'delete' ? 'delete' : image.reasons.map((reason) => reason.kind).join('+')]),
    );
}

export function instances(count: number, zoneId = 'asia-east-1a'): PlanInstance[] {
    return Array.from({ length: count }, (_, index) => ({ id: `ins-${zoneId}-${index}`, zoneId }));
}
