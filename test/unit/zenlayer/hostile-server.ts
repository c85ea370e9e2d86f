/**
 * A small node:http server on loopback that misbehaves on purpose, for the client's hostile-server tests, plus the
 * measuring helpers those tests share (requests, wall time, peak memory).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ZenlayerClient, type ZenlayerClientOptions } from '../../../src/zenlayer';

export const KEY = { accessKeyId: 'ZLHOSTILEKEY0001', accessKeyPassword: 'zl-hostile-password' };

export interface ReceivedRequest {
    readonly action: string;
    readonly body: Record<string, unknown>;
    /** Aborted when the client goes away before the answer is complete. */
    readonly gone: AbortSignal;
}

export type Handler = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;

export interface HostileServer {
    readonly url: string;
    readonly requests: ReceivedRequest[];
    /** Requests whose client hung up before the answer was complete (an abort reaching the server). */
    readonly abandoned: () => number;
    /** Stops listening: from now on connections are refused (ECONNREFUSED); open ones live until they end. */
    refuseConnections(): void;
    close(): Promise<void>;
}

export async function startHostileServer(handler: Handler): Promise<HostileServer> {
    const requests: ReceivedRequest[] = [];
    const sockets = new Set<Socket>();
    let abandoned = 0;
    const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
            const gone = new AbortController();
            response.on('close', () => {
                if (!response.writableFinished) {
                    abandoned++;
                    gone.abort();
                }
            });
            let body: Record<string, unknown> = {};
            try {
                body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
            } catch {
                // Left empty: the tests only look at well-formed client requests.
            }
            const request = { action: String(incoming.headers['x-zc-action'] ?? ''), body, gone: gone.signal };
            requests.push(request);
            Promise.resolve(handler(request, response)).catch(() => response.destroy());
        });
    });
    server.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        abandoned: () => abandoned,
        refuseConnections: () => {
            server.close();
        },
        // Idempotent: a test may close a server early.
        close: async () => {
            for (const socket of sockets) {
                socket.destroy();
            }
            if (server.listening) {
                await new Promise<void>((resolve) => server.close(() => resolve()));
            }
        },
    };
}

/** Whether a text holds C0/C1 control characters (ESC, CR, LF, BEL…). */
export function hasControlCharacters(text: string): boolean {
    return [...text].some((character) => {
        const code = character.charCodeAt(0);
        return code < 0x20 || (code >= 0x7f && code <= 0x9f);
    });
}

/** Servers and clients for the tests of one describe block: each is closed after the test that made it. */
export function hostileServers(): {
    start(handler: Handler): Promise<HostileServer>;
    client(url: string, overrides?: Partial<ZenlayerClientOptions>): ZenlayerClient;
} {
    const servers: HostileServer[] = [];
    const clients: ZenlayerClient[] = [];
    afterEach(async () => {
        await Promise.all(clients.splice(0).map((made) => made.close()));
        await Promise.all(servers.splice(0).map((server) => server.close()));
    });
    return {
        start: async (handler) => {
            const server = await startHostileServer(handler);
            servers.push(server);
            return server;
        },
        client: (url, overrides) => {
            const made = client(url, overrides);
            clients.push(made);
            return made;
        },
    };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    response.end(text);
}

/** A success envelope, `{requestId, response: {requestId, ...fields}}`. */
export function success(response: ServerResponse, fields: Record<string, unknown>, requestId = 'T-HOSTILE-1'): void {
    sendJson(response, 200, { requestId, response: { requestId, ...fields } });
}

export function image(n: number): Record<string, unknown> {
    return {
        imageId: `img-${n.toString(16).padStart(12, '0')}`,
        imageName: `image-${n}`,
        imageStatus: 'AVAILABLE',
        imageType: 'CUSTOM_IMAGE',
        imageSize: '20',
    };
}

/** The page the request asks for, out of `total` items made by `item`. */
export function pageOf(body: Record<string, unknown>, total: number, item: (n: number) => Record<string, unknown> = image): Record<string, unknown>[] {
    const pageNum = Number(body.pageNum ?? 1);
    const pageSize = Number(body.pageSize ?? 20);
    const start = (pageNum - 1) * pageSize;
    return Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, index) => item(start + index));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
        });
    });
}

/** Writes `chunk` again and again, respecting backpressure, until `bytes` are out or the client goes away. */
export async function stream(response: ServerResponse, chunk: Buffer, bytes: number, gone: AbortSignal): Promise<void> {
    let written = 0;
    while (written < bytes && !gone.aborted && !response.destroyed) {
        written += chunk.length;
        if (!response.write(chunk)) {
            await new Promise<void>((resolve) => {
                const done = (): void => {
                    response.off('drain', done);
                    response.off('close', done);
                    resolve();
                };
                response.on('drain', done);
                response.on('close', done);
            });
        }
    }
    response.end();
}

export function client(url: string, overrides: Partial<ZenlayerClientOptions> = {}): ZenlayerClient {
    return new ZenlayerClient({ endpoint: url, credentials: KEY, ...overrides });
}

export interface Measured<T> {
    /** The call's result, or what it threw. */
    readonly outcome: { readonly value: T } | { readonly error: unknown };
    readonly ms: number;
    /** Peak growth of the resident set over the start, in MiB (the server shares the process, so it counts too). */
    readonly peakRssMiB: number;
}

/** Runs `work`, sampling memory every 5 ms; never throws. */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    let outcome: Measured<T>['outcome'];
    try {
        outcome = { value: await work() };
    } catch (error) {
        outcome = { error };
    } finally {
        clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    return { outcome, ms: performance.now() - started, peakRssMiB: (peak - baseline) / 2 ** 20 };
}

/** The error of a measured call that must have failed. */
export function errorOf(measured: Measured<unknown>): unknown {
    if ('value' in measured.outcome) {
        throw new Error(`expected a failure, got ${JSON.stringify(measured.outcome.value)?.slice(0, 200)}`);
    }
    return measured.outcome.error;
}

export function valueOf<T>(measured: Measured<T>): T {
    if ('error' in measured.outcome) {
        throw measured.outcome.error instanceof Error ? measured.outcome.error : new Error(String(measured.outcome.error));
    }
    return measured.outcome.value;
}
