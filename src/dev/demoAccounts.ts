import { type Account, checkAccountName, sameName } from '../shared/session/accounts';
import type { AccountStore } from '../shared/session/accountStore';
import { credentialsFromRecord } from '../shared/session/credentialSources';
import { DEMO_ACCOUNTS_ENV } from '../constants';
import { describeError, secretStorageHelp } from '../platform/errorText';
import type { Logger } from '../platform/logger';
import { SecretStorageUnavailableError } from '../platform/secretStorage';
import type { UserInterface } from '../platform/userInterface';
import { isLoopbackEndpoint } from '../zenlayer';

export /** `[{"name", "accessKeyId", "accessKeyPassword"}, ...]`; entries that are not an account are left out. */
function parseDemoAccounts(text: string | undefined): Account[] {
    let parsed: unknown;
    try {
        parsed = text ? JSON.parse(text) : [];
    } catch {
        return [];
    }
    const accounts: Account[] = [];
    for (const entry of Array.isArray(parsed) ? parsed : []) {
        const name =
            typeof entry === 'object' && entry !== null && typeof (entry as Record<string, unknown>).name === 'string'
                ? ((entry as Record<string, unknown>).name as string)
                : '';
        const credentials = credentialsFromRecord(entry);
        if (credentials && checkAccountName(name, accounts) === undefined) {
            accounts.push({ name: name.trim(), credentials });
        }
    }
    return accounts;
}

export /**
 * Demo accounts (ZENLAYER_IMAGES_DEMO_ACCOUNTS) are stored into SecretStorage without a prompt, so the tree shows the
 * emulator's images at once and the status bar can switch between them. Only when zenlayer.endpoint is a loopback address
 * (the emulator): unchecked credentials are never stored for a real endpoint. An account of the same name with other
 * credentials is left as it is.
 */
async function storeDemoAccounts(demo: readonly Account[], store: AccountStore, endpoint: string, logger: Logger, ui: UserInterface): Promise<boolean> {
    if (!isLoopbackEndpoint(endpoint)) {
        logger.warn(`Demo: ignoring ${DEMO_ACCOUNTS_ENV}: zenlayer.endpoint ${endpoint} is not a loopback address (the emulator).`);
        return false;
    }
    try {
        const state = await store.state();
        const missing = demo.filter((account) => !state.accounts.some((existing) => sameName(existing.name, account.name)));
        const activate = state.active === undefined ? demo[0].name : undefined;
        if (missing.length === 0 && activate === undefined) {
            return false; // already there; storing again would only cause a second refresh
        }
        await store.saveAll(missing, activate);
        logger.info(`Demo: stored the accounts ${missing.map((account) => account.name).join(', ') || 'none'} in SecretStorage.`);
        return true;
    } catch (error) {
        logger.error(`Demo: could not store the accounts: ${describeError(error)}`);
        if (error instanceof SecretStorageUnavailableError) {
            void ui.showMessage('error', secretStorageHelp(), {});
        }
        return false;
    }
}
