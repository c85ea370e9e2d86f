import { removeImageCopies } from '../lifecycle/removeCopy';
import type { TreeNode } from '../model/tree';
import { type ImagesCommandContext, type KeyBindingArgs, targetNode } from './context';

/** Remove Copy from Region… (context menu on a region row: that region; on an image row: pick the regions). */
export const removeImageCopy = (context: ImagesCommandContext) => async (node?: TreeNode | KeyBindingArgs) => {
    const target = targetNode(context, node);
    if (target?.kind === 'region') {
        await removeImageCopies(context, target.parent.image, target.regionId);
    } else if (target?.kind === 'image') {
        await removeImageCopies(context, target.image);
    }
};
