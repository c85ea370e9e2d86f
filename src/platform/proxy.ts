import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import { redactUserInfo } from '../zenlayer';

/** VS Code's `http.*` proxy settings, as read in activate. */
export interface ProxySettings {
    readonly proxy: string | undefined;
    readonly strictSSL: boolean;
    readonly noProxy: readonly string[];
    /** `http.proxySupport`: "off" means no proxy at all (neither `http.proxy` nor the environment). */
    readonly proxySupport?: string;
    /** `http.proxyAuthorization`: sent as the Proxy-Authorization header to the proxy. */
    readonly proxyAuthorization?: string | null;
}

export interface ConfiguredDispatcher {
    readonly dispatcher: Dispatcher;
    /** For the log: where requests go, without any user:password of the proxy URL. */
    readonly description: string;
}

/**
 * A proxy value that cannot be used: not a URL, or a scheme other than http:// or https:// (socks5:// for example;
 * undici's SOCKS support is experimental and VS Code's own proxy support does not offer it to extensions either).
 */
export class ProxyConfigError extends Error {
    override readonly name = 'ProxyConfigError';
    constructor(
        /** Where the value came from: `http.proxy` or the environment variable's name (HTTPS_PROXY, http_proxy, …). */
        readonly source: string,
        /** The value as configured, without any user:password. */
        readonly url: string,
    ) {
        super(`The proxy ${url} (from ${source}) cannot be used: only http:// and https:// proxies, or host:port, are supported.`);
    }
}

const HTTP_ENV_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy'] as const;
const HTTPS_ENV_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The proxy URL undici needs. `host:port` and `user:pw@host:port` (as curl and most tools accept) become
 * `http://…`; http:// and https:// pass through; anything else throws a ProxyConfigError naming `source`.
 */
export function normalizeProxyUrl(value: string, source: string): string {
    const trimmed = value.trim();
    const withScheme = HAS_SCHEME.test(trimmed) ? trimmed : `http://${trimmed}`;
    let parsed: URL;
    try {
        parsed = new URL(withScheme);
    } catch {
        throw new ProxyConfigError(source, redactUserInfo(trimmed));
    }
    if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
        throw new ProxyConfigError(source, redactUserInfo(trimmed));
    }
    return withScheme;
}

function firstSet(env: Readonly<Record<string, string | undefined>>, names: readonly string[]): { name: string; value: string } | undefined {
    const name = names.find((candidate) => env[candidate]?.trim());
    return name ? { name, value: env[name] ?? '' } : undefined;
}

/**
 * The dispatcher handed to the client, never installed globally: an EnvHttpProxyAgent when `http.proxy` or
 * HTTPS_PROXY/HTTP_PROXY is set (NO_PROXY and `http.noProxy` are honoured, loopback always bypasses), a plain Agent
 * when only strict SSL is off, and undefined (the client's own keep-alive agent) otherwise. `http.proxySupport: "off"`
 * ignores every proxy; `http.proxyStrictSSL: false` still applies to the direct connection then.
 * Throws ProxyConfigError for a proxy value that is not an http(s) URL or host:port.
 */
export function createDispatcher(settings: ProxySettings, env: Readonly<Record<string, string | undefined>>): ConfiguredDispatcher | undefined {
    const tls = { rejectUnauthorized: settings.strictSSL };
    const proxyOff = settings.proxySupport === 'off';
    const explicitProxy = proxyOff ? undefined : settings.proxy?.trim() || undefined;
    const envProxy = proxyOff ? undefined : firstSet(env, HTTPS_ENV_VARS);
    if (explicitProxy || envProxy) {
        const envNoProxy = env.NO_PROXY ?? env.no_proxy ?? '';
        const noProxy = ['localhost', '127.0.0.1', '::1', ...settings.noProxy, ...envNoProxy.split(/[,\s]+/)].filter((entry) => entry !== '').join(',');
        // Passed explicitly rather than left to undici's own process.env lookup, so the caller's env is the one used.
        const httpSource = explicitProxy ? { name: 'http.proxy', value: explicitProxy } : firstSet(env, HTTP_ENV_VARS);
        const httpsSource = explicitProxy ? { name: 'http.proxy', value: explicitProxy } : firstSet(env, HTTPS_ENV_VARS);
        const httpProxy = httpSource && normalizeProxyUrl(httpSource.value, httpSource.name);
        const httpsProxy = httpsSource && normalizeProxyUrl(httpsSource.value, httpsSource.name);
        const token = settings.proxyAuthorization?.trim() || undefined;
        const dispatcher = new EnvHttpProxyAgent({
            httpProxy,
            httpsProxy,
            noProxy,
            // EnvHttpProxyAgent hands its options to each ProxyAgent it creates, so the token reaches both proxies.
            ...(token ? { token } : {}),
            connect: tls,
            requestTls: tls,
            proxyTls: tls,
        });
        const source = explicitProxy ? `http.proxy ${redactUserInfo(explicitProxy)}` : `${envProxy?.name ?? ''} ${redactUserInfo(envProxy?.value ?? '')}`;
        const auth = token ? '; Proxy-Authorization from http.proxyAuthorization' : '';
        return {
            dispatcher,
            description: `proxy from ${source}${auth}; no proxy for ${noProxy}${settings.strictSSL ? '' : '; TLS certificates not verified'}`,
        };
    }
    const off = proxyOff ? ' (http.proxySupport is off)' : '';
    if (!settings.strictSSL) {
        return { dispatcher: new Agent({ connect: tls }), description: `direct${off}; TLS certificates not verified (http.proxyStrictSSL is off)` };
    }
    return undefined;
}
