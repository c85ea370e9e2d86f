import * as vscode from 'vscode';
import { DEFAULT_ACCOUNT_NAME } from '../../shared/session/accounts';
import { maskedCredentialsText } from '../texts';
import type { AccountCommandContext } from './context';
import { describeCredentials } from './credentialEntry';
import { askAccountName } from './prompts';
import { readAccounts, writeAccounts } from './storage';

/** Add Account…: a name, then credentials (typed or imported), checked; the new account becomes the active one. */
export const addAccount = (context: AccountCommandContext) => async (): Promise<void> => {
    const state = await readAccounts(context);
    if (!state) {
        return;
    }
    const title = vscode.l10n.t('Add a Zenlayer Account (name)');
    const name = await askAccountName(context, title, state, state.accounts.length === 0 ? DEFAULT_ACCOUNT_NAME : '', undefined);
    if (name !== undefined) {
        await addNamedAccount(context, name, { offerToken: true });
    }
};

/** Credentials for a new account `name`, checked and stored as the active one. `offerToken`: a first sign-in asks for a key at once. */
export async function addNamedAccount(context: AccountCommandContext, name: string, options: { readonly offerToken: boolean }): Promise<void> {
    const { entry, store, checks, logger, ui } = context;
    const credentials = await entry.enter(vscode.l10n.t('Credentials of the Zenlayer account "{0}"', name), options);
    if (credentials && (await writeAccounts(context, () => store.save({ name, credentials }, { activate: true })))) {
        await checks.record(name, { ok: true, at: context.now() });
        logger.info(`Account "${name}" added (${describeCredentials(credentials)}) and made active.`);
        void ui.showMessage(
            'info',
            vscode.l10n.t('Added the Zenlayer account "{0}" ({1}); the view shows it now.', name, maskedCredentialsText({ name, credentials })),
            {},
        );
    }
}
