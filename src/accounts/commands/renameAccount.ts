import * as vscode from 'vscode';
import type { AccountCommandContext } from './context';
import { askAccountName, pickAccount } from './prompts';
import { readAccounts, writeAccounts } from './storage';

/** Rename Account…: the credentials stay; only the name (and where its last check is kept) changes. */
export const renameAccount = (context: AccountCommandContext) => async (): Promise<void> => {
    const state = await readAccounts(context);
    const account = state && (await pickAccount(context, state, vscode.l10n.t('Rename a Zenlayer Account')));
    if (!state || !account) {
        return;
    }
    const name = await askAccountName(context, vscode.l10n.t('Rename "{0}"', account.name), state, account.name, account.name);
    if (name === undefined || name === account.name) {
        return;
    }
    if (await writeAccounts(context, () => context.store.rename(account.name, name))) {
        await context.checks.rename(account.name, name);
        await context.records.rename(account.name, name);
        context.logger.info(`Account "${account.name}" renamed to "${name}".`);
    }
};
