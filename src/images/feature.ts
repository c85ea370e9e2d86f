import { bindCommands } from '../platform/commands';
import type { Logger } from '../platform/logger';
import type { UserInterface } from '../platform/userInterface';
import type { WorkspaceReferences } from '../shared/references/workspaceReferences';
import type { ImagesApi } from '../shared/session/session';
import type { ConfirmationMode, GroupBy } from '../shared/settings/settings';
import { CleanupState } from './cleanup/cleanup';
import { type CleanupRules, DEFAULT_CLEANUP_RULES } from './cleanup/model/rules';
import { IMAGE_COMMANDS } from './commands';
import type { ImagesCommandContext } from './commands/context';
import { DeleteFlow } from './delete/deleteFlow';
import { DeleteRecorder, type HistoryStore } from './delete/deleteRecorder';
import { ObservedAges, type ObservationStore } from './model/observedAges';
import { reportPollingGaveUp } from './delete/followUntilGone';
import type { ImageFilter } from './model/filter';
import { ImagesModel } from './model/imagesModel';
import type { FailureClassifier } from './model/loadState';
import { ImageLifecycle } from './model/lifecycle';
import { reportLifecycleOutcome } from './lifecycle/report';
import type { Scheduler } from './model/polling';
import type { TreeNode } from './model/tree';

/** What the images feature needs from the shared layer; activate() and the unit tests' support both supply it. */
export interface ImagesFeatureDependencies {
    readonly ui: UserInterface;
    readonly logger: Logger;
    /** The API for the active account; undefined when signed out. */
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly describeError: (error: unknown) => string;
    readonly classify: FailureClassifier;
    readonly settings: () => { readonly confirmation: ConfirmationMode; readonly typeCountThreshold: number; readonly pollIntervalMs: number };
    readonly updateGroupBy: (groupBy: GroupBy) => Promise<void>;
    /** Persists the filter (per workspace) when the user changes it. */
    readonly saveFilter: (filter: ImageFilter) => Promise<void>;
    readonly initial: { readonly groupBy: GroupBy; readonly filter: ImageFilter };
    readonly scheduler: Scheduler;
    /** Shows that a load runs (the view's progress bar) while the view keeps showing what it had. */
    readonly withProgress: <R>(task: () => Promise<R>) => Promise<R>;
    /** The credentials flow of the accounts feature, offered when nobody is signed in. */
    readonly configureCredentials: () => Promise<void>;
    /** The files every window of the profile writes (src/shared/records): what was seen of each account, what was deleted. */
    readonly records: { readonly observations: ObservationStore; readonly history: HistoryStore };
    /** The workspace's references to the images: rows, tooltips, Group By usage and the explicit deletes' confirmations. */
    readonly references?: WorkspaceReferences;
    /** How long an explicit delete waits for the workspace search (tests make it short). */
    readonly referencesWaitMs?: number;
    /** zenlayer.cleanup.* from every settings level (default: the defaults). */
    readonly cleanupRules?: () => CleanupRules;
    /** The cleanup's clock (plans' times and ages). */
    readonly now?: () => number;
}

/** The view around the model: its selection, and selecting a row (TreeView.reveal in VS Code). */
export interface ImagesViewPort {
    readonly selection: () => readonly TreeNode[];
    readonly select: (node: TreeNode) => Thenable<void>;
}

export interface ImagesFeature<V extends ImagesViewPort = ImagesViewPort> {
    readonly model: ImagesModel;
    readonly lifecycle: ImageLifecycle;
    readonly view: V;
    readonly deletes: DeleteFlow;
    /** The observation record as listings feed it, and the delete history as deletes append to it. */
    readonly records: ImagesRecords;
    readonly cleanup: CleanupState;
    /** Every command's handler by its name in COMMANDS (register.ts registers them; unit tests call them). */
    readonly commands: { readonly [K in keyof typeof IMAGE_COMMANDS]: ReturnType<(typeof IMAGE_COMMANDS)[K]> };
    dispose(): void;
}

