import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import type { Duplex } from 'stream';
import { Agent, request } from 'undici';
import { createDispatcher, normalizeProxyUrl, ProxyConfigError } from '../../../src/platform/proxy';
import { redactUserInfo } from '../../../src/zenlayer';
import { skipBecause } from '../../support/skip';

/**
 * A forward proxy that records the targets it is asked for (CONNECT tunnels or absolute-form requests) and answers
 * every request itself, so no name ever has to resolve.
 */
async function startRecordingProxy(
    options: { tunnelTo?: number } = {},
): Promise<{ url: string; seen: string[]; authorization: (string | undefined)[]; close: () => Promise<void> }> {
    const seen: string[] = [];
    const authorization: (string | undefined)[] = [];
    const answer = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('via proxy'));
    await new Promise<void>((resolve) => answer.listen(0, '127.0.0.1', resolve));
    const server = http.createServer((req, res) => {
        seen.push(req.url ?? '');
        authorization.push(req.headers['proxy-authorization']);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('via proxy');
    });
    server.on('connect', (req: http.IncomingMessage, client: Duplex) => {
        seen.push(req.url ?? '');
        authorization.push(req.headers['proxy-authorization']);
        const upstream = net.connect(options.tunnelTo ?? (answer.address() as AddressInfo).port, '127.0.0.1', () => {
            client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
            upstream.pipe(client).pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const closeServer = (s: http.Server) =>
        new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
        });
    return {
        url: `http://user:pw@127.0.0.1:${port}`,
        seen,
        authorization,
        close: async () => {
            await closeServer(server);
            await closeServer(answer);
        },
    };
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

    describe('http.proxyStrictSSL against a server with a self-signed certificate', function () {
        let server: https.Server | undefined;
        let port = 0;

        before(async function () {
            const pem = selfSignedCertificate();
            if ('unavailable' in pem) {
                // node:crypto cannot issue an X.509 certificate by itself. scripts/vscode/setup.js installs openssl
                // (npm test runs it before this suite), so CI always runs these tests.
                skipBecause(this, `no self-signed certificate to test with: ${pem.unavailable}`);
            }
            server = https.createServer(pem, (_req, res) => res.end('tls ok'));
            await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
            port = (server.address() as AddressInfo).port;
        });

        after(async () => {
            if (server) {
                server.closeAllConnections();
                await new Promise((resolve) => server?.close(resolve));
            }
        });

        it('verifies certificates by default, so the self-signed one is refused', async () => {
            const strict = new Agent();
            try {
                await assert.rejects(request(`https://127.0.0.1:${port}/`, { dispatcher: strict }), /self[- ]signed|certificate/i);
            } finally {
                await strict.close();
            }
        });

        it('accepts the self-signed certificate on a direct connection when strict SSL is off', async () => {
            const configured = createDispatcher({ proxy: undefined, strictSSL: false, noProxy: [] }, {});
            assert.ok(configured);
            try {
                assert.match(configured.description, /not verified/);
                const response = await request(`https://127.0.0.1:${port}/`, { dispatcher: configured.dispatcher });
                assert.strictEqual(await response.body.text(), 'tls ok');
            } finally {
                await configured.dispatcher.close();
            }
        });

        it('accepts it through a proxy tunnel when strict SSL is off, and refuses it when on', async () => {
            const proxy = await startRecordingProxy({ tunnelTo: port });
            const lax = createDispatcher({ proxy: proxy.url, strictSSL: false, noProxy: [] }, {});
            const strict = createDispatcher({ proxy: proxy.url, strictSSL: true, noProxy: [] }, {});
            assert.ok(lax && strict);
            try {
                const response = await request('https://api.example.test/', { dispatcher: lax.dispatcher });
                assert.strictEqual(await response.body.text(), 'tls ok');
                await assert.rejects(request('https://api.example.test/', { dispatcher: strict.dispatcher }), /self[- ]signed|certificate/i);
                assert.deepStrictEqual(proxy.seen, ['api.example.test:443', 'api.example.test:443']);
            } finally {
                await lax.dispatcher.close();
                await strict.dispatcher.close();
                await proxy.close();
            }
        });
    });

    it('treats host:port and user:pw@host:port as http:// proxies', async () => {
        const proxy = await startRecordingProxy();
        const bare = proxy.url.replace('http://', '');
        const configured = createDispatcher({ proxy: undefined, strictSSL: true, noProxy: [] }, { HTTPS_PROXY: bare });
        assert.ok(configured);
        try {
            const response = await request('http://api.example.test/', { dispatcher: configured.dispatcher });
            assert.strictEqual(await response.body.text(), 'via proxy');
            assert.strictEqual(proxy.authorization[0], `Basic ${Buffer.from('user:pw').toString('base64')}`);
            assert.ok(!configured.description.includes('pw'), configured.description);
        } finally {
            await configured.dispatcher.close();
            await proxy.close();
        }
    });

    it('sends http.proxyAuthorization as the Proxy-Authorization header instead of the URL credentials', async () => {
        const proxy = await startRecordingProxy();
        const configured = createDispatcher({ proxy: proxy.url, strictSSL: true, noProxy: [], proxyAuthorization: 'Bearer proxy-token' }, {});
        assert.ok(configured);
        try {
            await (await request('http://api.example.test/', { dispatcher: configured.dispatcher })).body.text();
            assert.deepStrictEqual(proxy.authorization, ['Bearer proxy-token']);
            assert.ok(!configured.description.includes('proxy-token'), configured.description);
        } finally {
            await configured.dispatcher.close();
            await proxy.close();
        }
    });

    it('uses no proxy at all when http.proxySupport is off', async () => {
        const target = http.createServer((_req, res) => res.end('direct'));
        await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
        try {
            const off = { proxy: 'http://proxy.invalid:3128', strictSSL: true, noProxy: [], proxySupport: 'off' };
            assert.strictEqual(createDispatcher(off, { HTTPS_PROXY: 'http://proxy.invalid:3128' }), undefined, 'the client goes direct');
            // Even a value that could not be used is then irrelevant.
            assert.strictEqual(createDispatcher({ ...off, proxy: 'socks5://proxy.invalid:1080' }, {}), undefined);
            const lax = createDispatcher({ ...off, strictSSL: false }, { HTTPS_PROXY: 'http://proxy.invalid:3128' });
            assert.ok(lax);
            try {
                const response = await request(`http://127.0.0.1:${(target.address() as AddressInfo).port}/`, { dispatcher: lax.dispatcher });
                assert.strictEqual(await response.body.text(), 'direct');
                assert.match(lax.description, /^direct \(http\.proxySupport is off\)/);
            } finally {
                await lax.dispatcher.close();
            }
        } finally {
            await new Promise((resolve) => target.close(resolve));
        }
    });

    it('throws a ProxyConfigError naming the source, without the password, for a scheme undici cannot use', () => {
        assert.throws(
            () => createDispatcher({ proxy: 'socks5://user:secret@proxy.corp:1080', strictSSL: true, noProxy: [] }, {}),
            (error: unknown) =>
                error instanceof ProxyConfigError &&
                error.source === 'http.proxy' &&
                error.url === 'socks5://proxy.corp:1080' &&
                !error.message.includes('secret'),
        );
        assert.throws(
            () => createDispatcher({ proxy: undefined, strictSSL: true, noProxy: [] }, { https_proxy: 'ftp://proxy.corp:21' }),
            (error: unknown) => error instanceof ProxyConfigError && error.source === 'https_proxy' && error.name === 'ProxyConfigError',
        );
    });
});

