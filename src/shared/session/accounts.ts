import type { ZenlayerCredentials } from '../../zenlayer';
import { credentialsFromRecord, parseStoredCredentials } from './credentialSources';

/** A named set of credentials: one Zenlayer account (or one key of it) the extension can show. */
export interface Account {
    readonly name: string;
    readonly credentials: ZenlayerCredentials;
}

/** Everything kept in SecretStorage under one key, so a switch in one window is one change every window sees. */
export interface AccountsState {
    readonly accounts: readonly Account[];
    /** The name of the account the view shows; undefined when none is chosen (after removing the active one). */
    readonly active: string | undefined;
}

export const NO_ACCOUNTS: AccountsState = { accounts: [], active: undefined };

/** The name the single credential set of version 0.1 becomes, and the one suggested for a first account. */
export const DEFAULT_ACCOUNT_NAME = 'default';

/** Bounds on what a hand-edited or corrupted store can make the extension hold. */
export const MAX_ACCOUNTS = 100;
export const MAX_ACCOUNT_NAME_LENGTH = 64;

export type AccountNameProblem = 'empty' | 'tooLong' | 'control' | 'taken';

/**
 * Names are shown in the status bar and the view's title, and are compared case-insensitively so that "Prod" and
 * "prod" cannot both exist and be confused.
 */
export function checkAccountName(name: string, existing: readonly Account[], renaming?: string): AccountNameProblem | undefined {
    const trimmed = name.trim();
    if (trimmed === '') {
        return 'empty';
    }
    if (trimmed.length > MAX_ACCOUNT_NAME_LENGTH) {
        return 'tooLong';
    }
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
    if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(trimmed)) {
        return 'control';
    }
    const taken = existing.some((account) => sameName(account.name, trimmed) && !(renaming !== undefined && sameName(account.name, renaming)));
    return taken ? 'taken' : undefined;
}

export function sameName(a: string, b: string): boolean {
    return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

export function findAccount(state: AccountsState, name: string | undefined): Account | undefined {
    return name === undefined ? undefined : state.accounts.find((account) => sameName(account.name, name));
}

export function activeAccount(state: AccountsState): Account | undefined {
    return findAccount(state, state.active);
}

export function sameCredentials(a: ZenlayerCredentials | undefined, b: ZenlayerCredentials | undefined): boolean {
    if (!a || !b) {
        return a === b;
    }
    if ('token' in a || 'token' in b) {
        return 'token' in a && 'token' in b && a.token === b.token;
    }
    return a.accessKeyId === b.accessKeyId && a.accessKeyPassword === b.accessKeyPassword;
}

/**
 * The AccessKey ID with all but its last four characters masked, for pickers and tooltips (shoulder-surfing and
 * screen sharing). A token has no public part: nothing of it is shown.
 */
export function maskedKeyId(credentials: ZenlayerCredentials): string | undefined {
    if ('token' in credentials) {
        return undefined;
    }
    const id = credentials.accessKeyId;
    const visible = id.length > 4 ? id.slice(-4) : '';
    // At most eight dots: the exact length of the hidden part is no use to a reader.
    return '•'.repeat(Math.min(8, Math.max(4, id.length - visible.length))) + visible;
}

export function serializeAccounts(state: AccountsState): string {
    return JSON.stringify({
        version: 1,
        active: state.active,
        accounts: state.accounts.map(({ name, credentials }) => ({
            name,
            ...('token' in credentials
                ? { token: credentials.token }
                : { accessKeyId: credentials.accessKeyId, accessKeyPassword: credentials.accessKeyPassword }),
        })),
    });
}

export type ParsedAccounts = { readonly state: AccountsState; readonly dropped: number } | { readonly state: undefined; readonly problem: string };

/**
 * Reads what serializeAccounts wrote. Entries that are not an account (a bad name, no usable credentials, a duplicate,
 * beyond MAX_ACCOUNTS) are dropped and counted, never guessed at; a value that is not this format at all is reported,
 * so the store can refuse to overwrite it.
 */
export function parseAccounts(text: string): ParsedAccounts {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return { state: undefined, problem: 'not JSON' };
    }
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as Record<string, unknown>).accounts)) {
        return { state: undefined, problem: 'no accounts list' };
    }
    const record = parsed as { accounts: unknown[]; active?: unknown };
    const accounts: Account[] = [];
    let dropped = 0;
    for (const entry of record.accounts) {
        const name =
            typeof entry === 'object' && entry !== null && typeof (entry as Record<string, unknown>).name === 'string'
                ? ((entry as Record<string, unknown>).name as string).trim()
                : '';
        const credentials = credentialsFromRecord(entry);
        if (!credentials || accounts.length >= MAX_ACCOUNTS || checkAccountName(name, accounts) !== undefined) {
            dropped++;
            continue;
        }
        accounts.push({ name, credentials });
    }
    const activeName = typeof record.active === 'string' ? record.active : undefined;
    const active = accounts.find((account) => activeName !== undefined && sameName(account.name, activeName))?.name;
    return { state: { accounts, active }, dropped };
}

/** The 0.1 store: one credential set under its own key becomes the active account "default". */
export function migrateSingleCredentials(legacyText: string | undefined): AccountsState | undefined {
    const credentials = parseStoredCredentials(legacyText);
    return credentials ? { accounts: [{ name: DEFAULT_ACCOUNT_NAME, credentials }], active: DEFAULT_ACCOUNT_NAME } : undefined;
}

export function withAccount(state: AccountsState, account: Account, activate: boolean): AccountsState {
    const others = state.accounts.filter((existing) => !sameName(existing.name, account.name));
    const replacedAt = state.accounts.findIndex((existing) => sameName(existing.name, account.name));
    const accounts = replacedAt === -1 ? [...others, account] : [...others.slice(0, replacedAt), account, ...others.slice(replacedAt)];
    return { accounts, active: activate ? account.name : state.active };
}

export function renamed(state: AccountsState, from: string, to: string): AccountsState {
    return {
        accounts: state.accounts.map((account) => (sameName(account.name, from) ? { ...account, name: to } : account)),
        active: state.active !== undefined && sameName(state.active, from) ? to : state.active,
    };
}

export function without(state: AccountsState, name: string): AccountsState {
    return {
        accounts: state.accounts.filter((account) => !sameName(account.name, name)),
        active: state.active !== undefined && sameName(state.active, name) ? undefined : state.active,
    };
}
