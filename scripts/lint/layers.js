// The layers of src/, enforced by `npm run lint` (eslint.config.mjs) and tested by test/unit/layers.test.ts.
//
//   src/extension.ts   composition root: builds the shared services, calls each feature's register(); imports anything
//   src/dev/           test API and npm start's demo accounts: may use the features, nothing uses it but extension.ts
//   src/<feature>/     accounts, images, references, …: shared, platform, zenlayer — never another feature
//   src/shared/        what features share (session, settings, records): platform, zenlayer
//   src/platform/      VS Code glue (dialogs, log, commands, proxy, error texts): zenlayer only
//   src/zenlayer/      the API client: nothing outside itself, and never vscode
//   src/constants.ts   the manifest's identifiers and the state keys: a leaf every layer but the client may read
//
// Inside any folder, `model/` holds plain TypeScript (no vscode), unit-tested in plain Node.
const path = require('node:path');

const BELOW_FEATURES = ['shared', 'platform', 'zenlayer'];
const FIXED = {
    zenlayer: [],
    platform: ['zenlayer'],
    shared: ['platform', 'zenlayer'],
};

/** The layer of a path relative to src/: its first folder, or the file itself at the root. */
function layerOf(relative) {
    const [first, ...rest] = relative.split('/');
    return rest.length === 0 ? first.replace(/\.ts$/, '') : first;
}

/** Which layers `from` may import; undefined means any (the composition root). */
function allowedFrom(from) {
    if (from === 'extension') {
        return undefined;
    }
    if (from === 'constants') {
        return [];
    }
    if (from in FIXED) {
        return [...FIXED[from], ...(from === 'zenlayer' ? [] : ['constants'])];
    }
    return [...BELOW_FEATURES, 'constants']; // a feature
}

function layersPlugin() {
    const layersRule = {
        meta: {
            type: 'problem',
            docs: { description: 'Keeps the folders of src/ in their layers (scripts/lint/layers.js)' },
            schema: [],
            messages: {
                upward: '{{from}} may not import {{to}} ({{spec}}): {{why}}',
                vscode: 'A model/ folder and the API client are plain TypeScript: no vscode import here.',
            },
        },
        create(context) {
            const filename = context.filename.split(path.sep).join('/');
            const srcIndex = filename.lastIndexOf('/src/');
            if (srcIndex < 0 || !filename.endsWith('.ts')) {
                return {};
            }
            const srcRoot = filename.slice(0, srcIndex + 4);
            const relative = filename.slice(srcIndex + 5);
            const from = layerOf(relative);
            const plain = from === 'zenlayer' || relative.split('/').includes('model');
            const check = (node, spec) => {
                if (typeof spec !== 'string') {
                    return;
                }
                if (spec === 'vscode' && plain) {
                    context.report({ node, messageId: 'vscode' });
                    return;
                }
                if (!spec.startsWith('.')) {
                    return;
                }
                const target = path.posix.normalize(path.posix.join(path.posix.dirname(filename), spec));
                if (!target.startsWith(`${srcRoot}/`)) {
                    context.report({ node, messageId: 'upward', data: { from, to: target, spec, why: 'code in src/ imports nothing outside it' } });
                    return;
                }
                const to = layerOf(target.slice(srcRoot.length + 1));
                const allowed = allowedFrom(from);
                // The test and demo hooks reach into every feature; only the composition root may import them or itself.
                const devMay = from === 'dev' && to !== 'extension';
                if (to === from || devMay || allowed === undefined || allowed.includes(to)) {
                    return;
                }
                const why =
                    from in FIXED || from === 'constants'
                        ? `src/${from} may use only ${allowed.filter((layer) => layer !== 'constants').join(', ') || 'itself'}`
                        : 'a feature never imports another feature or the layers above it; move what two features share down to src/shared';
                context.report({ node, messageId: 'upward', data: { from: `src/${from}`, to: `src/${to}`, spec, why } });
            };
            return {
                ImportDeclaration: (node) => check(node, node.source.value),
                ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
                ExportAllDeclaration: (node) => check(node, node.source.value),
                ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
                TSImportEqualsDeclaration: (node) =>
                    node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression.value),
            };
        },
    };
    return { rules: { layers: layersRule } };
}

module.exports = { layersPlugin };
