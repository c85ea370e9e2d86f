import * as vscode from 'vscode';
import type { TreeNode } from '../model/tree';
import { type ImagesCommandContext, type KeyBindingArgs, targetImage } from './context';

/** Copy Image ID (context menu). */
export const copyImageId = (context: ImagesCommandContext) => async (node?: TreeNode | KeyBindingArgs) => {
    const image = targetImage(context, node);
    if (image) {
        await context.ui.writeClipboard(image.id);
        context.ui.setStatusBarMessage(vscode.l10n.t('Copied image ID {0}', image.id));
    }
};
