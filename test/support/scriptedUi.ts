// The scripted person in front of the extension: answers dialogs from a script and records everything shown. The unit
// tests (with the fake vscode module) and the integration tests (inside a real VS Code) drive the extension through it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ItemPick, MessageOptions, ProgressTask, Severity, UserInterface } from '../../src/platform/userInterface';

export type UiCall =
    | { kind: 'message'; severity: Severity; message: string; detail?: string; modal: boolean; buttons: string[]; answer?: string }
    | { kind: 'input'; options: vscode.InputBoxOptions; answer?: string; validation?: string }
    | { kind: 'pick'; many: boolean; labels: string[]; title?: string; placeHolder?: string; preselected: string[] }
    | { kind: 'progress'; title: string }
    /** The progress of that title ended: a message recorded before this one would have shown beside it. */
    | { kind: 'progressEnded'; title: string }
    | { kind: 'background'; title: string; ended: boolean }
    | { kind: 'clipboard'; text: string }
    | { kind: 'status'; text: string }
    | { kind: 'document'; name: string; content: string }
    | { kind: 'log' }
    | { kind: 'save'; title?: string; defaultUri?: string; filters?: Record<string, string[]> };

type MessageCall = Extract<UiCall, { kind: 'message' }>;
type InputCall = Extract<UiCall, { kind: 'input' }>;

/**
 * Answers dialogs from a script, in order, and records everything shown. Messages without buttons (plain
 * notifications) are only recorded; a dialog with no scripted answer is dismissed, like pressing Escape.
 */
export class ScriptedUi implements UserInterface {
    readonly calls: UiCall[] = [];
    /** Runs as a progress notification opens, i.e. while the request is in flight; lets a test look at the tree then. */
    duringProgress: (() => void) | undefined;
    private readonly buttonAnswers: ((call: MessageCall) => string | undefined)[] = [];
    private readonly inputAnswers: (string | undefined)[] = [];
    private readonly pickAnswers: ((labels: string[]) => string[] | undefined)[] = [];
    private readonly saveAnswers: (vscode.Uri | undefined)[] = [];
    private readonly itemButtonAnswers: string[] = [];

    /** The next message that has buttons gets this button (or whatever the function returns). */
    clickNext(button: string | ((call: MessageCall) => string | undefined)): this {
        this.buttonAnswers.push(typeof button === 'string' ? () => button : button);
        return this;
    }
    /** The next input box receives this text (undefined = Escape). */
    typeNext(text: string | undefined): this {
        this.inputAnswers.push(text);
        return this;
    }
    /** The next quick pick selects the items whose labels the function returns. */
    pickNext(choose: (labels: string[]) => string[] | undefined): this {
        this.pickAnswers.push(choose);
        return this;
    }

    /** The next save dialog answers this location (undefined = Cancel). */
    saveNext(uri: vscode.Uri | undefined): this {
        this.saveAnswers.push(uri);
        return this;
    }

    messages(severity?: Severity): MessageCall[] {
        return this.calls.filter((call): call is MessageCall => call.kind === 'message' && (severity === undefined || call.severity === severity));
    }
    inputs(): InputCall[] {
        return this.calls.filter((call): call is InputCall => call.kind === 'input');
    }
    of<K extends UiCall['kind']>(kind: K): Extract<UiCall, { kind: K }>[] {
        return this.calls.filter((call): call is Extract<UiCall, { kind: K }> => call.kind === kind);
    }
    get unusedAnswers(): number {
        return this.buttonAnswers.length + this.inputAnswers.length + this.pickAnswers.length + this.saveAnswers.length + this.itemButtonAnswers.length;
    }

    showMessage(severity: Severity, message: string, options: MessageOptions, ...buttons: string[]): Thenable<string | undefined> {
        const call: MessageCall = {
            kind: 'message',
            severity,
            message,
            modal: options.modal ?? false,
            buttons,
            ...(options.detail ? { detail: options.detail } : {}),
        };
        if (buttons.length > 0) {
            const answer = this.buttonAnswers.shift()?.(call);
            if (answer !== undefined) {
                assert.ok(buttons.includes(answer), `scripted button "${answer}" is not one of ${JSON.stringify(buttons)} on "${message}"`);
                call.answer = answer;
            }
        }
        this.calls.push(call);
        return Promise.resolve(call.answer);
    }

