import { normalizeSelection } from '../model/selection';
import type { TreeNode } from '../model/tree';
import type { ImagesCommandContext } from './context';

/** Delete (context menu: the clicked node and the selection; the Delete key: nothing, so the view's selection). */
export const deleteImage =
    ({ deletes, model, selection }: ImagesCommandContext) =>
    (clicked?: TreeNode, selected?: readonly TreeNode[]) =>
        deletes.run(normalizeSelection(clicked, selected ?? (clicked ? undefined : selection()), model), false, 'explicit');
