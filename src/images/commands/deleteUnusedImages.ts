import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { totalGiB } from '../delete/labels';
import { offerableImages, pickAndDelete, readyToPick } from '../delete/pickable';
import { isFilterActive } from '../model/filter';
import { buildDeleteQuickPickItems } from '../model/quickPick';
import { filterText } from '../texts';
import type { ImagesCommandContext } from './context';

/**
 * Zenlayer: Delete Unused Images… — like an image prune, for the account: refresh usage first, offer every deletable
 * custom image no instance uses, all pre-selected; the same confirmation and delete; the result says how much space went.
 */
export const deleteUnusedImages = (context: ImagesCommandContext) => {
    const run = async (): Promise<void> => {
        const { model, ui } = context;
        if (!model.signedIn) {
            await context.configureCredentials();
            return;
        }
        await model.refresh();
        if (!(await readyToPick(context, run))) {
            return;
        }
        const usage = model.instanceUsage;
        if (usage.kind === 'unknown') {
            const text = vscode.l10n.t(
                'Cannot tell which images are unused: the instances could not be listed ({0}). Nothing was deleted.',
                describeError(usage.error),
            );
            void ui.showMessage('error', text, {});
            return;
        }
        const unused = offerableImages(model).filter((image) => model.instancesOf(image.id)?.length === 0);
        const items = buildDeleteQuickPickItems(unused).map((item) => ({ ...item, picked: true }));
        if (items.length === 0) {
            const text = isFilterActive(model.activeFilter)
                ? vscode.l10n.t('No unused image matches the filter ({0}).', filterText(model.activeFilter))
                : vscode.l10n.t('Every custom image is in use by an instance, protected or not deletable: nothing to clean up.');
            void ui.showMessage('info', text, {});
            return;
        }
        const title = vscode.l10n.t('Delete Unused Images: {0} image(s), {1} GiB', items.length, totalGiB(items.map((item) => item.image)));
        await pickAndDelete(
            context,
            items,
            { title, placeHolder: vscode.l10n.t('Untick the images to keep, then press Enter.') },
            {
                reportFreed: true,
                trigger: 'prune',
            },
        );
    };
    return run;
};
