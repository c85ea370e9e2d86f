/**
 * The emulator's HTTP server: plain node:http on 127.0.0.1, one endpoint `POST /api/v2/zec`, the request
 * pipeline (path → method → body size → Content-Type → faults → action → version → auth → JSON → action),
 * the response envelopes and the request log.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ACTIONS, isAction, MAX_IMAGE_IDS, runAction } from './actions';
import { authenticate } from './auth';
import type { Credential } from './auth';
import { ApiFailure, DEFAULT_CLOCK_SKEW_CODE, ERROR_CODES } from './errors';
import { Faults } from './faults';
import type { FaultInjector, FaultKind, TakenFault } from './faults';
import { defaultSeed, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, DEMO_ACCOUNTS } from './seed';
import type { AccountsSeed, EmulatorSeed } from './seed';
import { parseSeed } from './seed-file';
import { EmulatorWorld } from './state';
import type { EmulatorState } from './state';

/** The demo credentials (the default seed's accounts): defined with the seed, exported here as before. */
export { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, DEMO_ACCOUNTS };

export const API_PATH = '/api/v2/zec';
export const API_VERSION = '2025-09-01';
/** Request bodies above this are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_DELETE_DELAY_MS = 3000;
/** CopyImage: PREPARING lasts this long, then each destination transfers for DEFAULT_COPY_TRANSFER_MS, one at a time. */
export const DEFAULT_COPY_PREPARE_MS = 2000;
export const DEFAULT_COPY_TRANSFER_MS = 6000;
export const DEFAULT_COPY_PARALLEL = 1;
/** CreateImage: the image stays CREATING this long. */
export const DEFAULT_CREATE_DELAY_MS = 5000;
/** Emulator choice (Zenlayer documents a quota, not its size): custom images an account may hold for CreateImage. */
export const DEFAULT_IMAGE_QUOTA = 50;
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;
export const DEFAULT_MAX_LOG_ENTRIES = 10000;

export interface EmulatorOptions {
    /** default 0 (a free port) */
    port?: number;
    /**
     * The access keys of the first (default) account, replacing the seed's. Default: the seed's keys (for the
     * default seed, each account's demo pair; for a seed without accounts, the demo pair).
     */
    credentials?: Credential[];
    /** The Bearer tokens of the first (default) account, replacing the seed's; default: the seed's (none by default). */
    tokens?: string[];
    /** default: defaultSeed() (two accounts); a seed without `accounts` is one account. Checked with parseSeed and copied. */
    seed?: EmulatorSeed;
    /** added to every response (ms) */
    latencyMs?: number;
    /** DELETING → gone (ms); default 3000 */
    deleteDelayMs?: number;
    /** CopyImage's PREPARING stage (ms); default 2000 */
    copyPrepareMs?: number;
    /** CopyImage: TRANSFERRING per destination, syncPercent 0 → 100 (ms); default 6000 */
    copyTransferMs?: number;
    /** CopyImage: destinations of one image that transfer at once, the others `queued`; default 1 */
    copyParallel?: number;
    /** CreateImage: CREATING → AVAILABLE (ms); default 5000 */
    createDelayMs?: number;
    /** Custom images an account may hold; CreateImage beyond it is 400 INVALID_IMAGE_QUOTA_EXCEED. Default 50, 0 = no limit */
    imageQuota?: number;
    /** ms clock of the copies and creations in progress (a test can step it); default Date.now */
    taskClock?: () => number;
    /** default 300; in whole seconds: refused when |floor(now() / 1000) − X-ZC-Timestamp| > this */
    maxClockSkewSeconds?: number;
    /**
     * The 401 code for a correctly signed request whose timestamp is outside the window. Default
     * AUTHFAILURE_SIGNATURE_FAILURE, the only code attested for a skewed clock (the official CLI's guide).
     */
    clockSkewCode?: string;
    /** ms clock used for the timestamp check, the `Date` response header and the request log; default Date.now */
    now?: () => number;
    /** What DeleteImages does with an unknown ID: list it as failed (default) or fail the call with 404. */
    unknownIdMode?: 'failedList' | 'notFoundError';
    /**
     * Max IDs in an `imageIds` filter and per DeleteImages call; more is 400 INVALID_PARAMETER. Default 100, an
     * emulator choice (the real limit is not documented); 0 = no limit.
     */
    maxImageIdsPerCall?: number;
    /** Oldest entries are dropped beyond this; default 10000. */
    maxLogEntries?: number;
    /** Called after each request is logged (the CLI prints a line per request). */
    onRequest?: (entry: LoggedRequest) => void;
}

