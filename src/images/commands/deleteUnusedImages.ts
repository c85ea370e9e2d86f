import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { listingOf } from '../cleanup/cleanup';
import { referencesSettled } from '../cleanup/model/liveInputs';
import { isImageItem, pruneItems } from '../cleanup/pruneItems';
import { totalGiB } from '../delete/labels';
import { offerableImages, readyToPick } from '../delete/pickable';
import { isFilterActive } from '../model/filter';
import { partitionDeletable } from '../model/selection';
import { filterText } from '../texts';
import type { ImagesCommandContext } from './context';

/**
 * Zenlayer: Delete Unused Images… — like an image prune, for the account: refresh usage first, offer exactly what the
 * cleanup plan of this listing would delete (the rules keep the newest of each family, fresh builds, referenced
 * images …), all pre-selected, and say how many were kept and why; the same confirmation and delete; the result says
 * how much space went.
 */
export const deleteUnusedImages = (context: ImagesCommandContext) => {
    const run = async (): Promise<void> => {
        const { model, ui, cleanup } = context;
        if (!model.signedIn) {
            await context.configureCredentials();
            return;
        }
        await model.refresh();
        if (!(await readyToPick(context, run))) {
            return;
        }
        const usage = model.instanceUsage;
        const account = model.accountName;
        if (usage.kind === 'unknown' || account === undefined) {
            const text = vscode.l10n.t(
                'Cannot tell which images are unused: the instances could not be listed ({0}). Nothing was deleted.',
                describeError(usage.kind === 'unknown' ? usage.error : undefined),
            );
            void ui.showMessage('error', text, {});
            return;
        }
        const { references } = cleanup.deps;
        if (references !== undefined && references.status.kind !== 'ready') {
            await ui.withProgress(vscode.l10n.t('Searching the workspace for image references…'), () => referencesSettled(references));
        }
        const images = model.cachedImages;
        const { name, status, osType } = model.activeFilter;
        // A filtered listing is not the whole account: judged against what was recorded, without recording it.
        const observations =
            name === undefined && !status && !osType
                ? await cleanup.observe(account, images, new Set(usage.byImage.keys()))
                : await cleanup.observationsFor(account, images);
        const plan = cleanup.planOf(listingOf(model, account, images), observations);
        const { items, offered, kept } = pruneItems(plan, offerableImages(model));
        if (offered.length === 0) {
            const text = isFilterActive(model.activeFilter)
                ? vscode.l10n.t('No image the cleanup rules would delete matches the filter ({0}).', filterText(model.activeFilter))
                : vscode.l10n.t('Nothing to clean up: the cleanup rules keep all {0} images (Plan Cleanup… says why).', kept);
            void ui.showMessage('info', text, {});
            return;
        }
        const title = vscode.l10n.t('Delete Unused Images: {0} image(s), {1} GiB · {2} kept by the cleanup rules', offered.length, totalGiB(offered), kept);
        const picked = await ui.pickMany(items, {
            title,
            placeHolder: vscode.l10n.t('Untick the images to keep, then press Enter.'),
            matchOnDescription: true,
            matchOnDetail: true,
            ignoreFocusOut: true,
        });
        const chosen = (picked ?? []).filter(isImageItem).map((item) => item.image);
        if (chosen.length > 0) {
            await context.deletes.run(partitionDeletable(chosen, model), { reportFreed: true, trigger: 'prune' });
        }
    };
    return run;
};
