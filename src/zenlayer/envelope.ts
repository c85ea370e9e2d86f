import type { Dispatcher } from 'undici';
import { boundedText, cleanText, errorCode, MAX_EXCERPT_LENGTH, MAX_SERVER_MESSAGE_LENGTH, requestIdOf } from './bounds';
import { isObject } from './callInput';
import { ZenlayerApiError, ZenlayerResponseError } from './errors';

/**
 * Reading one answer of the API: the body up to its size cap, then the envelope — `{response: {…}}` on success,
 * `{requestId, code, message}` on failure — with Retry-After and the server's clock; anything else is a
 * ZenlayerResponseError that says what was wrong.
 */

/** Retry-After values longer than this many digits are read as this many nines (still "far too long"). */
const MAX_RETRY_AFTER_DIGITS = 10;

/** The `response` object of a success envelope, and its request ID (the inner one, else the envelope's). */
export interface CallResult {
    readonly response: Record<string, unknown>;
    readonly requestId: string | undefined;
}

/** Reads the body up to `maxBytes` and aborts the download the moment it passes: memory stays bounded. */
export async function readBody(action: string, response: Dispatcher.ResponseData, maxBytes: number): Promise<string> {
    const tooLarge = (): ZenlayerResponseError =>
        new ZenlayerResponseError(action, response.statusCode, 'bodyTooLarge', { limitBytes: maxBytes, contentType: contentTypeOf(response.headers) });
    const declared = Number(headerValue(response.headers, 'content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
        throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) {
            throw tooLarge();
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString('utf8');
}

/** The system or undici error code (ECONNRESET, UND_ERR_SOCKET…) of a failed request or read, when it has one. */
export function errorCodeOf(error: unknown): string | undefined {
    const code = (error as { code?: unknown } | undefined)?.code ?? (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    return typeof code === 'string' ? boundedText(code, 64) : undefined;
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}

function contentTypeOf(headers: Record<string, string | string[] | undefined>): string | undefined {
    return boundedText(headerValue(headers, 'content-type'), 100);
}

/** A short, printable excerpt of a body that was not the JSON we expected. */
function excerpt(text: string): string | undefined {
    return text.length === 0 ? undefined : cleanText(text, MAX_EXCERPT_LENGTH) || undefined;
}

/** Retry-After in seconds, from either of its forms (delta-seconds or an HTTP date). */
function retryAfterSeconds(headers: Record<string, string | string[] | undefined>, now: number): number | undefined {
    const value = headerValue(headers, 'retry-after')?.trim();
    if (!value) {
        return undefined;
    }
    if (/^\d+$/.test(value)) {
        return value.length > MAX_RETRY_AFTER_DIGITS ? Number('9'.repeat(MAX_RETRY_AFTER_DIGITS)) : Number(value);
    }
    const date = Date.parse(value.slice(0, 64));
    return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export function parseEnvelope(action: string, status: number, headers: Record<string, string | string[] | undefined>, text: string, now: number): CallResult {
    const retryAfter = retryAfterSeconds(headers, now);
    const contentType = contentTypeOf(headers);
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new ZenlayerResponseError(action, status, text.length === 0 ? 'emptyBody' : 'notJson', {
            excerpt: excerpt(text),
            contentType,
            retryAfterSeconds: retryAfter,
        });
    }
    if (!isObject(parsed)) {
        throw new ZenlayerResponseError(action, status, 'notObject', { excerpt: excerpt(text), contentType, retryAfterSeconds: retryAfter });
    }
    const envelopeRequestId = requestIdOf(parsed.requestId);
    if (status === 200 && isObject(parsed.response)) {
        return { requestId: requestIdOf(parsed.response.requestId) ?? envelopeRequestId, response: parsed.response };
    }
    if (parsed.code !== undefined) {
        const code = errorCode(parsed.code);
        if (code === undefined) {
            throw new ZenlayerResponseError(action, status, 'invalidField', {
                field: 'code',
                contentType,
                requestId: envelopeRequestId,
                retryAfterSeconds: retryAfter,
            });
        }
        const message = typeof parsed.message === 'string' ? cleanText(parsed.message, MAX_SERVER_MESSAGE_LENGTH) : '';
        const serverTime = Date.parse(headerValue(headers, 'date')?.slice(0, 64) ?? '');
        const clockOffset = Number.isNaN(serverTime) ? undefined : Math.round((serverTime - now) / 1000);
        throw new ZenlayerApiError(action, status, code, message, envelopeRequestId, retryAfter, clockOffset);
    }
    throw new ZenlayerResponseError(action, status, status === 200 ? 'missingResponse' : 'missingCode', {
        excerpt: excerpt(text),
        contentType,
        requestId: envelopeRequestId,
        retryAfterSeconds: retryAfter,
    });
}