export interface LoggedRequest {
    /** ms, from the `now` clock, when the request arrived */
    time: number;
    method: string;
    path: string;
    /** X-ZC-Action as sent (may be unknown) */
    action?: string;
    /** HTTP status; 0 when the emulator answered nothing ('reset' and 'hang' faults) */
    status: number;
    /** error code, for error envelopes */
    code?: string;
    requestId: string;
    /** the request body: parsed JSON, or the raw text when it is not JSON */
    body: unknown;
    /** the access key ID that signed the request (never the secret, the signature or the Authorization header) */
    accessKeyId?: string;
    /** the account the key or token belongs to, when authentication succeeded (never the token) */
    accountId?: string;
    /** 'Bearer' or 'ZC2-HMAC-SHA256' when authentication succeeded */
    authScheme?: string;
    /** the injected fault, if any */
    fault?: FaultKind;
}

export interface RunningEmulator {
    /** http://127.0.0.1:PORT */
    url: string;
    port: number;
    /** Stop listening, destroy every open connection (keep-alive and hanging ones) and cancel timers. Idempotent. */
    close(): Promise<void>;
    /** Requests in the order they were answered (an entry is added once its answer is written). */
    requestLog: readonly LoggedRequest[];
    clearRequestLog(): void;
    /** Requests received so far, answered or not (a test waits on it rather than on a sleep, under latency). */
    readonly requestsReceived: number;
    faults: FaultInjector;
    /** The first (default) account: for the default seed, `demo`. */
    state: EmulatorState;
    /** Every account, in seed order (`accounts[0]` is `state`). */
    accounts: readonly EmulatorState[];
    /** The account with this ID; throws for an unknown one. */
    account(accountId: string): EmulatorState;
    /**
     * Back to the start: every account's images, instances, keys and tokens as seeded (pending deletions cancelled),
     * the shared zones and public images too, the request log cleared and the faults reset.
     */
    reset(): void;
}

function newRequestId(): string {
    return `T${randomUUID().toUpperCase()}`;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
}

/** `application/json`, optionally `; charset=utf-8`, case-insensitive, spaces tolerated. */
export function isJsonContentType(value: string | undefined): boolean {
    return value !== undefined && /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i.test(value.trim());
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit) {
            reject(new BodyTooLarge());
            return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let done = false;
        req.on('data', (chunk: Buffer) => {
            if (done) {
                return;
            }
            size += chunk.length;
            if (size > limit) {
                done = true;
                reject(new BodyTooLarge());
                return;
            }
            chunks.push(chunk);
        });
        req.on('end', () => {
            if (!done) {
                done = true;
                resolve(Buffer.concat(chunks));
            }
        });
        req.on('error', (err) => {
            if (!done) {
                done = true;
                reject(err);
            }
        });
    });
}

function bodyForLog(raw: Buffer): unknown {
    const text = raw.toString('utf8');
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return text;
    }
}

