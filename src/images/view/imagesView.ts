import * as vscode from 'vscode';
import type { WorkspaceReferences } from '../../shared/references/workspaceReferences';
import { IMAGES_VIEW_ID } from '../../constants';
import type { ImagesModel } from '../model/imagesModel';
import type { ImageLifecycle } from '../model/lifecycle';
import type { TreeNode } from '../model/tree';
import { type FirstSeenLookup, ImagesTreeProvider } from './treeProvider';
import { ImagesViewState } from './viewState';

/** The images view in the workbench: the tree over the model, its visibility fed back to the model (polling needs it). */
export function createImagesView(
    model: ImagesModel,
    lifecycle: ImageLifecycle,
    firstSeen: FirstSeenLookup,
    references: WorkspaceReferences | undefined,
): { provider: ImagesTreeProvider; view: vscode.TreeView<TreeNode>; dispose(): void } {
    const provider = new ImagesTreeProvider(model, lifecycle, firstSeen, references);
    const view = vscode.window.createTreeView(IMAGES_VIEW_ID, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: true });
    model.setViewVisible(view.visible);
    const parts: vscode.Disposable[] = [
        provider,
        view,
        view.onDidChangeVisibility((event) => model.setViewVisible(event.visible)),
        new ImagesViewState(model, view),
    ];
    return { provider, view, dispose: () => parts.forEach((part) => void part.dispose()) };
}
