import * as vscode from 'vscode';
import { COMMANDS } from '../../constants';
import { imageDetailFields } from '../model/details';
import { describeError } from '../../platform/errorText';
import { type DeleteFailure, formatSize, type ImageMarks, imageContextValue, statusPresentation } from '../model/images';
import { type GroupNode, type ImageNode, isFailureMessage, type MessageKind, type MessageNode, type TreeNode, USAGE_GROUP_KEYS } from '../model/tree';
import { detailFieldLabel, instanceCountText, referencedInText, refusalReasonText } from '../texts';
import { escapeMarkdown } from '../../platform/markdown';
import type { FirstSeen } from '../../shared/records/observations';
import { firstSeenText } from './ageText';
import type { WorkspaceReferences } from '../../shared/references/workspaceReferences';
import { referencesMarkdown } from './referencesTooltip';
import type { ZenlayerImage } from '../../zenlayer';
import { regionItem } from './regionItems';
import type { VerdictKey } from '../cleanup/model/verdicts';
import { verdictLabel } from '../cleanup/texts';

/** Whether an image row expands into region rows, and whether a copy of it is on its way (then it opens by itself). */
export interface RowExpansion {
    expands(image: ZenlayerImage): boolean;
    progressOf(imageId: string): readonly unknown[];
}

const LEAVES: RowExpansion = { expands: () => false, progressOf: () => [] };

export function toTreeItem(node: TreeNode, marks: ImageMarks, expansion: RowExpansion = LEAVES): vscode.TreeItem {
    switch (node.kind) {
        case 'image':
            return imageItem(node, marks, expansion);
        case 'group':
            return groupItem(node);
        case 'message':
            return messageItem(node);
        case 'region':
            return regionItem(node);
    }
}

function imageItem(node: ImageNode, marks: ImageMarks, expansion: RowExpansion): vscode.TreeItem {
    const { image } = node;
    const collapsible = !expansion.expands(image)
        ? vscode.TreeItemCollapsibleState.None
        : expansion.progressOf(image.id).length > 0
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(image.name, collapsible);
    item.id = node.id;
    item.contextValue = imageContextValue(image, marks, node.protectedBy);
    const mark = marks.get(image.id);
    // Grouped by status, the group already says it; the size is what the row has room for at the default width.
    const status = node.groupedBy === 'status' ? undefined : image.status;
    if (mark?.phase === 'sending') {
        item.description = vscode.l10n.t('Deleting…');
        item.iconPath = new vscode.ThemeIcon('loading~spin', new vscode.ThemeColor('charts.orange'));
    } else if (mark?.phase === 'failed') {
        item.description = status ? vscode.l10n.t('{0} · delete failed', status) : vscode.l10n.t('delete failed');
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    } else {
        // Size and usage first: at the default 300 px they are what a row has room for. AVAILABLE, the usual status,
        // is left to the green icon (and the tooltip); any other status leads, as it says why a row is different.
        const unusual = status === 'AVAILABLE' ? undefined : status;
        item.description = [unusual, formatSize(image.sizeGiB) ?? image.osType, usageText(node), referencesText(node)].filter((part) => part).join(' · ');
        const presentation = statusPresentation(image.status);
        item.iconPath =
            node.protectedBy !== undefined
                ? new vscode.ThemeIcon('lock', presentation.color ? new vscode.ThemeColor(presentation.color) : undefined)
                : new vscode.ThemeIcon(presentation.icon, presentation.color ? new vscode.ThemeColor(presentation.color) : undefined);
    }
    item.accessibilityInformation = { label: [image.name, image.status, String(item.description)].filter((part) => part).join(', ') };
    return item;
}

/** Built only when hovered (resolveTreeItem), so 10,000 items cost nothing until someone looks. */
/** What the tooltip adds when it is known: the record's first sighting, the workspace's references. */
export interface TooltipExtras {
    readonly firstSeen?: FirstSeen;
    readonly references?: WorkspaceReferences;
}

