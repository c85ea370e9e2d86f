import { ACCOUNT_CHECKS_STATE_KEY } from '../../constants';
import { sameName } from '../../shared/session/accounts';

/** The part of VS Code's globalState (a Memento) the checks use. */
export interface StateStore {
    get<T>(key: string): T | undefined;
    update(key: string, value: unknown): PromiseLike<void>;
}

/** The last time Zenlayer answered for an account: accepted, or rejected with its error line. */
export type AccountCheck = { readonly ok: true; readonly at: number } | { readonly ok: false; readonly at: number; readonly reason: string };

/** Bounds on what globalState can hand back (it is a file on disk, editable and shared by versions). */
const MAX_REASON_LENGTH = 300;

/**
 * Each account's last check, for Switch Account… and the status bar. Not secret (a verdict, a time, Zenlayer's error
 * text), so it lives in globalState, shared by the windows of this VS Code profile, keyed by lower-cased name.
 */
export class AccountChecks {
    constructor(private readonly memento: StateStore) {}

    get(name: string): AccountCheck | undefined {
        return parseCheck(this.all()[key(name)]);
    }

    async record(name: string, check: AccountCheck): Promise<void> {
        const bounded: AccountCheck = check.ok ? check : { ...check, reason: check.reason.slice(0, MAX_REASON_LENGTH) };
        await this.memento.update(ACCOUNT_CHECKS_STATE_KEY, { ...this.all(), [key(name)]: bounded });
    }

    async rename(from: string, to: string): Promise<void> {
        if (sameName(from, to)) {
            return;
        }
        const { [key(from)]: moved, ...rest } = this.all();
        await this.memento.update(ACCOUNT_CHECKS_STATE_KEY, moved === undefined ? rest : { ...rest, [key(to)]: moved });
    }

    async forget(name: string): Promise<void> {
        const rest = { ...this.all() };
        delete rest[key(name)];
        await this.memento.update(ACCOUNT_CHECKS_STATE_KEY, rest);
    }

    async forgetAll(): Promise<void> {
        await this.memento.update(ACCOUNT_CHECKS_STATE_KEY, undefined);
    }

    private all(): Record<string, unknown> {
        const value: unknown = this.memento.get(ACCOUNT_CHECKS_STATE_KEY);
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    }
}

function key(name: string): string {
    return name.trim().toLocaleLowerCase();
}

function parseCheck(value: unknown): AccountCheck | undefined {
    if (typeof value !== 'object' || value === null) {
        return undefined;
    }
    const record = value as Record<string, unknown>;
    const at = typeof record.at === 'number' && Number.isFinite(record.at) ? record.at : undefined;
    if (at === undefined) {
        return undefined;
    }
    if (record.ok === true) {
        return { ok: true, at };
    }
    return record.ok === false && typeof record.reason === 'string' ? { ok: false, at, reason: record.reason.slice(0, MAX_REASON_LENGTH) } : undefined;
}
