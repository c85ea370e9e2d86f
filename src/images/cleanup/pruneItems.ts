import * as vscode from 'vscode';
import { nameList } from '../../platform/listText';
import { buildDeleteQuickPickItems, type ImageQuickPickItem } from '../model/quickPick';
import type { ZenlayerImage } from '../../zenlayer';
import type { CleanupPlan } from './model/plan';
import { keptByReason } from './model/verdicts';
import { verdictLabel } from './texts';

/** A line of the prune's picker that is not an image: a separator, or the names of the images kept for one reason. */
export interface KeptSummaryItem {
    readonly label: string;
    readonly kind?: vscode.QuickPickItemKind;
    readonly description?: string;
    readonly picked?: false;
}

export type PruneItem = (ImageQuickPickItem & { readonly picked: true }) | KeptSummaryItem;

/**
 * Delete Unused Images' list from the cleanup plan of the same listing: exactly the plan's images to delete (offerable
 * ones, pre-ticked), then one separator per reason the others are kept, with how many, and a line naming them. A
 * summary line is not an image: ticking it sends nothing.
 */
export function pruneItems(plan: CleanupPlan, offerable: readonly ZenlayerImage[]): { items: PruneItem[]; offered: ZenlayerImage[]; kept: number } {
    const toDelete = new Set(plan.deleteIds);
    const offered = offerable.filter((image) => toDelete.has(image.id));
    const items: PruneItem[] = [];
    if (offered.length > 0) {
        items.push({ label: vscode.l10n.t('Would delete ({0})', offered.length), kind: vscode.QuickPickItemKind.Separator });
        items.push(...buildDeleteQuickPickItems(offered).map((item) => ({ ...item, picked: true as const })));
    }
    let kept = 0;
    for (const [reason, images] of keptByReason(plan)) {
        kept += images.length;
        items.push({ label: vscode.l10n.t('{0} ({1})', verdictLabel(reason), images.length), kind: vscode.QuickPickItemKind.Separator });
        items.push({
            label: `$(info) ${nameList(images.map((image) => image.name))}`,
            description: vscode.l10n.t('kept, not offered'),
            picked: false,
        });
    }
    return { items, offered, kept };
}

export function isImageItem(item: PruneItem): item is ImageQuickPickItem & { readonly picked: true } {
    return 'image' in item;
}