export interface ImagesRecords {
    /** Observations per account: `observations(account)` after a listing, `observe(listing)` for a listing of one's own. */
    readonly ages: ObservedAges;
    /** `record(account, { trigger, planFingerprint }, outcome, reasons, sentAt)`; `deleted(imageId)` for the references. */
    readonly recorder: DeleteRecorder;
    readonly history: HistoryStore;
}

/** The images feature assembled once, for activate() (through register.ts) and for the unit tests alike. */
export function createImagesFeature<V extends ImagesViewPort>(
    deps: ImagesFeatureDependencies,
    createView: (model: ImagesModel, records: ImagesRecords, lifecycle: ImageLifecycle) => V,
): ImagesFeature<V> {
    const now = () => deps.scheduler.now();
    const ages = new ObservedAges({ store: deps.records.observations, now, later: (work) => setTimeout(work, 0) });
    // The model asks the cleanup for verdicts; the cleanup reads the model: made just after it.
    const late: { cleanup?: CleanupState } = {};
    const model: ImagesModel = new ImagesModel({
        api: deps.api,
        logger: deps.logger,
        describeError: deps.describeError,
        classify: deps.classify,
        withProgress: deps.withProgress,
        saveFilter: deps.saveFilter,
        scheduler: deps.scheduler,
        pollIntervalMs: () => deps.settings().pollIntervalMs,
        onPollingGaveUp: (remaining) => reportPollingGaveUp(deps.ui, deps.logger, remaining),
        initial: deps.initial,
        listed: (listing) => ages.listed(listing),
        references: deps.references,
        cleanupVerdicts: (images): ReadonlyMap<string, string> => late.cleanup?.liveVerdicts(model, images) ?? new Map(),
    });
    const recorder = new DeleteRecorder({ store: deps.records.history, now, shownAccount: () => model.accountName });
    // The shown account's deleted images are read as soon as it is known, before its listing (and the diagnostics) come.
    const followAccount = model.onDidChange(() => recorder.followShownAccount());
    const records: ImagesRecords = { ages, recorder, history: deps.records.history };
    const lifecycle: ImageLifecycle = new ImageLifecycle({
        api: deps.api,
        images: model,
        logger: deps.logger,
        describeError: deps.describeError,
        scheduler: deps.scheduler,
        pollIntervalMs: () => deps.settings().pollIntervalMs,
        onSettled: (outcome) => reportLifecycleOutcome(deps.ui, outcome, lifecycle.knownRegions),
    });
    // The view's complete listings reach the record through `listed` above; the cleanup reads and records through the
    // same ages, so a plan made just after a listing sees it.
    const cleanup = new CleanupState({
        model,
        logger: deps.logger,
        rules: deps.cleanupRules ?? (() => DEFAULT_CLEANUP_RULES),
        observations: ages,
        references: deps.references,
        now: deps.now ?? Date.now,
    });
    late.cleanup = cleanup;
    const view = createView(model, records, lifecycle);
    const deletes = new DeleteFlow({
        ui: deps.ui,
        api: deps.api,
        model,
        logger: deps.logger,
        confirmation: () => deps.settings().confirmation,
        typeCountThreshold: () => deps.settings().typeCountThreshold,
        configureCredentials: deps.configureCredentials,
        selection: view.selection,
        select: view.select,
        recorder,
        now,
        references: deps.references,
        referencesWaitMs: deps.referencesWaitMs,
    });
    const context: ImagesCommandContext = {
        ui: deps.ui,
        model,
        deletes,
        configureCredentials: deps.configureCredentials,
        selection: view.selection,
        updateGroupBy: deps.updateGroupBy,
        records,
        api: deps.api,
        lifecycle,
        logger: deps.logger,
        cleanup,
    };
    return {
        model,
        lifecycle,
        view,
        deletes,
        records,
        cleanup,
        commands: bindCommands(IMAGE_COMMANDS, context) as ImagesFeature['commands'],
        dispose: () => {
            followAccount.dispose();
            deletes.dispose();
            lifecycle.dispose();
            model.dispose();
        },
    };
}
