import type { WorkspaceReferences } from '../../../shared/references/workspaceReferences';
import type { AccountObservations } from '../../../shared/records/observations';
import type { ZenlayerImage } from '../../../zenlayer/types';
import type { CleanupPlanInputs, ReferenceCount } from './plan';
import type { PlanInstance } from './regionalCopies';
import type { CleanupRules } from './rules';

/**
 * The workspace's references as the plan counts them: the number of files once the scan is ready; 'unknown' (the image
 * is kept, and the plan says why) while it has not finished or failed; none when the workspace is not searched at all.
 */
export function referenceCounter(references: WorkspaceReferences | undefined): (imageId: string) => ReferenceCount {
    if (references === undefined) {
        return () => 0;
    }
    if (references.status.kind !== 'ready') {
        return () => 'unknown';
    }
    const counts = references.referencedImages();
    return (imageId) => counts.get(imageId) ?? 0;
}

/** One listing of the account with its usage, as every cleanup verdict starts from it (plan, prune and tree alike). */
export interface CleanupListing {
    readonly account: string;
    readonly images: readonly ZenlayerImage[];
    /** Undefined when the instances could not be listed. */
    readonly instancesOf: (imageId: string) => readonly PlanInstance[] | undefined;
    readonly protectedBy: (image: ZenlayerImage) => string | undefined;
    /** An instance's region (Plan Cleanup… only): without it no regional copy is proposed. */
    readonly regionOf?: (instance: PlanInstance) => string | undefined;
}

/** The plan's inputs: the plan, Delete Unused Images and Group By "cleanup" all build them here, so they never disagree. */
export function planInputs(
    listing: CleanupListing,
    context: {
        readonly rules: CleanupRules;
        readonly observations: AccountObservations;
        readonly references: WorkspaceReferences | undefined;
        readonly now: number;
    },
): CleanupPlanInputs {
    return {
        account: listing.account,
        now: context.now,
        images: listing.images,
        instancesOf: listing.instancesOf,
        protectedBy: listing.protectedBy,
        references: referenceCounter(context.references),
        observations: context.observations,
        rules: context.rules,
        regionOf: listing.regionOf,
    };
}

/** How long a plan or a prune waits for the workspace scan before counting its images as possibly referenced (kept). */
export const REFERENCES_WAIT_MS = 15_000;

/**
 * Starts the workspace scan if needed and waits for it, at most `ms`: a plan made while the scan runs would keep every
 * image as "workspace not searched yet". Never rejects.
 */
export async function referencesSettled(references: WorkspaceReferences | undefined, ms = REFERENCES_WAIT_MS): Promise<void> {
    if (references === undefined || references.status.kind === 'ready') {
        return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
        references.whenReady().catch(() => undefined),
        new Promise((resolve) => {
            timer = setTimeout(resolve, ms);
        }),
    ]);
    clearTimeout(timer);
}
