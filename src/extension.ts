import * as os from 'node:os';
import * as vscode from 'vscode';
import { discoverCredentialSources } from './accounts/credentialFiles';
import { CredentialStore, SecretStorageUnavailableError } from './accounts/credentialStore';
import { CredentialCommands } from './accounts/credentialCommands';
import { DeleteFlow } from './images/deleteFlow';
import { ViewCommands } from './images/viewCommands';
import { COMMANDS, CONTEXT_KEYS, DEMO_ENV, DETAILS_SCHEME, FILTER_STATE_KEY, IMAGES_VIEW_ID, SETTINGS, TEST_MODE_ENV } from './constants';
import { type ImageFilter, isFilterActive, parseStoredFilter } from './images/filter';
import { DeletionPoller, POLL_GIVE_UP_MINUTES, realScheduler } from './images/polling';
import { normalizeSelection } from './images/selection';
import { type ExtensionSettings, readSettings } from './platform/settings';
import type { TreeNode } from './images/tree';
import { createDispatcher } from './platform/proxy';
import { ImagesTreeProvider } from './images/treeProvider';
import { Session } from './accounts/session';
import type { ZenlayerImagesTestApi } from './testApi';
import { describeError, secretStorageHelp } from './platform/errorText';
import { filterText } from './images/texts';
import { SwitchableUi } from './platform/userInterface';
import { createVsCodeUi, ReadOnlyDocuments } from './platform/vscodeUi';
import { ChannelLogger, type Logger } from './platform/logger';
import { isLoopbackEndpoint, ZenlayerClient } from './zenlayer';

const TEST_LOG_LINES = 500;

/** The running session, so deactivate() can wait for its clients to close. */
let activeSession: Session | undefined;

