// The images feature assembled as activate() assembles it, over a fake account, a fake clock and the scripted UI, for
// unit tests of the delete flow and the view commands in plain Node.
import { DeleteFlow } from '../../src/images/delete/deleteFlow';
import type { ImageFilter } from '../../src/images/model/filter';
import { ImagesModel } from '../../src/images/model/imagesModel';
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
    const model = new ImagesModel({
        api,
        logger,
        describeError,
        classify: { isClockSkew, isAuthFailure, isUnreachable },
        withProgress: (task) => task(),
        saveFilter: () => Promise.resolve(),
        scheduler: clock,
        pollIntervalMs: () => 5000,
        onPollingGaveUp: () => undefined,
        initial: { groupBy: options.groupBy ?? 'none', filter: options.filter ?? {} },
    });
    model.setViewVisible(true);
    const deletes = new DeleteFlow({
        ui,
        api,
        model,
        logger,
        confirmation: () => settings.confirmation,
        typeCountThreshold: () => settings.typeCountThreshold,
        configureCredentials: () => {
            configureCalls++;
            return Promise.resolve();
        },
        selection: () => selection,
        select: (node) => {
            selection = [node];
            return Promise.resolve();
        },
    });
    return {
        account,
        clock,
        logger,
        ui,
        settings,
        model,
        deletes,
        configureCalls: () => configureCalls,
        select: (nodes: readonly TreeNode[]) => (selection = nodes),
    };
}