export function imageTooltip(node: ImageNode, marks: ImageMarks, { firstSeen, references }: TooltipExtras = {}): vscode.MarkdownString {
    const markdown = new vscode.MarkdownString(undefined, true);
    // Show References is the one command link; the reference locations are plain file links.
    markdown.isTrusted = { enabledCommands: [COMMANDS.showReferences] };
    markdown.appendMarkdown(`**${escapeMarkdown(node.image.name)}**\n\n`);
    markdown.appendMarkdown(`| | |\n|---|---|\n`);
    for (const { field, value } of imageDetailFields(node.image)) {
        markdown.appendMarkdown(`| ${escapeMarkdown(detailFieldLabel(field))} | ${escapeMarkdown(value)} |\n`);
    }
    if (firstSeen) {
        markdown.appendMarkdown(`| ${escapeMarkdown(vscode.l10n.t('Age'))} | ${escapeMarkdown(firstSeenText(firstSeen, Date.now()))} |\n`);
    }
    if (node.protectedBy !== undefined) {
        markdown.appendMarkdown(
            `\n\n$(lock) ${escapeMarkdown(vscode.l10n.t('Protected by zenlayer.delete.protectedImages ({0}): never sent in a delete.', node.protectedBy))}`,
        );
    }
    markdown.appendMarkdown(`\n\n${usageMarkdown(node)}`);
    const referenced = references && referencesMarkdown(node, references);
    if (referenced) {
        markdown.appendMarkdown(`\n\n${referenced}`);
    }
    const mark = marks.get(node.image.id);
    if (mark?.phase === 'failed') {
        markdown.appendMarkdown(`\n\n$(error) ${escapeMarkdown(deleteFailureText(mark.failure))}`);
    }
    return markdown;
}

/** "3 instances" in the row of an image in use; nothing for an unused one or when usage is unknown. */
function usageText(node: ImageNode): string | undefined {
    const count = node.instances?.length ?? 0;
    return count === 0 ? undefined : instanceCountText(count);
}

/** "referenced in 2 files" in the row of an image the workspace references; nothing otherwise or while unknown. */
function referencesText(node: ImageNode): string | undefined {
    return node.referencedIn ? referencedInText(node.referencedIn) : undefined;
}

/** How many instances the tooltip names before "and N more". */
const TOOLTIP_INSTANCES = 10;

/** "Used by 2 instances:" over the tooltip's list of instances. */
function usedByHeading(count: number): string {
    return count === 1 ? vscode.l10n.t('Used by 1 instance:') : vscode.l10n.t('Used by {0} instances:', count);
}

function usageMarkdown(node: ImageNode): string {
    if (node.instances === undefined) {
        return `$(question) ${escapeMarkdown(vscode.l10n.t('Usage unknown: the instances could not be listed.'))}`;
    }
    if (node.instances.length === 0) {
        return `$(circle-large-outline) ${escapeMarkdown(vscode.l10n.t('No instance uses this image.'))}`;
    }
    const lines = node.instances
        .slice(0, TOOLTIP_INSTANCES)
        .map((instance) => `- ${escapeMarkdown(`${instance.name} (${instance.id}) · ${instance.status}${instance.zoneId ? ` · ${instance.zoneId}` : ''}`)}`);
    const more = node.instances.length - TOOLTIP_INSTANCES;
    return [
        `$(server) ${escapeMarkdown(usedByHeading(node.instances.length))}`,
        '',
        ...lines,
        ...(more > 0 ? [escapeMarkdown(vscode.l10n.t('and {0} more', more))] : []),
    ].join('\n');
}

/** Why the last delete of the image did not go through, for its tooltip. */
function deleteFailureText(failure: DeleteFailure): string {
    switch (failure.kind) {
        case 'refused':
            return vscode.l10n.t('Not deleted: {0}.', refusalReasonText(failure.reason));
        case 'notSent':
            return vscode.l10n.t('Not sent: {0}', describeError(failure.error));
        case 'unknownOutcome':
            return vscode.l10n.t('Unknown whether Zenlayer accepted the delete: {0}', describeError(failure.error));
        case 'requestFailed':
            return vscode.l10n.t('The last delete failed: {0}', describeError(failure.error));
        case 'reverted':
            return vscode.l10n.t('The last delete failed: {0}', vscode.l10n.t('Zenlayer accepted the delete, but the image is {0} again.', failure.status));
    }
}

