import * as vscode from 'vscode';
import { type AccessKeyIdProblem, checkAccessKeyId, type CredentialSource } from '../../shared/session/credentialSources';
import type { Session } from '../../shared/session/session';
import { describeError, isAuthFailure, isClockSkew } from '../../platform/errorText';
import type { UserInterface } from '../../platform/userInterface';
import type { Logger } from '../../platform/logger';
import type { ZenlayerCredentials } from '../../zenlayer';

export interface CredentialEntryDependencies {
    readonly ui: UserInterface;
    readonly session: Session;
    readonly logger: Logger;
    /** Credentials found in ZENLAYER_ACCESS_KEY_ID/SECRET or the zeno CLI's files, offered for import. */
    readonly discoverSources: () => Promise<CredentialSource[]>;
}

function accessKeyIdProblemText(problem: AccessKeyIdProblem): string {
    switch (problem) {
        case 'empty':
            return vscode.l10n.t('Enter the AccessKey ID.');
        case 'whitespace':
            return vscode.l10n.t('The AccessKey ID contains spaces; paste it without them.');
        case 'format':
            return vscode.l10n.t('An AccessKey ID has 8 to 128 letters, digits, "-" or "_".');
    }
}

export function describeCredentials(credentials: ZenlayerCredentials): string {
    return 'token' in credentials ? vscode.l10n.t('access token') : vscode.l10n.t('AccessKey ID {0}', credentials.accessKeyId);
}

/**
 * Getting credentials from the person: typed, or imported from the environment or a zeno CLI profile; always checked
 * with Zenlayer before anyone stores them. Loops on "Re-enter" and "Retry" until they pass or the person gives up.
 */
export class CredentialEntry {
    constructor(private readonly deps: CredentialEntryDependencies) {}

    /**
     * Checked credentials, or undefined when the person gave up. `title` names what they are for. With `offerToken`
     * the person always chooses between an access key, a token and what was found outside VS Code; without it the
     * access key is asked for at once unless something was found (the quickest first sign-in).
     */
    async enter(title: string, options: { readonly offerToken: boolean }): Promise<ZenlayerCredentials | undefined> {
        let credentials = await this.chooseSource(title, options.offerToken);
        while (credentials) {
            const verdict = await this.test(credentials);
            if (verdict === 'ok') {
                return credentials;
            }
            credentials = verdict === 'retry' ? credentials : verdict === 'reenter' ? await this.askAgain(credentials) : undefined;
        }
        return undefined;
    }

