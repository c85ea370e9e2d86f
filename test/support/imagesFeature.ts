// The images feature assembled as activate() assembles it, over a fake account, a fake clock and the scripted UI, for
// unit tests of the delete flow and the view commands in plain Node.
import { createImagesFeature } from '../../src/images/feature';
import type { ImageFilter } from '../../src/images/model/filter';
import type { GroupBy, TreeNode } from '../../src/images/model/tree';
import { describeError, isAuthFailure, isClockSkew, isUnreachable } from '../../src/platform/errorText';
import type { ConfirmationMode } from '../../src/shared/settings/settings';
import { DeleteHistory } from '../../src/shared/records/deleteHistory';
import { ObservationRecord } from '../../src/shared/records/observations';
import { type CleanupRules, DEFAULT_CLEANUP_RULES } from '../../src/images/cleanup/model/rules';
import type { WorkspaceReferences } from '../../src/shared/references/workspaceReferences';
import { FakeAccount } from './fakeAccount';
import { FakeClock } from './fakeClock';
import { ScriptedUi } from './scriptedUi';
import { tempFolder } from './tempFolders';

export interface MemoryLogger {
    readonly lines: string[];
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
}

export function memoryLogger(): MemoryLogger {
    const lines: string[] = [];
    return {
        lines,
        debug: (message) => lines.push(`[debug] ${message}`),
        info: (message) => lines.push(`[info] ${message}`),
        warn: (message) => lines.push(`[warn] ${message}`),
        error: (message) => lines.push(`[error] ${message}`),
    };
}

export interface ImagesFeatureOptions {
    readonly account?: FakeAccount;
    readonly groupBy?: GroupBy;
    readonly filter?: ImageFilter;
    /** Whether the view is visible from the start (default true). */
    readonly visible?: boolean;
    /** The records' storage folder (default: a fresh temporary one). */
    readonly storage?: string;
    /** The workspace's references (a FakeWorkspaceReferences); none by default. */
    readonly references?: WorkspaceReferences;
    /** How long an explicit delete waits for the workspace search. */
    readonly referencesWaitMs?: number;
    /** The account the view shows (default "Demo"). */
    readonly accountName?: string;
}

export function imagesFeature(options: ImagesFeatureOptions = {}) {
    const account = options.account ?? new FakeAccount();
    const clock = new FakeClock();
    const logger = memoryLogger();
    const ui = new ScriptedUi();
    const settings = { confirmation: 'modal' as ConfirmationMode, typeCountThreshold: 10 };
    // The cleanup rules in effect; a test changes them in place.
    const cleanupRules: { -readonly [K in keyof CleanupRules]: CleanupRules[K] } = { ...DEFAULT_CLEANUP_RULES };
    let selection: readonly TreeNode[] = [];
    let configureCalls = 0;
    // The records in a folder of their own, as in the extension's global storage.
    const storage = options.storage ?? tempFolder();
    const records = { observations: new ObservationRecord(storage, logger), history: new DeleteHistory(storage, logger) };
    const api = () => Promise.resolve(account.signedIn ? account.api : undefined);
    const feature = createImagesFeature(
        {
            ui,
            logger,
            api,
            describeError,
            classify: { isClockSkew, isAuthFailure, isUnreachable },
            settings: () => ({ ...settings, pollIntervalMs: 5000 }),
            updateGroupBy: () => Promise.resolve(),
            saveFilter: () => Promise.resolve(),
            initial: { groupBy: options.groupBy ?? 'none', filter: options.filter ?? {} },
            scheduler: clock,
            withProgress: (task) => task(),
            configureCredentials: () => {
                configureCalls++;
                return Promise.resolve();
            },
            records,
            references: options.references,
            referencesWaitMs: options.referencesWaitMs,
            cleanupRules: () => cleanupRules,
            now: () => clock.now(),
        },
        () => ({
            selection: () => selection,
            select: (node: TreeNode) => {
                selection = [node];
                return Promise.resolve();
            },
        }),
    );
    const { model, commands, lifecycle } = feature;
    model.accountRenamed(options.accountName ?? 'Demo');
    model.setViewVisible(options.visible ?? true);
    // The delete commands under the names the tests use.
    const deletes = { deleteSelected: commands.deleteImage, pickAndRun: commands.deleteImages, deleteUnused: commands.deleteUnusedImages };
    return {
        commands,
        account,
        clock,
        logger,
        ui,
        settings,
        cleanupRules,
        cleanup: feature.cleanup,
        model,
        lifecycle,
        deletes,
        storage,
        records,
        deleteFlow: feature.deletes,
        recorder: feature.records.recorder,
        ages: feature.records.ages,
        configureCalls: () => configureCalls,
        select: (nodes: readonly TreeNode[]) => (selection = nodes),
    };
}
