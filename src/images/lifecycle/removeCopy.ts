import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { joinNames } from '../../platform/listText';
import type { ZenlayerImage, ZenlayerRegion } from '../../zenlayer';
import { instancesInRegion } from '../model/regionRows';
import type { UsingInstance } from '../model/usage';
import { instanceCountText } from '../texts';
import { callZenlayer, type LifecycleContext, refuse, withRequestId } from './call';
import { regionList } from './copy';

/** Why no copy of the image may be removed, in words; undefined when some may. */
export function removeCopyRefusal(image: ZenlayerImage, protectedBy: string | undefined, regions: readonly ZenlayerRegion[] | undefined): string | undefined {
    if (protectedBy !== undefined) {
        return vscode.l10n.t('{0} is protected by zenlayer.delete.protectedImages ({1}): its copies are never removed.', image.name, protectedBy);
    }
    if (image.regionIds.length <= 1) {
        return vscode.l10n.t(
            '{0} is only in {1}: its last copy cannot be removed. Removing it is deleting the image: use Delete Image.',
            image.name,
            regionList(image.regionIds, regions),
        );
    }
    if (image.status !== 'AVAILABLE') {
        return vscode.l10n.t('{0} is {1}: Zenlayer removes copies only of an AVAILABLE image.', image.name, image.status);
    }
    return undefined;
}

/** "120 GiB" no longer stored for `count` copies, or undefined while the image's size is unknown. */
export function freedGiB(image: ZenlayerImage, count: number): number | undefined {
    return image.sizeGiB === undefined ? undefined : image.sizeGiB * count;
}

/**
 * Remove Copy from Region…: from a region row (that region) or an image row (pick regions; those where instances use the
 * image are not pre-selected). The confirmation names the image, the regions, the GiB no longer stored and the regions
 * where instances use it; at least one copy always stays.
 */
export async function removeImageCopies(context: LifecycleContext, image: ZenlayerImage, regionId?: string): Promise<void> {
    const { ui, model, lifecycle } = context;
    const regions = await lifecycle.loadRegions().catch((error: unknown) => {
        context.logger.warn(`Listing zones for region names failed: ${describeError(error)}`);
        return undefined;
    });
    const refusal = removeCopyRefusal(image, model.protectedBy(image), regions);
    if (refusal) {
        refuse(context, refusal);
        return;
    }
    const instances = model.instancesOf(image.id);
    const usedIn = (id: string): readonly UsingInstance[] | undefined =>
        instancesInRegion(
            instances,
            regions?.find((region) => region.regionId === id),
        );
    let chosen: readonly string[];
    if (regionId !== undefined) {
        chosen = [regionId];
    } else {
        const items = image.regionIds.map((id) => {
            const users = usedIn(id);
            const usage =
                users === undefined ? vscode.l10n.t('usage unknown') : users.length === 0 ? vscode.l10n.t('unused here') : instanceCountText(users.length);
            return {
                label: regions?.find((region) => region.regionId === id)?.cityName ?? id,
                description: `${id} · ${usage}`,
                picked: users?.length === 0,
                regionId: id,
            };
        });
        const picked = await ui.pickMany(items, {
            title: vscode.l10n.t('Remove Copies of {0}', image.name),
            placeHolder: vscode.l10n.t('Pick the regions to remove {0} from; at least one copy stays', image.name),
            matchOnDescription: true,
        });
        chosen = (picked ?? []).map((item) => item.regionId);
    }
    if (chosen.length === 0) {
        return;
    }
    if (chosen.length >= image.regionIds.length) {
        refuse(context, vscode.l10n.t('At least one copy of {0} must stay: removing every copy is deleting the image (use Delete Image).', image.name));
        return;
    }
    if (!(await confirm(context, image, chosen, regions, usedIn))) {
        return;
    }
    const where = regionList(chosen, regions);
    context.logger.info(`Removing the copies of ${image.id} (${image.name}) in ${chosen.join(', ')}`);
    const result = await callZenlayer(
        context,
        vscode.l10n.t('Removing {0} from {1}…', image.name, where),
        (reason) => vscode.l10n.t('Could not remove {0} from {1}: {2}', image.name, where, reason),
        (api) => api.deleteImageCopy(image.id, chosen),
    );
    if (!result) {
        return;
    }
    const current = model.cachedImages.find((cached) => cached.id === image.id) ?? image;
    model.updateImages([{ ...current, regionIds: current.regionIds.filter((id) => !chosen.includes(id)) }]);
    const freed = freedGiB(image, chosen.length);
    const text =
        freed === undefined
            ? vscode.l10n.t('Removed {0} from {1}.', image.name, where)
            : vscode.l10n.t('Removed {0} from {1}: {2} GiB no longer stored.', image.name, where, freed);
    void ui.showMessage('info', withRequestId(text, result.requestId), {});
}

async function confirm(
    context: LifecycleContext,
    image: ZenlayerImage,
    chosen: readonly string[],
    regions: readonly ZenlayerRegion[] | undefined,
    usedIn: (regionId: string) => readonly UsingInstance[] | undefined,
): Promise<boolean> {
    const freed = freedGiB(image, chosen.length);
    const remaining = image.regionIds.filter((id) => !chosen.includes(id));
    const inUse = chosen.filter((id) => (usedIn(id)?.length ?? 0) > 0);
    const unknown = chosen.filter((id) => usedIn(id) === undefined);
    const detail = [
        freed === undefined
            ? vscode.l10n.t('The size of {0} is unknown.', image.name)
            : vscode.l10n.t('{0} GiB no longer stored ({1} GiB per copy).', freed, image.sizeGiB ?? 0),
        vscode.l10n.t('{0} stays in {1}.', image.name, regionList(remaining, regions)),
        ...inUse.map((id) =>
            vscode.l10n.t(
                'Instances use it in {0}: {1}. They keep running, but no new instance there can be made from it.',
                regionList([id], regions),
                joinNames((usedIn(id) ?? []).map((instance) => instance.name)),
            ),
        ),
        ...(unknown.length > 0 ? [vscode.l10n.t('Which instances use it in {0} is unknown.', regionList(unknown, regions))] : []),
    ].join('\n');
    const button = chosen.length === 1 ? vscode.l10n.t('Remove Copy') : vscode.l10n.t('Remove {0} Copies', chosen.length);
    const message =
        chosen.length === 1
            ? vscode.l10n.t('Remove the copy of {0} from {1}?', image.name, regionList(chosen, regions))
            : vscode.l10n.t('Remove the copies of {0} from {1}?', image.name, regionList(chosen, regions));
    const answer = await context.ui.showMessage('warning', message, { modal: true, detail }, button);
    return answer === button;
}
