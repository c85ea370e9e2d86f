import * as vscode from 'vscode';
import { SECRET_KEY } from '../constants';
import { parseStoredCredentials } from './credentialSources';
import type { ZenlayerCredentials } from '../zenlayer';

/** SecretStorage refused to work, typically Linux without a keyring; the message says what to do. */
export class SecretStorageUnavailableError extends Error {
    override readonly name = 'SecretStorageUnavailableError';
}

/**
 * The only place that touches the secret: the password (or token) never goes to settings, globalState, files or logs.
 * onDidChange also fires when another window signs in or out.
 */
export class CredentialStore implements vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<void>();
    readonly onDidChange = this.changed.event;
    private readonly subscription: vscode.Disposable;

    constructor(private readonly secrets: vscode.SecretStorage) {
        this.subscription = secrets.onDidChange((event) => {
            if (event.key === SECRET_KEY) {
                this.changed.fire();
            }
        });
    }

    async get(): Promise<ZenlayerCredentials | undefined> {
        return parseStoredCredentials(await this.guard(() => this.secrets.get(SECRET_KEY)));
    }

    async store(credentials: ZenlayerCredentials): Promise<void> {
        const value = 'token' in credentials ? { token: credentials.token } : { accessKeyId: credentials.accessKeyId, accessKeyPassword: credentials.accessKeyPassword };
        await this.guard(() => this.secrets.store(SECRET_KEY, JSON.stringify(value)));
    }

    async clear(): Promise<void> {
        await this.guard(() => this.secrets.delete(SECRET_KEY));
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }

    private async guard<T>(operation: () => Thenable<T>): Promise<T> {
        try {
            return await operation();
        } catch (error) {
            throw new SecretStorageUnavailableError(error instanceof Error ? error.message : String(error));
        }
    }
}
