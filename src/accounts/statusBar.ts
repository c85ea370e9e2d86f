import * as vscode from 'vscode';
import { COMMANDS } from '../constants';
import type { AccountChecks } from './model/accountChecks';
import type { Account } from '../shared/session/accounts';
import type { AccountStore } from '../shared/session/accountStore';
import { maskedCredentialsText } from './texts';
import { escapeMarkdown } from '../platform/markdown';

/** What the status bar reads of the images view's load (the images model's LoadState has this shape). */
export type ShownImagesState = { readonly kind: 'signedOut' | 'loading' | 'loaded' } | { readonly kind: 'failed'; readonly error: unknown };

export interface AccountStatusBarDependencies {
    readonly item: vscode.StatusBarItem;
    readonly store: AccountStore;
    readonly checks: AccountChecks;
    /** What the images view knows of the active account: it loaded, or Zenlayer rejected its credentials. */
    readonly images: { readonly onDidChange: vscode.Event<void>; readonly state: ShownImagesState; readonly accountName: string | undefined };
    readonly isAuthFailure: (error: unknown) => boolean;
    readonly describeError: (error: unknown) => string;
    readonly endpoint: () => string;
    readonly now: () => number;
}

/**
 * "$(cloud) Zenlayer: staging" in the status bar: which account the view shows, on the error background while Zenlayer
 * rejects its credentials; a click runs Switch Account…. It also records each account's last verdict for the picker.
 */
export class AccountStatusBar implements vscode.Disposable {
    private readonly subscriptions: vscode.Disposable[];
    /** The verdict last recorded, so a tree rebuild does not write globalState again. */
    private recorded: string | undefined;
    /** Updates run one after another; only the last one's result is shown. */
    private version = 0;

    constructor(private readonly deps: AccountStatusBarDependencies) {
        deps.item.name = vscode.l10n.t('Zenlayer Account');
        deps.item.command = COMMANDS.switchAccount;
        this.subscriptions = [deps.store.onDidChange(() => void this.update()), deps.images.onDidChange(() => void this.update())];
        deps.item.show();
        void this.update();
    }

    dispose(): void {
        this.subscriptions.forEach((subscription) => void subscription.dispose());
        this.deps.item.dispose();
    }

    async update(): Promise<void> {
        const version = ++this.version;
        const { item, images } = this.deps;
        let active: Account | undefined;
        try {
            active = await this.deps.store.active();
        } catch {
            active = undefined; // SecretStorage unavailable: the view says so; the item says there is no account.
        }
        if (version !== this.version) {
            return;
        }
        const state = images.state;
        const rejection = state.kind === 'failed' && this.deps.isAuthFailure(state.error) ? this.deps.describeError(state.error) : undefined;
        // Only a verdict about the account the images are for: right after a switch the old state may still show.
        if (active && images.accountName === active.name && (state.kind === 'loaded' || rejection !== undefined)) {
            void this.record(active.name, rejection);
        }
        if (!active) {
            item.text = vscode.l10n.t('$(cloud) Zenlayer: no account');
            item.tooltip = vscode.l10n.t('No Zenlayer account is active. Click to add, import or choose one.');
            item.backgroundColor = undefined;
            item.accessibilityInformation = { label: vscode.l10n.t('Zenlayer: no account. Switch Account') };
            return;
        }
        item.text = vscode.l10n.t('$(cloud) Zenlayer: {0}', active.name);
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(vscode.l10n.t('**Zenlayer account:** {0}', escapeMarkdown(active.name)) + '\n\n');
        tooltip.appendMarkdown(escapeMarkdown(maskedCredentialsText(active)) + '\n\n');
        tooltip.appendMarkdown(vscode.l10n.t('**Endpoint:** {0}', escapeMarkdown(this.deps.endpoint())) + '\n\n');
        if (rejection !== undefined && images.accountName === active.name) {
            tooltip.appendMarkdown(vscode.l10n.t('$(error) Zenlayer rejects these credentials: {0}', escapeMarkdown(rejection)) + '\n\n');
        }
        tooltip.appendMarkdown(vscode.l10n.t('Click to switch accounts.'));
        item.tooltip = tooltip;
        item.backgroundColor =
            rejection !== undefined && images.accountName === active.name ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
        item.accessibilityInformation = {
            label:
                rejection !== undefined
                    ? vscode.l10n.t('Zenlayer account {0}: credentials rejected. Switch Account', active.name)
                    : vscode.l10n.t('Zenlayer account {0}. Switch Account', active.name),
        };
    }

    private async record(name: string, rejection: string | undefined): Promise<void> {
        const verdict = `${name}\n${rejection ?? 'ok'}`;
        if (verdict === this.recorded) {
            return;
        }
        this.recorded = verdict;
        await this.deps.checks.record(
            name,
            rejection === undefined ? { ok: true, at: this.deps.now() } : { ok: false, at: this.deps.now(), reason: rejection },
        );
    }
}
