import type * as vscode from 'vscode';
import { type Account, checkAccountName, sameName } from './accounts/accounts';
import { type AccountStore, SecretStorageUnavailableError } from './accounts/accountStore';
import { credentialsFromRecord } from './accounts/credentialSources';
import { DEMO_ACCOUNTS_ENV, TEST_MODE_ENV } from './constants';
import type { ImagesModel } from './images/imagesModel';
import type { TreeNode } from './images/tree';
import type { ImagesTreeProvider } from './images/treeProvider';
import { describeError, secretStorageHelp } from './platform/errorText';
import type { Logger } from './platform/logger';
import type { SwitchableUi, UserInterface } from './platform/userInterface';
import { isLoopbackEndpoint } from './zenlayer';

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
    /** The view's title ("Images · staging"). */
    viewTitle(): string | undefined;
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
    /** The account item of the status bar as shown: its text, tooltip text and background colour ID. */
    statusBar(): { readonly text: string; readonly tooltip: string; readonly background: string | undefined };
    /** The extension's own SecretStorage (the migration test writes what version 0.1 left there). */
    readonly secrets: vscode.SecretStorage;
    /** Where else the extension could keep anything: its global and workspace state and its storage and log folders. */
    storage(): { readonly globalState: vscode.Memento; readonly workspaceState: vscode.Memento; readonly folders: readonly vscode.Uri[] };
    /**
     * Stops the extension and activates it again with the same context, as VS Code does when it starts (after an
     * update, say). This API stays valid and reaches the new activation; the test UI set here carries over.
     */
    reactivate(): Promise<void>;
}

/** How many log lines the test API keeps; none outside test mode. */
const TEST_LOG_LINES = 500;

/** The only reader of the test and demo switches: production paths take what this returns and read no environment. */
export interface Hooks {
    /** Log lines kept in memory for the test API. */
    readonly keptLogLines: number;
    /** The test API, when the integration tests run; undefined otherwise. */
    testApi(parts: TestApiParts): ZenlayerImagesTestApi | undefined;
    /** `npm start`: stores the emulator's demo accounts. Returns whether anything new was stored. */
    storeDemoAccounts(store: AccountStore, endpoint: string, logger: Logger, ui: UserInterface): Promise<boolean>;
}

export interface TestApiParts {
    readonly ui: SwitchableUi;
    readonly model: ImagesModel;
    readonly provider: ImagesTreeProvider;
    readonly view: vscode.TreeView<TreeNode>;
    readonly log: { readonly recentLines: readonly string[]; clearRecent(): void };
    readonly statusBarItem: vscode.StatusBarItem;
    readonly context: vscode.ExtensionContext;
    /** deactivate() and activate(context) again. */
    readonly reactivate: () => Promise<void>;
}

/**
 * The test API of this extension host: one object for every activation (a test keeps it across reactivate()), reading
 * the parts of the latest one. `ui` is the test UI it routes dialogs to, set again on each activation's parts.
 */
const testApiState: { parts?: TestApiParts; ui?: UserInterface; api?: ZenlayerImagesTestApi } = {};

export function readHooks(env: NodeJS.ProcessEnv): Hooks {
    const testMode = env[TEST_MODE_ENV] === '1';
    const demo = parseDemoAccounts(env[DEMO_ACCOUNTS_ENV]);
    return {
        keptLogLines: testMode ? TEST_LOG_LINES : 0,
        testApi: (parts) => {
            if (!testMode) {
                return undefined;
            }
            testApiState.parts = parts;
            parts.ui.use(testApiState.ui);
            return (testApiState.api ??= createTestApi());
        },
        storeDemoAccounts: (store, endpoint, logger, ui) => (demo.length > 0 ? storeDemoAccounts(demo, store, endpoint, logger, ui) : Promise.resolve(false)),
    };
}

