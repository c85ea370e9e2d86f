import * as vscode from 'vscode';
import type { Logger } from '../../platform/logger';
import type { UserInterface } from '../../platform/userInterface';
import type { ImagesApi } from '../../shared/session/session';
import type { GroupBy } from '../../shared/settings/settings';
import type { ZenlayerImage } from '../../zenlayer';
import type { CleanupState } from '../cleanup/cleanup';
import type { DeleteFlow } from '../delete/deleteFlow';
import type { ImagesRecords } from '../feature';
import type { ImagesModel } from '../model/imagesModel';
import type { ImageLifecycle } from '../model/lifecycle';
import type { TreeNode } from '../model/tree';

/** What the images view's commands work with; src/images/feature.ts makes it. */
export interface ImagesCommandContext {
    readonly ui: UserInterface;
    readonly model: ImagesModel;
    readonly deletes: DeleteFlow;
    /** The credentials flow, offered when nobody is signed in. */
    readonly configureCredentials: () => Promise<void>;
    /** The view's selection, as the Delete key's command sees it. */
    readonly selection: () => readonly TreeNode[];
    /** Writes the Group By setting; its change event regroups the model. */
    readonly updateGroupBy: (groupBy: GroupBy) => Promise<void>;
    /** The delete history (Show Delete History, Export Delete History…) and the observation record. */
    readonly records: ImagesRecords;
    /** Rename, copies and creation: the API for the active account (undefined when signed out), regions and progress. */
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly lifecycle: ImageLifecycle;
    readonly logger: Logger;
    /** The cleanup's plans, observations and rules. */
    readonly cleanup: CleanupState;
}

/** What the view's key bindings pass (package.json keybindings: Delete, F2): act on the view's selection. */
export const KEY_BINDING_ARGS = { target: 'selection' } as const;

export type KeyBindingArgs = typeof KEY_BINDING_ARGS;

export const isKeyBinding = (argument: unknown): argument is KeyBindingArgs =>
    typeof argument === 'object' && argument !== null && (argument as { target?: unknown }).target === KEY_BINDING_ARGS.target;

/**
 * The row a command is for: the clicked row, or with a key binding the first selected row. These commands are not in
 * the palette, so one without a row was clicked in a context menu as the tree refreshed (VS Code hands over no
 * element then): it does nothing and says so; the selection never stands in for the row the person right-clicked.
 */
export function targetNode(context: ImagesCommandContext, node: TreeNode | KeyBindingArgs | undefined): TreeNode | undefined {
    if (isKeyBinding(node)) {
        return context.selection()[0];
    }
    if (node === undefined) {
        reportLostRow(context, vscode.l10n.t('The list changed as you clicked, so nothing was done. Right-click the image again.'));
    }
    return node;
}

/** A context-menu command came without its row (the tree refreshed as it was clicked): logged, and the person told. */
export function reportLostRow({ logger, ui }: ImagesCommandContext, message: string): void {
    logger.warn('A context-menu command came without its row (the tree refreshed as it was clicked); nothing done.');
    void ui.showMessage('warning', message, {});
}

/** The image of targetNode(), when the row is an image's. */
export function targetImage(context: ImagesCommandContext, node: TreeNode | KeyBindingArgs | undefined): ZenlayerImage | undefined {
    const target = targetNode(context, node);
    return target?.kind === 'image' ? target.image : undefined;
}
