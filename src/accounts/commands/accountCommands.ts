import * as vscode from 'vscode';
import type { AccountChecks } from '../model/accountChecks';
import {
    type Account,
    type AccountsState,
    activeAccount,
    checkAccountName,
    DEFAULT_ACCOUNT_NAME,
    sameCredentials,
    sameName,
} from '../../shared/session/accounts';
import type { AccountStore } from '../../shared/session/accountStore';
import { SecretStorageUnavailableError } from '../../platform/secretStorage';
import { accountNameProblemText, checkText, maskedCredentialsText } from '../texts';
import { type CredentialEntry, describeCredentials } from './credentialEntry';
import type { CredentialSource } from '../../shared/session/credentialSources';
import { describeError, secretStorageHelp } from '../../platform/errorText';
import { nameList } from '../../platform/listText';
import type { Logger } from '../../platform/logger';
import type { UserInterface } from '../../platform/userInterface';

export interface AccountCommandDependencies {
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

type AccountItem = vscode.QuickPickItem & { readonly account?: Account; readonly action?: 'add' | 'import' };

/**
 * The accounts a person keeps: add (typed or imported), import every zeno CLI profile, switch, rename, remove, sign out
 * of all, and Configure Credentials for the active one. Every credential set is checked with Zenlayer before it is
 * stored; nothing secret is ever shown (key IDs masked but for their last four characters).
 */
export class AccountCommands {
    constructor(private readonly deps: AccountCommandDependencies) {}

    /** Configure Credentials: new credentials for the active account, or the first account when there is none. */
    async configure(): Promise<void> {
        const state = await this.state();
        const active = state && activeAccount(state);
        if (!state) {
            return;
        }
        if (!active) {
            // A first sign-in asks for no name: the account is "default" (renamed later if there are more).
            await (state.accounts.length === 0 ? this.addNamed(DEFAULT_ACCOUNT_NAME, { offerToken: false }) : this.add());
            return;
        }
        const credentials = await this.deps.entry.enter(vscode.l10n.t('Credentials of the Zenlayer account "{0}"', active.name), { offerToken: false });
        if (credentials && (await this.write(() => this.deps.store.save({ name: active.name, credentials }, { activate: true })))) {
            await this.deps.checks.record(active.name, { ok: true, at: this.deps.now() });
            this.deps.logger.info(`Credentials of account "${active.name}" saved to SecretStorage (${describeCredentials(credentials)}).`);
            void this.deps.ui.showMessage(
                'info',
                vscode.l10n.t('Zenlayer credentials saved for "{0}" ({1}).', active.name, maskedCredentialsText({ name: active.name, credentials })),
                {},
            );
        }
    }

    /** Add Account…: a name, then credentials (typed or imported), checked; the new account becomes the active one. */
    async add(): Promise<void> {
        const state = await this.state();
        if (!state) {
            return;
        }
        const name = await this.askName(
            vscode.l10n.t('Add a Zenlayer Account (name)'),
            state,
            state.accounts.length === 0 ? DEFAULT_ACCOUNT_NAME : '',
            undefined,
        );
        if (name !== undefined) {
            await this.addNamed(name, { offerToken: true });
        }
    }

    /** `offerToken`: Add Account… offers a token too; the first sign-in asks for a key at once. */
    private async addNamed(name: string, options: { readonly offerToken: boolean }): Promise<void> {
        const credentials = await this.deps.entry.enter(vscode.l10n.t('Credentials of the Zenlayer account "{0}"', name), options);
        if (credentials && (await this.write(() => this.deps.store.save({ name, credentials }, { activate: true })))) {
            await this.deps.checks.record(name, { ok: true, at: this.deps.now() });
            this.deps.logger.info(`Account "${name}" added (${describeCredentials(credentials)}) and made active.`);
            void this.deps.ui.showMessage(
                'info',
                vscode.l10n.t('Added the Zenlayer account "{0}" ({1}); the view shows it now.', name, maskedCredentialsText({ name, credentials })),
                {},
            );
        }
    }

