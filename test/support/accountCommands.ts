import { addAccount } from '../../src/accounts/commands/addAccount';
import { configureCredentials } from '../../src/accounts/commands/configureCredentials';
import type { AccountCommandContext } from '../../src/accounts/commands/context';
import { importCliAccounts } from '../../src/accounts/commands/importCliAccounts';
import { removeAccount } from '../../src/accounts/commands/removeAccount';
import { renameAccount } from '../../src/accounts/commands/renameAccount';
import { signOut } from '../../src/accounts/commands/signOut';
import { switchAccount } from '../../src/accounts/commands/switchAccount';

/** The account commands' handlers made from one context, as the tests call them. */
export function accountCommands(context: AccountCommandContext) {
    return {
        configure: configureCredentials(context),
        add: addAccount(context),
        importFromCli: importCliAccounts(context),
        switchAccount: switchAccount(context),
        rename: renameAccount(context),
        remove: removeAccount(context),
        signOutAll: signOut(context),
    };
}

export type AccountCommandsByMethod = ReturnType<typeof accountCommands>;
