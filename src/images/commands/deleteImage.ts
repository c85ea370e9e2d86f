import * as vscode from 'vscode';
import { normalizeSelection } from '../model/selection';
import type { TreeNode } from '../model/tree';
import { type ImagesCommandContext, isKeyBinding, type KeyBindingArgs, reportLostRow } from './context';

/**
 * Delete (context menu: the clicked node and the selection; the Delete key: KEY_BINDING_ARGS, so the view's selection).
 * A context-menu click that comes without its row was clicked while the tree refreshed (VS Code hands over no element
 * then): nothing is deleted, and the selection never stands in for the row the person right-clicked.
 */
export const deleteImage = (context: ImagesCommandContext) => (clicked?: TreeNode | KeyBindingArgs, selected?: readonly (TreeNode | undefined)[]) => {
    const { deletes, model, selection } = context;
    if (isKeyBinding(clicked)) {
        return deletes.run(normalizeSelection(undefined, selection(), model), { reportFreed: false, trigger: 'deleteKey' });
    }
    const rows = selected?.filter((node): node is TreeNode => node !== undefined);
    if (clicked === undefined || rows?.length !== selected?.length) {
        reportLostRow(context, vscode.l10n.t('The list changed as you clicked Delete, so nothing was deleted. Right-click the image again.'));
        return Promise.resolve();
    }
    return deletes.run(normalizeSelection(clicked, rows, model), { reportFreed: false, trigger: 'contextMenu' });
};
