import * as vscode from 'vscode';
import { maskedCredentialsText } from '../texts';
import type { AccountCommandContext } from './context';
import { pickAccount } from './prompts';
import { readAccounts, writeAccounts } from './storage';
import { switchAccount } from './switchAccount';

/** Remove Account…: after a modal confirmation its credentials leave SecretStorage; nothing changes at Zenlayer. */
export const removeAccount = (context: AccountCommandContext) => async (): Promise<void> => {
    const { ui, store, checks, logger } = context;
    const state = await readAccounts(context);
    const account = state && (await pickAccount(context, state, vscode.l10n.t('Remove a Zenlayer Account')));
    if (!state || !account) {
        return;
    }
    const removeButton = vscode.l10n.t('Remove');
    const answer = await ui.showMessage(
        'warning',
        vscode.l10n.t('Remove the Zenlayer account "{0}" from VS Code?', account.name),
        {
            modal: true,
            detail: vscode.l10n.t(
                'Its credentials ({0}) are deleted from VS Code. The account and its images at Zenlayer are not touched.',
                maskedCredentialsText(account),
            ),
        },
        removeButton,
    );
    if (answer !== removeButton || !(await writeAccounts(context, () => store.remove(account.name)))) {
        return;
    }
    await checks.forget(account.name);
    await context.records.forget(account.name);
    logger.info(`Account "${account.name}" removed from SecretStorage.`);
    const others = state.accounts.length - 1;
    if (account.name === state.active && others > 0) {
        const switchButton = vscode.l10n.t('Switch Account…');
        const choice = await ui.showMessage('info', vscode.l10n.t('Removed "{0}". Choose the account the view shows.', account.name), {}, switchButton);
        if (choice === switchButton) {
            await switchAccount(context)();
        }
    } else {
        void ui.showMessage('info', vscode.l10n.t('Removed the Zenlayer account "{0}" from VS Code.', account.name), {});
    }
};
