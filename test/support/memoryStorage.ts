// VS Code's SecretStorage and globalState in memory, for the accounts' unit tests.
import { EventEmitter } from './fakeVscode';

/** SecretStorage; `broken` makes every call fail like a Linux desktop without a keyring. Every write fires, as VS Code does. */
export class MemorySecrets {
    readonly values = new Map<string, string>();
    broken = false;
    private readonly changed = new EventEmitter<{ key: string }>();
    readonly onDidChange = this.changed.event;
    get(key: string): Promise<string | undefined> {
        return this.broken ? Promise.reject(new Error('no keyring')) : Promise.resolve(this.values.get(key));
    }
    store(key: string, value: string): Promise<void> {
        if (this.broken) {
            return Promise.reject(new Error('no keyring'));
        }
        this.values.set(key, value);
        this.changed.fire({ key });
        return Promise.resolve();
    }
    delete(key: string): Promise<void> {
        if (this.broken) {
            return Promise.reject(new Error('no keyring'));
        }
        this.values.delete(key);
        this.changed.fire({ key });
        return Promise.resolve();
    }
}

/** A Memento (globalState), values copied through JSON as VS Code stores them. */
export class MemoryMemento {
    private readonly values = new Map<string, string>();
    keys(): readonly string[] {
        return [...this.values.keys()];
    }
    get<T>(key: string, defaultValue?: T): T | undefined {
        const value = this.values.get(key);
        return value === undefined ? defaultValue : (JSON.parse(value) as T);
    }
    update(key: string, value: unknown): Promise<void> {
        if (value === undefined) {
            this.values.delete(key);
        } else {
            this.values.set(key, JSON.stringify(value));
        }
        return Promise.resolve();
    }
}