/** `[{"name", "accessKeyId", "accessKeyPassword"}, ...]`; entries that are not an account are left out. */
function parseDemoAccounts(text: string | undefined): Account[] {
    let parsed: unknown;
    try {
        parsed = text ? JSON.parse(text) : [];
    } catch {
        return [];
    }
    const accounts: Account[] = [];
    for (const entry of Array.isArray(parsed) ? parsed : []) {
        const name = typeof entry === 'object' && entry !== null && typeof (entry as Record<string, unknown>).name === 'string' ? ((entry as Record<string, unknown>).name as string) : '';
        const credentials = credentialsFromRecord(entry);
        if (credentials && checkAccountName(name, accounts) === undefined) {
            accounts.push({ name: name.trim(), credentials });
        }
    }
    return accounts;
}

function createTestApi(): ZenlayerImagesTestApi {
    const parts = (): TestApiParts => {
        if (!testApiState.parts) {
            throw new Error('the extension has not activated');
        }
        return testApiState.parts;
    };
    return {
        setUi: (testUi) => {
            testApiState.ui = testUi;
            parts().ui.use(testUi);
        },
        children: (node) => parts().provider.getChildren(node),
        treeItem: (node) => parts().provider.resolveTreeItem(parts().provider.getTreeItem(node), node),
        whenIdle: () => parts().model.whenIdle(),
        signedIn: () => parts().model.signedIn,
        viewTitle: () => parts().view.title,
        viewMessage: () => parts().view.message,
        pollingIds: () => parts().model.pollingIds,
        logLines: () => parts().log.recentLines,
        clearLog: () => parts().log.clearRecent(),
        select: (node) => Promise.resolve(parts().view.reveal(node, { select: true, focus: false })),
        selection: () => parts().view.selection,
        statusBar: () => {
            const { statusBarItem } = parts();
            return {
                text: statusBarItem.text,
                tooltip: typeof statusBarItem.tooltip === 'string' ? statusBarItem.tooltip : (statusBarItem.tooltip?.value ?? ''),
                background: statusBarItem.backgroundColor?.id,
            };
        },
        get secrets() {
            return parts().context.secrets;
        },
        storage: () => {
            const { context } = parts();
            const folders = [context.globalStorageUri, context.storageUri, context.logUri].filter((uri): uri is vscode.Uri => uri !== undefined);
            return { globalState: context.globalState, workspaceState: context.workspaceState, folders };
        },
        reactivate: () => parts().reactivate(),
    };
}

/**
 * Demo accounts (ZENLAYER_IMAGES_DEMO_ACCOUNTS) are stored into SecretStorage without a prompt, so the tree shows the
 * emulator's images at once and the status bar can switch between them. Only when zenlayer.endpoint is a loopback address
 * (the emulator): unchecked credentials are never stored for a real endpoint. An account of the same name with other
 * credentials is left as it is.
 */
async function storeDemoAccounts(demo: readonly Account[], store: AccountStore, endpoint: string, logger: Logger, ui: UserInterface): Promise<boolean> {
    if (!isLoopbackEndpoint(endpoint)) {
        logger.warn(`Demo: ignoring ${DEMO_ACCOUNTS_ENV}: zenlayer.endpoint ${endpoint} is not a loopback address (the emulator).`);
        return false;
    }
    try {
        const state = await store.state();
        const missing = demo.filter((account) => !state.accounts.some((existing) => sameName(existing.name, account.name)));
        const activate = state.active === undefined ? demo[0].name : undefined;
        if (missing.length === 0 && activate === undefined) {
            return false; // already there; storing again would only cause a second refresh
        }
        await store.saveAll(missing, activate);
        logger.info(`Demo: stored the accounts ${missing.map((account) => account.name).join(', ') || 'none'} in SecretStorage.`);
        return true;
    } catch (error) {
        logger.error(`Demo: could not store the accounts: ${describeError(error)}`);
        if (error instanceof SecretStorageUnavailableError) {
            void ui.showMessage('error', secretStorageHelp(), {});
        }
        return false;
    }
}
