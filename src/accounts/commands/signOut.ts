import * as vscode from 'vscode';
import { nameList } from '../../platform/listText';
import type { AccountCommandContext } from './context';
import { readAccounts, writeAccounts } from './storage';

/** Sign Out of All Accounts: every credential set leaves SecretStorage (confirmed when there is more than one). */
export const signOut = (context: AccountCommandContext) => async (): Promise<void> => {
    const { ui, store, checks, logger } = context;
    const state = await readAccounts(context);
    if (!state) {
        return;
    }
    const count = state.accounts.length;
    if (count > 1) {
        const signOutButton = vscode.l10n.t('Sign Out');
        const answer = await ui.showMessage(
            'warning',
            vscode.l10n.t('Sign out of all {0} Zenlayer accounts?', count),
            {
                modal: true,
                detail: vscode.l10n.t(
                    'The credentials of {0} are deleted from VS Code. To see their images again, add or import them again.',
                    nameList(state.accounts.map((account) => account.name)),
                ),
            },
            signOutButton,
        );
        if (answer !== signOutButton) {
            return;
        }
    }
    if (!(await writeAccounts(context, () => store.clear()))) {
        return;
    }
    await checks.forgetAll();
    await Promise.all(state.accounts.map((account) => context.records.forget(account.name)));
    logger.info(`Signed out: ${count} account(s) removed from SecretStorage.`);
    void ui.showMessage(
        'info',
        count > 1
            ? vscode.l10n.t('Signed out of {0} Zenlayer accounts. Their credentials were removed from VS Code.', count)
            : vscode.l10n.t('Signed out of Zenlayer. Your credentials were removed from VS Code.'),
        {},
    );
};
