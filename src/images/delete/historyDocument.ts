import * as vscode from 'vscode';
import { escapeMarkdown } from '../../platform/markdown';
import { type DeleteTrigger, type HistoryEntry, type HistoryImage, type HistoryReason, MAX_HISTORY_ENTRIES } from '../../shared/records/deleteHistory';
import { dayText } from '../view/ageText';

/** Entries an account's section shows; Export Delete History… writes them all. */
export const MAX_SHOWN_ENTRIES = 500;

/** One account's history, newest first. */
export interface AccountHistoryView {
    readonly account: string;
    readonly entries: readonly HistoryEntry[];
}

/** Show Delete History: a rendered document, one section per account, each delete newest first with its images. */
export function deleteHistoryDocument(accounts: readonly AccountHistoryView[]): string {
    const lines = [
        `# ${vscode.l10n.t('Zenlayer delete history')}`,
        '',
        escapeMarkdown(
            vscode.l10n.t(
                'Every delete sent from this VS Code, newest first; the last {0} deletes of each account are kept.',
                MAX_HISTORY_ENTRIES.toLocaleString(vscode.env.language),
            ),
        ),
        '',
    ];
    for (const { account, entries } of accounts) {
        lines.push(`## ${escapeMarkdown(vscode.l10n.t('Account {0}', account))}`, '');
        for (const entry of entries.slice(0, MAX_SHOWN_ENTRIES)) {
            lines.push(...entryLines(entry), '');
        }
        const older = entries.length - MAX_SHOWN_ENTRIES;
        if (older > 0) {
            lines.push(escapeMarkdown(vscode.l10n.t('And {0} older deletes: Export Delete History… writes them all.', older)), '');
        }
    }
    return lines.join('\n');
}

function entryLines(entry: HistoryEntry): string[] {
    const count = entry.requested.length === 1 ? vscode.l10n.t('1 image') : vscode.l10n.t('{0} images', entry.requested.length);
    const lines = [`### ${escapeMarkdown(`${timeText(entry.at)} · ${triggerText(entry.trigger)} · ${count}`)}`, ''];
    for (const image of entry.images) {
        // The ID is a code span; the rest is text from Zenlayer, escaped (escaping the code span too would show its backticks).
        const facts = [...(image.sizeGiB !== undefined ? [vscode.l10n.t('{0} GiB', image.sizeGiB)] : []), ...image.regionIds];
        const tags = image.tags.length > 0 ? ` · ${image.tags.map((tag) => `${tag.key}=${tag.value}`).join(', ')}` : '';
        const described = [`\`${image.id}\``, ...facts.map(escapeMarkdown)].join(', ') + escapeMarkdown(tags);
        lines.push(`- **${escapeMarkdown(image.name ?? image.id)}** (${described}): ${escapeMarkdown(resultText(image))}`);
    }
    if (entry.omittedImages) {
        lines.push(`- ${escapeMarkdown(vscode.l10n.t('and {0} more images, not described', entry.omittedImages))}`);
    }
    if (entry.requestIds.length > 0) {
        lines.push('', vscode.l10n.t('DeleteImages requestId(s): {0}', entry.requestIds.map((id) => `\`${id}\``).join(', ')));
    }
    if (entry.planFingerprint !== undefined) {
        lines.push('', escapeMarkdown(vscode.l10n.t('Cleanup plan {0}', entry.planFingerprint)));
    }
    return lines;
}

/** `5 Dec 2026, 09:12` in the display language. */
function timeText(ms: number): string {
    const time = new Intl.DateTimeFormat(vscode.env.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
    return `${dayText(ms)}, ${time}`;
}

function triggerText(trigger: DeleteTrigger): string {
    switch (trigger) {
        case 'contextMenu':
            return vscode.l10n.t('context menu');
        case 'deleteKey':
            return vscode.l10n.t('Delete key');
        case 'palette':
            return vscode.l10n.t('Delete Images…');
        case 'prune':
            return vscode.l10n.t('Delete Unused Images…');
        case 'plan':
            return vscode.l10n.t('Apply Plan');
        case 'retry':
            return vscode.l10n.t('Retry');
    }
}

function resultText(image: HistoryImage): string {
    switch (image.result) {
        case 'accepted':
            return vscode.l10n.t('accepted by Zenlayer (not seen gone yet)');
        case 'gone':
            return image.goneAt !== undefined ? vscode.l10n.t('deleted (gone {0})', timeText(image.goneAt)) : vscode.l10n.t('deleted');
        case 'refused':
            return vscode.l10n.t('refused: {0}', reasonText(image.reason));
        case 'failed':
            return vscode.l10n.t('request failed: {0}', image.error ?? '');
        case 'notSent':
            return vscode.l10n.t('not sent: {0}', image.error ?? '');
        case 'unknown':
            return vscode.l10n.t('unknown outcome: {0}', image.error ?? '');
    }
}

function reasonText(reason: HistoryReason | undefined): string {
    switch (reason?.kind) {
        case 'inUse':
            return vscode.l10n.t('used by instances ({0})', reason.detail ?? '');
        case 'status':
            return vscode.l10n.t('Zenlayer refuses to delete an image that is {0}', reason.detail ?? '');
        case 'notFound':
            return vscode.l10n.t('not found: it is already gone');
        default:
            return vscode.l10n.t('Zenlayer did not say why, and no instance is known to use it');
    }
}

/** Every account's history (the shown account first, then by name), after this window's writes still under way. */
export async function readAccountHistories(
    history: { accounts(): Promise<string[]>; entries(account: string): Promise<HistoryEntry[]> },
    writes: { whenWritten(): Promise<void> },
    shownAccount: string | undefined,
): Promise<AccountHistoryView[]> {
    await writes.whenWritten();
    const accounts = await history.accounts();
    const ordered = shownAccount !== undefined && accounts.includes(shownAccount) ? [shownAccount, ...accounts.filter((a) => a !== shownAccount)] : accounts;
    const views = await Promise.all(ordered.map(async (account) => ({ account, entries: await history.entries(account) })));
    return views.filter((view) => view.entries.length > 0);
}
