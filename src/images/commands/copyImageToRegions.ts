import { copyImageToRegions as copy } from '../lifecycle/copy';
import type { TreeNode } from '../model/tree';
import { type ImagesCommandContext, type KeyBindingArgs, targetImage } from './context';

/** Copy to Regions… (context menu on an AVAILABLE custom image). */
export const copyImageToRegions = (context: ImagesCommandContext) => async (node?: TreeNode | KeyBindingArgs) => {
    const image = targetImage(context, node);
    if (image) {
        await copy(context, image);
    }
};
