import type { CredentialStore } from './auth/credentialStore';
import { formatApiCall } from './model/apiLog';
import type { ExtensionSettings } from './model/settings';
import type { ConfiguredDispatcher } from './net/proxy';
import type { Logger } from './util/logger';
import type { ZenlayerClient, ZenlayerClientOptions, ZenlayerCredentials } from './zenlayer';

/** The part of the client the extension uses; tests and the benchmark can stand in for it. */
export type ImagesApi = Pick<ZenlayerClient, 'listCustomImages' | 'describeImagesByIds' | 'deleteImages' | 'describeZones' | 'close'>;
export type ImagesApiFactory = (options: ZenlayerClientOptions) => ImagesApi;

export interface SessionDependencies {
    readonly store: CredentialStore;
    readonly createApi: ImagesApiFactory;
    readonly settings: () => ExtensionSettings;
    /**
     * A new dispatcher per client, so a changed proxy setting takes effect; the session closes it. May throw
     * (a proxy value that cannot be used): the error reaches the caller of api() like any other.
     */
    readonly createDispatcher: () => ConfiguredDispatcher | undefined;
    readonly logger: Logger;
}

/**
 * Owns the one live client, built from the stored credentials and the current settings. Settings or credential
 * changes call invalidate(); the next use builds a fresh client, and the old one is closed.
 */
interface OpenClient {
    readonly api: ImagesApi;
    readonly close: () => Promise<void>;
}

export class Session {
    private current: Promise<OpenClient | undefined> | undefined;

    constructor(private readonly deps: SessionDependencies) {}

    /**
     * The API for the stored credentials, or undefined when signed out. Rejects when the client cannot be built
     * (SecretStorage unavailable, invalid endpoint or proxy setting); a failed build is not kept, so the next call tries again.
     */
    async api(): Promise<ImagesApi | undefined> {
        const building = (this.current ??= this.build());
        try {
            return (await building)?.api;
        } catch (error) {
            if (this.current === building) {
                this.current = undefined;
            }
            throw error;
        }
    }

    /** Drops the current client (closed in the background); the next api() builds one from the new state. */
    invalidate(): void {
        void this.closeCurrent();
    }

    /** A throwaway client for credentials that are not stored yet (Configure Credentials tests them first). */
    async withCredentials<R>(credentials: ZenlayerCredentials, use: (api: ImagesApi) => Promise<R>): Promise<R> {
        const { api, close } = this.open(credentials);
        try {
            return await use(api);
        } finally {
            await close();
        }
    }

    dispose(): Promise<void> {
        return this.closeCurrent();
    }

    private async closeCurrent(): Promise<void> {
        const previous = this.current;
        this.current = undefined;
        const client = await previous?.catch(() => undefined);
        await client?.close();
    }

    private async build(): Promise<OpenClient | undefined> {
        const credentials = await this.deps.store.get();
        return credentials ? this.open(credentials) : undefined;
    }

    private open(credentials: ZenlayerCredentials): OpenClient {
        const settings = this.deps.settings();
        let configured: ConfiguredDispatcher | undefined;
        let api: ImagesApi;
        try {
            configured = this.deps.createDispatcher();
            api = this.deps.createApi({
                endpoint: settings.endpoint,
                credentials,
                timeoutMs: settings.requestTimeoutMs,
                ...(configured ? { dispatcher: configured.dispatcher } : {}),
                onApiCall: (event) => (event.outcome === 'ok' ? this.deps.logger.info(formatApiCall(event)) : this.deps.logger.warn(formatApiCall(event))),
            });
        } catch (error) {
            void configured?.dispatcher.close();
            throw error;
        }
        this.deps.logger.debug(`client for ${settings.endpoint}; ${configured ? configured.description : 'direct connection'}`);
        return {
            api,
            close: async () => {
                await api.close();
                await configured?.dispatcher.close();
            },
        };
    }
}
