import * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import { imageDetailFields } from './details';
import { describeError } from '../platform/errorText';
import { type DeleteFailure, formatSize, type ImageMarks, imageContextValue, statusPresentation } from './images';
import { type GroupNode, type ImageNode, isFailureMessage, type MessageKind, type MessageNode, type TreeNode } from './tree';
import { detailFieldLabel } from './texts';

export function toTreeItem(node: TreeNode, marks: ImageMarks): vscode.TreeItem {
    switch (node.kind) {
        case 'image':
            return imageItem(node, marks);
        case 'group':
            return groupItem(node);
        case 'message':
            return messageItem(node);
    }
}

function imageItem(node: ImageNode, marks: ImageMarks): vscode.TreeItem {
    const { image } = node;
    const item = new vscode.TreeItem(image.name, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.contextValue = imageContextValue(image, marks);
    const mark = marks.get(image.id);
    if (mark?.phase === 'sending') {
        item.description = vscode.l10n.t('Deleting…');
        item.iconPath = new vscode.ThemeIcon('loading~spin', new vscode.ThemeColor('charts.orange'));
    } else if (mark?.phase === 'failed') {
        item.description = vscode.l10n.t('{0} · delete failed', image.status);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    } else {
        item.description = [image.status, formatSize(image.sizeGiB) ?? image.osType].filter((part) => part).join(' · ');
        const presentation = statusPresentation(image.status);
        item.iconPath = new vscode.ThemeIcon(presentation.icon, presentation.color ? new vscode.ThemeColor(presentation.color) : undefined);
    }
    item.accessibilityInformation = { label: `${image.name}, ${String(item.description)}` };
    return item;
}

/** Built only when hovered (resolveTreeItem), so 10,000 items cost nothing until someone looks. */
export function imageTooltip(node: ImageNode, marks: ImageMarks): vscode.MarkdownString {
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.appendMarkdown(`**${escapeMarkdown(node.image.name)}**\n\n`);
    markdown.appendMarkdown(`| | |\n|---|---|\n`);
    for (const { field, value } of imageDetailFields(node.image)) {
        markdown.appendMarkdown(`| ${escapeMarkdown(detailFieldLabel(field))} | ${escapeMarkdown(value)} |\n`);
    }
    const mark = marks.get(node.image.id);
    if (mark?.phase === 'failed') {
        markdown.appendMarkdown(`\n\n$(error) ${escapeMarkdown(deleteFailureText(mark.failure))}`);
    }
    return markdown;
}

/** Why the last delete of the image did not go through, for its tooltip. */
export function deleteFailureText(failure: DeleteFailure): string {
    switch (failure.kind) {
        case 'refused':
            return vscode.l10n.t('The last delete failed; Zenlayer refused this image.');
        case 'requestFailed':
            return vscode.l10n.t('The last delete failed: {0}', describeError(failure.error));
        case 'reverted':
            return vscode.l10n.t('The last delete failed: {0}', vscode.l10n.t('Zenlayer accepted the delete, but the image is {0} again.', failure.status));
    }
}

function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&').replace(/\n/g, ' ');
}

function groupLabel(node: GroupNode): string {
    if (node.key !== '') {
        return node.key;
    }
    switch (node.groupBy) {
        case 'status':
            return vscode.l10n.t('No status');
        case 'osType':
            return vscode.l10n.t('Unknown OS');
        case 'region':
            return vscode.l10n.t('No region');
    }
}

function groupItem(node: GroupNode): vscode.TreeItem {
    const item = new vscode.TreeItem(groupLabel(node), vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.description = node.children.length === 1 ? vscode.l10n.t('1 image') : vscode.l10n.t('{0} images', node.children.length);
    item.contextValue = node.deletableCount > 0 ? 'zenlayer.group.deletable' : 'zenlayer.group';
    item.iconPath = new vscode.ThemeIcon(node.groupBy === 'region' ? 'globe' : node.groupBy === 'osType' ? 'vm' : 'symbol-enum');
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
            return { label: vscode.l10n.t('No custom images in this account'), icon: 'info', command: { command: COMMANDS.refresh, title: vscode.l10n.t('Refresh') } };
        case 'noMatches':
            return { label: vscode.l10n.t('No images match the filter — clear filter'), icon: 'filter', command: { command: COMMANDS.clearFilter, title: vscode.l10n.t('Clear Filter') } };
        case 'credentialsRejected':
            return { label: vscode.l10n.t('Credentials rejected — configure'), icon: 'key', command: { command: COMMANDS.configureCredentials, title: vscode.l10n.t('Configure Credentials') } };
        case 'clockSkew':
            return { label: vscode.l10n.t('Computer clock is off — retry'), icon: 'watch', command: retry };
        case 'unreachable':
            return { label: vscode.l10n.t('Cannot reach Zenlayer — retry'), icon: 'debug-disconnect', command: retry };
        case 'loadFailed':
            return { label: vscode.l10n.t('Could not load images — retry'), icon: 'error', command: retry };
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
