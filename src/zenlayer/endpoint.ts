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
    const context = 'endpoint';
    let url: URL;
    try {
        url = new URL(endpoint.trim());
    } catch {
        throw new ZenlayerInputError(context, `The Zenlayer endpoint "${endpoint}" is not a valid URL; expected something like ${DEFAULT_ENDPOINT}.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new ZenlayerInputError(context, `The Zenlayer endpoint "${endpoint}" must use https:// (got ${url.protocol}).`);
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        throw new ZenlayerInputError(context, `The Zenlayer endpoint "${endpoint}" uses plain http://, which is only allowed for a loopback address (127.0.0.1, localhost); use https://.`);
    }
    if (url.username || url.password) {
        throw new ZenlayerInputError(context, `The Zenlayer endpoint "${endpoint}" must not contain a user name or password.`);
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
        throw new ZenlayerInputError(context, `The Zenlayer endpoint "${endpoint}" must be an origin only (no path, query or fragment); the client adds /api/v2/zec itself.`);
    }
    return url.origin;
}
