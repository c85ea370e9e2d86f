import * as vscode from 'vscode';
import { IMAGES_VIEW_ID } from '../../constants';
import type { UserInterface } from '../../platform/userInterface';
import { isFilterActive } from '../model/filter';
import type { ImagesModel } from '../model/imagesModel';
import type { TreeNode } from '../model/tree';

/**
 * Shows the images view and selects an image's row (a hover's "Reveal in the view" link). The view lists on first
 * show; an image it does not show (another account, or hidden by the filter) is said so rather than ignored.
 */
export async function revealImage(
    deps: { readonly model: ImagesModel; readonly ui: UserInterface; readonly select: (node: TreeNode) => Thenable<void> },
    imageId: string,
): Promise<void> {
    await vscode.commands.executeCommand(`${IMAGES_VIEW_ID}.focus`);
    await deps.model.ensureLoaded();
    const row = deps.model.imageRows().find((candidate) => candidate.image.id === imageId);
    if (row) {
        await deps.select(row);
        return;
    }
    const account = deps.model.accountName ?? '';
    const message = isFilterActive(deps.model.activeFilter)
        ? vscode.l10n.t('{0} is not among the images the view shows: the filter hides it, or the account {1} does not have it.', imageId, account)
        : vscode.l10n.t('{0} is not among the images of the account {1}.', imageId, account);
    void deps.ui.showMessage('info', message, {});
}