const TRUNCATED_NOTE = 'truncated';
const BAD_GATEWAY_HTML =
    '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const now = options.now ?? Date.now;
    const world = new EmulatorWorld(
        withDefaultAccountCredentials(options.seed === undefined ? defaultSeed() : parseSeed(options.seed), options),
        options.taskClock,
    );
    const state = world.accounts[0];
    const faults = new Faults(options.latencyMs ?? 0);
    const deleteDelayMs = options.deleteDelayMs ?? DEFAULT_DELETE_DELAY_MS;
    const maxClockSkewSeconds = options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
    const clockSkewCode = options.clockSkewCode ?? DEFAULT_CLOCK_SKEW_CODE;
    if (clockSkewCode.trim() === '') {
        throw new RangeError('startEmulator: clockSkewCode must not be empty');
    }
    const unknownIdMode = options.unknownIdMode ?? 'failedList';
    const maxImageIds = options.maxImageIdsPerCall ?? MAX_IMAGE_IDS;
    if (!Number.isInteger(maxImageIds) || maxImageIds < 0) {
        throw new RangeError(`startEmulator: maxImageIdsPerCall must be a non-negative integer, got ${String(maxImageIds)}`);
    }
    const copyTimings = {
        prepareMs: nonNegativeInteger('copyPrepareMs', options.copyPrepareMs ?? DEFAULT_COPY_PREPARE_MS),
        transferMs: nonNegativeInteger('copyTransferMs', options.copyTransferMs ?? DEFAULT_COPY_TRANSFER_MS),
        parallel: nonNegativeInteger('copyParallel', options.copyParallel ?? DEFAULT_COPY_PARALLEL),
    };
    if (copyTimings.parallel < 1) {
        throw new RangeError('startEmulator: copyParallel must be at least 1');
    }
    const createDelayMs = nonNegativeInteger('createDelayMs', options.createDelayMs ?? DEFAULT_CREATE_DELAY_MS);
    const imageQuota = nonNegativeInteger('imageQuota', options.imageQuota ?? DEFAULT_IMAGE_QUOTA);
    const maxLogEntries = options.maxLogEntries ?? DEFAULT_MAX_LOG_ENTRIES;
    const requestLog: LoggedRequest[] = [];
    let requestsReceived = 0;
    const sleepers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
    const sockets = new Set<Socket>();
    let closed = false;

    function log(entry: LoggedRequest): void {
        requestLog.push(entry);
        if (requestLog.length > maxLogEntries) {
            requestLog.splice(0, requestLog.length - maxLogEntries);
        }
        options.onRequest?.(entry);
    }

    function sleep(ms: number): Promise<void> {
        if (ms <= 0) {
            return Promise.resolve();
        }
        return new Promise((resolve) => {
            const sleeper = {
                timer: setTimeout(() => {
                    sleepers.delete(sleeper);
                    resolve();
                }, ms),
                wake: resolve,
            };
            sleepers.add(sleeper);
        });
    }

    /** The `Date` header from the injected clock (node:http would use the real one), so a skewed emulator is consistent. */
    function dateHeader(): string {
        return new Date(now()).toUTCString();
    }

    function writeJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
        const body = Buffer.from(JSON.stringify(payload), 'utf8');
        res.writeHead(status, { ...headers, Date: dateHeader(), 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
        res.end(body);
    }

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        requestsReceived++;
        const requestId = newRequestId();
        const path = (req.url ?? '/').split('?')[0];
        const action = header(req.headers, 'x-zc-action');
        const entry: LoggedRequest = { time: now(), method: req.method ?? '', path, action, status: 0, requestId, body: '' };

        const respond = async (status: number, payload: unknown, headers: Record<string, string> = {}): Promise<void> => {
            await sleep(faults.latencyMs);
            if (closed) {
                return;
            }
            entry.status = status;
            writeJson(res, status, payload, headers);
            log(entry);
        };
        const respondError = async (failure: ApiFailure): Promise<void> => {
            entry.code = failure.code;
            await respond(failure.status, { requestId, code: failure.code, message: failure.message }, failure.headers);
        };

        let raw: Buffer;
        try {
            raw = await readBody(req, MAX_BODY_BYTES);
        } catch (err) {
            if (err instanceof BodyTooLarge) {
                res.shouldKeepAlive = false;
                await respondError(
                    new ApiFailure(413, ERROR_CODES.payloadTooLarge, `The request body exceeds ${MAX_BODY_BYTES} bytes.`, { Connection: 'close' }),
                );
                return;
            }
            throw err;
        }
        entry.body = bodyForLog(raw);

        try {
            if (path !== API_PATH) {
                const service = /^\/api\/v2\/([^/]+)\/?$/.exec(path)?.[1];
                const shown = path.slice(0, 100);
                throw new ApiFailure(
                    404,
                    ERROR_CODES.notFound,
                    service !== undefined && service.toLowerCase() !== 'zec'
                        ? `The service \`${service.slice(0, 40)}\` is not served by this emulator; use POST ${API_PATH}.`
                        : service !== undefined
                          ? `Wrong path ${shown}: the API path is exactly ${API_PATH} (lower case, no trailing slash).`
                          : `No API at the path ${shown}; use POST ${API_PATH}.`,
                );
            }
            if (req.method !== 'POST') {
                throw new ApiFailure(405, ERROR_CODES.methodNotAllowed, `Method ${req.method ?? ''} is not allowed; the API accepts POST only.`, {
                    Allow: 'POST',
                });
            }
            const contentType = header(req.headers, 'content-type');
            if (!isJsonContentType(contentType)) {
                throw new ApiFailure(
                    415,
                    ERROR_CODES.unsupportedMediaType,
                    contentType === undefined
                        ? 'The Content-Type header is missing; send application/json.'
                        : `Unsupported Content-Type "${contentType.slice(0, 80)}"; send application/json (optionally with charset=utf-8).`,
                );
            }

            const fault = faults.take(action);
            if (fault !== undefined) {
                entry.fault = fault.kind;
                await injectFault(fault, req, res, entry, requestId, respondError);
                return;
            }

            if (action === undefined || action === '') {
                throw new ApiFailure(400, ERROR_CODES.invalidAction, `The X-ZC-Action header is missing; supported actions: ${ACTIONS.join(', ')}.`);
            }
            if (!isAction(action)) {
                throw new ApiFailure(
                    400,
                    ERROR_CODES.invalidAction,
                    `The action \`${action.slice(0, 60)}\` is not supported; supported actions: ${ACTIONS.join(', ')}.`,
                );
            }
            const version = header(req.headers, 'x-zc-version');
            if (version === undefined || version === '') {
                throw new ApiFailure(400, ERROR_CODES.invalidVersion, `The X-ZC-Version header is missing; use ${API_VERSION}.`);
            }
            if (version !== API_VERSION) {
                throw new ApiFailure(
                    400,
                    ERROR_CODES.invalidVersion,
                    `The API version \`${version.slice(0, 40)}\` is not supported for zec; use ${API_VERSION}.`,
                );
            }

            const auth = authenticate(req.headers, raw, {
                findAccessKey: (accessKeyId) => {
                    const found = world.findAccessKey(accessKeyId);
                    return found && { accountId: found.account.accountId, credential: found.credential };
                },
                findToken: (token) => world.findToken(token)?.accountId,
                maxClockSkewSeconds,
                clockSkewCode,
                now,
            });
            entry.authScheme = auth.scheme;
            entry.accessKeyId = auth.accessKeyId;
            entry.accountId = auth.accountId;

            if (raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) {
                // Go's encoding/json refuses a BOM ("invalid character 'ï'"); the real service most likely does too.
                throw new ApiFailure(
                    400,
                    ERROR_CODES.invalidParameter,
                    'The request body starts with a UTF-8 byte order mark (BOM); send the JSON without it.',
                );
            }
            let params: unknown;
            try {
                params = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw));
            } catch (err) {
                throw new ApiFailure(
                    400,
                    ERROR_CODES.invalidParameter,
                    raw.length === 0
                        ? 'The request body is empty; send a JSON object ({} for no parameters).'
                        : `The request body is not valid UTF-8 JSON: ${err instanceof Error ? err.message : String(err)}`,
                );
            }
            if (typeof params !== 'object' || params === null || Array.isArray(params)) {
                throw new ApiFailure(
                    400,
                    ERROR_CODES.invalidParameter,
                    `The request body must be a JSON object, got ${Array.isArray(params) ? 'an array' : params === null ? 'null' : typeof params}.`,
                );
            }

            const context = { state: world.account(auth.accountId), deleteDelayMs, unknownIdMode, maxImageIds, copyTimings, createDelayMs, imageQuota, faults };
            const result = runAction(action, params as Record<string, unknown>, context);
            await respond(200, { requestId, response: { requestId, ...result } });
        } catch (err) {
            if (err instanceof ApiFailure) {
                await respondError(err);
                return;
            }
            await respondError(new ApiFailure(500, ERROR_CODES.internalError, `Internal emulator error: ${err instanceof Error ? err.message : String(err)}`));
        }
    }

    async function injectFault(
        fault: TakenFault,
        req: IncomingMessage,
        res: ServerResponse,
        entry: LoggedRequest,
        requestId: string,
        respondError: (failure: ApiFailure) => Promise<void>,
    ): Promise<void> {
        switch (fault.kind) {
            case 'rateLimit':
                // No Retry-After unless the test asked for one: the real service is not known to send it.
                await respondError(
                    new ApiFailure(
                        429,
                        ERROR_CODES.rateLimit,
                        'Request limit exceeded; retry later.',
                        fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) },
                    ),
                );
                return;
            case 'internalError':
                await respondError(new ApiFailure(500, ERROR_CODES.internalError, 'An internal error occurred; retry later.'));
                return;
            case 'hang':
                // Never answer; close() (or the client giving up) destroys the socket.
                log(entry);
                return;
            case 'reset':
                await sleep(faults.latencyMs);
                req.socket.destroy();
                log(entry);
                return;
            case 'nonJson502': {
                await sleep(faults.latencyMs);
                if (closed) {
                    return;
                }
                const body = Buffer.from(BAD_GATEWAY_HTML, 'utf8');
                res.writeHead(502, { Date: dateHeader(), 'Content-Type': 'text/html', 'Content-Length': String(body.length) });
                res.end(body);
                entry.status = 502;
                log(entry);
                return;
            }
            case 'truncated': {
                await sleep(faults.latencyMs);
                if (closed) {
                    return;
                }
                const full = JSON.stringify({
                    requestId,
                    response: { requestId, totalCount: 1, dataSet: [{ imageId: 'img-' + TRUNCATED_NOTE, imageName: TRUNCATED_NOTE }] },
                });
                const body = Buffer.from(full.slice(0, Math.floor(full.length / 2)), 'utf8');
                res.writeHead(200, { Date: dateHeader(), 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
                res.end(body);
                entry.status = 200;
                log(entry);
                return;
            }
        }
    }

    const server: Server = createServer((req, res) => {
        handle(req, res).catch((err: unknown) => {
            // Last resort: a bug or a broken socket. Answer if still possible.
            if (!res.headersSent && !closed && !res.destroyed) {
                writeJson(res, 500, {
                    requestId: newRequestId(),
                    code: ERROR_CODES.internalError,
                    message: `Internal emulator error: ${err instanceof Error ? err.message : String(err)}`,
                });
            }
        });
    });
    server.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
        });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') {
        throw new Error('emulator: unexpected server address');
    }
    const port = address.port;

    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
        closing ??= new Promise<void>((resolve) => {
            closed = true;
            world.dispose();
            for (const sleeper of sleepers) {
                clearTimeout(sleeper.timer);
                sleeper.wake();
            }
            sleepers.clear();
            server.close(() => resolve());
            server.closeAllConnections();
            for (const socket of sockets) {
                socket.destroy();
            }
        });
        return closing;
    };

    const clearRequestLog = (): void => {
        requestLog.length = 0;
    };
    return {
        url: `http://127.0.0.1:${port}`,
        port,
        close,
        requestLog,
        clearRequestLog,
        get requestsReceived() {
            return requestsReceived;
        },
        faults,
        state,
        accounts: world.accounts,
        account: (accountId) => world.account(accountId),
        reset: () => {
            world.reset();
            faults.reset();
            clearRequestLog();
        },
    };
}