    /**
     * Import Accounts from the zeno CLI…: every profile of ~/.zenlayer/credentials.json, each checked; the ones Zenlayer
     * accepts are stored in one write, the CLI's current profile becomes active if no account was; the others are listed
     * with their reason and not stored. A profile whose name is taken by other credentials is left alone, never overwritten.
     */
    async importFromCli(): Promise<void> {
        const state = await this.state();
        if (!state) {
            return;
        }
        const profiles = (await this.deps.discoverSources()).filter(
            (source): source is Extract<CredentialSource, { kind: 'cliProfile' }> => source.kind === 'cliProfile',
        );
        if (profiles.length === 0) {
            void this.deps.ui.showMessage('info', vscode.l10n.t('No zeno CLI profiles were found in ~/.zenlayer/credentials.json.'), {});
            return;
        }
        const already: string[] = [];
        const notImported: { name: string; reason: string }[] = [];
        const toCheck: Extract<CredentialSource, { kind: 'cliProfile' }>[] = [];
        for (const profile of profiles) {
            const existing = state.accounts.find((account) => sameName(account.name, profile.profile.trim()));
            const problem = checkAccountName(profile.profile, []);
            if (existing && sameCredentials(existing.credentials, profile.credentials)) {
                already.push(existing.name);
            } else if (existing) {
                notImported.push({ name: profile.profile, reason: vscode.l10n.t('an account with this name but other credentials exists; rename it first') });
            } else if (problem) {
                notImported.push({ name: profile.profile, reason: accountNameProblemText(problem, profile.profile) });
            } else {
                toCheck.push(profile);
            }
        }
        const title = vscode.l10n.t('Checking {0} zeno CLI profile(s) with Zenlayer…', toCheck.length);
        const verdicts =
            toCheck.length === 0
                ? []
                : await this.deps.ui.withProgress(title, () => Promise.all(toCheck.map((profile) => this.deps.entry.check(profile.credentials))));
        const accepted: Account[] = [];
        toCheck.forEach((profile, index) => {
            const verdict = verdicts[index];
            if (verdict.ok) {
                accepted.push({ name: profile.profile.trim(), credentials: profile.credentials });
            } else {
                notImported.push({ name: profile.profile, reason: describeError(verdict.error) });
            }
        });
        // The CLI's current profile first in the list: it is the one made active when no account was.
        const current = profiles.find((profile) => profile.isCurrent)?.profile;
        const activate = state.active === undefined ? (accepted.find((account) => account.name === current) ?? accepted[0])?.name : undefined;
        if (accepted.length > 0 && !(await this.write(() => this.deps.store.saveAll(accepted, activate)))) {
            return;
        }
        const at = this.deps.now();
        for (const account of accepted) {
            await this.deps.checks.record(account.name, { ok: true, at });
        }
        this.deps.logger.info(
            `zeno import: added ${namesOrNone(accepted.map((a) => a.name))}; already there: ${namesOrNone(already)}; ` +
                `not imported: ${namesOrNone(notImported.map((n) => n.name))}.`,
        );
        this.reportImport(accepted, already, notImported, activate);
    }

