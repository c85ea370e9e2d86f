import { createHash } from 'node:crypto';
import type { AccountObservations, FirstSeen } from '../../../shared/records/observations';
import type { ZenlayerImage } from '../../../zenlayer/types';
import { compareByName, undeletableReason } from '../../model/images';
import { type FamilyPlace, familyPlaces } from './familyPlaces';
import { DAY_MS, type KeepReason, type KeepReasonKind, wholeDays } from './reasons';
import { type PlanInstance, type RegionalCopyProposal, unusedRegionalCopies } from './regionalCopies';
import type { CleanupRules, SettingLevel } from './rules';

/** How often the workspace names an image; 'unknown' while the scan has not finished (the image is then kept). */
export type ReferenceCount = number | 'unknown';

/** Everything a plan is made from, as plain data: a fresh listing, its usage, the settings, the record, the clock. */
export interface CleanupPlanInputs {
    readonly account: string;
    readonly now: number;
    /** The account's custom images, all of them (a complete listing). */
    readonly images: readonly ZenlayerImage[];
    /** The instances running from an image; undefined when instances could not be listed. */
    readonly instancesOf: (imageId: string) => readonly PlanInstance[] | undefined;
    /** The protectedImages entry that protects the image, if any. */
    readonly protectedBy: (image: ZenlayerImage) => string | undefined;
    readonly references: (imageId: string) => ReferenceCount;
    /** The account's observations after recording this listing. */
    readonly observations: AccountObservations;
    readonly rules: CleanupRules;
    /** The region of an instance (from its zone); without it no regional copy is proposed. */
    readonly regionOf?: (instance: PlanInstance) => string | undefined;
}

export interface PlannedImage {
    readonly id: string;
    readonly name: string;
    readonly status: string;
    readonly sizeGiB: number | undefined;
    readonly regionIds: readonly string[];
    readonly family: string;
    readonly firstSeen: FirstSeen | undefined;
    readonly lastUsedAt: number | undefined;
    readonly verdict: 'delete' | 'keep';
    /** Empty exactly when the verdict is delete; otherwise every reason that applies, the strongest first. */
    readonly reasons: readonly KeepReason[];
}

/** The rule values a plan was made with (plain data, for the document). */
export interface PlanRules {
    readonly keepNewest: number;
    readonly minAgeDays: number;
    readonly unusedForDays: number;
    readonly families: readonly { readonly pattern: string; readonly family: string; readonly level: SettingLevel }[];
}

export interface FreedSpace {
    /** The sizes of the images to delete, each once. */
    readonly totalGiB: number;
    /** Per region, every copy there: an image in two regions counts in both, so these may add up to more than the total. */
    readonly byRegion: Readonly<Record<string, number>>;
    /** Images to delete whose size Zenlayer did not give (not in the figures). */
    readonly unknownSizes: number;
}

export interface CleanupPlan {
    /** Changes exactly when what the plan does or why does (same listing and rules → same fingerprint). */
    readonly fingerprint: string;
    readonly account: string;
    readonly createdAt: number;
    readonly rules: PlanRules;
    /** Every image, by name. */
    readonly images: readonly PlannedImage[];
    /** Exactly the images whose verdict is delete, in the order of `images`: what Apply sends, and nothing else. */
    readonly deleteIds: readonly string[];
    readonly freed: FreedSpace;
    /** Copies of kept images in regions where nothing uses them (a separate action from deleting images). */
    readonly regionalCopies: readonly RegionalCopyProposal[];
}

function keepReasons(
    image: ZenlayerImage,
    inputs: CleanupPlanInputs,
    place: FamilyPlace,
    firstSeen: FirstSeen | undefined,
    lastUsedAt: number | undefined,
): KeepReason[] {
    const { rules, now } = inputs;
    const reasons: KeepReason[] = [];
    const undeletable = undeletableReason(image);
    if (undeletable) {
        reasons.push({ kind: 'notDeletable', why: undeletable, status: image.status });
    }
    const protectedBy = inputs.protectedBy(image);
    if (protectedBy !== undefined) {
        reasons.push({ kind: 'protected', entry: protectedBy });
    }
    const instances = inputs.instancesOf(image.id);
    if (instances === undefined) {
        reasons.push({ kind: 'usageUnknown' });
    } else if (instances.length > 0) {
        reasons.push({ kind: 'inUse', instances: instances.length });
    }
    const references = inputs.references(image.id);
    if (references === 'unknown') {
        reasons.push({ kind: 'referencesUnknown' });
    } else if (references > 0) {
        reasons.push({ kind: 'referenced', count: references });
    }
    if (place.rank !== undefined && place.rank <= rules.keepNewest) {
        reasons.push({ kind: 'newestOfFamily', family: place.family.name, rank: place.rank, keep: rules.keepNewest, orderedBy: place.orderedBy });
    }
    if (firstSeen === undefined) {
        reasons.push({ kind: 'firstSeenUnknown' });
        return reasons;
    }
    // Images there at the first listing have no known age: older than any age rule. A rule of 0 days keeps nothing, even
    // an image whose first-seen time is a moment ahead of this clock (another window's, or a clock set back).
    if (rules.minAgeDays > 0 && firstSeen.kind === 'at' && now - firstSeen.at < rules.minAgeDays * DAY_MS) {
        reasons.push({ kind: 'tooNew', firstSeenAt: firstSeen.at, ageDays: wholeDays(firstSeen.at, now), minAgeDays: rules.minAgeDays });
    }
    if (rules.unusedForDays > 0 && instances !== undefined && instances.length === 0) {
        // Unused since its last seen use; never seen in use: since the extension began watching it.
        const unusedSince = lastUsedAt ?? (firstSeen.kind === 'at' ? firstSeen.at : firstSeen.firstListingAt);
        if (now - unusedSince < rules.unusedForDays * DAY_MS) {
            reasons.push({ kind: 'recentlyUsed', unusedSince, unusedDays: wholeDays(unusedSince, now), requiredDays: rules.unusedForDays, lastUsedAt });
        }
    }
    return reasons;
}

