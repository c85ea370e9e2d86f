/**
 * A deliberately low-level caller for tests: signs with the project's signZc2 and lets a test break any part of
 * the request (headers, body after signing, timestamp, method, path). Not the extension's client.
 */
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { signZc2 } from '../../src/zenlayer/signer';
import type { Credential } from './auth';
import { API_PATH, API_VERSION, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD } from './server';

export interface CallOptions {
    /** X-ZC-Action; null omits the header. */
    action?: string | null;
    /** X-ZC-Version; default 2025-09-01; null omits the header. */
    version?: string | null;
    /** An object is JSON.stringify'd; a string or Buffer is sent verbatim. Default `{}`. */
    body?: unknown;
    /** Sign this body instead of the one sent (to simulate tampering). */
    signedBody?: string | Buffer;
    /** default `application/json`; null omits the header. */
    contentType?: string | null;
    method?: Dispatcher.HttpMethod;
    /** default /api/v2/zec */
    path?: string;
    /** default: the demo pair */
    credentials?: Credential;
    /** Use `Authorization: Bearer <token>` instead of signing. */
    token?: string;
    /** X-ZC-Timestamp; default now. */
    timestamp?: string | number;
    /** Replace the Authorization header (null omits it). */
    authorization?: string | null;
    /** Extra or replacement headers (lower-case names); a null value removes a header. */
    headers?: Record<string, string | null>;
    dispatcher?: Dispatcher;
    signal?: AbortSignal;
}

export interface CallResult {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
    /** The parsed body, or undefined when it is not JSON. */
    json: unknown;
}

export async function callEmulator(baseUrl: string, options: CallOptions = {}): Promise<CallResult> {
    const url = new URL(options.path ?? API_PATH, baseUrl);
    const body =
        options.body === undefined ? '{}' : typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
    const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
    const headers: Record<string, string> = {};
    if (contentType !== null) {
        headers['content-type'] = contentType;
    }
    const action = options.action === undefined ? 'DescribeCustomImages' : options.action;
    if (action !== null) {
        headers['x-zc-action'] = action;
    }
    const version = options.version === undefined ? API_VERSION : options.version;
    if (version !== null) {
        headers['x-zc-version'] = version;
    }
    headers['x-zc-service'] = 'zec';
    if (options.token !== undefined) {
        headers.authorization = `Bearer ${options.token}`;
    } else {
        const credential = options.credentials ?? { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD };
        const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
        const signed = signZc2({ ...credential, contentType: contentType ?? '', host: url.host, body: options.signedBody ?? body, timestamp });
        headers['x-zc-signature-method'] = 'ZC2-HMAC-SHA256';
        headers['x-zc-timestamp'] = timestamp;
        headers.authorization = signed.authorization;
    }
    if (options.authorization !== undefined) {
        if (options.authorization === null) {
            delete headers.authorization;
        } else {
            headers.authorization = options.authorization;
        }
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (value === null) {
            delete headers[name];
        } else {
            headers[name] = value;
        }
    }
    const method: Dispatcher.HttpMethod = options.method ?? 'POST';
    const response = await request(url, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
        dispatcher: options.dispatcher,
        signal: options.signal,
    });
    const text = await response.body.text();
    let json: unknown;
    try {
        json = JSON.parse(text) as unknown;
    } catch {
        json = undefined;
    }
    return { status: response.statusCode, headers: response.headers, text, json };
}
