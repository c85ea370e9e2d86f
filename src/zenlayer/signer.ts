import { createHash, createHmac } from 'node:crypto';

/** The only signature method Zenlayer API 2.0 defines. */
export const ZC2_ALGORITHM = 'ZC2-HMAC-SHA256';
/** Every official SDK signs exactly these two headers. */
export const ZC2_SIGNED_HEADERS = 'content-type;host';

export interface Zc2SigningInput {
    readonly accessKeyId: string;
    readonly accessKeyPassword: string;
    /** The Content-Type header value exactly as sent on the wire. */
    readonly contentType: string;
    /** The Host header value as sent, including a non-default port. */
    readonly host: string;
    /** The exact request body: the hash covers these bytes, never a re-serialisation. */
    readonly body: string | Uint8Array;
    /** Unix time in seconds; must equal the X-ZC-Timestamp header byte for byte. */
    readonly timestamp: string;
}

export interface Zc2Signature {
    readonly hashedPayload: string;
    readonly canonicalRequest: string;
    readonly stringToSign: string;
    readonly signature: string;
    readonly authorization: string;
}

function sha256Hex(data: string | Uint8Array): string {
    return createHash('sha256').update(data).digest('hex');
}

/** ZC2-HMAC-SHA256 as the official SDKs implement it: no derived key, canonical URI always `/`. */
export function signZc2(input: Zc2SigningInput): Zc2Signature {
    const hashedPayload = sha256Hex(input.body);
    const canonicalHeaders = `content-type:${input.contentType}\nhost:${input.host}\n`;
    const canonicalRequest = ['POST', '/', '', canonicalHeaders, ZC2_SIGNED_HEADERS, hashedPayload].join('\n');
    const stringToSign = [ZC2_ALGORITHM, input.timestamp, sha256Hex(canonicalRequest)].join('\n');
    const signature = createHmac('sha256', Buffer.from(input.accessKeyPassword, 'utf8')).update(stringToSign, 'utf8').digest('hex');
    const authorization = `${ZC2_ALGORITHM} Credential=${input.accessKeyId}, SignedHeaders=${ZC2_SIGNED_HEADERS}, Signature=${signature}`;
    return { hashedPayload, canonicalRequest, stringToSign, signature, authorization };
}
