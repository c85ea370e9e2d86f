import * as os from 'node:os';
import * as vscode from 'vscode';
import { bindCommands, registerCommands } from '../platform/commands';
import type { DisposableStore } from '../platform/disposables';
import { describeError, isAuthFailure } from '../platform/errorText';
import type { Logger } from '../platform/logger';
import type { UserInterface } from '../platform/userInterface';
import type { AccountStore } from '../shared/session/accountStore';
import type { Session } from '../shared/session/session';
import type { SettingsService } from '../shared/settings/settingsService';
import { ACCOUNT_COMMANDS } from './commands';
import { configureCredentials } from './commands/configureCredentials';
import type { AccountCommandContext, AccountRecords } from './commands/context';
import { CredentialEntry } from './commands/credentialEntry';
import { AccountChecks } from './model/accountChecks';
import { discoverCredentialSources } from './model/credentialFiles';
import { AccountStatusBar, type AccountStatusBarDependencies } from './statusBar';

export interface AccountsRegistrationDependencies {
    readonly ui: UserInterface;
    readonly logger: Logger;
    readonly store: AccountStore;
    readonly session: Session;
    readonly settings: SettingsService;
    readonly globalState: vscode.Memento;
    /** What the images view knows of the active account (for the status bar's red background on a rejected key). */
    readonly shownImages: AccountStatusBarDependencies['images'];
    /** The account's files in the global storage, forgotten when it is removed and moved when it is renamed. */
    readonly records: AccountRecords;
}

export interface AccountsRegistration {
    /** Configure Credentials, which the images feature offers when nobody is signed in. */
    readonly configure: () => Promise<void>;
    readonly statusBarItem: vscode.StatusBarItem;
}

/** Accounts: the commands that add, import, switch, rename and remove them, and the status-bar item. */
export function registerAccounts(deps: AccountsRegistrationDependencies, store: DisposableStore): AccountsRegistration {
    const { ui, logger, session, settings } = deps;
    const discoverSources = () => discoverCredentialSources(process.env, os.homedir());
    const checks = new AccountChecks(deps.globalState);
    const entry = new CredentialEntry({ ui, session, logger, discoverSources });
    const commands: AccountCommandContext = { ui, store: deps.store, checks, logger, discoverSources, entry, now: Date.now, records: deps.records };
    const statusBarItem = store.add(vscode.window.createStatusBarItem('zenlayer.account', vscode.StatusBarAlignment.Left));
    store.add(
        new AccountStatusBar({
            item: statusBarItem,
            store: deps.store,
            checks,
            images: deps.shownImages,
            isAuthFailure,
            describeError,
            endpoint: () => settings.current.endpoint,
            now: Date.now,
        }),
    );
    registerCommands(bindCommands(ACCOUNT_COMMANDS, commands)).forEach((registration) => store.add(registration));
    return { configure: configureCredentials(commands), statusBarItem };
}
