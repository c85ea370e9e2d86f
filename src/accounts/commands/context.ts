import type { Logger } from '../../platform/logger';
import type { UserInterface } from '../../platform/userInterface';
import type { AccountStore } from '../../shared/session/accountStore';
import type { CredentialSource } from '../../shared/session/credentialSources';
import type { AccountChecks } from '../model/accountChecks';
import type { CredentialEntry } from './credentialEntry';

/**
 * What the account commands work with; src/accounts/register.ts makes it. Every credential set is checked with Zenlayer
 * before it is stored; nothing secret is ever shown (key IDs masked but for their last four characters).
 */
export interface AccountCommandContext {
    readonly ui: UserInterface;
    readonly store: AccountStore;
    readonly checks: AccountChecks;
    readonly entry: CredentialEntry;
    readonly logger: Logger;
    /** The zeno CLI's profiles (and the environment), for Import Accounts from the zeno CLI…. */
    readonly discoverSources: () => Promise<CredentialSource[]>;
    readonly now: () => number;
    /** What the extension keeps per account in its global storage (the observation record, the delete history). */
    readonly records: AccountRecords;
}

/** An account's files follow it: gone when it is removed, moved when it is renamed. Never rejects. */
export interface AccountRecords {
    forget(account: string): Promise<void>;
    rename(from: string, to: string): Promise<void>;
}
