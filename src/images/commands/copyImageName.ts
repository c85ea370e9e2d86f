import * as vscode from 'vscode';
import type { TreeNode } from '../model/tree';
import { type ImagesCommandContext, type KeyBindingArgs, targetImage } from './context';

/** Copy Name (context menu). */
export const copyImageName = (context: ImagesCommandContext) => async (node?: TreeNode | KeyBindingArgs) => {
    const image = targetImage(context, node);
    if (image) {
        await context.ui.writeClipboard(image.name);
        context.ui.setStatusBarMessage(vscode.l10n.t('Copied image name {0}', image.name));
    }
};
