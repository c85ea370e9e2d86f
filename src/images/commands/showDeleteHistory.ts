import * as vscode from 'vscode';
import { deleteHistoryDocument } from '../delete/historyDocument';
import { recordedHistories } from './recordedHistories';
import type { ImagesCommandContext } from './context';

/** Zenlayer: Show Delete History — every delete sent from this VS Code, per account, newest first, as a rendered document. */
export const showDeleteHistory = (context: ImagesCommandContext) => async (): Promise<void> => {
    const { ui } = context;
    const accounts = await recordedHistories(context);
    if (!accounts) {
        return;
    }
    await ui.openReadOnlyDocument(`${vscode.l10n.t('Delete History')}.md`, deleteHistoryDocument(accounts));
};
