/**
 * Request authentication as the official SDKs and the signing documentation describe it (README.md, "Signing"): Bearer tokens, or ZC2-HMAC-SHA256
 * verified over the received Content-Type and Host values and the raw body bytes.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { signZc2, ZC2_ALGORITHM, ZC2_SIGNED_HEADERS } from '../../src/zenlayer/signer';
import { ApiFailure, ERROR_CODES } from './errors';

export interface Credential {
    accessKeyId: string;
    accessKeyPassword: string;
}

export interface AuthConfig {
    /** The account an access key ID belongs to, with its credential. */
    findAccessKey(accessKeyId: string): { accountId: string; credential: Credential } | undefined;
    /** The account a Bearer token belongs to (compared in constant time). */
    findToken(token: string): string | undefined;
    maxClockSkewSeconds: number;
    /** Code for a valid signature with a skewed timestamp (401). */
    clockSkewCode: string;
    /** ms clock */
    now: () => number;
}

export interface AuthResult {
    scheme: 'ZC2-HMAC-SHA256' | 'Bearer';
    /** Only for ZC2: the key ID that signed the request (not secret). */
    accessKeyId?: string;
    /** The account the key or token belongs to: the request sees only that account's images and instances. */
    accountId: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
}

function fail(code: string, message: string): never {
    throw new ApiFailure(401, code, message);
}

/** Equal-time comparison of two strings; different lengths compare unequal without leaking where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
    const left = Buffer.from(a, 'utf8');
    const right = Buffer.from(b, 'utf8');
    if (left.length !== right.length) {
        // Still spend the time of one comparison.
        timingSafeEqual(left, left);
        return false;
    }
    return timingSafeEqual(left, right);
}

/** Parse `Credential=…, SignedHeaders=…, Signature=…` (any order, extra spaces tolerated). */
export function parseZc2Authorization(value: string): { credential: string; signedHeaders: string; signature: string } {
    const rest = value.slice(ZC2_ALGORITHM.length).trim();
    const fields = new Map<string, string>();
    for (const part of rest.split(',')) {
        const item = part.trim();
        if (item === '') {
            continue;
        }
        const eq = item.indexOf('=');
        if (eq <= 0) {
            fail(
                ERROR_CODES.invalidAuthorization,
                `Malformed Authorization header: expected "Name=value" items separated by commas, got "${item.slice(0, 40)}"`,
            );
        }
        const name = item.slice(0, eq).trim();
        if (fields.has(name)) {
            fail(ERROR_CODES.invalidAuthorization, `Malformed Authorization header: ${name} appears twice`);
        }
        fields.set(name, item.slice(eq + 1).trim());
    }
    const credential = fields.get('Credential');
    const signedHeaders = fields.get('SignedHeaders');
    const signature = fields.get('Signature');
    if (!credential || !signedHeaders || !signature) {
        const missing = [
            ['Credential', credential],
            ['SignedHeaders', signedHeaders],
            ['Signature', signature],
        ]
            .filter(([, v]) => !v)
            .map(([n]) => n);
        fail(ERROR_CODES.invalidAuthorization, `Malformed Authorization header: missing ${missing.join(', ')}`);
    }
    return { credential, signedHeaders, signature };
}

/**
 * Authenticate one request. `rawBody` is exactly the bytes received. Throws ApiFailure (401) on failure.
 * Messages never contain the secret, the received signature or the expected one.
 */
