import type { CommandFactories } from '../../platform/commands';
import { addAccount } from './addAccount';
import { configureCredentials } from './configureCredentials';
import type { AccountCommandContext } from './context';
import { importCliAccounts } from './importCliAccounts';
import { removeAccount } from './removeAccount';
import { renameAccount } from './renameAccount';
import { signOut } from './signOut';
import { switchAccount } from './switchAccount';

/** Every command of the accounts feature, one file each; the key is the command's name in src/constants.ts COMMANDS. */
export const ACCOUNT_COMMANDS = {
    configureCredentials,
    signOut,
    addAccount,
    importCliAccounts,
    switchAccount,
    renameAccount,
    removeAccount,
} satisfies CommandFactories<AccountCommandContext>;
