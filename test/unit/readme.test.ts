// The README's developer map names only paths that exist: a moved or renamed folder fails here, not in a newcomer's hands.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

describe('README developer map', function () {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const named = [...new Set([...readme.matchAll(/(?<![\w./-])((?:src|test|scripts)\/[\w./-]*[\w/])/g)].map((match) => match[1]))];

    it('names the source folders at all', function () {
        assert.ok(named.filter((name) => name.startsWith('src/')).length >= 8, `found only ${JSON.stringify(named)}`);
    });

    it('names no path that does not exist', function () {
        const missing = named.filter((name) => !fs.existsSync(path.join(ROOT, name)) && !fs.existsSync(path.join(ROOT, `${name}.ts`)));
        assert.deepEqual(missing, []);
    });

    it('describes every folder of src/', function () {
        const folders = fs
            .readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => `src/${entry.name}/`);
        assert.deepEqual(
            folders.filter((folder) => !named.includes(folder.slice(0, -1)) && !readme.includes(folder)),
            [],
        );
    });
});