    /** One check without a dialog (an import checks many at once). */
    async check(credentials: ZenlayerCredentials): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: unknown }> {
        try {
            await this.deps.session.withCredentials(credentials, (api) => api.describeZones());
            return { ok: true };
        } catch (error) {
            this.deps.logger.warn(`Credential check failed for ${describeCredentials(credentials)}: ${describeError(error)}`);
            return { ok: false, error };
        }
    }

    private askAgain(rejected: ZenlayerCredentials): Promise<ZenlayerCredentials | undefined> {
        return 'token' in rejected ? this.askForToken() : this.askForAccessKey(rejected.accessKeyId);
    }

    private async chooseSource(title: string, offerToken: boolean): Promise<ZenlayerCredentials | undefined> {
        const sources = await this.deps.discoverSources();
        if (sources.length === 0 && !offerToken) {
            return this.askForAccessKey(undefined);
        }
        type SourceItem = vscode.QuickPickItem & { readonly source: CredentialSource | 'accessKey' | 'token' };
        const items: SourceItem[] = [
            { label: vscode.l10n.t('$(key) Enter an AccessKey ID and password'), source: 'accessKey' },
            {
                label: vscode.l10n.t('$(shield) Enter an access token'),
                description: vscode.l10n.t('Member & Permission → Authentication → Token'),
                source: 'token',
            },
            ...sources.map((source): SourceItem =>
                source.kind === 'environment'
                    ? {
                          label: vscode.l10n.t('$(terminal) Import from the environment'),
                          description: 'ZENLAYER_ACCESS_KEY_ID',
                          detail: describeCredentials(source.credentials),
                          source,
                      }
                    : {
                          label: vscode.l10n.t('$(file) Import CLI profile "{0}"', source.profile),
                          description: source.isCurrent ? vscode.l10n.t('current profile, ~/.zenlayer/credentials.json') : '~/.zenlayer/credentials.json',
                          detail: describeCredentials(source.credentials),
                          source,
                      },
            ),
        ];
        const placeHolder =
            sources.length > 0
                ? vscode.l10n.t('Credentials were found outside VS Code. Import them, or enter new ones.')
                : vscode.l10n.t('How this account signs in to Zenlayer');
        const picked = await this.deps.ui.pickOne(items, { title, placeHolder, ignoreFocusOut: true });
        if (!picked) {
            return undefined;
        }
        return picked.source === 'accessKey' ? this.askForAccessKey(undefined) : picked.source === 'token' ? this.askForToken() : picked.source.credentials;
    }

    /** A console access token: a secret like a password, sent as `Authorization: Bearer`. */
    private async askForToken(): Promise<ZenlayerCredentials | undefined> {
        const token = await this.deps.ui.showInputBox({
            title: vscode.l10n.t('Zenlayer access token'),
            prompt: vscode.l10n.t("From the Zenlayer console: Member & Permission → Authentication → Token. Stored only in VS Code's secret storage."),
            placeHolder: vscode.l10n.t('Access token'),
            password: true,
            ignoreFocusOut: true,
            validateInput: (value) =>
                value.trim() === ''
                    ? vscode.l10n.t('Enter the access token.')
                    : /\s/.test(value.trim())
                      ? vscode.l10n.t('The token contains spaces; paste it without them.')
                      : undefined,
        });
        return token?.trim() ? { token: token.trim() } : undefined;
    }

    private async askForAccessKey(previousId: string | undefined): Promise<ZenlayerCredentials | undefined> {
        const accessKeyId = await this.deps.ui.showInputBox({
            title: vscode.l10n.t('Zenlayer AccessKey ID (1/2)'),
            prompt: vscode.l10n.t('From the Zenlayer console: Account → Access Keys.'),
            placeHolder: vscode.l10n.t('AccessKey ID'),
            ...(previousId ? { value: previousId } : {}),
            ignoreFocusOut: true,
            validateInput: (value) => {
                const problem = checkAccessKeyId(value.trim());
                return problem ? accessKeyIdProblemText(problem) : undefined;
            },
        });
        if (accessKeyId === undefined) {
            return undefined;
        }
        const accessKeyPassword = await this.deps.ui.showInputBox({
            title: vscode.l10n.t('Zenlayer AccessKey Password (2/2)'),
            prompt: vscode.l10n.t("Stored only in VS Code's secret storage."),
            placeHolder: vscode.l10n.t('AccessKey Password'),
            password: true,
            ignoreFocusOut: true,
            validateInput: (value) => (value === '' ? vscode.l10n.t('Enter the AccessKey Password.') : undefined),
        });
        return accessKeyPassword ? { accessKeyId: accessKeyId.trim(), accessKeyPassword } : undefined;
    }

    /** DescribeZones is the cheapest signed call: it proves key, password, clock and endpoint in one round trip. */
    private async test(credentials: ZenlayerCredentials): Promise<'ok' | 'reenter' | 'retry' | 'stop'> {
        try {
            await this.deps.ui.withProgress(vscode.l10n.t('Checking the credentials with Zenlayer…'), () =>
                this.deps.session.withCredentials(credentials, (api) => api.describeZones()),
            );
            return 'ok';
        } catch (error) {
            this.deps.logger.warn(`Credential check failed for ${describeCredentials(credentials)}: ${describeError(error)}`);
            const reenter = vscode.l10n.t('Re-enter');
            const retry = vscode.l10n.t('Retry');
            const showLog = vscode.l10n.t('Show Log');
            if (isClockSkew(error)) {
                // The key may well be right: the signature's timestamp is what Zenlayer refused, so re-entering will not help.
                const choice = await this.deps.ui.showMessage('error', describeError(error), {}, retry, showLog);
                if (choice === showLog) {
                    this.deps.ui.showLog();
                }
                return choice === retry ? 'retry' : 'stop';
            }
            const rejected = isAuthFailure(error);
            const text = rejected
                ? vscode.l10n.t('Zenlayer rejected these credentials: {0}', describeError(error))
                : vscode.l10n.t('Could not check the credentials: {0}', describeError(error));
            const choice = await this.deps.ui.showMessage('error', text, {}, ...(rejected ? [reenter] : [retry, reenter]), showLog);
            if (choice === showLog) {
                this.deps.ui.showLog();
            }
            return choice === reenter ? 'reenter' : choice === retry ? 'retry' : 'stop';
        }
    }
}