/** The composition root: the only place that creates real implementations and wires them together. */
export async function activate(context: vscode.ExtensionContext): Promise<ZenlayerImagesTestApi | undefined> {
    const testMode = process.env[TEST_MODE_ENV] === '1';
    const channel = vscode.window.createOutputChannel('Zenlayer', { log: true });
    const logger = new ChannelLogger(channel, testMode ? TEST_LOG_LINES : 0);
    const documents = new ReadOnlyDocuments();
    const ui = new SwitchableUi(createVsCodeUi(channel, documents));
    const store = new CredentialStore(context.secrets);
    context.subscriptions.push(
        channel,
        documents,
        store,
        vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, documents),
        vscode.workspace.onDidCloseTextDocument((document) => document.uri.scheme === DETAILS_SCHEME && documents.forget(document.uri)),
    );

    // Read once and again on each change of the section, so an invalid value is logged once per change, not per use.
    let currentSettings = readCurrentSettings(logger);
    const settings = (): ExtensionSettings => currentSettings;
    const session = new Session({
        store,
        settings,
        logger,
        createApi: (options) => new ZenlayerClient(options),
        createDispatcher: () => {
            const http = vscode.workspace.getConfiguration('http');
            return createDispatcher(
                {
                    proxy: http.get<string>('proxy'),
                    strictSSL: http.get<boolean>('proxyStrictSSL', true),
                    noProxy: http.get<string[]>('noProxy', []),
                    proxySupport: http.get<string>('proxySupport'),
                    proxyAuthorization: http.get<string | null>('proxyAuthorization'),
                },
                process.env,
            );
        },
    });
    // deactivate() closes it and VS Code waits for that; the subscription is only a fallback if deactivate did not run.
    activeSession = session;
    context.subscriptions.push({
        dispose: () => {
            if (activeSession === session) {
                activeSession = undefined;
                void session.dispose();
            }
        },
    });

    const provider = new ImagesTreeProvider(session, settings().groupBy, parseStoredFilter(context.workspaceState.get(FILTER_STATE_KEY)), logger);
    const treeView = vscode.window.createTreeView(IMAGES_VIEW_ID, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: true });
    context.subscriptions.push(provider, treeView);

    const poller = new DeletionPoller({
        baseIntervalMs: () => settings().pollIntervalMs,
        scheduler: realScheduler,
        isVisible: () => treeView.visible,
        check: async (ids) => {
            const api = await session.api();
            if (!api) {
                // Signed out: nothing can be checked, and nothing is known to be gone.
                poller.stop();
                throw new Error(`signed out; stopped checking ${ids.length} deleted image(s): ${ids.join(', ')}`);
            }
            const present = await api.describeImagesByIds(ids);
            const presentIds = new Set(present.map((image) => image.id));
            provider.update(present, ids.filter((id) => !presentIds.has(id)));
            return present;
        },
        onGone: (ids) => logger.info(`Deleted and gone: ${ids.join(', ')}`),
        onStoppedDeleting: (images) => {
            logger.warn(`Delete did not complete; no longer DELETING: ${images.map((image) => `${image.id} (${image.status})`).join(', ')}`);
            provider.markFailed(new Map(images.map((image) => [image.id, vscode.l10n.t('Zenlayer accepted the delete, but the image is {0} again.', image.status)])));
        },
        onGiveUp: (remaining) => {
            logger.warn(`Stopped waiting for ${remaining.length} deleted image(s) after ${POLL_GIVE_UP_MINUTES} minutes: ${remaining.join(', ')}`);
            void ui.showMessage(
                'warning',
                vscode.l10n.t('{0} image(s) are still listed {1} minutes after being deleted. Stopped checking; use Refresh to look again.', remaining.length, POLL_GIVE_UP_MINUTES),
                {},
            );
        },
        onError: (error) => logger.warn(`Checking deleted images failed: ${describeError(error)}`),
    });
    context.subscriptions.push({ dispose: () => poller.stop() }, treeView.onDidChangeVisibility((event) => event.visible && poller.resume()));

    const updateViewState = (): void => {
        const filter = provider.activeFilter;
        treeView.description = isFilterActive(filter) ? vscode.l10n.t('Filter: {0}', filterText(filter)) : undefined;
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, isFilterActive(filter));
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signedIn, provider.signedIn);
    };
    const refresh = async (): Promise<void> => {
        const outcome = await provider.refresh();
        if (outcome === 'loaded' && !provider.activeFilter.status) {
            // Deleted images a successful listing no longer shows need no more checks. After a failed listing the
            // cache is empty for another reason, and a status filter hides DELETING images, so the poller keeps them.
            const listed = new Set(provider.cachedImages.map((image) => image.id));
            poller.forget(poller.watching.filter((id) => !listed.has(id)));
        }
        if (outcome !== 'superseded') {
            updateViewState();
        }
    };
    context.subscriptions.push(provider.onDidChangeTreeData(updateViewState));

    const deleteFlow = new DeleteFlow({ ui, session, provider, poller, logger, confirmation: () => settings().confirmation });
    const credentials = new CredentialCommands({ ui, store, session, logger, discoverSources: () => discoverCredentialSources(process.env, os.homedir()) });
    // With several nodes selected, keyboard and palette commands act on the first one.
    const firstSelectedNode = (): TreeNode | undefined => treeView.selection[0];
    const views = new ViewCommands({
        ui,
        provider,
        focusedNode: firstSelectedNode,
        applyFilter: async (filter: ImageFilter) => {
            await context.workspaceState.update(FILTER_STATE_KEY, isFilterActive(filter) ? filter : undefined);
            await provider.setFilter(filter);
            updateViewState();
        },
    });

    const register = (id: string, handler: (...args: never[]) => unknown): void => {
        context.subscriptions.push(vscode.commands.registerCommand(id, handler));
    };
    register(COMMANDS.configureCredentials, () => credentials.configure());
    register(COMMANDS.signOut, () => credentials.signOut());
    register(COMMANDS.refresh, () => refresh());
    register(COMMANDS.filter, () => views.filter());
    register(COMMANDS.clearFilter, () => views.clearFilter());
    register(COMMANDS.groupBy, () => views.groupBy());
    register(COMMANDS.copyImageId, (node?: TreeNode) => views.copyId(node));
    register(COMMANDS.copyImageName, (node?: TreeNode) => views.copyName(node));
    register(COMMANDS.viewDetails, (node?: TreeNode) => views.viewDetails(node));
    register(COMMANDS.showLog, () => channel.show(true));
    // Context menu passes (clicked, selection); the Delete key passes nothing, so the view's selection is used.
    register(COMMANDS.deleteImage, (clicked?: TreeNode, selected?: readonly TreeNode[]) =>
        deleteFlow.run(normalizeSelection(clicked, selected ?? (clicked ? undefined : treeView.selection), provider.marks)),
    );
    register(COMMANDS.deleteImages, () => deleteFlow.pickAndRun());

    context.subscriptions.push(
        store.onDidChange(() => {
            // Sign-in or sign-out here or in another window: rebuild the client and reload. The images being
            // watched belonged to the previous credentials, which may be another account, so watching stops.
            session.invalidate();
            poller.stop();
            void refresh();
        }),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration(SETTINGS.section)) {
                currentSettings = readCurrentSettings(logger);
            }
            if (event.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.groupBy}`)) {
                provider.setGroupBy(settings().groupBy);
            }
            const clientSettings = [`${SETTINGS.section}.${SETTINGS.endpoint}`, `${SETTINGS.section}.${SETTINGS.requestTimeoutSeconds}`, 'http.proxy', 'http.proxyStrictSSL', 'http.noProxy', 'http.proxySupport', 'http.proxyAuthorization'];
            if (clientSettings.some((key) => event.affectsConfiguration(key))) {
                session.invalidate();
                void refresh();
            }
        }),
    );

    // Storing demo credentials fires the store's change event, which refreshes; only refresh here otherwise.
    if (!(await storeDemoCredentials(store, settings().endpoint, logger, ui))) {
        void refresh();
    }

    if (!testMode) {
        return undefined;
    }
    return {
        setUi: (testUi) => ui.use(testUi),
        children: (node) => provider.getChildren(node),
        treeItem: (node) => provider.resolveTreeItem(provider.getTreeItem(node), node),
        whenIdle: () => provider.whenIdle(),
        signedIn: () => provider.signedIn,
        viewDescription: () => treeView.description,
        pollingIds: () => poller.watching,
        logLines: () => logger.recentLines,
        select: (node) => Promise.resolve(treeView.reveal(node, { select: true, focus: false })),
        selection: () => treeView.selection,
    };
}

/** Closes the session's clients; VS Code waits for the promise (everything else goes through context.subscriptions). */
export async function deactivate(): Promise<void> {
    const session = activeSession;
    activeSession = undefined;
    await session?.dispose();
}

function readCurrentSettings(logger: Logger): ExtensionSettings {
    const configuration = vscode.workspace.getConfiguration(SETTINGS.section);
    const { settings, problems } = readSettings((key) => configuration.get(key));
    for (const problem of problems) {
        logger.warn(`Ignoring invalid setting ${SETTINGS.section}.${problem.key} = ${JSON.stringify(problem.value)}; using the default.`);
    }
    return settings;
}

/**
 * Demo hook for `npm start`: credentials in ZENLAYER_IMAGES_DEMO_ACCESS_KEY_ID/PASSWORD are stored into
 * SecretStorage without a prompt, so the tree shows the emulator's images at once. Only when zenlayer.endpoint is a
 * loopback address (the emulator): unchecked credentials are never stored for a real endpoint.
 * Returns whether new credentials were stored (the store's change event then refreshes the view).
 */
async function storeDemoCredentials(store: CredentialStore, endpoint: string, logger: Logger, ui: SwitchableUi): Promise<boolean> {
    const accessKeyId = process.env[DEMO_ENV.accessKeyId];
    const accessKeyPassword = process.env[DEMO_ENV.accessKeyPassword];
    if (!accessKeyId || !accessKeyPassword) {
        return false;
    }
    if (!isLoopbackEndpoint(endpoint)) {
        logger.warn(`Demo: ignoring ${DEMO_ENV.accessKeyId}/${DEMO_ENV.accessKeyPassword}: zenlayer.endpoint ${endpoint} is not a loopback address (the emulator).`);
        return false;
    }
    try {
        const stored = await store.get();
        if (stored && 'accessKeyId' in stored && stored.accessKeyId === accessKeyId && stored.accessKeyPassword === accessKeyPassword) {
            return false; // already there; storing again would only cause a second refresh
        }
        await store.store({ accessKeyId, accessKeyPassword });
        logger.info(`Demo: stored the credentials of ${DEMO_ENV.accessKeyId} (AccessKey ID ${accessKeyId}) in SecretStorage.`);
        return true;
    } catch (error) {
        logger.error(`Demo: could not store credentials: ${describeError(error)}`);
        if (error instanceof SecretStorageUnavailableError) {
            void ui.showMessage('error', secretStorageHelp(), {});
        }
        return false;
    }
}
