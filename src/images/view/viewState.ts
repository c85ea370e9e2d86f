import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../../constants';
import { describeError } from '../../platform/errorText';
import { isFilterActive } from '../model/filter';
import type { ImagesModel } from '../model/imagesModel';
import type { TreeNode } from '../model/tree';
import { filterText } from '../texts';

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
        const usage = this.model.instanceUsage;
        const usageUnknown = this.model.state.kind === 'loaded' && usage.kind === 'unknown';
        const parts = [
            ...(isFilterActive(filter) ? [vscode.l10n.t('Filtered by {0}. Clear the filter to see every image.', filterText(filter))] : []),
            // Never call an image unused without knowing: say so where it is always seen.
            ...(usageUnknown ? [vscode.l10n.t('Instance usage unknown: {0}', describeError(usage.error))] : []),
        ];
        this.view.message = parts.length > 0 ? parts.join('\n') : undefined;
        // Whose images these are, in the title: with one view in the container VS Code shows no description.
        const account = this.model.accountName;
        this.view.title = account === undefined ? vscode.l10n.t('Images') : vscode.l10n.t('Images · {0}', account);
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filtered, isFilterActive(filter));
        // Until the credentials were read the view shows "Loading…", not the signed-out welcome nor signed-in actions.
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.ready, this.model.knowsSignIn);
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signedIn, this.model.knowsSignIn && this.model.signedIn);
    }
}
