import * as vscode from 'vscode';
import { FILTER_STATE_KEY, IMAGES_VIEW_ID } from '../constants';
import { registerCommands } from '../platform/commands';
import type { DisposableStore } from '../platform/disposables';
import { describeError, isAuthFailure, isClockSkew, isUnreachable } from '../platform/errorText';
import type { Logger } from '../platform/logger';
import type { UserInterface } from '../platform/userInterface';
import type { ActiveAccount } from '../shared/session/activeAccount';
import type { Session } from '../shared/session/session';
import type { SettingsService } from '../shared/settings/settingsService';
import type { ShownImagesRelay } from '../shared/images/shownImages';
import type { WorkspaceReferences } from '../shared/references/workspaceReferences';
import { shownImagesOf } from './model/shownImages';
import { CleanupRulesReader } from './cleanup/settingsRules';
import { revealImage } from './view/revealImage';
import { createImagesFeature, type ImagesFeature, type ImagesFeatureDependencies } from './feature';
import { isFilterActive, parseStoredFilter } from './model/filter';
import { realScheduler } from './model/polling';
import type { TreeNode } from './model/tree';
import { createImagesView } from './view/imagesView';
import type { ImagesTreeProvider } from './view/treeProvider';

export interface ImagesRegistrationDependencies {
    readonly ui: UserInterface;
    readonly logger: Logger;
    readonly session: Session;
    readonly account: ActiveAccount;
    readonly settings: SettingsService;
    readonly workspaceState: vscode.Memento;
    /** The accounts feature's Configure Credentials, offered when nobody is signed in. */
    readonly configureCredentials: () => Promise<void>;
    /** Where the view publishes what it shows, for the references feature's hover and diagnostics. */
    readonly shownImages: ShownImagesRelay;
    /** Image references in the workspace's files; the scan starts when the view is first shown. */
    readonly references: WorkspaceReferences;
    /** The observation record and the delete history, in the extension's global storage. */
    readonly records: ImagesFeatureDependencies['records'];
}

export interface ImagesRegistration extends Pick<ImagesFeature, 'model' | 'records' | 'lifecycle'> {
    readonly provider: ImagesTreeProvider;
    readonly view: vscode.TreeView<TreeNode>;
    /** Shows the view and selects the image's row. */
    readonly revealImage: (imageId: string) => Promise<void>;
    /** The cleanup's clock (plans' times and ages): Date.now unless the test API moves it. */
    readonly cleanupClock: { now: () => number };
}

/** The images view in the workbench: its model, tree, commands, and what it follows of settings and the account. */
export function registerImages(deps: ImagesRegistrationDependencies, store: DisposableStore): ImagesRegistration {
    const { settings, workspaceState } = deps;
    const cleanupRules = new CleanupRulesReader(settings, deps.logger);
    const cleanupClock = { now: Date.now };
    const dependencies: ImagesFeatureDependencies = {
        ui: deps.ui,
        logger: deps.logger,
        api: () => deps.session.api(),
        describeError,
        classify: { isClockSkew, isAuthFailure, isUnreachable },
        settings: () => settings.current,
        updateGroupBy: (groupBy) => settings.updateGroupBy(groupBy),
        saveFilter: (filter) => Promise.resolve(workspaceState.update(FILTER_STATE_KEY, isFilterActive(filter) ? filter : undefined)),
        initial: { groupBy: settings.current.groupBy, filter: parseStoredFilter(workspaceState.get(FILTER_STATE_KEY)) },
        scheduler: realScheduler,
        withProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: IMAGES_VIEW_ID } }, task)),
        configureCredentials: deps.configureCredentials,
        records: deps.records,
        cleanupRules: () => cleanupRules.rules,
        references: deps.references,
        now: () => cleanupClock.now(),
    };
    const feature = store.add(
        createImagesFeature(dependencies, (model, records, lifecycle) => {
            const firstSeen = (imageId: string) => records.ages.firstSeen(model.accountName, imageId);
            const { provider, view } = store.add(createImagesView(model, lifecycle, firstSeen, deps.references));
            return { provider, tree: view, selection: () => view.selection, select: (node: TreeNode) => view.reveal(node, { select: true, focus: true }) };
        }),
    );
    const { model } = feature;
    model.setProtectionRules(settings.protectionRules);
    registerCommands(feature.commands).forEach((registration) => store.add(registration));
    store.add(
        deps.account.onDidChange((event) => {
            if (event.kind === 'switched') {
                void model.accountChanged(event.name);
            } else if (event.kind === 'renamed') {
                model.accountRenamed(event.name);
            } else {
                void model.clientChanged();
            }
        }),
    );
    store.add(
        settings.onDidChange((change) => {
            if (change.groupByChanged) {
                model.setGroupBy(settings.current.groupBy);
            }
            if (change.protectionChanged) {
                model.setProtectionRules(settings.protectionRules);
            }
            if (change.cleanupChanged) {
                cleanupRules.reread();
                model.regroup();
            }
        }),
    );
    store.add(deps.references.onDidChange(() => model.regroup()));
    store.add(deps.shownImages.publish(shownImagesOf(model)));
    store.add(startScanWhenShown(feature.view.tree, deps.references));
    const revealImageRow = (imageId: string) => revealImage({ model, ui: deps.ui, select: feature.view.select }, imageId);
    return {
        model,
        records: feature.records,
        lifecycle: feature.lifecycle,
        provider: feature.view.provider,
        view: feature.view.tree,
        revealImage: revealImageRow,
        cleanupClock,
    };
}

/** The workspace is scanned for image references once someone looks at images, not at start-up. */
function startScanWhenShown(view: vscode.TreeView<TreeNode>, references: WorkspaceReferences): vscode.Disposable {
    if (view.visible) {
        references.start();
    }
    return view.onDidChangeVisibility((event) => {
        if (event.visible) {
            references.start();
        }
    });
}