describe('normalizeProxyUrl and redactUserInfo', () => {
    it('adds http:// to host:port and user:pw@host:port, and keeps http(s) URLs as they are', () => {
        assert.strictEqual(normalizeProxyUrl('proxy.corp:3128', 'HTTPS_PROXY'), 'http://proxy.corp:3128');
        assert.strictEqual(normalizeProxyUrl(' user:pw@proxy.corp:3128 ', 'HTTPS_PROXY'), 'http://user:pw@proxy.corp:3128');
        assert.strictEqual(normalizeProxyUrl('10.0.0.1:8080', 'http.proxy'), 'http://10.0.0.1:8080');
        assert.strictEqual(normalizeProxyUrl('https://proxy.corp:443', 'http.proxy'), 'https://proxy.corp:443');
        assert.strictEqual(normalizeProxyUrl('HTTP://proxy.corp', 'http.proxy'), 'HTTP://proxy.corp');
    });

    it('refuses other schemes and values that are not URLs with a ProxyConfigError', () => {
        for (const value of ['socks5://proxy.corp:1080', 'socks://proxy.corp', 'ftp://proxy.corp', 'http://', 'proxy corp:3128']) {
            assert.throws(
                () => normalizeProxyUrl(value, 'HTTP_PROXY'),
                (error: unknown) => error instanceof ProxyConfigError && error.source === 'HTTP_PROXY',
                value,
            );
        }
    });

    it('removes the user and password, also from values that are not URLs', () => {
        assert.strictEqual(redactUserInfo('http://user:pw@proxy.corp:3128'), 'http://proxy.corp:3128/');
        assert.strictEqual(redactUserInfo('user:pw@proxy.corp:3128'), 'proxy.corp:3128');
        assert.strictEqual(redactUserInfo('socks5://user:pw@proxy corp'), 'socks5://proxy corp');
    });
});

/** A key and self-signed certificate for 127.0.0.1 and api.example.test, made by openssl, or why there is none. */
function selfSignedCertificate(): { key: string; cert: string } | { unavailable: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-tls-'));
    try {
        const keyFile = path.join(dir, 'key.pem');
        const certFile = path.join(dir, 'cert.pem');
        execFileSync(
            'openssl',
            [
                'req',
                '-x509',
                '-newkey',
                'rsa:2048',
                '-nodes',
                '-keyout',
                keyFile,
                '-out',
                certFile,
                '-days',
                '1',
                '-subj',
                '/CN=api.example.test',
                '-addext',
                'subjectAltName=DNS:api.example.test,IP:127.0.0.1',
            ],
            { stdio: 'ignore' },
        );
        return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
    } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        return { unavailable: missing ? 'openssl is not on PATH (npm run setup:vscode installs it)' : `openssl failed: ${String(error).split('\n')[0]}` };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