function groupLabel(node: GroupNode): string {
    if (node.key !== '') {
        return node.groupBy === 'usage' ? usageGroupLabel(node.key) : node.groupBy === 'cleanup' ? verdictLabel(node.key as VerdictKey) : node.key;
    }
    switch (node.groupBy) {
        case 'status':
            return vscode.l10n.t('No status');
        case 'osType':
            return vscode.l10n.t('Unknown OS');
        case 'region':
            return vscode.l10n.t('No region');
        case 'usage':
            return vscode.l10n.t('Usage unknown');
        case 'cleanup':
            return verdictLabel('');
    }
}

function usageGroupLabel(key: string): string {
    switch (key) {
        case USAGE_GROUP_KEYS.inUse:
            return vscode.l10n.t('In use');
        case USAGE_GROUP_KEYS.referenced:
            return vscode.l10n.t('Referenced in the workspace');
        default:
            return vscode.l10n.t('Unused');
    }
}

function cleanupGroupIcon(key: string): string {
    return key === 'delete' ? 'trash' : key === 'protected' ? 'shield' : key === '' ? 'question' : 'pass';
}

function groupItem(node: GroupNode): vscode.TreeItem {
    const item = new vscode.TreeItem(groupLabel(node), vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.description = node.children.length === 1 ? vscode.l10n.t('1 image') : vscode.l10n.t('{0} images', node.children.length);
    item.contextValue = node.deletableCount > 0 ? 'zenlayer.group.deletable' : 'zenlayer.group';
    item.iconPath = new vscode.ThemeIcon(
        node.groupBy === 'region'
            ? 'globe'
            : node.groupBy === 'osType'
              ? 'vm'
              : node.groupBy === 'usage'
                ? 'server'
                : node.groupBy === 'cleanup'
                  ? cleanupGroupIcon(node.key)
                  : 'symbol-enum',
    );
    return item;
}

interface MessagePresentation {
    readonly label: string;
    readonly icon: string;
    /** What clicking the row does. */
    readonly command?: vscode.Command;
}

function messagePresentation(kind: MessageKind): MessagePresentation {
    const retry = { command: COMMANDS.refresh, title: vscode.l10n.t('Retry') };
    switch (kind) {
        case 'loading':
            return { label: vscode.l10n.t('Loading images…'), icon: 'loading~spin' };
        case 'noImages':
            return {
                label: vscode.l10n.t('No custom images in this account'),
                icon: 'info',
                command: { command: COMMANDS.refresh, title: vscode.l10n.t('Refresh') },
            };
        case 'noMatches':
            return {
                label: vscode.l10n.t('No images match the filter — clear filter'),
                icon: 'filter',
                command: { command: COMMANDS.clearFilter, title: vscode.l10n.t('Clear Filter') },
            };
        case 'credentialsRejected':
            return {
                label: vscode.l10n.t('Credentials rejected — configure'),
                icon: 'key',
                command: { command: COMMANDS.configureCredentials, title: vscode.l10n.t('Configure Credentials') },
            };
        case 'clockSkew':
            return { label: vscode.l10n.t('Computer clock is off — retry'), icon: 'watch', command: retry };
        case 'unreachable':
            return { label: vscode.l10n.t('Cannot reach Zenlayer — retry'), icon: 'debug-disconnect', command: retry };
        case 'loadFailed':
            return { label: vscode.l10n.t('Could not load images — retry'), icon: 'error', command: retry };
        case 'usageUnknown':
            return { label: vscode.l10n.t('Cannot tell which images are unused — retry'), icon: 'question', command: retry };
    }
}

function messageItem(node: MessageNode): vscode.TreeItem {
    const presentation = messagePresentation(node.message);
    const item = new vscode.TreeItem(presentation.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.contextValue = `zenlayer.message.${node.message}`;
    // Failures are tinted as errors.
    item.iconPath = new vscode.ThemeIcon(presentation.icon, isFailureMessage(node.message) ? new vscode.ThemeColor('errorForeground') : undefined);
    item.command = presentation.command;
    if (node.detail) {
        item.description = node.detail;
        item.tooltip = node.detail;
    }
    return item;
}
