import * as assert from 'assert';
import * as http from 'http';
import * as net from 'net';
import type { AddressInfo } from 'net';
import type { Duplex } from 'stream';
import { request } from 'undici';
import { createDispatcher } from '../../src/net/proxy';

/**
 * A forward proxy that records the targets it is asked for (CONNECT tunnels or absolute-form requests) and answers
 * every request itself, so no name ever has to resolve.
 */
async function startRecordingProxy(): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
    const seen: string[] = [];
    const answer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('via proxy'));
    await new Promise<void>((resolve) => answer.listen(0, '127.0.0.1', resolve));
    const server = http.createServer((req, res) => {
        seen.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('via proxy');
    });
    server.on('connect', (req: http.IncomingMessage, client: Duplex) => {
        seen.push(req.url ?? '');
        const upstream = net.connect((answer.address() as AddressInfo).port, '127.0.0.1', () => {
            client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
            upstream.pipe(client).pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const closeServer = (s: http.Server) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); });
    return { url: `http://user:pw@127.0.0.1:${port}`, seen, close: async () => { await closeServer(server); await closeServer(answer); } };
}

describe('createDispatcher (proxy support)', () => {
    it('uses no dispatcher of its own when nothing is configured', () => {
        assert.strictEqual(createDispatcher({ proxy: undefined, strictSSL: true, noProxy: [] }, {}), undefined);
    });

    it('sends requests through http.proxy and never logs the proxy password', async () => {
        const proxy = await startRecordingProxy();
        const configured = createDispatcher({ proxy: proxy.url, strictSSL: true, noProxy: [] }, {});
        assert.ok(configured);
        try {
            const response = await request('http://api.example.test/api/v2/zec', { dispatcher: configured.dispatcher });
            assert.strictEqual(await response.body.text(), 'via proxy');
            assert.strictEqual(proxy.seen.length, 1);
            assert.match(proxy.seen[0], /api\.example\.test/);
            assert.ok(!configured.description.includes('pw'), configured.description);
        } finally {
            await configured.dispatcher.close();
            await proxy.close();
        }
    });

    it('honours HTTPS_PROXY/HTTP_PROXY from the environment and NO_PROXY for listed hosts', async () => {
        const proxy = await startRecordingProxy();
        const target = http.createServer((_req, res) => res.end('direct'));
        await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
        const configured = createDispatcher({ proxy: undefined, strictSSL: true, noProxy: [] }, { HTTP_PROXY: proxy.url, NO_PROXY: 'internal.example.test' });
        assert.ok(configured);
        try {
            const proxied = await request('http://api.example.test/', { dispatcher: configured.dispatcher });
            assert.strictEqual(await proxied.body.text(), 'via proxy');
            // Loopback always bypasses the proxy, so a local emulator keeps working behind a corporate proxy.
            const direct = await request(`http://127.0.0.1:${(target.address() as AddressInfo).port}/`, { dispatcher: configured.dispatcher });
            assert.strictEqual(await direct.body.text(), 'direct');
            assert.match(configured.description, /internal\.example\.test/);
        } finally {
            await configured.dispatcher.close();
            await proxy.close();
            await new Promise((resolve) => target.close(resolve));
        }
    });

    it('turns off certificate checks only when http.proxyStrictSSL is off', () => {
        const configured = createDispatcher({ proxy: undefined, strictSSL: false, noProxy: [] }, {});
        assert.ok(configured);
        assert.match(configured.description, /not verified/);
        void configured.dispatcher.close();
    });
});
