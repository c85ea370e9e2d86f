import * as vscode from 'vscode';
import { checkText, maskedCredentialsText } from '../texts';
import { addAccount } from './addAccount';
import type { AccountCommandContext } from './context';
import { importCliAccounts } from './importCliAccounts';
import type { AccountItem } from './prompts';
import { readAccounts, writeAccounts } from './storage';

/** Switch Account…: every account with its masked key and last check, plus Add and Import; the pick becomes active. */
export const switchAccount = (context: AccountCommandContext) => async (): Promise<void> => {
    const { ui, store, checks, logger } = context;
    const state = await readAccounts(context);
    if (!state) {
        return;
    }
    const now = context.now();
    const accounts = [...state.accounts].sort((a, b) => Number(b.name === state.active) - Number(a.name === state.active));
    const items: AccountItem[] = [
        ...accounts.map((account): AccountItem => ({
            label: account.name === state.active ? `$(check) ${account.name}` : `$(account) ${account.name}`,
            description: account.name === state.active ? vscode.l10n.t('{0} · shown now', maskedCredentialsText(account)) : maskedCredentialsText(account),
            detail: checkText(checks.get(account.name), now),
            account,
        })),
        { label: vscode.l10n.t('$(add) Add Account…'), action: 'add' },
        { label: vscode.l10n.t('$(cloud-download) Import Accounts from the zeno CLI…'), action: 'import' },
    ];
    const placeHolder =
        state.accounts.length === 0
            ? vscode.l10n.t('No account yet: add one or import the zeno CLI profiles.')
            : vscode.l10n.t('The account whose images the view shows');
    const picked = await ui.pickOne(items, { title: vscode.l10n.t('Switch Zenlayer Account'), placeHolder, matchOnDescription: true });
    if (picked?.action === 'add') {
        await addAccount(context)();
    } else if (picked?.action === 'import') {
        await importCliAccounts(context)();
    } else if (picked?.account && picked.account.name !== state.active) {
        const { name } = picked.account;
        if (await writeAccounts(context, () => store.activate(name))) {
            logger.info(`Switched to account "${name}".`);
            ui.setStatusBarMessage(vscode.l10n.t('Zenlayer: switched to "{0}"', name));
        }
    }
};