function nonNegativeInteger(option: string, value: number): number {
    if (!Number.isInteger(value) || value < 0) {
        throw new RangeError(`startEmulator: ${option} must be a non-negative integer, got ${String(value)}`);
    }
    return value;
}

/** The seed with `credentials`/`tokens` given to startEmulator as the first account's (reset() keeps them). */
function withDefaultAccountCredentials(seed: AccountsSeed, options: EmulatorOptions): AccountsSeed {
    const [first, ...others] = seed.accounts;
    const accessKeys = options.credentials?.map((c) => ({ ...c })) ?? first.accessKeys;
    const tokens = options.tokens ? [...options.tokens] : first.tokens;
    for (const credential of accessKeys) {
        if (credential.accessKeyId === '' || credential.accessKeyPassword === '') {
            throw new RangeError('startEmulator: credentials need a non-empty accessKeyId and accessKeyPassword');
        }
        const owner = others.find((account) => account.accessKeys.some((k) => k.accessKeyId === credential.accessKeyId));
        if (owner) {
            throw new RangeError(`startEmulator: access key ID ${credential.accessKeyId} already belongs to account ${owner.accountId}`);
        }
    }
    if (tokens.some((t) => t.trim() === '')) {
        throw new RangeError('startEmulator: tokens must not be blank');
    }
    if (tokens.some((t) => others.some((account) => account.tokens.includes(t)))) {
        throw new RangeError('startEmulator: a token in `tokens` already belongs to another account');
    }
    return { ...seed, accounts: [{ ...first, accessKeys, tokens }, ...others] };
}
