import * as vscode from 'vscode';
import type { ImageCopyProgress } from '../../zenlayer';
import { escapeMarkdown } from '../../platform/markdown';
import type { RegionNode } from '../model/regionRows';
import { instanceCountText } from '../texts';

/**
 * `zenlayer.imageRegion.held` (Remove Copy from Region… is offered) or `zenlayer.imageRegion.copying` (nothing to do
 * until the copy ends).
 */
export function regionContextValue(node: RegionNode): string {
    return `zenlayer.imageRegion.${node.state.kind}`;
}

/** "SYNCING 42%", "queued", "SYNCING" while it prepares, or the error Zenlayer gave for the destination. */
export function copyProgressText(progress: ImageCopyProgress): string {
    if (progress.errorInfo !== undefined) {
        return vscode.l10n.t('failed: {0}', progress.errorInfo);
    }
    if (progress.queued) {
        return vscode.l10n.t('queued');
    }
    return progress.syncPercent === undefined ? vscode.l10n.t('SYNCING') : vscode.l10n.t('SYNCING {0}%', Math.floor(progress.syncPercent));
}

/** "3 instances" or "unused here"; nothing while usage or the region's zones are unknown. */
export function regionUsageText(node: RegionNode): string | undefined {
    if (node.state.kind !== 'held' || node.state.instances === undefined) {
        return undefined;
    }
    return node.state.instances.length === 0 ? vscode.l10n.t('unused here') : instanceCountText(node.state.instances.length);
}

/** "Tokyo (asia-northeast-1)", or the region ID alone while the zones are unknown. */
export function regionLabel(regionId: string, cityName: string | undefined): string {
    return cityName === undefined ? regionId : vscode.l10n.t('{0} ({1})', cityName, regionId);
}

export function regionItem(node: RegionNode): vscode.TreeItem {
    const label = node.regionName ?? node.regionId;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.contextValue = regionContextValue(node);
    const state = node.state.kind === 'copying' ? copyProgressText(node.state.progress) : regionUsageText(node);
    // The state first: at the default width the row's end is cut off, and the region ID is the least news.
    const description = [state, node.regionName === undefined ? undefined : node.regionId].filter((part) => part).join(' · ');
    item.description = description;
    item.iconPath =
        node.state.kind === 'held'
            ? new vscode.ThemeIcon('globe')
            : node.state.progress.errorInfo !== undefined
              ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
              : new vscode.ThemeIcon(node.state.progress.queued ? 'clock' : 'sync~spin', new vscode.ThemeColor('charts.blue'));
    item.accessibilityInformation = { label: [node.parent.image.name, label, description].filter((part) => part).join(', ') };
    item.tooltip = regionTooltip(node);
    return item;
}

function regionTooltip(node: RegionNode): vscode.MarkdownString {
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.appendMarkdown(`**${escapeMarkdown(node.parent.image.name)}** · ${escapeMarkdown(regionLabel(node.regionId, node.regionName))}\n\n`);
    if (node.state.kind === 'copying') {
        markdown.appendMarkdown(escapeMarkdown(vscode.l10n.t('Copy in progress: {0}', copyProgressText(node.state.progress))));
    } else if (node.state.instances === undefined) {
        markdown.appendMarkdown(escapeMarkdown(vscode.l10n.t('Which instances use the image in this region is unknown.')));
    } else if (node.state.instances.length === 0) {
        markdown.appendMarkdown(escapeMarkdown(vscode.l10n.t('No instance in this region uses the image.')));
    } else {
        const lines = node.state.instances.map((instance) => `- ${escapeMarkdown(`${instance.name} (${instance.id}) · ${instance.status}`)}`);
        markdown.appendMarkdown(`${escapeMarkdown(vscode.l10n.t('Used here by:'))}\n\n${lines.join('\n')}`);
    }
    return markdown;
}
