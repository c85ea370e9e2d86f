// A small stand-in for the `vscode` module, so the VS Code side of the extension (tree items, the delete flow, the
// credential commands, the error texts) is unit-tested in plain Node. It implements only what that code uses, with
// VS Code's semantics; anything else is missing on purpose, so a test that needs more fails loudly. Loaded through
// registerFakeVscode.ts (mocha's `require`).

type Listener<T> = (value: T) => unknown;

export class Disposable {
    constructor(private readonly callOnDispose: () => unknown) {}
    static from(...items: { dispose(): unknown }[]): Disposable {
        return new Disposable(() => items.forEach((item) => void item.dispose()));
    }
    dispose(): void {
        this.callOnDispose();
    }
}

export class EventEmitter<T> {
    private listeners = new Set<Listener<T>>();
    readonly event = (listener: Listener<T>): Disposable => {
        this.listeners.add(listener);
        return new Disposable(() => this.listeners.delete(listener));
    };
    fire(value: T): void {
        [...this.listeners].forEach((listener) => listener(value));
    }
    dispose(): void {
        this.listeners.clear();
    }
}

export enum TreeItemCollapsibleState {
    None = 0,
    Collapsed = 1,
    Expanded = 2,
}

export class ThemeColor {
    constructor(readonly id: string) {}
}

export class ThemeIcon {
    constructor(
        readonly id: string,
        readonly color?: ThemeColor,
    ) {}
}

export class MarkdownString {
    value: string;
    constructor(
        value = '',
        readonly supportThemeIcons = false,
    ) {
        this.value = value;
    }
    appendMarkdown(value: string): this {
        this.value += value;
        return this;
    }
    appendText(value: string): this {
        this.value += value.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
        return this;
    }
}

export class TreeItem {
    id?: string;
    description?: string | boolean;
    tooltip?: string | MarkdownString;
    iconPath?: ThemeIcon;
    contextValue?: string;
    command?: { command: string; title: string; arguments?: unknown[] };
    accessibilityInformation?: { label: string; role?: string };
    constructor(
        public label: string | { label: string },
        public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
    ) {}
}

export class Uri {
    private constructor(
        readonly scheme: string,
        readonly path: string,
        readonly query: string,
    ) {}
    static from(components: { scheme: string; path?: string; query?: string }): Uri {
        return new Uri(components.scheme, components.path ?? '', components.query ?? '');
    }
    static file(path: string): Uri {
        return new Uri('file', path, '');
    }
    toString(): string {
        return `${this.scheme}:${this.path}${this.query ? `?${this.query}` : ''}`;
    }
}

export class CancellationTokenSource {
    private cancelled = false;
    private readonly emitter = new EventEmitter<void>();
    readonly token = {
        isCancellationRequested: false,
        onCancellationRequested: this.emitter.event,
    };
    cancel(): void {
        if (!this.cancelled) {
            this.cancelled = true;
            this.token.isCancellationRequested = true;
            this.emitter.fire();
        }
    }
    dispose(): void {
        this.emitter.dispose();
    }
}

export enum ConfigurationTarget {
    Global = 1,
    Workspace = 2,
    WorkspaceFolder = 3,
}

type L10nArgs = (string | number | boolean)[] | [Record<string, unknown>];

/** vscode.l10n.t with VS Code's placeholder rules: `{0}` for positional arguments, `{name}` for a record. */
function t(message: string | { message: string; args?: L10nArgs[number][] | Record<string, unknown>; comment?: string | string[] }, ...args: L10nArgs): string {
    const text = typeof message === 'string' ? message : message.message;
    const values: unknown = typeof message === 'string' ? (args.length === 1 && typeof args[0] === 'object' ? args[0] : args) : message.args ?? [];
    return text.replace(/\{([^{}]+)\}/g, (whole, key: string) => {
        const value = (values as Record<string, unknown>)[key];
        return value === undefined ? whole : `${value as string | number | boolean}`;
    });
}

export const l10n = { t, bundle: undefined, uri: undefined };

/**
 * Settings in memory by level, with VS Code's precedence (folder > workspace > user > default) and change events;
 * `fakeConfiguration` lets a test set values the way a user or a workspace would.
 */
class FakeConfigurationStore {
    readonly defaults = new Map<string, unknown>();
    readonly user = new Map<string, unknown>();
    readonly workspace = new Map<string, unknown>();
    readonly changed = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();

    set(level: 'user' | 'workspace' | 'defaults', key: string, value: unknown): void {
        const map = this[level];
        if (value === undefined) {
            map.delete(key);
        } else {
            map.set(key, value);
        }
        this.changed.fire({ affectsConfiguration: (section) => key === section || key.startsWith(`${section}.`) });
    }

    reset(): void {
        this.defaults.clear();
        this.user.clear();
        this.workspace.clear();
    }

    section(prefix: string) {
        const full = (key: string): string => (prefix ? `${prefix}.${key}` : key);
        return {
            get: <T>(key: string, fallback?: T): T | undefined => {
                const name = full(key);
                for (const map of [this.workspace, this.user, this.defaults]) {
                    if (map.has(name)) {
                        return map.get(name) as T;
                    }
                }
                return fallback;
            },
            inspect: (key: string) => {
                const name = full(key);
                return { key: name, defaultValue: this.defaults.get(name), globalValue: this.user.get(name), workspaceValue: this.workspace.get(name) };
            },
            update: (key: string, value: unknown, target: ConfigurationTarget = ConfigurationTarget.Workspace): Promise<void> => {
                this.set(target === ConfigurationTarget.Global ? 'user' : 'workspace', full(key), value);
                return Promise.resolve();
            },
            has: (key: string): boolean => [this.workspace, this.user, this.defaults].some((map) => map.has(full(key))),
        };
    }
}

export const fakeConfiguration = new FakeConfigurationStore();

export const workspace = {
    getConfiguration: (section = '') => fakeConfiguration.section(section),
    onDidChangeConfiguration: fakeConfiguration.changed.event,
};

/** Records `setContext` and refuses every other command: the extension must not run commands through VS Code in units. */
export const commands = {
    contexts: new Map<string, unknown>(),
    executeCommand: (command: string, ...args: unknown[]): Promise<unknown> => {
        if (command === 'setContext') {
            commands.contexts.set(String(args[0]), args[1]);
            return Promise.resolve(undefined);
        }
        return Promise.reject(new Error(`fake vscode: executeCommand(${command}) is not available in unit tests`));
    },
};
