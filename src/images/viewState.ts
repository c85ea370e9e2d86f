import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../constants';
import { isFilterActive } from './filter';
import type { ImagesModel } from './imagesModel';
import type { TreeNode } from './tree';
import { filterText } from './texts';

/**
 * What the workbench shows around the tree, kept in step with the model: the active filter as the view's message (above
 * the rows, always seen: the title bar cuts a description off) and the `when` context keys.
 */
export class ImagesViewState implements vscode.Disposable {
    private readonly subscription: { dispose(): void };

    constructor(
        private readonly model: ImagesModel,
        private readonly view: vscode.TreeView<TreeNode>,
    ) {
        this.subscription = model.onDidChange(() => this.update());
        this.update();
    }

    dispose(): void {
        this.subscription.dispose();
    }

    private update(): void {
        const filter = this.model.activeFilter;
        this.view.message = isFilterActive(filter) ? vscode.l10n.t('Filtered by {0}. Clear the filter to see every image.', filterText(filter)) : undefined;
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, isFilterActive(filter));
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signedIn, this.model.signedIn);
    }
}
