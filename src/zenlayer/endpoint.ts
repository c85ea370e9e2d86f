import { ZenlayerInputError } from './inputError';

export const DEFAULT_ENDPOINT = 'https://console.zenlayer.com';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(hostname: string): boolean {
    return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Whether an endpoint points at this machine (where the local emulator runs). */
export function isLoopbackEndpoint(endpoint: string): boolean {
    try {
        return isLoopback(new URL(endpoint.trim()).hostname);
    } catch {
        return false;
    }
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A URL-ish value without its user:password, for logs and messages; works on values that are not URLs too
 * (`user:pw@host:port`, where `new URL` would read "user:" as a scheme).
 */
export function redactUserInfo(value: string): string {
    const trimmed = value.trim();
    if (!HAS_SCHEME.test(trimmed)) {
        return trimmed.replace(/^[^/]*@/, '');
    }
    try {
        const parsed = new URL(trimmed);
        parsed.username = '';
        parsed.password = '';
        return parsed.toString();
    } catch {
        // Drop anything up to an "@" after the scheme: that is where credentials would be.
        return trimmed.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, '$1');
    }
}

/**
 * Checks a configured endpoint and returns its origin (`scheme://host[:port]`).
 * Plain http is refused except on loopback, where the local emulator runs: credentials
 * signed over http would otherwise cross the network in the clear.
 */
export function validateEndpoint(endpoint: string): string {
    // Messages echo the endpoint: never with a password someone pasted into it.
    const refuse = (kind: 'endpointNotUrl' | 'endpointScheme' | 'endpointPlainHttp' | 'endpointUserInfo' | 'endpointNotOrigin'): never => {
        throw new ZenlayerInputError('endpoint', { kind, endpoint: typeof endpoint === 'string' ? redactUserInfo(endpoint) : `(a ${typeof endpoint})` });
    };
    if (typeof endpoint !== 'string') {
        return refuse('endpointNotUrl');
    }
    let url: URL;
    try {
        url = new URL(endpoint.trim());
    } catch {
        return refuse('endpointNotUrl');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        refuse('endpointScheme');
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        refuse('endpointPlainHttp');
    }
    if (url.username || url.password) {
        refuse('endpointUserInfo');
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
        refuse('endpointNotOrigin');
    }
    return url.origin;
}