    /** Switch Account…: every account with its masked key and last check, plus Add and Import; the pick becomes active. */
    async switchAccount(): Promise<void> {
        const state = await this.state();
        if (!state) {
            return;
        }
        const now = this.deps.now();
        const accounts = [...state.accounts].sort((a, b) => Number(b.name === state.active) - Number(a.name === state.active));
        const items: AccountItem[] = [
            ...accounts.map((account): AccountItem => ({
                label: account.name === state.active ? `$(check) ${account.name}` : `$(account) ${account.name}`,
                description: account.name === state.active ? vscode.l10n.t('{0} · shown now', maskedCredentialsText(account)) : maskedCredentialsText(account),
                detail: checkText(this.deps.checks.get(account.name), now),
                account,
            })),
            { label: vscode.l10n.t('$(add) Add Account…'), action: 'add' },
            { label: vscode.l10n.t('$(cloud-download) Import Accounts from the zeno CLI…'), action: 'import' },
        ];
        const placeHolder =
            state.accounts.length === 0
                ? vscode.l10n.t('No account yet: add one or import the zeno CLI profiles.')
                : vscode.l10n.t('The account whose images the view shows');
        const picked = await this.deps.ui.pickOne(items, { title: vscode.l10n.t('Switch Zenlayer Account'), placeHolder, matchOnDescription: true });
        if (picked?.action === 'add') {
            await this.add();
        } else if (picked?.action === 'import') {
            await this.importFromCli();
        } else if (picked?.account && picked.account.name !== state.active) {
            const { name } = picked.account;
            if (await this.write(() => this.deps.store.activate(name))) {
                this.deps.logger.info(`Switched to account "${name}".`);
                this.deps.ui.setStatusBarMessage(vscode.l10n.t('Zenlayer: switched to "{0}"', name));
            }
        }
    }

    /** Rename Account…: the credentials stay; only the name (and where its last check is kept) changes. */
    async rename(): Promise<void> {
        const state = await this.state();
        const account = state && (await this.pickAccount(state, vscode.l10n.t('Rename a Zenlayer Account')));
        if (!state || !account) {
            return;
        }
        const name = await this.askName(vscode.l10n.t('Rename "{0}"', account.name), state, account.name, account.name);
        if (name === undefined || name === account.name) {
            return;
        }
        if (await this.write(() => this.deps.store.rename(account.name, name))) {
            await this.deps.checks.rename(account.name, name);
            await this.deps.records.rename(account.name, name);
            this.deps.logger.info(`Account "${account.name}" renamed to "${name}".`);
        }
    }

    /** Remove Account…: after a modal confirmation its credentials leave SecretStorage; nothing changes at Zenlayer. */
    async remove(): Promise<void> {
        const state = await this.state();
        const account = state && (await this.pickAccount(state, vscode.l10n.t('Remove a Zenlayer Account')));
        if (!state || !account) {
            return;
        }
        const removeButton = vscode.l10n.t('Remove');
        const answer = await this.deps.ui.showMessage(
            'warning',
            vscode.l10n.t('Remove the Zenlayer account "{0}" from VS Code?', account.name),
            {
                modal: true,
                detail: vscode.l10n.t(
                    'Its credentials ({0}) are deleted from VS Code. The account and its images at Zenlayer are not touched.',
                    maskedCredentialsText(account),
                ),
            },
            removeButton,
        );
        if (answer !== removeButton || !(await this.write(() => this.deps.store.remove(account.name)))) {
            return;
        }
        await this.deps.checks.forget(account.name);
        await this.deps.records.forget(account.name);
        this.deps.logger.info(`Account "${account.name}" removed from SecretStorage.`);
        const others = state.accounts.length - 1;
        if (account.name === state.active && others > 0) {
            const switchButton = vscode.l10n.t('Switch Account…');
            const choice = await this.deps.ui.showMessage(
                'info',
                vscode.l10n.t('Removed "{0}". Choose the account the view shows.', account.name),
                {},
                switchButton,
            );
            if (choice === switchButton) {
                await this.switchAccount();
            }
        } else {
            void this.deps.ui.showMessage('info', vscode.l10n.t('Removed the Zenlayer account "{0}" from VS Code.', account.name), {});
        }
    }

