import type { AccountStore } from './accountStore';
import { formatApiCall } from '../../platform/apiLog';
import type { ExtensionSettings } from '../settings/settings';
import type { ConfiguredDispatcher } from '../../platform/proxy';
import type { Logger } from '../../platform/logger';
import type { ZenlayerClient, ZenlayerClientOptions, ZenlayerCredentials } from '../../zenlayer';

/** The calls the extension makes; adding an API action to the extension means adding its name here. */
const API_CALLS = [
    'listCustomImages',
    'listInstances',
    'describeImagesByIds',
    'deleteImages',
    'describeZones',
    'copyImage',
    'describeImageCopyProgress',
    'deleteImageCopy',
    'renameImage',
    'createImage',
] as const satisfies readonly (keyof ZenlayerClient)[];
type ApiCall = (typeof API_CALLS)[number];

/** The part of the client the extension uses; tests and the benchmark can stand in for it. */
export type ImagesApi = Pick<ZenlayerClient, ApiCall | 'close'>;
export type ImagesApiFactory = (options: ZenlayerClientOptions) => ImagesApi;

export interface SessionDependencies {
    /** Where the active account's credentials come from. */
    readonly store: Pick<AccountStore, 'activeCredentials'>;
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
 * One built client and the calls running on it. Every API call is counted while it runs (a delete of more than
 * 100 images is one call that sends several requests), so a client that was replaced is closed only once idle.
 */
class CountedClient {
    readonly api: ImagesApi;
    private running = 0;
    private retired = false;
    private closing: Promise<void> | undefined;

    constructor(
        raw: ImagesApi,
        private readonly closeAll: () => Promise<void>,
    ) {
        const counted: Partial<Record<ApiCall, unknown>> = {};
        for (const call of API_CALLS) {
            counted[call] = (...args: unknown[]) => this.count(() => (raw[call] as (...args: unknown[]) => Promise<unknown>)(...args));
        }
        this.api = { ...(counted as Pick<ImagesApi, ApiCall>), close: () => this.close() };
    }

    /** No new use will come through the session; closes now if idle, else when the last running call ends. */
    retire(): Promise<void> {
        this.retired = true;
        return this.running === 0 ? this.close() : Promise.resolve();
    }

    close(): Promise<void> {
        this.closing ??= this.closeAll();
        return this.closing;
    }

    private async count<R>(call: () => Promise<R>): Promise<R> {
        this.running++;
        try {
            return await call();
        } finally {
            this.running--;
            if (this.retired && this.running === 0) {
                void this.close();
            }
        }
    }
}

/**
 * Owns the one live client, built from the stored credentials and the current settings. Settings or credential
 * changes call invalidate(); the next use builds a fresh client, and the old one is closed once its calls are done.
 */
export class Session {
    private current: Promise<CountedClient | undefined> | undefined;
    /** Every client not closed yet, the current one and retired ones still busy; dispose() closes them all. */
    private readonly open = new Set<CountedClient>();

    constructor(private readonly deps: SessionDependencies) {}

    /**
     * The API for the active account, or undefined when there is none. Rejects when the client cannot be built
     * (SecretStorage unavailable, invalid endpoint or proxy setting); a failed build is not kept, so the next call
     * tries again.
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

    /** Drops the current client; the next api() builds one from the new state. The old one closes once idle. */
    invalidate(): void {
        const previous = this.current;
        this.current = undefined;
        void previous?.then(
            (client) => client?.retire(),
            () => undefined,
        );
    }

    /** A throwaway client for credentials that are not stored yet (Configure Credentials tests them first). */
    async withCredentials<R>(credentials: ZenlayerCredentials, use: (api: ImagesApi) => Promise<R>): Promise<R> {
        const client = this.connect(credentials);
        try {
            return await use(client.api);
        } finally {
            await client.close();
        }
    }

    /** Closes every client now (extension shutdown); requests already sent may finish, nothing new is sent. */
    async dispose(): Promise<void> {
        const previous = this.current;
        this.current = undefined;
        await previous?.catch(() => undefined);
        await Promise.all([...this.open].map((client) => client.close()));
    }

    private async build(): Promise<CountedClient | undefined> {
        const credentials = await this.deps.store.activeCredentials();
        return credentials ? this.connect(credentials) : undefined;
    }

    private connect(credentials: ZenlayerCredentials): CountedClient {
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
        const client: CountedClient = new CountedClient(api, async () => {
            try {
                await api.close();
                await configured?.dispatcher.close();
            } finally {
                this.open.delete(client);
            }
        });
        this.open.add(client);
        return client;
    }
}
