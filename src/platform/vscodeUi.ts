import * as vscode from 'vscode';
import { DETAILS_SCHEME } from '../constants';
import type { ItemPick, MessageOptions, ProgressTask, Severity, UserInterface } from './userInterface';

const STATUS_BAR_MESSAGE_MS = 3000;
/**
 * VS Code keeps a progress notification up for at least 800 ms after it opened, however soon the task ends (so it does
 * not flash). A result shown before then would sit beside the finished "Checking…" for a moment; waiting this long
 * from the start (800 ms and a margin for the message to reach the workbench and the toast to go) avoids that.
 */
const PROGRESS_NOTIFICATION_MINIMUM_MS = 950;

/** Serves the read-only documents: the URI path names the document, the content lives here until closed. */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider {
    private readonly contents = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;
    private counter = 0;
    private readonly registrations: vscode.Disposable[];

    constructor() {
        this.registrations = [
            vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, this),
            vscode.workspace.onDidCloseTextDocument((document) => document.uri.scheme === DETAILS_SCHEME && this.forget(document.uri)),
        ];
    }

    put(name: string, content: string): vscode.Uri {
        // A fresh query per call so reopening "details of X" shows the current content, not a stale tab.
        const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${name}`, query: String(++this.counter) });
        this.contents.set(uri.toString(), content);
        this.changed.fire(uri);
        return uri;
    }

    forget(uri: vscode.Uri): void {
        this.contents.delete(uri.toString());
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.contents.get(uri.toString()) ?? '';
    }

    dispose(): void {
        this.registrations.forEach((registration) => void registration.dispose());
        this.changed.dispose();
        this.contents.clear();
    }
}

export function createVsCodeUi(log: vscode.LogOutputChannel, documents: ReadOnlyDocuments): UserInterface {
    const show = {
        info: vscode.window.showInformationMessage,
        warning: vscode.window.showWarningMessage,
        error: vscode.window.showErrorMessage,
    } satisfies Record<Severity, unknown>;
    return {
        showMessage: (severity: Severity, message: string, options: MessageOptions, ...buttons: string[]) =>
            show[severity](message, { modal: options.modal ?? false, ...(options.detail ? { detail: options.detail } : {}) }, ...buttons),
        showInputBox: (options) => vscode.window.showInputBox(options),
        pickOne: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: false }),
        pickMany: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
        pickOneWithButtons: (items, options) => pickWithButtons(items, options),
        withProgress: async <R>(title: string, task: ProgressTask<R>) => {
            const started = Date.now();
            try {
                return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, task);
            } finally {
                await delay(started + PROGRESS_NOTIFICATION_MINIMUM_MS - Date.now());
            }
        },
        showBackgroundProgress: (title, until) => {
            void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => Promise.resolve(until).catch(() => undefined));
        },
        writeClipboard: (text) => vscode.env.clipboard.writeText(text),
        setStatusBarMessage: (text) => {
            vscode.window.setStatusBarMessage(text, STATUS_BAR_MESSAGE_MS);
        },
        openReadOnlyDocument: async (name, content) => {
            const uri = documents.put(name, content);
            if (name.endsWith('.md')) {
                // A report reads as a rendered document, not as Markdown source.
                await vscode.commands.executeCommand('markdown.showPreview', uri);
                return;
            }
            await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
        },
        showLog: () => log.show(true),
        showSaveDialog: (options) => vscode.window.showSaveDialog(options),
    };
}

/** showQuickPick ignores item buttons; a QuickPick of our own honours them. */
function pickWithButtons<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<ItemPick<T> | undefined> {
    return new Promise((resolve) => {
        const pick = vscode.window.createQuickPick<T>();
        pick.items = items;
        pick.title = options.title;
        pick.placeholder = options.placeHolder;
        pick.matchOnDescription = options.matchOnDescription ?? false;
        pick.matchOnDetail = options.matchOnDetail ?? false;
        let answered = false;
        const answer = (value: ItemPick<T> | undefined) => {
            if (!answered) {
                answered = true;
                resolve(value);
                pick.dispose();
            }
        };
        pick.onDidAccept(() => answer(pick.selectedItems[0] ? { item: pick.selectedItems[0] } : undefined));
        pick.onDidTriggerItemButton((event) => answer({ item: event.item, button: event.button }));
        pick.onDidHide(() => answer(undefined));
        pick.show();
    });
}

function delay(ms: number): Promise<void> {
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
