import type { CancellationToken, InputBoxOptions, Progress, QuickInputButton, QuickPickItem, QuickPickOptions, SaveDialogOptions, Uri } from 'vscode';

export type Severity = 'info' | 'warning' | 'error';

export interface MessageOptions {
    readonly modal?: boolean;
    readonly detail?: string;
}

export interface ProgressTask<R> {
    (progress: Progress<{ message?: string; increment?: number }>, token: CancellationToken): Thenable<R>;
}

export interface ItemPick<T> {
    readonly item: T;
    /** The item's button that was clicked; undefined when the item itself was accepted. */
    readonly button?: QuickInputButton;
}

/**
 * Everything the extension asks of the person in front of it. activate() installs the VS Code implementation;
 * integration tests swap in a scripted one through the test API, because modals and input boxes would otherwise wait
 * for someone to answer them.
 */
export interface UserInterface {
    /** Resolves with the clicked button, or undefined when dismissed. */
    showMessage(severity: Severity, message: string, options: MessageOptions, ...buttons: string[]): Thenable<string | undefined>;
    showInputBox(options: InputBoxOptions): Thenable<string | undefined>;
    pickOne<T extends QuickPickItem>(items: readonly T[], options: QuickPickOptions): Thenable<T | undefined>;
    pickMany<T extends QuickPickItem>(items: readonly T[], options: QuickPickOptions): Thenable<readonly T[] | undefined>;
    /** One item of a pick whose items carry buttons (QuickPickItem.buttons): the item, and the button if one was clicked. */
    pickOneWithButtons<T extends QuickPickItem>(items: readonly T[], options: QuickPickOptions): Thenable<ItemPick<T> | undefined>;
    /** A progress notification; resolves once the notification is gone, so a result shown next never sits beside it. */
    withProgress<R>(title: string, task: ProgressTask<R>): Thenable<R>;
    /** Work that goes on in the background (a status-bar spinner) until `until` settles; it never blocks the caller. */
    showBackgroundProgress(title: string, until: Thenable<unknown>): void;
    writeClipboard(text: string): Thenable<void>;
    setStatusBarMessage(text: string): void;
    /** Opens text in a read-only editor (View Details, Show Details). */
    openReadOnlyDocument(name: string, content: string): Thenable<void>;
    showLog(): void;
    /** The save dialog (Export Delete History…): where to write, or undefined when cancelled. */
    showSaveDialog(options: SaveDialogOptions): Thenable<Uri | undefined>;
}

/** Lets the test API replace the UI while the extension runs; every caller holds this one object. */
export class SwitchableUi implements UserInterface {
    private current: UserInterface;

    constructor(private readonly real: UserInterface) {
        this.current = real;
    }

    use(ui: UserInterface | undefined): void {
        this.current = ui ?? this.real;
    }

    showMessage(severity: Severity, message: string, options: MessageOptions, ...buttons: string[]): Thenable<string | undefined> {
        return this.current.showMessage(severity, message, options, ...buttons);
    }
    showInputBox(options: InputBoxOptions): Thenable<string | undefined> {
        return this.current.showInputBox(options);
    }
    pickOne<T extends QuickPickItem>(items: readonly T[], options: QuickPickOptions): Thenable<T | undefined> {
        return this.current.pickOne(items, options);
    }
    pickMany<T extends QuickPickItem>(items: readonly T[], options: QuickPickOptions): Thenable<readonly T[] | undefined> {
        return this.current.pickMany(items, options);
    }
    pickOneWithButtons<T extends QuickPickItem>(items: readonly T[], options: QuickPickOptions): Thenable<ItemPick<T> | undefined> {
        return this.current.pickOneWithButtons(items, options);
    }
    withProgress<R>(title: string, task: ProgressTask<R>): Thenable<R> {
        return this.current.withProgress(title, task);
    }
    showBackgroundProgress(title: string, until: Thenable<unknown>): void {
        this.current.showBackgroundProgress(title, until);
    }
    writeClipboard(text: string): Thenable<void> {
        return this.current.writeClipboard(text);
    }
    setStatusBarMessage(text: string): void {
        this.current.setStatusBarMessage(text);
    }
    openReadOnlyDocument(name: string, content: string): Thenable<void> {
        return this.current.openReadOnlyDocument(name, content);
    }
    showLog(): void {
        this.current.showLog();
    }
    showSaveDialog(options: SaveDialogOptions): Thenable<Uri | undefined> {
        return this.current.showSaveDialog(options);
    }
}
