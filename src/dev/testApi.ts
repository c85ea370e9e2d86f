import type * as vscode from 'vscode';
import type { ImagesModel } from '../images/model/imagesModel';
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
}

export interface TestApiParts {
    readonly ui: SwitchableUi;
    readonly model: ImagesModel;
    readonly provider: ImagesTreeProvider;
    readonly view: vscode.TreeView<TreeNode>;
    readonly log: { readonly recentLines: readonly string[]; clearRecent(): void };
    readonly statusBarItem: vscode.StatusBarItem;
    readonly secrets: vscode.SecretStorage;
    readonly activationMs: number;
}

export function createTestApi({ ui, model, provider, view, log, statusBarItem, secrets, activationMs }: TestApiParts): ZenlayerImagesTestApi {
    return {
        setUi: (testUi) => ui.use(testUi),
        children: (node) => provider.getChildren(node),
        treeItem: (node) => provider.resolveTreeItem(provider.getTreeItem(node), node),
        whenIdle: () => model.whenIdle(),
        signedIn: () => model.signedIn,
        viewTitle: () => view.title,
        viewMessage: () => view.message,
        pollingIds: () => model.pollingIds,
        logLines: () => log.recentLines,
        clearLog: () => log.clearRecent(),
        select: (node) => Promise.resolve(view.reveal(node, { select: true, focus: false })),
        selection: () => view.selection,
        statusBar: () => ({
            text: statusBarItem.text,
            tooltip: typeof statusBarItem.tooltip === 'string' ? statusBarItem.tooltip : (statusBarItem.tooltip?.value ?? ''),
            background: statusBarItem.backgroundColor?.id,
        }),
        secrets,
        activationMs,
    };
}

