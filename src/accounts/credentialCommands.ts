import * as vscode from 'vscode';
import { type CredentialStore, SecretStorageUnavailableError } from './credentialStore';
import { type AccessKeyIdProblem, checkAccessKeyId, type CredentialSource } from './credentialSources';
import type { Session } from './session';
import { describeError, isAuthFailure, isClockSkew, secretStorageHelp } from '../platform/errorText';
import type { UserInterface } from '../platform/userInterface';
import type { Logger } from '../platform/logger';
import type { ZenlayerCredentials } from '../zenlayer';

export interface CredentialCommandDependencies {
    readonly ui: UserInterface;
    readonly store: CredentialStore;
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

function describeCredentials(credentials: ZenlayerCredentials): string {
    return 'token' in credentials ? vscode.l10n.t('access token') : vscode.l10n.t('AccessKey ID {0}', credentials.accessKeyId);
}

export class CredentialCommands {
    constructor(private readonly deps: CredentialCommandDependencies) {}

    /** Ask (or import), test with a cheap signed call, and only then store; loops on "Re-enter". */
    async configure(): Promise<void> {
        let credentials = await this.chooseSource();
        while (credentials) {
            const verdict = await this.test(credentials);
            if (verdict === 'ok') {
                await this.save(credentials);
                return;
            }
            credentials = verdict === 'retry' ? credentials : verdict === 'reenter' ? await this.askForAccessKey('accessKeyId' in credentials ? credentials.accessKeyId : undefined) : undefined;
        }
    }

    async signOut(): Promise<void> {
        try {
            await this.deps.store.clear();
        } catch (error) {
            this.reportStorageError(error);
            return;
        }
        this.deps.logger.info('Signed out: credentials removed from SecretStorage.');
        void this.deps.ui.showMessage('info', vscode.l10n.t('Signed out of Zenlayer. Your credentials were removed from VS Code.'), {});
    }

    private async chooseSource(): Promise<ZenlayerCredentials | undefined> {
        const sources = await this.deps.discoverSources();
        if (sources.length === 0) {
            return this.askForAccessKey(undefined);
        }
        type SourceItem = vscode.QuickPickItem & { readonly source: CredentialSource | undefined };
        const items: SourceItem[] = [
            { label: vscode.l10n.t('$(key) Enter an AccessKey ID and password'), source: undefined },
            ...sources.map((source): SourceItem =>
                source.kind === 'environment'
                    ? { label: vscode.l10n.t('$(terminal) Import from the environment'), description: 'ZENLAYER_ACCESS_KEY_ID', detail: describeCredentials(source.credentials), source }
                    : {
                          label: vscode.l10n.t('$(file) Import CLI profile "{0}"', source.profile),
                          description: source.isCurrent ? vscode.l10n.t('current profile, ~/.zenlayer/credentials.json') : '~/.zenlayer/credentials.json',
                          detail: describeCredentials(source.credentials),
                          source,
                      },
            ),
        ];
        const picked = await this.deps.ui.pickOne(items, { title: vscode.l10n.t('Configure Zenlayer Credentials'), placeHolder: vscode.l10n.t('Credentials were found outside VS Code. Import them, or enter new ones.'), ignoreFocusOut: true });
        if (!picked) {
            return undefined;
        }
        return picked.source ? picked.source.credentials : this.askForAccessKey(undefined);
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
            prompt: vscode.l10n.t('Stored only in VS Code\'s secret storage.'),
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
            await this.deps.ui.withProgress(vscode.l10n.t('Checking the credentials with Zenlayer…'), () => this.deps.session.withCredentials(credentials, (api) => api.describeZones()));
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
            const text = rejected ? vscode.l10n.t('Zenlayer rejected these credentials: {0}', describeError(error)) : vscode.l10n.t('Could not check the credentials: {0}', describeError(error));
            const choice = await this.deps.ui.showMessage('error', text, {}, ...(rejected ? [reenter] : [retry, reenter]), showLog);
            if (choice === showLog) {
                this.deps.ui.showLog();
            }
            return choice === reenter ? 'reenter' : choice === retry ? 'retry' : 'stop';
        }
    }

    private async save(credentials: ZenlayerCredentials): Promise<void> {
        try {
            await this.deps.store.store(credentials);
        } catch (error) {
            this.reportStorageError(error);
            return;
        }
        this.deps.logger.info(`Credentials saved to SecretStorage (${describeCredentials(credentials)}).`);
        void this.deps.ui.showMessage('info', vscode.l10n.t('Zenlayer credentials saved ({0}).', describeCredentials(credentials)), {});
    }

    private reportStorageError(error: unknown): void {
        this.deps.logger.error(`SecretStorage failed: ${error instanceof Error ? error.message : String(error)}`);
        if (error instanceof SecretStorageUnavailableError) {
            void this.deps.ui.showMessage('error', secretStorageHelp(), {});
            return;
        }
        throw error;
    }
}
