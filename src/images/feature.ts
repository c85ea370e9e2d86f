import { bindCommands } from '../platform/commands';
import type { Logger } from '../platform/logger';
import type { UserInterface } from '../platform/userInterface';
import type { WorkspaceReferences } from '../shared/references/workspaceReferences';
import type { ImagesApi } from '../shared/session/session';
import type { ConfirmationMode, GroupBy } from '../shared/settings/settings';
import { CleanupState } from './cleanup/cleanup';
import { recordViewListings } from './cleanup/recordListings';
import { MemoryObservations, type ObservationsPort } from './cleanup/model/observationsPort';
import { type CleanupRules, DEFAULT_CLEANUP_RULES } from './cleanup/model/rules';
import { IMAGE_COMMANDS } from './commands';
import type { ImagesCommandContext } from './commands/context';
import { DeleteFlow } from './delete/deleteFlow';
import { reportPollingGaveUp } from './delete/followUntilGone';
import type { ImageFilter } from './model/filter';
import { type FailureClassifier, ImagesModel } from './model/imagesModel';
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
    /** zenlayer.cleanup.* from every settings level (default: the defaults). */
    readonly cleanupRules?: () => CleanupRules;
    /** Image references in the workspace: the cleanup keeps referenced images (none counted when absent). */
    readonly references?: WorkspaceReferences;
    /**
     * What this VS Code observed of each account's images: the ObservationRecord of src/shared/records fits. Absent: an
     * in-memory stand-in (this window only). Either way the view's complete listings are recorded through it.
     */
    readonly observations?: ObservationsPort;
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
    readonly view: V;
    readonly deletes: DeleteFlow;
    readonly cleanup: CleanupState;
    /** Every command's handler by its name in COMMANDS (register.ts registers them; unit tests call them). */
    readonly commands: { readonly [K in keyof typeof IMAGE_COMMANDS]: ReturnType<(typeof IMAGE_COMMANDS)[K]> };
    dispose(): void;
}

/** The images feature assembled once, for activate() (through register.ts) and for the unit tests alike. */
export function createImagesFeature<V extends ImagesViewPort>(deps: ImagesFeatureDependencies, createView: (model: ImagesModel) => V): ImagesFeature<V> {
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
        cleanupVerdicts: (images): ReadonlyMap<string, string> => late.cleanup?.liveVerdicts(model, images) ?? new Map(),
    });
    const observations = deps.observations ?? new MemoryObservations();
    const cleanup = new CleanupState({
        model,
        logger: deps.logger,
        rules: deps.cleanupRules ?? (() => DEFAULT_CLEANUP_RULES),
        observations,
        references: deps.references,
        now: deps.now ?? Date.now,
    });
    late.cleanup = cleanup;
    const recording = recordViewListings(model, cleanup);
    const view = createView(model);
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
    });
    const context: ImagesCommandContext = {
        ui: deps.ui,
        model,
        deletes,
        configureCredentials: deps.configureCredentials,
        selection: view.selection,
        updateGroupBy: deps.updateGroupBy,
        api: deps.api,
        cleanup,
    };
    return {
        model,
        view,
        deletes,
        cleanup,
        commands: bindCommands(IMAGE_COMMANDS, context) as ImagesFeature['commands'],
        dispose: () => {
            recording.dispose();
            deletes.dispose();
            model.dispose();
        },
    };
}