    /** Sign Out of All Accounts: every credential set leaves SecretStorage (confirmed when there is more than one). */
    async signOutAll(): Promise<void> {
        const state = await this.state();
        if (!state) {
            return;
        }
        const count = state.accounts.length;
        if (count > 1) {
            const signOut = vscode.l10n.t('Sign Out');
            const answer = await this.deps.ui.showMessage(
                'warning',
                vscode.l10n.t('Sign out of all {0} Zenlayer accounts?', count),
                {
                    modal: true,
                    detail: vscode.l10n.t(
                        'The credentials of {0} are deleted from VS Code. To see their images again, add or import them again.',
                        nameList(state.accounts.map((account) => account.name)),
                    ),
                },
                signOut,
            );
            if (answer !== signOut) {
                return;
            }
        }
        if (!(await this.write(() => this.deps.store.clear()))) {
            return;
        }
        await this.deps.checks.forgetAll();
        await Promise.all(state.accounts.map((account) => this.deps.records.forget(account.name)));
        this.deps.logger.info(`Signed out: ${count} account(s) removed from SecretStorage.`);
        void this.deps.ui.showMessage(
            'info',
            count > 1
                ? vscode.l10n.t('Signed out of {0} Zenlayer accounts. Their credentials were removed from VS Code.', count)
                : vscode.l10n.t('Signed out of Zenlayer. Your credentials were removed from VS Code.'),
            {},
        );
    }

    private reportImport(
        accepted: readonly Account[],
        already: readonly string[],
        notImported: readonly { name: string; reason: string }[],
        activated: string | undefined,
    ): void {
        const parts = [
            ...(accepted.length > 0
                ? [vscode.l10n.t('Imported {0} account(s) from the zeno CLI: {1}.', accepted.length, nameList(accepted.map((account) => account.name)))]
                : []),
            ...(activated !== undefined ? [vscode.l10n.t('The view shows "{0}".', activated)] : []),
            ...(already.length > 0 ? [vscode.l10n.t('Already added: {0}.', nameList(already))] : []),
            ...(notImported.length > 0
                ? [vscode.l10n.t('Not imported: {0}.', notImported.map(({ name, reason }) => vscode.l10n.t('{0} ({1})', name, reason)).join('; '))]
                : []),
        ];
        const severity = notImported.length === 0 ? 'info' : accepted.length === 0 ? 'error' : 'warning';
        void this.deps.ui.showMessage(severity, parts.join(' '), {});
    }

    /** The only account, or the one the person picks. */
    private async pickAccount(state: AccountsState, title: string): Promise<Account | undefined> {
        if (state.accounts.length === 0) {
            void this.deps.ui.showMessage('info', vscode.l10n.t('There is no Zenlayer account in VS Code yet.'), {});
            return undefined;
        }
        if (state.accounts.length === 1) {
            return state.accounts[0];
        }
        const items = state.accounts.map((account): AccountItem => ({ label: account.name, description: maskedCredentialsText(account), account }));
        return (await this.deps.ui.pickOne(items, { title }))?.account;
    }

    private async askName(title: string, state: AccountsState, value: string, renaming: string | undefined): Promise<string | undefined> {
        const name = await this.deps.ui.showInputBox({
            title,
            prompt: vscode.l10n.t('A name for these credentials, shown in the status bar and the view, such as production or staging.'),
            value,
            ignoreFocusOut: true,
            validateInput: (text) => {
                const problem = checkAccountName(text, state.accounts, renaming);
                return problem ? accountNameProblemText(problem, text) : undefined;
            },
        });
        return name === undefined || checkAccountName(name, state.accounts, renaming) !== undefined ? undefined : name.trim();
    }

    /** The accounts, or undefined after saying why SecretStorage cannot be read. */
    private async state(): Promise<AccountsState | undefined> {
        try {
            return await this.deps.store.state();
        } catch (error) {
            this.reportStorageError(error);
            return undefined;
        }
    }

    /** Runs a store write; false (after saying why) when SecretStorage refused it. */
    private async write(operation: () => Promise<void>): Promise<boolean> {
        try {
            await operation();
            return true;
        } catch (error) {
            this.reportStorageError(error);
            return false;
        }
    }

    private reportStorageError(error: unknown): void {
        this.deps.logger.error(`SecretStorage failed: ${error instanceof Error ? error.message : String(error)}`);
        if (error instanceof SecretStorageUnavailableError) {
            void this.deps.ui.showMessage('error', secretStorageHelp(), {});
            return;
        }
        throw error;
    }
}

/** The log's list of account names. */
function namesOrNone(names: readonly string[]): string {
    return names.join(', ') || 'none';
}
