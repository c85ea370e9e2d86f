import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import type { UserInterface } from '../../platform/userInterface';
import type { QuickPickOptions } from 'vscode';
import type { ZenlayerImage } from '../../zenlayer';
import type { ImageQuickPickItem } from '../model/quickPick';
import { partitionDeletable } from '../model/selection';
import type { DeleteFlow, DeleteKind } from './deleteFlow';
import { isBeingDeleted } from '../model/images';
import type { ImagesModel } from '../model/imagesModel';

export interface PickDependencies {
    readonly ui: UserInterface;
    readonly model: ImagesModel;
    /** The credentials flow, offered when nobody is signed in. */
    readonly configureCredentials: () => Promise<void>;
}

/** Signed in and the listing loaded; after a failed load offers Retry (then `again`) instead of "nothing to delete". */
export async function readyToPick(deps: PickDependencies, again: () => Promise<void>): Promise<boolean> {
    const { model, ui } = deps;
    if (!model.signedIn) {
        await deps.configureCredentials();
        return false;
    }
    await model.ensureLoaded();
    const loadError = model.loadError;
    if (loadError === undefined) {
        return true;
    }
    // The cache is empty because the listing failed, not because there is nothing to delete.
    const retry = vscode.l10n.t('Retry');
    const choice = await ui.showMessage('error', vscode.l10n.t('Could not load the images to choose from: {0}', describeError(loadError)), {}, retry);
    if (choice === retry) {
        await model.refresh();
        await again();
    }
    return false;
}

/** What a pick may offer: not being deleted, not protected (those are never sent, by any path). */
export function offerableImages(model: ImagesModel): ZenlayerImage[] {
    return model.cachedImages.filter((image) => !isBeingDeleted(model.marks.get(image.id)) && model.protectedBy(image) === undefined);
}

/**
 * The palette's multi-select of images, then the one delete flow for what was picked (filtered again like any
 * selection). `reportFreed`: the result says how many GiB went.
 */
export async function pickAndDelete(
    deps: PickDependencies & { readonly deletes: DeleteFlow },
    items: readonly ImageQuickPickItem[],
    options: Pick<QuickPickOptions, 'title' | 'placeHolder'>,
    reportFreed: boolean,
    kind: DeleteKind = 'prune',
): Promise<void> {
    const picked = await deps.ui.pickMany(items, { ...options, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
    if (picked && picked.length > 0) {
        const images = picked.map((item) => item.image);
        await deps.deletes.run(partitionDeletable(images, deps.model), reportFreed, kind);
    }
}
