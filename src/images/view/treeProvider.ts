import * as vscode from 'vscode';
import type { FirstSeen } from '../../shared/records/observations';
import type { WorkspaceReferences } from '../../shared/references/workspaceReferences';
import type { ImagesModel } from '../model/imagesModel';
import type { ImageLifecycle } from '../model/lifecycle';
import type { TreeNode } from '../model/tree';
import { imageTooltip, toTreeItem } from './treeItems';

/** When this VS Code first saw an image of the shown account (the observation record), for its tooltip. */
export type FirstSeenLookup = (imageId: string) => FirstSeen | undefined;

/** The images view's adapter: the model's nodes as TreeItems. It holds no state of its own. */
export class ImagesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
    readonly onDidChangeTreeData = this.changed.event;
    private readonly subscription: { dispose(): void };

    constructor(
        private readonly model: ImagesModel,
        private readonly lifecycle: ImageLifecycle,
        private readonly firstSeen: FirstSeenLookup = () => undefined,
        private readonly references?: WorkspaceReferences,
    ) {
        const subscriptions = [model.onDidChange(() => this.changed.fire(undefined)), lifecycle.onDidChange(() => this.changed.fire(undefined))];
        this.subscription = { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
    }

    getChildren(node?: TreeNode): TreeNode[] {
        if (node) {
            return node.kind === 'group' ? [...node.children] : node.kind === 'image' ? this.lifecycle.regionRowsOf(node) : [];
        }
        return this.model.rootNodes();
    }

    getParent(node: TreeNode): TreeNode | undefined {
        return this.model.parentOf(node);
    }

    getTreeItem(node: TreeNode): vscode.TreeItem {
        return toTreeItem(node, this.model.marks, this.lifecycle);
    }

    /** The tooltip is built only when hovered, so 10,000 rows cost nothing until someone looks. */
    resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
        if (node.kind === 'image') {
            item.tooltip = imageTooltip(node, this.model.marks, { firstSeen: this.firstSeen(node.image.id), references: this.references });
        }
        return item;
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }
}
