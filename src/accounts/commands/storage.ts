import { secretStorageHelp } from '../../platform/errorText';
import { SecretStorageUnavailableError } from '../../platform/secretStorage';
import type { AccountsState } from '../../shared/session/accounts';
import type { AccountCommandContext } from './context';

/** The accounts, or undefined after saying why SecretStorage cannot be read. */
export async function readAccounts(context: AccountCommandContext): Promise<AccountsState | undefined> {
    try {
        return await context.store.state();
    } catch (error) {
        reportStorageError(context, error);
        return undefined;
    }
}

/** Runs a store write; false (after saying why) when SecretStorage refused it. */
export async function writeAccounts(context: AccountCommandContext, operation: () => Promise<void>): Promise<boolean> {
    try {
        await operation();
        return true;
    } catch (error) {
        reportStorageError(context, error);
        return false;
    }
}

/** A missing keyring gets its help text; any other failure is a bug and is thrown on. */
function reportStorageError({ logger, ui }: AccountCommandContext, error: unknown): void {
    logger.error(`SecretStorage failed: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof SecretStorageUnavailableError) {
        void ui.showMessage('error', secretStorageHelp(), {});
        return;
    }
    throw error;
}