function freedSpace(images: readonly PlannedImage[]): FreedSpace {
    let totalGiB = 0;
    let unknownSizes = 0;
    const byRegion: Record<string, number> = {};
    for (const image of images) {
        if (image.sizeGiB === undefined) {
            unknownSizes++;
            continue;
        }
        totalGiB += image.sizeGiB;
        for (const region of image.regionIds) {
            byRegion[region] = (byRegion[region] ?? 0) + image.sizeGiB;
        }
    }
    return { totalGiB, byRegion, unknownSizes };
}

/** Reasons that still let a kept image lose the copies in regions where nothing runs it. */
const REGION_FREE_REASONS: ReadonlySet<KeepReasonKind> = new Set(['inUse', 'newestOfFamily']);

/**
 * Regional copies are proposed only for images kept because they run somewhere or are among the newest of their family
 * (not protected, referenced, too new or of unknown age or usage), and only when "unused now" is the rule: per-region
 * use over time is not observed, so a rule of "unused for U days" proposes none.
 */
function regionalCopies(image: ZenlayerImage, planned: PlannedImage, inputs: CleanupPlanInputs): RegionalCopyProposal[] {
    const { regionOf } = inputs;
    if (
        regionOf === undefined ||
        inputs.rules.unusedForDays > 0 ||
        planned.verdict !== 'keep' ||
        image.status !== 'AVAILABLE' ||
        !planned.reasons.every((reason) => REGION_FREE_REASONS.has(reason.kind))
    ) {
        return [];
    }
    return unusedRegionalCopies(image, inputs.instancesOf(image.id) ?? [], regionOf);
}

function fingerprintOf(account: string, rules: PlanRules, images: readonly PlannedImage[], copies: readonly RegionalCopyProposal[]): string {
    // One text, hashed once: what each image is and what the plan does with it and why.
    const lines = images.map((image) => JSON.stringify([image.id, image.name, image.status, image.verdict, image.reasons.map((reason) => reason.kind).join()]));
    lines.push(JSON.stringify([account, rules, copies.map((copy) => `${copy.imageId}@${copy.regionId}`)]));
    return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

/** Applies the rules to every image of a listing. Pure: the same inputs give the same plan. */
export function buildCleanupPlan(inputs: CleanupPlanInputs): CleanupPlan {
    const images = [...inputs.images].sort(compareByName);
    const places = familyPlaces(images, inputs.rules);
    const planned: PlannedImage[] = [];
    const copies: RegionalCopyProposal[] = [];
    for (const image of images) {
        const place = places.get(image.id)!;
        const firstSeen = inputs.observations.firstSeen(image.id);
        const lastUsedAt = inputs.observations.lastUsedAt(image.id);
        const reasons = keepReasons(image, inputs, place, firstSeen, lastUsedAt);
        const entry: PlannedImage = {
            id: image.id,
            name: image.name,
            status: image.status,
            sizeGiB: image.sizeGiB,
            regionIds: image.regionIds,
            family: place.family.name,
            firstSeen,
            lastUsedAt,
            verdict: reasons.length === 0 ? 'delete' : 'keep',
            reasons,
        };
        planned.push(entry);
        copies.push(...regionalCopies(image, entry, inputs));
    }
    const { keepNewest, minAgeDays, unusedForDays, familyOverrides } = inputs.rules;
    const rules: PlanRules = {
        keepNewest,
        minAgeDays,
        unusedForDays,
        families: familyOverrides.map(({ pattern, family, level }) => ({ pattern, family, level })),
    };
    const deleted = planned.filter((image) => image.verdict === 'delete');
    return {
        fingerprint: fingerprintOf(inputs.account, rules, planned, copies),
        account: inputs.account,
        createdAt: inputs.now,
        rules,
        images: planned,
        deleteIds: deleted.map((image) => image.id),
        freed: freedSpace(deleted),
        regionalCopies: copies,
    };
}
