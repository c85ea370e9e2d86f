import * as vscode from 'vscode';
import { activeAccount, DEFAULT_ACCOUNT_NAME } from '../../shared/session/accounts';
import { maskedCredentialsText } from '../texts';
import { addAccount, addNamedAccount } from './addAccount';
import type { AccountCommandContext } from './context';
import { describeCredentials } from './credentialEntry';
import { readAccounts, writeAccounts } from './storage';

/** Configure Credentials: new credentials for the active account, or the first account when there is none. */
export const configureCredentials = (context: AccountCommandContext) => async (): Promise<void> => {
    const { entry, store, checks, logger, ui } = context;
    const state = await readAccounts(context);
    if (!state) {
        return;
    }
    const active = activeAccount(state);
    if (!active) {
        // A first sign-in asks for no name: the account is "default" (renamed later if there are more).
        await (state.accounts.length === 0 ? addNamedAccount(context, DEFAULT_ACCOUNT_NAME, { offerToken: false }) : addAccount(context)());
        return;
    }
    const credentials = await entry.enter(vscode.l10n.t('Credentials of the Zenlayer account "{0}"', active.name), { offerToken: false });
    if (credentials && (await writeAccounts(context, () => store.save({ name: active.name, credentials }, { activate: true })))) {
        await checks.record(active.name, { ok: true, at: context.now() });
        logger.info(`Credentials of account "${active.name}" saved to SecretStorage (${describeCredentials(credentials)}).`);
        const masked = maskedCredentialsText({ name: active.name, credentials });
        void ui.showMessage('info', vscode.l10n.t('Zenlayer credentials saved for "{0}" ({1}).', active.name, masked), {});
    }
};
