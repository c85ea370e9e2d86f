import { ZenlayerInputError } from './errors';

export const DEFAULT_ENDPOINT = 'https://console.zenlayer.com';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(hostname: string): boolean {
    return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks a configured endpoint and returns its origin (`scheme://host[:port]`).
 * Plain http is refused except on loopback, where the local emulator runs: credentials
 * signed over http would otherwise cross the network in the clear.
 */
export function validateEndpoint(endpoint: string): string {
    let url: URL;
    try {
        url = new URL(endpoint.trim());
    } catch {
        throw new ZenlayerInputError('endpoint', { kind: 'endpointNotUrl', endpoint });
    }
    const refuse = (kind: 'endpointScheme' | 'endpointPlainHttp' | 'endpointUserInfo' | 'endpointNotOrigin'): never => {
        // The message echoes the endpoint: never with a password someone pasted into it.
        const shown = new URL(url);
        shown.username = '';
        shown.password = '';
        throw new ZenlayerInputError('endpoint', { kind, endpoint: shown.toString() });
    };
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
