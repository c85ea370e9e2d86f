import * as vscode from 'vscode';
import { readAccountHistories } from '../delete/historyDocument';
import type { ImagesCommandContext } from './context';

/** Every account's recorded deletes (Show and Export Delete History), or undefined after saying there are none yet. */
export async function recordedHistories({ ui, model, records }: ImagesCommandContext): Promise<Awaited<ReturnType<typeof readAccountHistories>> | undefined> {
    const accounts = await readAccountHistories(records.history, records.recorder, model.accountName);
    if (accounts.length === 0) {
        void ui.showMessage('info', vscode.l10n.t('No delete has been recorded in this VS Code yet.'), {});
        return undefined;
    }
    return accounts;
}
