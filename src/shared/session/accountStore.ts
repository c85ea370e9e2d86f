import * as vscode from 'vscode';
import { ACCOUNTS_SECRET_KEY, LEGACY_CREDENTIALS_SECRET_KEY } from '../../constants';
import type { Logger } from '../../platform/logger';
import type { ZenlayerCredentials } from '../../zenlayer';
import {
    type Account,
    type AccountsState,
    activeAccount,
    findAccount,
    migrateSingleCredentials,
    NO_ACCOUNTS,
    parseAccounts,
    renamed,
    sameCredentials,
    serializeAccounts,
    withAccount,
    without,
} from './accounts';
import { SecretStorageUnavailableError } from '../../platform/secretStorage';

export interface AccountsChange {
    /**
     * The account the view shows is another one now (or none): its images, deletes and client must go. False for a
     * change that keeps it (an account added without switching, the active one renamed).
     */
    readonly switched: boolean;
}

/**
 * The only place that touches secrets: every account (name and credentials) and which one is active, under one
 * SecretStorage key. Passwords and tokens never go to settings, globalState, files or logs. onDidChange also fires
 * when another window of this VS Code profile adds, switches or signs out, so every window follows.
 */
export class AccountStore implements vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<AccountsChange>();
    readonly onDidChange = this.changed.event;
    private readonly subscription: vscode.Disposable;
    private cached: Promise<AccountsState> | undefined;
    /** The active account as the last change event (or first read) saw it: what "switched" is measured against. */
    private lastActive: { readonly account: Account | undefined } | undefined;
    /** Writes of this window, one after the other, each on the state the previous one left. */
    private writing: Promise<unknown> = Promise.resolve();

    constructor(
        private readonly secrets: vscode.SecretStorage,
        private readonly logger: Logger,
    ) {
        this.subscription = secrets.onDidChange((event) => {
            if (event.key === ACCOUNTS_SECRET_KEY) {
                this.cached = undefined;
                void this.announce();
            }
        });
    }

    /** Every account and the active one's name. Migrates the single credential set of version 0.1 on first read. */
    state(): Promise<AccountsState> {
        const reading = (this.cached ??= this.read());
        // A failed read (keyring locked) is not kept: the next call asks SecretStorage again.
        reading.catch(() => {
            if (this.cached === reading) {
                this.cached = undefined;
            }
        });
        return reading;
    }

    async active(): Promise<Account | undefined> {
        return activeAccount(await this.state());
    }

    /** The credentials the client signs with: the active account's. */
    async activeCredentials(): Promise<ZenlayerCredentials | undefined> {
        return (await this.active())?.credentials;
    }

    /** Adds the account, or replaces the credentials of the one with this name; `activate` makes it the one shown. */
    save(account: Account, options: { readonly activate: boolean }): Promise<void> {
        return this.update((state) => withAccount(state, account, options.activate));
    }

    /** Adds several accounts in one write (an import): one change event, one refresh. */
    saveAll(accounts: readonly Account[], activate: string | undefined): Promise<void> {
        return this.update((state) => {
            const next = accounts.reduce((current, account) => withAccount(current, account, false), state);
            return activate === undefined ? next : { ...next, active: findAccount(next, activate)?.name ?? next.active };
        });
    }

    activate(name: string): Promise<void> {
        return this.update((state) => ({ ...state, active: findAccount(state, name)?.name ?? state.active }));
    }

    rename(from: string, to: string): Promise<void> {
        return this.update((state) => renamed(state, from, to));
    }

    remove(name: string): Promise<void> {
        return this.update((state) => without(state, name));
    }

    /** Sign Out of All Accounts: nothing of any account stays in SecretStorage. */
    async clear(): Promise<void> {
        await this.enqueue(async () => {
            await this.guard(() => this.secrets.delete(ACCOUNTS_SECRET_KEY));
            await this.guard(() => this.secrets.delete(LEGACY_CREDENTIALS_SECRET_KEY));
            this.cached = Promise.resolve(NO_ACCOUNTS);
        });
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }

    private update(change: (state: AccountsState) => AccountsState): Promise<void> {
        return this.enqueue(async () => {
            // Read afresh, not the cache: another window may have written since.
            const next = change(await this.read());
            await this.guard(() => this.secrets.store(ACCOUNTS_SECRET_KEY, serializeAccounts(next)));
            this.cached = Promise.resolve(next);
        });
    }

    private enqueue(write: () => Promise<void>): Promise<void> {
        const done = this.writing.then(write);
        this.writing = done.catch(() => undefined);
        return done;
    }

    private async announce(): Promise<void> {
        const before = this.lastActive?.account;
        let now: Account | undefined;
        try {
            now = await this.active();
        } catch (error) {
            this.logger.warn(`Reading the accounts after a change failed: ${error instanceof Error ? error.message : String(error)}`);
            return;
        }
        this.lastActive = { account: now };
        const renamedOnly =
            before !== undefined &&
            now !== undefined &&
            sameCredentials(before.credentials, now.credentials) &&
            (before.name === now.name || findAccount(await this.state(), before.name) === undefined);
        this.changed.fire({ switched: !(renamedOnly || (before === undefined && now === undefined)) });
    }

    private async read(): Promise<AccountsState> {
        const text = await this.guard(() => this.secrets.get(ACCOUNTS_SECRET_KEY));
        const state = text === undefined ? await this.migrate() : this.parse(text);
        this.lastActive ??= { account: activeAccount(state) };
        return state;
    }

    private parse(text: string): AccountsState {
        const parsed = parseAccounts(text);
        if (parsed.state === undefined) {
            this.logger.error(`The stored accounts cannot be read (${parsed.problem}); add your accounts again.`);
            return NO_ACCOUNTS;
        }
        if (parsed.dropped > 0) {
            this.logger.warn(`Ignored ${parsed.dropped} stored account(s) that are not valid.`);
        }
        return parsed.state;
    }

    /** Version 0.1 kept one credential set under its own key: it becomes the account "default", stored before the old key goes. */
    private async migrate(): Promise<AccountsState> {
        const legacy = await this.guard(() => this.secrets.get(LEGACY_CREDENTIALS_SECRET_KEY));
        if (legacy === undefined) {
            return NO_ACCOUNTS;
        }
        const migrated = migrateSingleCredentials(legacy);
        if (migrated) {
            await this.guard(() => this.secrets.store(ACCOUNTS_SECRET_KEY, serializeAccounts(migrated)));
            this.logger.info(`Moved the stored credentials to the account "${migrated.active ?? ''}".`);
        } else {
            this.logger.warn('The stored credentials of an earlier version could not be read; they were removed.');
        }
        await this.guard(() => this.secrets.delete(LEGACY_CREDENTIALS_SECRET_KEY));
        return migrated ?? NO_ACCOUNTS;
    }

    private async guard<T>(operation: () => Thenable<T>): Promise<T> {
        try {
            return await operation();
        } catch (error) {
            throw new SecretStorageUnavailableError(error instanceof Error ? error.message : String(error));
        }
    }
}
