import type { CommandFactories } from '../../platform/commands';
import type { AccountCommands } from './accountCommands';

/** Every command of the accounts feature, by its name in src/constants.ts COMMANDS. */
export const ACCOUNT_COMMANDS = {
    configureCredentials: (accounts: AccountCommands) => () => accounts.configure(),
    signOut: (accounts: AccountCommands) => () => accounts.signOutAll(),
    addAccount: (accounts: AccountCommands) => () => accounts.add(),
    importCliAccounts: (accounts: AccountCommands) => () => accounts.importFromCli(),
    switchAccount: (accounts: AccountCommands) => () => accounts.switchAccount(),
    renameAccount: (accounts: AccountCommands) => () => accounts.rename(),
    removeAccount: (accounts: AccountCommands) => () => accounts.remove(),
} satisfies CommandFactories<AccountCommands>;
