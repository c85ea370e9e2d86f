import type * as vscode from 'vscode';
import type { ImagesModel } from '../images/model/imagesModel';
import type { ImageLifecycle } from '../images/model/lifecycle';
import type { TreeNode } from '../images/model/tree';
import type { ImagesTreeProvider } from '../images/view/treeProvider';
import type { SwitchableUi, UserInterface } from '../platform/userInterface';

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
    /** Image IDs whose copy or creation (started in this window) is still followed. */
    followedIds(): readonly string[];
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
    /** How long activate() took, measured by the extension itself (performance.now around its body). */
    readonly activationMs: number;
    /** The extension's own SecretStorage (the migration test writes what version 0.1 left there). */
    readonly secrets: vscode.SecretStorage;
    /** Where else the extension could keep anything: its global and workspace state and its storage and log folders. */
    storage(): { readonly globalState: vscode.Memento; readonly workspaceState: vscode.Memento; readonly folders: readonly vscode.Uri[] };
    /**
     * Stops the extension and activates it again with the same context, as VS Code does when it starts (after an
     * update, say). This API stays valid and reaches the new activation; the test UI set here carries over.
     */
    reactivate(): Promise<void>;
    /** The clock the cleanup plans by (undefined restores Date.now): a test ages a plan past 30 minutes without waiting. */
    setCleanupClock(now: (() => number) | undefined): void;
}

export interface TestApiParts {
    readonly ui: SwitchableUi;
    readonly model: ImagesModel;
    readonly lifecycle: ImageLifecycle;
    readonly provider: ImagesTreeProvider;
    readonly view: vscode.TreeView<TreeNode>;
    readonly log: { readonly recentLines: readonly string[]; clearRecent(): void };
    readonly statusBarItem: vscode.StatusBarItem;
    readonly context: vscode.ExtensionContext;
    readonly activationMs: number;
    readonly cleanupClock: { now: () => number };
    /** deactivate() and activate(context) again. */
    readonly reactivate: () => Promise<void>;
}

/**
 * The test API of this extension host: one object for every activation (a test keeps it across reactivate()), reading
 * the parts of the latest one. `ui` is the test UI it routes dialogs to, set again on each activation's parts.
 */
const testApiState: { parts?: TestApiParts; ui?: UserInterface; api?: ZenlayerImagesTestApi } = {};

/** The one test API, now reading these parts (a new activation's). */
export function testApiFor(parts: TestApiParts): ZenlayerImagesTestApi {
    testApiState.parts = parts;
    parts.ui.use(testApiState.ui);
    return (testApiState.api ??= createTestApi());
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
        followedIds: () => parts().lifecycle.followedIds,
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
        get activationMs() {
            return parts().activationMs;
        },
        storage: () => {
            const { context } = parts();
            const folders = [context.globalStorageUri, context.storageUri, context.logUri].filter((uri): uri is vscode.Uri => uri !== undefined);
            return { globalState: context.globalState, workspaceState: context.workspaceState, folders };
        },
        reactivate: () => parts().reactivate(),
        setCleanupClock: (now) => {
            parts().cleanupClock.now = now ?? Date.now;
        },
    };
}
