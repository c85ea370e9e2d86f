import type * as vscode from 'vscode';
import type { TreeNode } from './images/tree';
import type { UserInterface } from './platform/userInterface';

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
    /** The view's description (shows the active filter). */
    viewDescription(): string | undefined;
    /** Image IDs the deletion poller still waits for. */
    pollingIds(): readonly string[];
    /** Recent lines of the "Zenlayer" log. */
    logLines(): readonly string[];
    /**
     * Selects this node in the view (TreeView.reveal with select, without focus), replacing the selection:
     * reveal cannot add to a selection, so a test of the Delete key works with one selected node.
     */
    select(node: TreeNode): Promise<void>;
    /** The view's selection, as the Delete key's command sees it. */
    selection(): readonly TreeNode[];
}
