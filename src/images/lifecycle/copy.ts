import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { joinNames } from '../../platform/listText';
import { crossesBorder, type ZenlayerImage, type ZenlayerRegion } from '../../zenlayer';
import { regionLabel } from '../view/regionItems';
import { callZenlayer, type LifecycleContext, refuse, withRequestId } from './call';

export interface CopyChoices {
    /** Regions that do not hold the image and are on its side of the border. */
    readonly offered: readonly ZenlayerRegion[];
    /** Regions across the mainland China border: Zenlayer refuses such copies. */
    readonly crossBorder: readonly ZenlayerRegion[];
}

/** Where an image can be copied: every region that does not hold it, minus those across the border. */
export function copyChoices(image: ZenlayerImage, regions: readonly ZenlayerRegion[]): CopyChoices {
    const missing = regions.filter((region) => !image.regionIds.includes(region.regionId));
    return {
        offered: missing.filter((region) => !crossesBorder(regions, image.regionIds, region.regionId)),
        crossBorder: missing.filter((region) => crossesBorder(regions, image.regionIds, region.regionId)),
    };
}

/** "Tokyo (asia-northeast-1), Frankfurt (eu-central-1)": regions named as the rows name them. */
export function regionList(regionIds: readonly string[], regions: readonly ZenlayerRegion[] | undefined): string {
    return joinNames(regionIds.map((regionId) => regionLabel(regionId, regions?.find((region) => region.regionId === regionId)?.cityName)));
}

/** Copy to Regions…: pick regions that do not hold the image; the rows then show the copy's progress. */
export async function copyImageToRegions(context: LifecycleContext, image: ZenlayerImage): Promise<void> {
    const { ui, lifecycle } = context;
    if (image.type !== 'CUSTOM_IMAGE' || image.status !== 'AVAILABLE') {
        refuse(context, vscode.l10n.t('{0} is {1}: Zenlayer copies only AVAILABLE custom images.', image.name, image.status));
        return;
    }
    let regions: readonly ZenlayerRegion[];
    try {
        regions = await ui.withProgress(vscode.l10n.t('Listing regions…'), () => lifecycle.loadRegions());
    } catch (error) {
        void ui.showMessage('error', vscode.l10n.t('Could not list the regions: {0}', describeError(error)), {});
        return;
    }
    const { offered, crossBorder } = copyChoices(image, regions);
    if (offered.length === 0) {
        const border =
            crossBorder.length === 0
                ? undefined
                : vscode.l10n.t(
                      'The others ({0}) are across the mainland China border, where Zenlayer refuses copies.',
                      regionList(
                          crossBorder.map((region) => region.regionId),
                          regions,
                      ),
                  );
        refuse(context, [vscode.l10n.t('{0} is already in every region it can be copied to.', image.name), border].filter((part) => part).join(' '));
        return;
    }
    const item = (region: ZenlayerRegion, refused: boolean) => ({
        label: refused ? `$(circle-slash) ${region.cityName ?? region.regionId}` : (region.cityName ?? region.regionId),
        description: region.regionId,
        detail: refused ? vscode.l10n.t('Zenlayer refuses copies across the mainland China border') : region.countryName,
        regionId: region.regionId,
        refused,
    });
    // Listed so the person sees why a region is missing, but never sent (ticking one is refused below).
    const notOffered =
        crossBorder.length === 0
            ? []
            : [
                  {
                      label: vscode.l10n.t('Not offered: across the mainland China border'),
                      kind: vscode.QuickPickItemKind.Separator,
                      regionId: '',
                      refused: true,
                  },
                  ...crossBorder.map((region) => item(region, true)),
              ];
    const picked = await ui.pickMany([...offered.map((region) => item(region, false)), ...notOffered], {
        title: vscode.l10n.t('Copy {0} to Regions', image.name),
        placeHolder: vscode.l10n.t('Pick the regions to copy {0} to (it is in {1})', image.name, regionList(image.regionIds, regions)),
        matchOnDescription: true,
        matchOnDetail: true,
    });
    const refused = (picked ?? []).filter((entry) => entry.refused);
    if (refused.length > 0) {
        refuse(
            context,
            vscode.l10n.t(
                '{0} cannot be copied to {1}: Zenlayer refuses copies across the mainland China border. Nothing was sent.',
                image.name,
                regionList(
                    refused.map((entry) => entry.regionId),
                    regions,
                ),
            ),
        );
        return;
    }
    const destinations = (picked ?? []).map((entry) => entry.regionId);
    if (destinations.length === 0) {
        return;
    }
    const where = regionList(destinations, regions);
    context.logger.info(`Copying ${image.id} (${image.name}) to ${destinations.join(', ')}`);
    const result = await callZenlayer(
        context,
        vscode.l10n.t('Copying {0} to {1}…', image.name, where),
        (reason) => vscode.l10n.t('Could not copy {0} to {1}: {2}', image.name, where, reason),
        (api) => api.copyImage(image.id, destinations),
    );
    if (!result) {
        return;
    }
    lifecycle.followCopy(image, destinations, result.requestId);
    void ui.showMessage('info', withRequestId(vscode.l10n.t('Copying {0} to {1}: its rows show the progress.', image.name, where), result.requestId), {});
}
