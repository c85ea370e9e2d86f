import * as vscode from 'vscode';
import { type Account, type AccountsState, checkAccountName } from '../../shared/session/accounts';
import { accountNameProblemText, maskedCredentialsText } from '../texts';
import type { AccountCommandContext } from './context';

/** A row of an account picker: an account, or (in Switch Account…) an action. */
export type AccountItem = vscode.QuickPickItem & { readonly account?: Account; readonly action?: 'add' | 'import' };

/** The only account, or the one the person picks. */
export async function pickAccount({ ui }: AccountCommandContext, state: AccountsState, title: string): Promise<Account | undefined> {
    if (state.accounts.length === 0) {
        void ui.showMessage('info', vscode.l10n.t('There is no Zenlayer account in VS Code yet.'), {});
        return undefined;
    }
    if (state.accounts.length === 1) {
        return state.accounts[0];
    }
    const items = state.accounts.map((account): AccountItem => ({ label: account.name, description: maskedCredentialsText(account), account }));
    return (await ui.pickOne(items, { title }))?.account;
}

/** A new account name, refused in the box while taken or malformed; `renaming` is the account's own name (not a clash). */
export async function askAccountName(
    { ui }: AccountCommandContext,
    title: string,
    state: AccountsState,
    value: string,
    renaming: string | undefined,
): Promise<string | undefined> {
    const name = await ui.showInputBox({
        title,
        prompt: vscode.l10n.t('A name for these credentials, shown in the status bar and the view, such as production or staging.'),
        value,
        ignoreFocusOut: true,
        validateInput: (text) => {
            const problem = checkAccountName(text, state.accounts, renaming);
            return problem ? accountNameProblemText(problem, text) : undefined;
        },
    });
    return name === undefined || checkAccountName(name, state.accounts, renaming) !== undefined ? undefined : name.trim();
}
