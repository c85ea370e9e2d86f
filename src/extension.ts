import * as os from 'node:os';
import * as vscode from 'vscode';
import { AccountChecks } from './accounts/accountChecks';
import { AccountCommands } from './accounts/accountCommands';
import { AccountStatusBar } from './accounts/accountStatusBar';
import { AccountStore } from './accounts/accountStore';
import { discoverCredentialSources } from './accounts/credentialFiles';
import { CredentialEntry } from './accounts/credentialEntry';
import { Session } from './accounts/session';
import { FILTER_STATE_KEY, IMAGES_VIEW_ID } from './constants';
import { DeleteFlow, reportPollingGaveUp } from './images/deleteFlow';
import { isFilterActive, parseStoredFilter } from './images/filter';
import { ImagesModel } from './images/imagesModel';
import { createImagesView } from './images/imagesView';
import { realScheduler } from './images/polling';
import type { TreeNode } from './images/tree';
import { ViewCommands } from './images/viewCommands';
import { registerCommands } from './platform/commands';
import { DisposableStore } from './platform/disposables';
import { describeError, isAuthFailure, isClockSkew, isUnreachable } from './platform/errorText';
import { ChannelLogger } from './platform/logger';
import { createDispatcher } from './platform/proxy';
import { SettingsService } from './platform/settingsService';
import { SwitchableUi } from './platform/userInterface';
import { createVsCodeUi, ReadOnlyDocuments } from './platform/vscodeUi';
import { readHooks, type ZenlayerImagesTestApi } from './testHooks';
import { ZenlayerClient } from './zenlayer';

/** What activate() created; deactivate() awaits its disposal so the clients close before VS Code moves on. */
let running: DisposableStore | undefined;

/** The composition root: the only place that creates real implementations and wires them together. */
export async function activate(context: vscode.ExtensionContext): Promise<ZenlayerImagesTestApi | undefined> {
    const hooks = readHooks(process.env);
    const store = (running = new DisposableStore());
    context.subscriptions.push({ dispose: () => void store.dispose() }); // a fallback if deactivate does not run

    const channel = store.add(vscode.window.createOutputChannel('Zenlayer', { log: true }));
    const logger = new ChannelLogger(channel, hooks.keptLogLines);
    const ui = new SwitchableUi(createVsCodeUi(channel, store.add(new ReadOnlyDocuments())));
    const settings = store.add(new SettingsService(logger));
    const accountStore = store.add(new AccountStore(context.secrets, logger));
    const session = store.add(
        new Session({ store: accountStore, settings: () => settings.current, logger, createApi: (options) => new ZenlayerClient(options), createDispatcher: () => createDispatcher(settings.proxy, process.env) }),
    );

    const model = store.add(
        new ImagesModel({
            api: () => session.api(),
            logger,
            describeError,
            classify: { isClockSkew, isAuthFailure, isUnreachable },
            withProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: IMAGES_VIEW_ID } }, task)),
            saveFilter: (filter) => Promise.resolve(context.workspaceState.update(FILTER_STATE_KEY, isFilterActive(filter) ? filter : undefined)),
            scheduler: realScheduler,
            pollIntervalMs: () => settings.current.pollIntervalMs,
            onPollingGaveUp: (remaining) => reportPollingGaveUp(ui, logger, remaining),
            initial: { groupBy: settings.current.groupBy, filter: parseStoredFilter(context.workspaceState.get(FILTER_STATE_KEY)) },
        }),
    );
    model.setProtectionRules(settings.protectionRules);
    const { provider, view } = store.add(createImagesView(model));

    const discoverSources = () => discoverCredentialSources(process.env, os.homedir());
    const checks = new AccountChecks(context.globalState);
    const accounts = new AccountCommands({ ui, store: accountStore, checks, logger, discoverSources, entry: new CredentialEntry({ ui, session, logger, discoverSources }), now: Date.now });
    const statusBarItem = vscode.window.createStatusBarItem('zenlayer.account', vscode.StatusBarAlignment.Left);
    store.add(
        new AccountStatusBar({ item: statusBarItem, store: accountStore, checks, images: model, isAuthFailure, describeError, endpoint: () => settings.current.endpoint, now: Date.now }),
    );
    const deletes = store.add(
        new DeleteFlow({ ui, api: () => session.api(), model, logger, confirmation: () => settings.current.confirmation, typeCountThreshold: () => settings.current.typeCountThreshold, configureCredentials: () => accounts.configure(), selection: () => view.selection, select: (node) => view.reveal(node, { select: true, focus: true }) }),
    );
    // With several nodes selected, keyboard and palette commands act on the first one.
    const views = new ViewCommands({ ui, model, updateGroupBy: (groupBy) => settings.updateGroupBy(groupBy), focusedNode: () => view.selection[0] });
    registerCommands({
        configureCredentials: () => accounts.configure(),
        signOut: () => accounts.signOutAll(),
        addAccount: () => accounts.add(),
        importCliAccounts: () => accounts.importFromCli(),
        switchAccount: () => accounts.switchAccount(),
        renameAccount: () => accounts.rename(),
        removeAccount: () => accounts.remove(),
        refresh: () => model.refresh(),
        deleteImages: () => deletes.pickAndRun(),
        deleteUnusedImages: () => deletes.deleteUnused(),
        showInstances: (node?: TreeNode) => views.showInstances(node),
        deleteImage: (clicked?: TreeNode, selected?: readonly TreeNode[]) => deletes.deleteSelected(clicked, selected),
        filter: () => views.filter(),
        clearFilter: () => views.clearFilter(),
        groupBy: () => views.groupBy(),
        copyImageId: (node?: TreeNode) => views.copyId(node),
        copyImageName: (node?: TreeNode) => views.copyName(node),
        viewDetails: (node?: TreeNode) => views.viewDetails(node),
        showLog: () => channel.show(true),
    }).forEach((registration) => store.add(registration));

    // A switch, sign-in or sign-out here or in another window: a new client, and nothing of the previous account stays.
    store.add(accountStore.onDidChange((change) => void followActiveAccount(accountStore, session, model, change.switched)));
    store.add(
        settings.onDidChange((change) => {
            if (change.groupByChanged) {
                model.setGroupBy(settings.current.groupBy);
            }
            if (change.protectionChanged) {
                model.setProtectionRules(settings.protectionRules);
            }
            if (change.endpointChanged) {
                void followActiveAccount(accountStore, session, model, true);
            } else if (change.clientChanged) {
                session.invalidate();
                void model.refresh();
            }
        }),
    );

    // Storing demo accounts fires the store's change event, which loads; otherwise load here.
    if (!(await hooks.storeDemoAccounts(accountStore, settings.current.endpoint, logger, ui))) {
        void followActiveAccount(accountStore, session, model, true);
    }
    return hooks.testApi({
        ui, model, provider, view, log: logger, statusBarItem, context,
        reactivate: async () => {
            await deactivate();
            await activate(context);
        },
    });
}

/** The view, the client and the polling follow the active account; a rename only renames. */
async function followActiveAccount(accounts: AccountStore, session: Session, model: ImagesModel, switched: boolean): Promise<void> {
    const name = await accounts.active().then(
        (account) => account?.name,
        () => undefined, // SecretStorage unavailable: the load that follows says so.
    );
    if (switched) {
        session.invalidate();
        await model.accountChanged(name);
    } else {
        model.accountRenamed(name);
    }
}

export async function deactivate(): Promise<void> {
    const store = running;
    running = undefined;
    await store?.dispose();
}
