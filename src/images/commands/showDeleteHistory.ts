import * as vscode from 'vscode';
import { deleteHistoryDocument, readAccountHistories } from '../delete/historyDocument';
import type { ImagesCommandContext } from './context';

/** Zenlayer: Show Delete History — every delete sent from this VS Code, per account, newest first, as a rendered document. */
export const showDeleteHistory =
    ({ ui, model, records }: ImagesCommandContext) =>
    async (): Promise<void> => {
        const accounts = await readAccountHistories(records.history, records.recorder, model.accountName);
        if (accounts.length === 0) {
            void ui.showMessage('info', vscode.l10n.t('No delete has been recorded in this VS Code yet.'), {});
            return;
        }
        await ui.openReadOnlyDocument(`${vscode.l10n.t('Delete History')}.md`, deleteHistoryDocument(accounts));
    };
