// The images feature assembled as activate() assembles it, over a fake account, a fake clock and the scripted UI, for
// unit tests of the delete flow and the view commands in plain Node.
import { createImagesFeature } from '../../src/images/feature';
import type { ImageFilter } from '../../src/images/model/filter';
import type { GroupBy, TreeNode } from '../../src/images/model/tree';
import { describeError, isAuthFailure, isClockSkew, isUnreachable } from '../../src/platform/errorText';
import type { ConfirmationMode } from '../../src/shared/settings/settings';
import { FakeAccount } from './fakeAccount';
import { FakeClock } from './fakeClock';
import { ScriptedUi } from './scriptedUi';

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
}

export function imagesFeature(options: ImagesFeatureOptions = {}) {
    const account = options.account ?? new FakeAccount();
    const clock = new FakeClock();
    const logger = memoryLogger();
    const ui = new ScriptedUi();
    const settings = { confirmation: 'modal' as ConfirmationMode, typeCountThreshold: 10 };
    let selection: readonly TreeNode[] = [];
    let configureCalls = 0;
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
        model,
        lifecycle,
        deletes,
        configureCalls: () => configureCalls,
        select: (nodes: readonly TreeNode[]) => (selection = nodes),
    };
}
