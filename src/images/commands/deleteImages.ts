import * as vscode from 'vscode';
import { offerableImages, pickAndDelete, readyToPick } from '../delete/pickable';
import { isFilterActive } from '../model/filter';
import { buildDeleteQuickPickItems } from '../model/quickPick';
import { filterText } from '../texts';
import type { ImagesCommandContext } from './context';

/** Zenlayer: Delete Images… — a searchable multi-select of the deletable images, then the one delete flow. */
export const deleteImages = (context: ImagesCommandContext) => {
    const run = async (): Promise<void> => {
        const { model, ui } = context;
        if (!(await readyToPick(context, run))) {
            return;
        }
        const filter = model.activeFilter;
        const filtered = isFilterActive(filter);
        const items = buildDeleteQuickPickItems(offerableImages(model));
        if (items.length === 0) {
            const text = filtered
                ? vscode.l10n.t('No image that matches the filter ({0}) can be deleted.', filterText(filter))
                : vscode.l10n.t('There are no custom images that can be deleted.');
            void ui.showMessage('info', text, {});
            return;
        }
        // The view's filter narrows what is offered; say so, or images outside it would seem to be missing.
        const title = filtered ? vscode.l10n.t('Delete Zenlayer Images (filtered: {0})', filterText(filter)) : vscode.l10n.t('Delete Zenlayer Images');
        const placeHolder = filtered
            ? vscode.l10n.t("Only images matching the view's filter are listed. Select the images to delete (type to filter by name or ID)")
            : vscode.l10n.t('Select the images to delete (type to filter by name or ID)');
        await pickAndDelete(context, items, { title, placeHolder }, false, 'explicit');
    };
    return run;
};
