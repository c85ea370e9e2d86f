import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort().join(',');
const codicons = (text: string) => (text.match(/\$\([a-z-]+\)/g) ?? []).sort().join(',');

function assertSameKeys(english: Record<string, string>, chinese: Record<string, string>, what: string): void {
    const missing = Object.keys(english).filter((key) => !(key in chinese));
    const extra = Object.keys(chinese).filter((key) => !(key in english));
    assert.deepStrictEqual({ missing, extra }, { missing: [], extra: [] }, `${what}: keys differ between English and Chinese`);
    for (const key of Object.keys(english)) {
        assert.ok(chinese[key].trim() !== '', `${what}: empty translation for ${key}`);
        assert.strictEqual(placeholders(chinese[key]), placeholders(english[key]), `${what}: placeholders differ for ${key}`);
        assert.strictEqual(codicons(chinese[key]), codicons(english[key]), `${what}: icons differ for ${key}`);
    }
}

describe('localisation', () => {
    it('translates every runtime string into Simplified Chinese, placeholders intact', () => {
        const english = readJson('l10n/bundle.l10n.json');
        assertSameKeys(Object.fromEntries(Object.keys(english).map((key) => [key, key])), readJson('l10n/bundle.l10n.zh-cn.json'), 'bundle.l10n');
    });

    it('translates every manifest string into Simplified Chinese', () => {
        assertSameKeys(readJson('package.nls.json'), readJson('package.nls.zh-cn.json'), 'package.nls');
    });

    it('resolves every %key% of package.json in package.nls.json, and leaves no nls key unused', () => {
        const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
        const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]));
        const nls = readJson('package.nls.json');
        assert.deepStrictEqual(
            [...used].filter((key) => !(key in nls)),
            [],
            'keys used in package.json but missing from package.nls.json',
        );
        assert.deepStrictEqual(
            Object.keys(nls).filter((key) => !used.has(key)),
            [],
            'package.nls.json keys nothing uses',
        );
    });

    it('has an l10n/bundle.l10n.json that matches the vscode.l10n.t calls in src (re-run the export after changing strings)', function () {
        this.timeout(60_000);
        const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-l10n-'));
        try {
            execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/l10n-dev/dist/cli.js'), 'export', '-o', outDir, path.join(root, 'src')], {
                stdio: 'pipe',
            });
            const fresh = JSON.parse(fs.readFileSync(path.join(outDir, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
            assert.deepStrictEqual(Object.keys(readJson('l10n/bundle.l10n.json')).sort(), Object.keys(fresh).sort());
        } finally {
            fs.rmSync(outDir, { recursive: true, force: true });
        }
    });
});
