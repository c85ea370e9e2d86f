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

export enum QuickPickItemKind {
    Separator = -1,
    Default = 0,
}

export enum TreeItemCollapsibleState {
    None = 0,
    Collapsed = 1,
    Expanded = 2,
}

export enum InputBoxValidationSeverity {
    Info = 1,
    Warning = 2,
    Error = 3,
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
    readonly authority = '';
    private constructor(
        readonly scheme: string,
        readonly path: string,
        readonly query: string,
        readonly fragment = '',
    ) {}
    static from(components: { scheme: string; path?: string; query?: string }): Uri {
        return new Uri(components.scheme, components.path ?? '', components.query ?? '');
    }
    static file(path: string): Uri {
        return new Uri('file', path, '');
    }
    /** The inverse of toString (added for workspace references). */
    static parse(value: string): Uri {
        const match = /^([a-z][a-z0-9+.-]*):([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(value);
        if (!match) {
            throw new Error(`fake vscode: cannot parse ${value}`);
        }
        return new Uri(match[1], match[2], match[3] ?? '', match[4] ?? '');
    }
    with(change: { fragment?: string }): Uri {
        return new Uri(this.scheme, this.path, this.query, change.fragment ?? this.fragment);
    }
    toString(): string {
        return `${this.scheme}:${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
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
    const values: unknown = typeof message === 'string' ? (args.length === 1 && typeof args[0] === 'object' ? args[0] : args) : (message.args ?? []);
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

// ---------------------------------------------------------------------------------------------------------------
// Added for the workspace-references feature: positions and ranges, language features, an in-memory workspace file
// system with findFiles and a watcher, text documents, and registered commands. Nothing above changed behaviour.

export const env = { language: 'en' };

export class Position {
    constructor(
        readonly line: number,
        readonly character: number,
    ) {}
}

export class Range {
    readonly start: Position;
    readonly end: Position;
    constructor(startLine: number | Position, startCharacter: number | Position, endLine?: number, endCharacter?: number) {
        this.start = startLine instanceof Position ? startLine : new Position(startLine, startCharacter as number);
        this.end = startCharacter instanceof Position ? startCharacter : new Position(endLine ?? 0, endCharacter ?? 0);
    }
}

export class Location {
    constructor(
        readonly uri: Uri,
        readonly range: Range,
    ) {}
}

export enum DiagnosticSeverity {
    Error = 0,
    Warning = 1,
    Information = 2,
    Hint = 3,
}

export class Diagnostic {
    source?: string;
    code?: string | number;
    constructor(
        readonly range: Range,
        readonly message: string,
        readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
    ) {}
}

export class Hover {
    constructor(
        readonly contents: MarkdownString,
        readonly range?: Range,
    ) {}
}

export const CodeActionKind = { QuickFix: { value: 'quickfix' } };

export class WorkspaceEdit {
    readonly replacements: { uri: Uri; range: Range; newText: string }[] = [];
    replace(uri: Uri, range: Range, newText: string): void {
        this.replacements.push({ uri, range, newText });
    }
}

export class CodeAction {
    edit?: WorkspaceEdit;
    diagnostics?: Diagnostic[];
    isPreferred?: boolean;
    constructor(
        readonly title: string,
        readonly kind?: { value: string },
    ) {}
}

export class RelativePattern {
    readonly base: { uri: Uri };
    /** A workspace folder or, as for a new folder's files, a URI. */
    constructor(
        base: { uri: Uri } | Uri,
        readonly pattern: string,
    ) {
        this.base = base instanceof Uri ? { uri: base } : base;
    }
}

export enum FileType {
    Unknown = 0,
    File = 1,
    Directory = 2,
}

/** A text document over a string, as the hover, the quick fix and the editors' unsaved text need it. */
export class FakeTextDocument {
    isDirty = false;
    constructor(
        readonly uri: Uri,
        private text: string,
    ) {}
    getText(range?: Range): string {
        if (!range) {
            return this.text;
        }
        return this.text.split('\n')[range.start.line].slice(range.start.character, range.end.character);
    }
    setText(text: string): void {
        this.text = text;
    }
    lineAt(line: number): { text: string } {
        return { text: this.text.split('\n')[line].replace(/\r$/, '') };
    }
}

class FakeDiagnosticCollection {
    readonly entries = new Map<string, Diagnostic[]>();
    constructor(readonly name: string) {}
    set(entries: [Uri, Diagnostic[]][]): void {
        for (const [uri, diagnostics] of entries) {
            this.entries.set(uri.toString(), diagnostics);
        }
    }
    clear(): void {
        this.entries.clear();
    }
    dispose(): void {
        this.entries.clear();
        fakeLanguages.collections.delete(this);
    }
}

/** Registered language features and diagnostic collections, for tests to call and read. */
export const fakeLanguages = {
    hovers: [] as unknown[],
    references: [] as unknown[],
    codeActions: [] as unknown[],
    collections: new Set<FakeDiagnosticCollection>(),
};

const registration = (list: unknown[], provider: unknown) => {
    list.push(provider);
    return new Disposable(() => list.splice(list.indexOf(provider), 1));
};

export const languages = {
    createDiagnosticCollection: (name: string) => {
        const collection = new FakeDiagnosticCollection(name);
        fakeLanguages.collections.add(collection);
        return collection;
    },
    registerHoverProvider: (_selector: unknown, provider: unknown) => registration(fakeLanguages.hovers, provider),
    registerReferenceProvider: (_selector: unknown, provider: unknown) => registration(fakeLanguages.references, provider),
    registerCodeActionsProvider: (_selector: unknown, provider: unknown) => registration(fakeLanguages.codeActions, provider),
};

/** One level of `{a,b}`, `**` and `*` and `?` as VS Code's globs mean them, for findFiles. */
function fakeGlob(glob: string): RegExp {
    let source = '';
    for (let index = 0; index < glob.length; index++) {
        const char = glob[index];
        if (glob.startsWith('**/', index)) {
            source += '(?:.*/)?';
            index += 2;
        } else if (glob.startsWith('**', index)) {
            source += '.*';
            index++;
        } else if (char === '*') {
            source += '[^/]*';
        } else if (char === '?') {
            source += '[^/]';
        } else if (char === '{') {
            source += '(?:';
        } else if (char === '}') {
            source += ')';
        } else if (char === ',') {
            source += '|';
        } else {
            source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
        }
    }
    return new RegExp(`^${source}$`);
}

type FileEvent = 'create' | 'change' | 'delete';

/** Workspace folders and their files in memory; tests write and delete files and the watchers hear of it. */
export const fakeWorkspace = {
    files: new Map<string, Uint8Array>(),
    folders: [] as { uri: Uri; name: string; index: number }[],
    documents: [] as FakeTextDocument[],
    findFilesCalls: [] as { include: string; exclude: string | null | undefined }[],
    /** How many times workspace.fs.readFile ran. */
    reads: 0,
    watchers: new Set<EventEmitter<{ kind: FileEvent; uri: Uri }>>(),
    foldersChanged: new EventEmitter<void>(),
    documentChanged: new EventEmitter<{ document: FakeTextDocument; contentChanges: unknown[] }>(),
    documentClosed: new EventEmitter<FakeTextDocument>(),
    setFolders(paths: string[]): void {
        this.folders = paths.map((path, index) => ({ uri: Uri.file(path), name: path.split('/').pop() ?? path, index }));
        this.foldersChanged.fire();
    },
    write(path: string, text: string | Uint8Array, event: FileEvent | undefined = 'change'): void {
        const existed = this.files.has(Uri.file(path).toString());
        this.files.set(Uri.file(path).toString(), typeof text === 'string' ? Buffer.from(text) : text);
        if (event) {
            this.emit(existed ? event : 'create', Uri.file(path));
        }
    },
    remove(path: string): void {
        for (const key of [...this.files.keys()]) {
            if (key === Uri.file(path).toString() || key.startsWith(`${Uri.file(path).toString()}/`)) {
                this.files.delete(key);
            }
        }
        this.emit('delete', Uri.file(path));
    },
    emit(kind: FileEvent, uri: Uri): void {
        this.watchers.forEach((watcher) => watcher.fire({ kind, uri }));
    },
    reset(): void {
        this.files.clear();
        this.folders = [];
        this.documents = [];
        this.findFilesCalls = [];
        this.reads = 0;
    },
};

Object.defineProperties(workspace, {
    workspaceFolders: { get: () => (fakeWorkspace.folders.length > 0 ? fakeWorkspace.folders : undefined) },
    textDocuments: { get: () => fakeWorkspace.documents },
});
Object.assign(workspace, {
    onDidChangeWorkspaceFolders: fakeWorkspace.foldersChanged.event,
    onDidChangeTextDocument: fakeWorkspace.documentChanged.event,
    onDidCloseTextDocument: fakeWorkspace.documentClosed.event,
    findFiles: (include: RelativePattern, exclude: string | null | undefined, maxResults?: number): Promise<Uri[]> => {
        fakeWorkspace.findFilesCalls.push({ include: include.pattern, exclude });
        const base = `${include.base.uri.path}/`;
        const included = fakeGlob(include.pattern);
        const excluded = exclude ? fakeGlob(exclude) : undefined;
        const found = [...fakeWorkspace.files.keys()]
            .map((key) => Uri.parse(key))
            .filter((uri) => uri.path.startsWith(base))
            .filter((uri) => {
                const relative = uri.path.slice(base.length);
                const parts = relative.split('/');
                const excludedPath = excluded && parts.some((_part: string, count: number) => excluded.test(parts.slice(0, count + 1).join('/')));
                return included.test(relative) && !excludedPath;
            });
        return Promise.resolve(found.slice(0, maxResults));
    },
    fs: {
        stat: (uri: Uri) => {
            const bytes = fakeWorkspace.files.get(uri.toString());
            if (bytes) {
                return Promise.resolve({ size: bytes.length, type: FileType.File });
            }
            const isFolder = [...fakeWorkspace.files.keys()].some((key) => key.startsWith(`${uri.toString()}/`));
            return isFolder ? Promise.resolve({ size: 0, type: FileType.Directory }) : Promise.reject(new Error(`ENOENT ${uri.toString()}`));
        },
        readFile: (uri: Uri) => {
            fakeWorkspace.reads++;
            const bytes = fakeWorkspace.files.get(uri.toString());
            return bytes ? Promise.resolve(bytes) : Promise.reject(new Error(`ENOENT ${uri.toString()}`));
        },
    },
    createFileSystemWatcher: () => {
        const events = new EventEmitter<{ kind: FileEvent; uri: Uri }>();
        fakeWorkspace.watchers.add(events);
        const on = (kind: FileEvent) => (listener: (uri: Uri) => unknown) => events.event((event) => event.kind === kind && listener(event.uri));
        return {
            onDidCreate: on('create'),
            onDidChange: on('change'),
            onDidDelete: on('delete'),
            dispose: () => fakeWorkspace.watchers.delete(events),
        };
    },
    asRelativePath: (uri: Uri, includeWorkspaceFolder?: boolean): string => {
        const folder = fakeWorkspace.folders.find((candidate) => uri.path.startsWith(`${candidate.uri.path}/`));
        if (!folder) {
            return uri.path;
        }
        const relative = uri.path.slice(folder.uri.path.length + 1);
        return includeWorkspaceFolder ? `${folder.name}/${relative}` : relative;
    },
});

/** Commands registered by the code under test, and stand-ins a test installs for VS Code's own commands. */
export const fakeCommands = new Map<string, (...args: unknown[]) => unknown>();

Object.assign(commands, {
    registerCommand: (command: string, handler: (...args: unknown[]) => unknown) => {
        fakeCommands.set(command, handler);
        return new Disposable(() => fakeCommands.delete(command));
    },
});
const refuseUnknownCommand = commands.executeCommand;
commands.executeCommand = (command: string, ...args: unknown[]): Promise<unknown> => {
    const handler = fakeCommands.get(command);
    return handler ? Promise.resolve(handler(...args)) : refuseUnknownCommand(command, ...args);
};

// Added for the delete history's export: the save dialog's file is written into the in-memory workspace files.
Object.assign((workspace as unknown as { fs: object }).fs, {
    writeFile: (uri: Uri, bytes: Uint8Array) => {
        fakeWorkspace.files.set(uri.toString(), bytes);
        return Promise.resolve();
    },
});
Object.assign(Uri, {
    joinPath: (base: Uri, ...parts: string[]) => Uri.from({ scheme: base.scheme, path: [base.path, ...parts].join('/') }),
});
