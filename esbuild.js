// Bundles the extension into dist/extension.js. `--production` minifies, `--watch` rebuilds on change.
const path = require('node:path');
const esbuild = require('esbuild');

const UNDICI_PARTS = path.join(__dirname, 'src', 'zenlayer', 'undiciParts.ts');
const UNDICI_LIB = `${path.sep}undici${path.sep}lib${path.sep}`;

/**
 * Keeps undici's index (fetch, WebSocket, EventSource, caches, mocks, cookies) out of the bundle:
 * - every `import … from 'undici'` gets src/zenlayer/undiciParts.ts, which loads the Agent, the proxy agents and
 *   the request API from undici's own modules (a name it does not export fails the build);
 * - three modules undici loads only for what the extension never does are replaced by a function that throws
 *   saying so: the fetch body encoder (client-h1/-h2 require it lazily, for FormData request bodies only), the
 *   HTTP/2 client (used only with `allowH2` or `useH2c`, which nothing here sets; it loads node:http2, the costliest
 *   module at start-up) and the SOCKS5 proxy agent (for socks5:// proxies, which src/platform/proxy.ts refuses).
 * test/unit/zenlayer/undici-parts.test.ts checks that these paths still exist and the bundle stays lean.
 */
const leanUndiciPlugin = {
    name: 'lean-undici',
    setup(build) {
        build.onResolve({ filter: /^undici$/ }, () => ({ path: UNDICI_PARTS }));
        const leftOut = (what) => ({ path: what, namespace: 'lean-undici-left-out' });
        build.onResolve({ filter: /^\.\.\/web\/fetch\/body\.js$/ }, (args) =>
            args.importer.includes(`${UNDICI_LIB}dispatcher${path.sep}client-h`) ? leftOut('FormData request bodies') : undefined,
        );
        build.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) =>
            args.importer.endsWith(`${UNDICI_LIB}dispatcher${path.sep}client.js`) ? leftOut('HTTP/2 connections') : undefined,
        );
        build.onResolve({ filter: /^\.\/socks5-proxy-agent$/ }, (args) =>
            args.importer.endsWith(`${UNDICI_LIB}dispatcher${path.sep}proxy-agent.js`) ? leftOut('SOCKS5 proxies') : undefined,
        );
        // A plain function, so it throws its message whether it is called (connectH2, extractBody) or constructed (new Socks5ProxyAgent).
        build.onLoad({ filter: /.*/, namespace: 'lean-undici-left-out' }, (args) => ({
            contents: `function leftOut() { throw new Error(${JSON.stringify(`${args.path} are not part of this bundle (esbuild.js, lean-undici)`)}); }
module.exports = leftOut;
module.exports.extractBody = leftOut;`,
            loader: 'js',
        }));
    },
};

/** Prints build results in the form the `$esbuild-watch` problem matcher understands. */
const problemMatcherPlugin = {
    name: 'problem-matcher',
    setup(build) {
        build.onStart(() => console.log('[watch] build started'));
        build.onEnd((result) => {
            for (const { text, location } of result.errors) {
                console.error(`✘ [ERROR] ${text}`);
                if (location) {
                    console.error(`    ${location.file}:${location.line}:${location.column}:`);
                }
            }
            console.log('[watch] build finished');
        });
    },
};

/** The options of the extension bundle; the bundle test builds with exactly these. */
function extensionBuildOptions({ production = false, watch = false } = {}) {
    return {
        entryPoints: [path.join(__dirname, 'src', 'extension.ts')],
        absWorkingDir: __dirname,
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        outfile: path.join(__dirname, 'dist', 'extension.js'),
        external: ['vscode'],
        minify: production,
        sourcemap: !production,
        sourcesContent: false,
        logLevel: 'warning',
        plugins: watch ? [leanUndiciPlugin, problemMatcherPlugin] : [leanUndiciPlugin],
    };
}

async function main() {
    const watch = process.argv.includes('--watch');
    const ctx = await esbuild.context(extensionBuildOptions({ production: process.argv.includes('--production'), watch }));
    if (watch) {
        await ctx.watch();
    } else {
        await ctx.rebuild();
        await ctx.dispose();
    }
}

if (require.main === module) {
    main().catch((error) => {
        console.error(error);
        process.exit(1);
    });
}

module.exports = { extensionBuildOptions };
