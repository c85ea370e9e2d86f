import type * as vscode from 'vscode';
import { type CredentialStore, SecretStorageUnavailableError } from './accounts/credentialStore';
import { DEMO_ENV, TEST_MODE_ENV } from './constants';
import type { ImagesModel } from './images/imagesModel';
import type { TreeNode } from './images/tree';
import type { ImagesTreeProvider } from './images/treeProvider';
import { describeError, secretStorageHelp } from './platform/errorText';
import type { Logger } from './platform/logger';
import type { SwitchableUi, UserInterface } from './platform/userInterface';
import { isLoopbackEndpoint } from './zenlayer';

type DemoCredentials = { readonly accessKeyId: string; readonly accessKeyPassword: string };

/**
 * Returned by activate() only when ZENLAYER_IMAGES_TEST_MODE=1: what integration tests need to drive the
 * extension in a real VS Code without a person answering dialogs.
 */
export interface ZenlayerImagesTestApi {
    /** Routes every dialog, notification, picker and clipboard write to `ui`; undefined restores VS Code's. */
    setUi(ui: UserInterface | undefined): void;
    /** The tree as the view shows it: root nodes, or a group's children. */
    children(node?: TreeNode): TreeNode[];
    /** The TreeItem VS Code renders for a node, tooltip resolved. */
    treeItem(node: TreeNode): vscode.TreeItem;
    /** Waits until the refresh in flight (after a command, sign-in or setting change) has finished. */
    whenIdle(): Promise<void>;
    signedIn(): boolean;
    /** The view's description (next to its title). */
    viewDescription(): string | undefined;
    /** The view's message above the rows (shows the active filter). */
    viewMessage(): string | undefined;
    /** Image IDs the deletion poller still waits for. */
    pollingIds(): readonly string[];
    /** Recent lines of the "Zenlayer" log. */
    logLines(): readonly string[];
    /** Forgets the recent lines (each test starts with an empty log). */
    clearLog(): void;
    /**
     * Selects this node in the view (TreeView.reveal with select, without focus), replacing the selection:
     * reveal cannot add to a selection, so a test of the Delete key works with one selected node.
     */
    select(node: TreeNode): Promise<void>;
    /** The view's selection, as the Delete key's command sees it. */
    selection(): readonly TreeNode[];
}

/** How many log lines the test API keeps; none outside test mode. */
const TEST_LOG_LINES = 500;

/** The only reader of the test and demo switches: production paths take what this returns and read no environment. */
export interface Hooks {
    /** Log lines kept in memory for the test API. */
    readonly keptLogLines: number;
    /** The test API, when the integration tests run; undefined otherwise. */
    testApi(parts: TestApiParts): ZenlayerImagesTestApi | undefined;
    /** `npm start`: stores the emulator's demo credentials. Returns whether new credentials were stored. */
    storeDemoCredentials(store: CredentialStore, endpoint: string, logger: Logger, ui: UserInterface): Promise<boolean>;
}

export interface TestApiParts {
    readonly ui: SwitchableUi;
    readonly model: ImagesModel;
    readonly provider: ImagesTreeProvider;
    readonly view: vscode.TreeView<TreeNode>;
    readonly log: { readonly recentLines: readonly string[]; clearRecent(): void };
}

export function readHooks(env: NodeJS.ProcessEnv): Hooks {
    const testMode = env[TEST_MODE_ENV] === '1';
    const accessKeyId = env[DEMO_ENV.accessKeyId];
    const accessKeyPassword = env[DEMO_ENV.accessKeyPassword];
    const demo: DemoCredentials | undefined = accessKeyId && accessKeyPassword ? { accessKeyId, accessKeyPassword } : undefined;
    return {
        keptLogLines: testMode ? TEST_LOG_LINES : 0,
        testApi: (parts) => (testMode ? createTestApi(parts) : undefined),
        storeDemoCredentials: (store, endpoint, logger, ui) => (demo ? storeDemoCredentials(demo, store, endpoint, logger, ui) : Promise.resolve(false)),
    };
}

function createTestApi({ ui, model, provider, view, log }: TestApiParts): ZenlayerImagesTestApi {
    return {
        setUi: (testUi) => ui.use(testUi),
        children: (node) => provider.getChildren(node),
        treeItem: (node) => provider.resolveTreeItem(provider.getTreeItem(node), node),
        whenIdle: () => model.whenIdle(),
        signedIn: () => model.signedIn,
        viewDescription: () => view.description,
        viewMessage: () => view.message,
        pollingIds: () => model.pollingIds,
        logLines: () => log.recentLines,
        clearLog: () => log.clearRecent(),
        select: (node) => Promise.resolve(view.reveal(node, { select: true, focus: false })),
        selection: () => view.selection,
    };
}

/**
 * Demo credentials (ZENLAYER_IMAGES_DEMO_ACCESS_KEY_ID/PASSWORD) are stored into SecretStorage without a prompt, so the
 * tree shows the emulator's images at once. Only when zenlayer.endpoint is a loopback address (the emulator): unchecked
 * credentials are never stored for a real endpoint.
 */
async function storeDemoCredentials(demo: DemoCredentials, store: CredentialStore, endpoint: string, logger: Logger, ui: UserInterface): Promise<boolean> {
    if (!isLoopbackEndpoint(endpoint)) {
        logger.warn(`Demo: ignoring ${DEMO_ENV.accessKeyId}/${DEMO_ENV.accessKeyPassword}: zenlayer.endpoint ${endpoint} is not a loopback address (the emulator).`);
        return false;
    }
    try {
        const stored = await store.get();
        if (stored && 'accessKeyId' in stored && stored.accessKeyId === demo.accessKeyId && stored.accessKeyPassword === demo.accessKeyPassword) {
            return false; // already there; storing again would only cause a second refresh
        }
        await store.store(demo);
        logger.info(`Demo: stored the credentials of ${DEMO_ENV.accessKeyId} (AccessKey ID ${demo.accessKeyId}) in SecretStorage.`);
        return true;
    } catch (error) {
        logger.error(`Demo: could not store credentials: ${describeError(error)}`);
        if (error instanceof SecretStorageUnavailableError) {
            void ui.showMessage('error', secretStorageHelp(), {});
        }
        return false;
    }
}
