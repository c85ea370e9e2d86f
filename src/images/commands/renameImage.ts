import { renameImage as rename } from '../lifecycle/rename';
import type { TreeNode } from '../model/tree';
import { type ImagesCommandContext, type KeyBindingArgs, targetImage } from './context';

/** Rename… (context menu; F2 with the view focused acts on the selected image). */
export const renameImage = (context: ImagesCommandContext) => async (node?: TreeNode | KeyBindingArgs) => {
    const image = targetImage(context, node);
    if (image) {
        await rename(context, image);
    }
};
