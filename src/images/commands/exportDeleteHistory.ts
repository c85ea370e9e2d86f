import * as os from 'node:os';
import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { historyToCsv, historyToJson } from '../../shared/records/historyExport';
import { recordedHistories } from './recordedHistories';
import type { ImagesCommandContext } from './context';

type FormatItem = vscode.QuickPickItem & { readonly format: 'csv' | 'json' };

/** Zenlayer: Export Delete History… — every account's history, newest first, as CSV (one row per image) or JSON. */
export const exportDeleteHistory = (context: ImagesCommandContext) => async (): Promise<void> => {
    const { ui } = context;
    const accounts = await recordedHistories(context);
    if (!accounts) {
        return;
    }
    const title = vscode.l10n.t('Export Zenlayer Delete History');
    const formats: FormatItem[] = [
        { label: 'CSV', description: vscode.l10n.t('one row per image, for a spreadsheet'), format: 'csv' },
        { label: 'JSON', description: vscode.l10n.t('every delete as it is kept, for tools'), format: 'json' },
    ];
    const chosen = await ui.pickOne(formats, { title, placeHolder: vscode.l10n.t('Choose the file format') });
    if (!chosen) {
        return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const target = await ui.showSaveDialog({
        title,
        saveLabel: vscode.l10n.t('Export'),
        defaultUri: vscode.Uri.joinPath(folder, `zenlayer-delete-history.${chosen.format}`),
        filters: chosen.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    });
    if (!target) {
        return;
    }
    const entries = accounts.flatMap((account) => account.entries).sort((a, b) => b.at - a.at);
    const text = chosen.format === 'csv' ? historyToCsv(entries) : historyToJson(entries, Date.now());
    const file = target.path.split('/').pop() ?? target.path;
    try {
        await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    } catch (error) {
        void ui.showMessage('error', vscode.l10n.t('Could not write {0}: {1}', file, describeError(error)), {});
        return;
    }
    const count = entries.length === 1 ? vscode.l10n.t('1 delete') : vscode.l10n.t('{0} deletes', entries.length);
    void ui.showMessage('info', vscode.l10n.t('Exported {0} to {1}.', count, file), {});
};
