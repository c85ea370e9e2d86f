import { imageDetailsJson } from '../model/details';
import type { TreeNode } from '../model/tree';
import { type ImagesCommandContext, type KeyBindingArgs, targetImage } from './context';

/** View Details: the image's fields as a read-only JSON document. */
export const viewDetails = (context: ImagesCommandContext) => async (node?: TreeNode | KeyBindingArgs) => {
    const image = targetImage(context, node);
    if (image) {
        await context.ui.openReadOnlyDocument(`${image.name}.json`, imageDetailsJson(image));
    }
};
