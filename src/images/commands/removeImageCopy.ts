import { removeImageCopies } from '../lifecycle/removeCopy';
import type { TreeNode } from '../model/tree';
import { type ImagesCommandContext, targetImage } from './context';

/** Remove Copy from Region… (context menu on a region row: that region; on an image row: pick the regions). */
export const removeImageCopy = (context: ImagesCommandContext) => async (node?: TreeNode) => {
    const target = node ?? context.selection()[0];
    if (target?.kind === 'region') {
        await removeImageCopies(context, target.parent.image, target.regionId);
        return;
    }
    const image = targetImage(context, target);
    if (image) {
        await removeImageCopies(context, image);
    }
};