    async showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
        const answer = this.inputAnswers.shift();
        const call: InputCall = { kind: 'input', options };
        this.calls.push(call);
        if (answer === undefined) {
            return undefined;
        }
        const validation = await options.validateInput?.(answer);
        if (validation) {
            call.validation = typeof validation === 'string' ? validation : validation.message;
            // An error keeps VS Code's box open and the scripted person gives up; a warning or note lets the answer through.
            if (typeof validation === 'string' || validation.severity === vscode.InputBoxValidationSeverity.Error) {
                return undefined;
            }
        }
        call.answer = answer;
        return answer;
    }

    pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
        return Promise.resolve(this.pick(items, options, false)[0]);
    }

    /** The next pick with item buttons clicks the first button of the item with this label (instead of picking an item). */
    clickItemButtonNext(label: string): this {
        this.itemButtonAnswers.push(label);
        return this;
    }

    pickOneWithButtons<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<ItemPick<T> | undefined> {
        const label = this.itemButtonAnswers.shift();
        if (label === undefined) {
            const picked = this.pick(items, options, false)[0];
            return Promise.resolve(picked ? { item: picked } : undefined);
        }
        this.pick(items, options, false, false);
        const item = items.find((candidate) => candidate.label === label);
        assert.ok(item?.buttons?.length, `no item "${label}" with a button in ${JSON.stringify(items.map((candidate) => candidate.label))}`);
        return Promise.resolve({ item, button: item.buttons[0] });
    }

    pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<readonly T[] | undefined> {
        const picked = this.pick(items, options, true);
        return Promise.resolve(picked.length > 0 ? picked : undefined);
    }

    /** Records when the progress ends, so a test can tell whether a message came while it still showed. */
    withProgress<R>(title: string, task: ProgressTask<R>): Thenable<R> {
        this.calls.push({ kind: 'progress', title });
        this.duringProgress?.();
        const token = new vscode.CancellationTokenSource();
        return Promise.resolve(task({ report: () => undefined }, token.token)).finally(() => {
            token.dispose();
            this.calls.push({ kind: 'progressEnded', title });
        });
    }

    showBackgroundProgress(title: string, until: Thenable<unknown>): void {
        const call: UiCall = { kind: 'background', title, ended: false };
        this.calls.push(call);
        const end = () => {
            call.ended = true;
        };
        until.then(end, end);
    }

    writeClipboard(text: string): Thenable<void> {
        this.calls.push({ kind: 'clipboard', text });
        return Promise.resolve();
    }

    setStatusBarMessage(text: string): void {
        this.calls.push({ kind: 'status', text });
    }

    openReadOnlyDocument(name: string, content: string): Thenable<void> {
        this.calls.push({ kind: 'document', name, content });
        return Promise.resolve();
    }

    showLog(): void {
        this.calls.push({ kind: 'log' });
    }

    showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined> {
        this.calls.push({
            kind: 'save',
            ...(options.title !== undefined ? { title: options.title } : {}),
            ...(options.defaultUri ? { defaultUri: options.defaultUri.toString() } : {}),
            ...(options.filters ? { filters: options.filters } : {}),
        });
        return Promise.resolve(this.saveAnswers.shift());
    }

    /** Records the pick; `answer` false: the answer is an item button, so no scripted pick is used up. */
    private pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions, many: boolean, answer = true): T[] {
        const labels = items.map((item) => item.label);
        const preselected = items.filter((item) => item.picked).map((item) => item.label);
        this.calls.push({
            kind: 'pick',
            many,
            labels,
            preselected,
            ...(options.title ? { title: options.title } : {}),
            ...(options.placeHolder ? { placeHolder: options.placeHolder } : {}),
        });
        const chosen = answer ? (this.pickAnswers.shift()?.(labels) ?? []) : [];
        return items.filter((item) => chosen.includes(item.label));
    }
}
