import type { Logger } from '../../platform/logger';
import type { WorkspaceReferences } from '../../shared/references/workspaceReferences';
import type { ImagesApi } from '../../shared/session/session';
import type { ZenlayerImage } from '../../zenlayer/types';
import type { ImageFilter } from './filter';
import type { CompleteListing } from './listing';
import type { FailureClassifier } from './loadState';
import type { Scheduler } from './polling';
import type { GroupBy } from './tree';

/** What the images model is given: the API, the log, the view's progress, and what other parts want of each listing. */
export interface ImagesModelDependencies {
    /** The API for the stored credentials; undefined when signed out. */
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly logger: Logger;
    /** One line for the log (the view's own texts are built from the typed state). */
    readonly describeError: (error: unknown) => string;
    readonly classify: FailureClassifier;
    /** Shows that a load runs (the view's progress bar) while the view keeps showing what it had. */
    readonly withProgress: <R>(task: () => Promise<R>) => Promise<R>;
    /** Persists the filter (per workspace) when the user changes it. */
    readonly saveFilter: (filter: ImageFilter) => Promise<void>;
    readonly scheduler: Scheduler;
    readonly pollIntervalMs: () => number;
    /** Deleted images still listed when polling gives up. */
    readonly onPollingGaveUp: (remaining: readonly string[]) => void;
    readonly initial: { readonly groupBy: GroupBy; readonly filter: ImageFilter };
    /** Group By "cleanup": each listed image's live cleanup verdict (the cleanup's rules, not the model's). */
    readonly cleanupVerdicts?: (images: readonly ZenlayerImage[]) => ReadonlyMap<string, string>;
    /** The workspace's references to the images (rows, tooltips, Group By usage); absent in tests that do not need them. */
    readonly references?: WorkspaceReferences;
    /** Every complete listing (no filter Zenlayer applies), for the observation record; called before the view updates. */
    readonly listed?: (listing: CompleteListing) => void;
}
