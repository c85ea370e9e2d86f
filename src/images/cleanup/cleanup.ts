import type { Logger } from '../../platform/logger';
import type { WorkspaceReferences } from '../../shared/references/workspaceReferences';
import { AccountObservations } from '../../shared/records/observations';
import type { ZenlayerImage } from '../../zenlayer';
import type { ImagesModel } from '../model/imagesModel';
import { type CleanupListing, planInputs } from './model/liveInputs';
import type { ObservationStore } from '../model/observedAges';
import { buildCleanupPlan, type CleanupPlan } from './model/plan';
import type { CleanupRules } from './model/rules';
import { type VerdictKey, verdictKeys } from './model/verdicts';

export interface CleanupDependencies {
    readonly model: ImagesModel;
    readonly logger: Logger;
    readonly rules: () => CleanupRules;
    readonly observations: ObservationStore;
    readonly references: WorkspaceReferences | undefined;
    readonly now: () => number;
}

/**
 * What the cleanup knows between commands: the plans opened as documents (Apply Plan finds them by their document),
 * the account's observations as last read, and the live verdicts of the images the view shows (Group By "cleanup").
 */
export class CleanupState {
    private readonly plans = new Map<string, CleanupPlan>();
    private latestPlan: string | undefined;
    private readonly observed = new Map<string, AccountObservations>();
    private readonly reading = new Set<string>();

    constructor(readonly deps: CleanupDependencies) {}

    rememberPlan(documentName: string, plan: CleanupPlan): void {
        this.plans.set(documentName, plan);
        this.latestPlan = documentName;
    }

    /** The plan of this document, or without one the latest plan made in this window. */
    planFor(documentName: string | undefined): CleanupPlan | undefined {
        const name = documentName ?? this.latestPlan;
        return name === undefined ? undefined : this.plans.get(name);
    }

    /**
     * Records a complete listing of the account (every image, and the instances) and returns the observations: what a
     * plan and the prune judge ages by.
     */
    async observe(account: string, images: readonly ZenlayerImage[], usedImageIds: ReadonlySet<string> | undefined): Promise<AccountObservations> {
        const observations = await this.deps.observations.observe(account, { imageIds: images.map((image) => image.id), usedImageIds }, this.deps.now());
        this.observed.set(account, observations);
        return observations;
    }

    /** The observations for a listing that is not complete (a server-side filter): what the record says, plus these images. */
    async observationsFor(account: string, images: readonly ZenlayerImage[]): Promise<AccountObservations> {
        const recorded = await this.deps.observations.read(account);
        this.observed.set(account, recorded);
        return recorded.observe({ imageIds: images.map((image) => image.id), usedImageIds: undefined }, this.deps.now()).observations;
    }

    /** The plan for a listing with observations already at hand. */
    planOf(listing: CleanupListing, observations: AccountObservations): CleanupPlan {
        const { rules, references, now } = this.deps;
        return buildCleanupPlan(planInputs(listing, { rules: rules(), observations, references, now: now() }));
    }

    /**
     * The verdicts of the images the view shows, synchronously for the tree: from the observations last read (read now
     * if there are none yet, then the tree is regrouped). Until they are read, ages are unknown and images are kept.
     */
    liveVerdicts(model: ImagesModel, images: readonly ZenlayerImage[]): Map<string, VerdictKey> {
        const account = model.accountName;
        if (account === undefined) {
            return new Map();
        }
        const listing = listingOf(model, account, images);
        const recorded = this.observed.get(listing.account);
        if (recorded === undefined) {
            this.readInBackground(listing.account);
        }
        const observations =
            recorded?.observe({ imageIds: listing.images.map((image) => image.id), usedImageIds: undefined }, this.deps.now()).observations ??
            emptyObservations(listing.account);
        return verdictKeys(this.planOf(listing, observations));
    }

    private readInBackground(account: string): void {
        if (this.reading.has(account)) {
            return;
        }
        this.reading.add(account);
        void this.deps.observations
            .read(account)
            .then(
                (observations) => {
                    this.observed.set(account, observations);
                    this.deps.model.regroup();
                },
                (error: unknown) => this.deps.logger.warn(`Could not read what this VS Code observed of ${account}: ${String(error)}`),
            )
            .finally(() => this.reading.delete(account));
    }
}

/** What the view has listed, as the cleanup reads a listing. */
export function listingOf(model: ImagesModel, account: string, images: readonly ZenlayerImage[]): CleanupListing {
    return { account, images, instancesOf: (id) => model.instancesOf(id), protectedBy: (image) => model.protectedBy(image) };
}

/** No observations at all: every image's age is unknown (kept), never "there before". */
function emptyObservations(account: string): AccountObservations {
    return new AccountObservations(account, undefined, new Map());
}