export function authenticate(headers: IncomingHttpHeaders, rawBody: Buffer, config: AuthConfig): AuthResult {
    const authorization = header(headers, 'authorization');
    if (authorization === undefined || authorization.trim() === '') {
        fail(ERROR_CODES.missingAuthorization, 'The Authorization header is missing.');
    }
    const value = authorization.trim();
    if (/^bearer(\s|$)/i.test(value)) {
        const token = value.slice(6).trim();
        const accountId = token === '' ? undefined : config.findToken(token);
        if (accountId === undefined) {
            fail(ERROR_CODES.invalidToken, 'The access token is invalid or expired.');
        }
        return { scheme: 'Bearer', accountId };
    }
    if (!value.startsWith(`${ZC2_ALGORITHM} `)) {
        fail(
            ERROR_CODES.invalidAuthorization,
            `Malformed Authorization header: expected "${ZC2_ALGORITHM} Credential=…, SignedHeaders=…, Signature=…" or "Bearer <token>".`,
        );
    }
    const parsed = parseZc2Authorization(value);
    if (parsed.signedHeaders.toLowerCase() !== ZC2_SIGNED_HEADERS) {
        fail(ERROR_CODES.invalidAuthorization, `Unsupported SignedHeaders "${parsed.signedHeaders}": must be "${ZC2_SIGNED_HEADERS}".`);
    }
    if (!/^[0-9a-f]{64}$/i.test(parsed.signature)) {
        fail(ERROR_CODES.invalidAuthorization, 'Malformed Authorization header: Signature must be 64 hex digits.');
    }
    const method = header(headers, 'x-zc-signature-method');
    if (method !== ZC2_ALGORITHM) {
        fail(
            ERROR_CODES.invalidAuthorization,
            method === undefined
                ? `The X-ZC-Signature-Method header is missing; it must be ${ZC2_ALGORITHM}.`
                : `Unsupported X-ZC-Signature-Method "${method}": it must be ${ZC2_ALGORITHM}.`,
        );
    }
    const timestamp = header(headers, 'x-zc-timestamp');
    if (timestamp === undefined) {
        fail(ERROR_CODES.invalidAuthorization, 'The X-ZC-Timestamp header is missing (Unix time in seconds).');
    }
    if (!/^\d{1,12}$/.test(timestamp)) {
        fail(ERROR_CODES.invalidAuthorization, `X-ZC-Timestamp must be Unix time in decimal seconds, got "${timestamp.slice(0, 20)}".`);
    }
    const owner = config.findAccessKey(parsed.credential);
    if (!owner) {
        fail(ERROR_CODES.invalidAccessKey, `The access key ID "${parsed.credential.slice(0, 64)}" does not exist.`);
    }
    const { credential } = owner;
    const contentType = header(headers, 'content-type') ?? '';
    const host = header(headers, 'host') ?? '';
    const expected = (ct: string, h: string): string =>
        signZc2({
            accessKeyId: credential.accessKeyId,
            accessKeyPassword: credential.accessKeyPassword,
            contentType: ct,
            host: h,
            body: rawBody,
            timestamp,
        }).signature;
    const received = parsed.signature.toLowerCase();
    let ok = constantTimeEqual(expected(contentType.trim(), host.trim()), received);
    // The doc's rule text lower-cases header values; the SDKs never do. Accept both readings.
    const lowerCt = contentType.trim().toLowerCase();
    const lowerHost = host.trim().toLowerCase();
    if (!ok && (lowerCt !== contentType.trim() || lowerHost !== host.trim())) {
        ok = constantTimeEqual(expected(lowerCt, lowerHost), received);
    }
    if (!ok) {
        fail(
            ERROR_CODES.signatureFailure,
            'The request signature does not match: check the access key password, the signed Content-Type and Host values, and that the body was not changed after signing.',
        );
    }
    // Whole seconds on both sides, so the comparison and the message agree: the server's second is floor(now/1000)
    // (a 300.2 s skew is 300 s, allowed; 301 s is refused and printed as 301).
    const skew = Math.abs(Math.floor(config.now() / 1000) - Number(timestamp));
    if (skew > config.maxClockSkewSeconds) {
        fail(
            config.clockSkewCode,
            `X-ZC-Timestamp ${timestamp} is ${skew} s away from the server clock (allowed: ${config.maxClockSkewSeconds} s). Check the system clock.`,
        );
    }
    return { scheme: 'ZC2-HMAC-SHA256', accessKeyId: credential.accessKeyId, accountId: owner.accountId };
}
