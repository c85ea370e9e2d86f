import { describeError } from '../../platform/errorText';
import type { Logger } from '../../platform/logger';
import type { ImagesModel } from '../model/imagesModel';
import { rowAfterDelete } from '../model/selection';
import type { ImageNode, TreeNode } from '../model/tree';

export interface SelectAfterDependencies {
    readonly model: ImagesModel;
    readonly logger: Logger;
    /** Selects and focuses a row of the view (TreeView.reveal). */
    readonly select: (node: TreeNode) => Thenable<void>;
}

/**
 * After a delete from the view, the row below (or above) takes the selection and the focus, as in the Explorer, so
 * pressing Delete again acts on it. Only when the selection was among the deleted rows: a palette delete of other
 * images leaves it alone. With no row left the deleted rows stay selected until they go (a view cannot clear it).
 */
export async function selectRowAfter(
    deps: SelectAfterDependencies,
    rowsBefore: readonly ImageNode[],
    selectedBefore: readonly TreeNode[],
    sentIds: ReadonlySet<string>,
): Promise<void> {
    const wasSent = (node: TreeNode): boolean =>
        node.kind === 'image' ? sentIds.has(node.image.id) : node.kind === 'group' && node.children.some((child) => sentIds.has(child.image.id));
    if (!selectedBefore.some(wasSent)) {
        return;
    }
    const next = rowAfterDelete(rowsBefore, sentIds, deps.model.marks);
    const rows = deps.model.imageRows();
    const current = next && (rows.find((row) => row.id === next.id) ?? rows.find((row) => row.image.id === next.image.id));
    if (current) {
        try {
            await deps.select(current);
        } catch (error) {
            deps.logger.warn(`Could not select the row after the delete: ${describeError(error)}`);
        }
    }
}
