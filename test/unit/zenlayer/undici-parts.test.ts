/**
 * The lean bundle reaches into undici's internals (src/zenlayer/undiciParts.ts, the lean-undici plugin of
 * esbuild.js). These tests fail when an undici upgrade moves those modules, when the pin is loosened, or when the
 * bundle grows back towards undici's whole index.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import * as undici from 'undici';
import { measureBundleLoads } from '../../bench/bundleLoad';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const undiciDir = path.join(repoRoot, 'node_modules', 'undici');
/** Resolves and loads modules as code in the repository root does. */
const loadFromRoot = createRequire(path.join(repoRoot, 'package.json'));
const { extensionBuildOptions } = loadFromRoot('./esbuild.js') as { extensionBuildOptions: (options: { production: boolean }) => BuildOptions };

/**
 * The bundle may not grow past this. It was 581 KiB with undici's whole index (issue 9), 356 KiB without. Since then the
 * features of issues 15-17 added the extension's own code: workspace references (~50 KiB: Terraform and JSON readers,
 * Go regex translation), the records (~25 KiB) and the image actions (~25 KiB): 457 KiB before the cleanup plan.
 * undici's index would still add some 260 KiB and fail it.
 */
const MAX_BUNDLE_KIB = 500;

function readJson(file: string): Record<string, unknown> {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

describe('undici parts of the lean bundle', function () {
    this.timeout(60_000);
    let dir: string;

    before(() => {
        dir = mkdtempSync(path.join(tmpdir(), 'zl-undici-parts-'));
    });

    after(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it('pins undici exactly, to the version installed and locked', () => {
        const pinned = (readJson(path.join(repoRoot, 'package.json')).dependencies as Record<string, string>).undici;
        assert.match(pinned, /^\d+\.\d+\.\d+$/, `undici must be pinned exactly (no ^ or ~), got ${pinned}`);
        assert.equal(readJson(path.join(undiciDir, 'package.json')).version, pinned);
        const locked = (readJson(path.join(repoRoot, 'package-lock.json')).packages as Record<string, { version?: string }>)['node_modules/undici'];
        assert.equal(locked.version, pinned);
    });

    it("finds every internal module it loads, exporting what undici's index exports under the same name", () => {
        // Loaded the same way undiciParts.ts does; a moved or renamed module throws here.
        const load = (id: string): unknown => loadFromRoot(id);
        assert.equal(load('undici/lib/dispatcher/agent'), undici.Agent);
        assert.equal(load('undici/lib/dispatcher/proxy-agent'), undici.ProxyAgent);
        assert.equal(load('undici/lib/dispatcher/env-http-proxy-agent'), undici.EnvHttpProxyAgent);
        assert.equal(load('undici/lib/dispatcher/dispatcher'), undici.Dispatcher);
        const api = load('undici/lib/api') as Record<string, unknown>;
        const installed = undici.Dispatcher.prototype as unknown as Record<string, unknown>;
        for (const method of ['request', 'stream', 'pipeline', 'upgrade', 'connect']) {
            assert.equal(typeof api[method], 'function', method);
            assert.equal(api[method], installed[method], `${method} is what the index installs on Dispatcher.prototype`);
        }
    });

    it('finds the modules the bundle leaves out where esbuild.js replaces them, and nothing here needs them', () => {
        const source = (file: string): string => readFileSync(path.join(undiciDir, 'lib', file), 'utf8');
        assert.match(
            source('dispatcher/client-h1.js'),
            /if \(util\.isFormDataLike\(body\)\) \{\s+if \(!extractBody\) \{\s+extractBody = require\('\.\.\/web\/fetch\/body\.js'\)/,
        );
        assert.match(source('dispatcher/client-h2.js'), /if \(util\.isFormDataLike\(body\)\) \{\s+extractBody \?\?= require\('\.\.\/web\/fetch\/body\.js'\)/);
        assert.match(source('dispatcher/client.js'), /const connectH2 = require\('\.\/client-h2\.js'\)/);
        assert.match(source('dispatcher/client.js'), /socket\.alpnProtocol === 'h2'\s+\? connectH2\(client, socket\)/);
        assert.match(source('core/connect.js'), /allowH2 = allowH2 != null \? allowH2 : false/);
        assert.match(source('dispatcher/proxy-agent.js'), /const Socks5ProxyAgent = require\('\.\/socks5-proxy-agent'\)/);
        // HTTP/2 is only ever used with allowH2 or useH2c; the extension sets neither.
        const sources = (folder: string): string[] =>
            readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
                entry.isDirectory() ? sources(path.join(folder, entry.name)) : entry.name.endsWith('.ts') ? [path.join(folder, entry.name)] : [],
            );
        const offenders = sources(path.join(repoRoot, 'src')).filter((file) => /allowH2|useH2c/.test(readFileSync(file, 'utf8')));
        assert.deepEqual(offenders, []);
    });

    it(`bundles the extension without undici's index, fetch, WebSocket, caches, mocks or HTTP/2, in at most ${MAX_BUNDLE_KIB} KiB`, async () => {
        const outfile = path.join(dir, 'extension.js');
        const result = await build({ ...extensionBuildOptions({ production: true }), outfile, metafile: true });
        const inputs = Object.keys(result.metafile.inputs);
        const undiciInputs = inputs.filter((input) => input.includes('node_modules/undici/'));
        assert.ok(
            undiciInputs.some((input) => input.endsWith('lib/dispatcher/agent.js')),
            'the agent is in',
        );
        const unwanted = undiciInputs.filter((input) => /undici\/index\.js$|\/lib\/(web|mock|cache|interceptor)\/|client-h2\.js$|socks5/.test(input));
        assert.deepEqual(unwanted, []);
        const kib = statSync(outfile).size / 1024;
        assert.ok(kib <= MAX_BUNDLE_KIB, `dist/extension.js would be ${kib.toFixed(1)} KiB`);
        // And it loads (with a stand-in for vscode): a left-out module is never needed at start-up.
        measureBundleLoads([outfile], 1);
    });

    it("works on its own: requests through Agent and through EnvHttpProxyAgent's CONNECT tunnel, without undici's index", async () => {
        const partsFile = path.join(dir, 'undici-parts.js');
        await build({
            ...extensionBuildOptions({ production: true }),
            entryPoints: [path.join(repoRoot, 'src', 'zenlayer', 'undiciParts.ts')],
            outfile: partsFile,
            external: [],
        });
        const script = `
const http = require('node:http');
const net = require('node:net');
const parts = require(${JSON.stringify(partsFile)});
(async () => {
    const target = http.createServer((request, response) => response.end('via ' + (request.headers['x-via'] ?? 'direct')));
    let tunnels = 0;
    const proxy = http.createServer();
    proxy.on('connect', (request, socket, head) => {
        tunnels++;
        const [host, port] = request.url.split(':');
        const upstream = net.connect(Number(port), host, () => {
            socket.write('HTTP/1.1 200 Connection Established\\r\\n\\r\\n');
            upstream.write(head);
            upstream.pipe(socket);
            socket.pipe(upstream);
        });
    });
    await new Promise((resolve) => target.listen(0, '127.0.0.1', resolve));
    await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const origin = 'http://127.0.0.1:' + target.address().port;
    const text = async (dispatcher, headers) => (await dispatcher.request({ origin, path: '/', method: 'GET', headers })).body.text();
    const agent = new parts.Agent();
    const proxied = new parts.EnvHttpProxyAgent({ httpProxy: 'http://127.0.0.1:' + proxy.address().port, noProxy: '' });
    const result = { direct: await text(agent, {}), proxied: await text(proxied, { 'x-via': 'tunnel' }), tunnels, indexLoaded: Object.keys(require.cache).some((id) => id.endsWith('undici/index.js')) };
    await agent.close();
    await proxied.close();
    target.close();
    proxy.close();
    process.stdout.write(JSON.stringify(result));
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;
        const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
        assert.deepEqual(JSON.parse(output), { direct: 'via direct', proxied: 'via tunnel', tunnels: 1, indexLoaded: false });
    });
});
