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
}

export interface ImagesRegistration extends Pick<ImagesFeature, 'model' | 'lifecycle'> {
    readonly provider: ImagesTreeProvider;
    readonly view: vscode.TreeView<TreeNode>;
}

/** The images view in the workbench: its model, tree, commands, and what it follows of settings and the account. */
export function registerImages(deps: ImagesRegistrationDependencies, store: DisposableStore): ImagesRegistration {
    const { settings, workspaceState } = deps;
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
    };
    const feature = store.add(
        createImagesFeature(dependencies, (model, lifecycle) => {
            const { provider, view } = store.add(createImagesView(model, lifecycle));
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
        }),
    );
    return { model, lifecycle: feature.lifecycle, provider: feature.view.provider, view: feature.view.tree };
}
