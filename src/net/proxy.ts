import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';

/** VS Code's `http.proxy`, `http.proxyStrictSSL` and `http.noProxy`, as read in activate. */
export interface ProxySettings {
    readonly proxy: string | undefined;
    readonly strictSSL: boolean;
    readonly noProxy: readonly string[];
}

export interface ConfiguredDispatcher {
    readonly dispatcher: Dispatcher;
    /** For the log: where requests go, without any user:password of the proxy URL. */
    readonly description: string;
}

const PROXY_ENV_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

function redactProxyUrl(url: string): string {
    try {
        const parsed = new URL(url);
        parsed.username = '';
        parsed.password = '';
        return parsed.toString();
    } catch {
        return '(unparsable proxy URL)';
    }
}

/**
 * The dispatcher handed to the client, never installed globally: an EnvHttpProxyAgent when `http.proxy` or
 * HTTPS_PROXY/HTTP_PROXY is set (NO_PROXY and `http.noProxy` are honoured, loopback always bypasses), a plain Agent
 * when only strict SSL is off, and undefined (the client's own keep-alive agent) otherwise.
 */
export function createDispatcher(settings: ProxySettings, env: Readonly<Record<string, string | undefined>>): ConfiguredDispatcher | undefined {
    const tls = { rejectUnauthorized: settings.strictSSL };
    const explicitProxy = settings.proxy?.trim() || undefined;
    const envProxyVar = PROXY_ENV_VARS.find((name) => env[name]?.trim());
    if (explicitProxy || envProxyVar) {
        const envNoProxy = env.NO_PROXY ?? env.no_proxy ?? '';
        const noProxy = ['localhost', '127.0.0.1', '::1', ...settings.noProxy, ...envNoProxy.split(/[,\s]+/)].filter((entry) => entry !== '').join(',');
        // Passed explicitly rather than left to undici's own process.env lookup, so the caller's env is the one used.
        const httpProxy = explicitProxy ?? (env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy);
        const httpsProxy = explicitProxy ?? (env.HTTPS_PROXY || env.https_proxy || httpProxy);
        const dispatcher = new EnvHttpProxyAgent({
            httpProxy,
            httpsProxy,
            noProxy,
            connect: tls,
            requestTls: tls,
            proxyTls: tls,
        });
        const source = explicitProxy ? `http.proxy ${redactProxyUrl(explicitProxy)}` : `${envProxyVar} ${redactProxyUrl(env[envProxyVar ?? ''] ?? '')}`;
        return { dispatcher, description: `proxy from ${source}; no proxy for ${noProxy}${settings.strictSSL ? '' : '; TLS certificates not verified'}` };
    }
    if (!settings.strictSSL) {
        return { dispatcher: new Agent({ connect: tls }), description: 'direct; TLS certificates not verified (http.proxyStrictSSL is off)' };
    }
    return undefined;
}
