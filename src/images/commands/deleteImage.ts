import * as vscode from 'vscode';
import { normalizeSelection } from '../model/selection';
import type { TreeNode } from '../model/tree';
import type { ImagesCommandContext } from './context';

/** What the Delete key's binding passes (package.json, keybindings): act on the view's selection. */
export const DELETE_KEY_ARGS = { trigger: 'deleteKey' } as const;

const isDeleteKey = (argument: unknown): argument is typeof DELETE_KEY_ARGS =>
    typeof argument === 'object' && argument !== null && (argument as { trigger?: unknown }).trigger === DELETE_KEY_ARGS.trigger;

/**
 * Delete (context menu: the clicked node and the selection; the Delete key: DELETE_KEY_ARGS, so the view's selection).
 * A context-menu click that comes without its row was clicked while the tree refreshed (VS Code hands over no element
 * then): nothing is deleted, and the selection never stands in for the row the person right-clicked.
 */
export const deleteImage =
    ({ deletes, model, selection, ui, logger }: ImagesCommandContext) =>
    (clicked?: TreeNode | typeof DELETE_KEY_ARGS, selected?: readonly (TreeNode | undefined)[]) => {
        if (isDeleteKey(clicked)) {
            return deletes.run(normalizeSelection(undefined, selection(), model), { reportFreed: false, trigger: 'deleteKey' });
        }
        const rows = selected?.filter((node): node is TreeNode => node !== undefined);
        if (clicked === undefined || rows?.length !== selected?.length) {
            logger.warn('Delete: the clicked row was not handed over (the tree refreshed as it was clicked); nothing sent.');
            void ui.showMessage('warning', vscode.l10n.t('The list changed as you clicked Delete, so nothing was deleted. Right-click the image again.'), {});
            return Promise.resolve();
        }
        return deletes.run(normalizeSelection(clicked, rows, model), { reportFreed: false, trigger: 'contextMenu' });
    };
