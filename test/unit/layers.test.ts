// The folder layers of src/ (scripts/lint/layers.js) fail lint when broken: planted violations are reported, allowed
// imports are not, and eslint.config.mjs applies the rule to every file of src/.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint, Linter } from 'eslint';
import * as tseslint from 'typescript-eslint';

const ROOT = path.resolve(__dirname, '../../..');

interface LayersModule {
    layersPlugin(): ESLint.Plugin;
}

describe('layers of src/ (lint)', function () {
    let plugin: ESLint.Plugin;
    before(function () {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the repository, loaded by path
        plugin = (require(path.join(ROOT, 'scripts/lint/layers.js')) as LayersModule).layersPlugin();
    });

    function problems(file: string, code: string): string[] {
        const config: Linter.Config[] = [
            { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { zenlayer: plugin }, rules: { 'zenlayer/layers': 'error' } },
        ];
        return new Linter({ configType: 'flat' }).verify(code, config, { filename: path.join(ROOT, file) }).map((message) => message.message);
    }

    const refused: [string, string, RegExp][] = [
        ['src/platform/planted.ts', "import { buildImageTree } from '../images/model/tree';", /src\/platform may not import src\/images/],
        ['src/shared/settings/planted.ts', "import type { ImagesModel } from '../../images/model/imagesModel';", /src\/shared may not import src\/images/],
        ['src/accounts/planted.ts', "import { ImagesModel } from '../images/model/imagesModel';", /a feature never imports another feature/],
        ['src/images/planted.ts', "export { AccountChecks } from '../accounts/model/accountChecks';", /a feature never imports another feature/],
        ['src/images/planted.ts', "import { readHooks } from '../dev/hooks';", /may not import src\/dev/],
        ['src/zenlayer/planted.ts', "import { COMMANDS } from '../constants';", /src\/zenlayer may use only itself/],
        ['src/zenlayer/planted.ts', "import * as vscode from 'vscode';", /no vscode import/],
        ['src/images/model/planted.ts', "import type * as vscode from 'vscode';", /no vscode import/],
        ['src/platform/planted.ts', "const x = import('../accounts/statusBar');", /src\/platform may not import src\/accounts/],
        ['src/images/planted.ts', "import { x } from '../../test/support/fixtures';", /imports nothing outside it/],
    ];
    for (const [file, code, expected] of refused) {
        it(`refuses in ${file}: ${code}`, function () {
            const found = problems(file, code);
            assert.equal(found.length, 1, `expected one problem, got ${JSON.stringify(found)}`);
            assert.match(found[0], expected);
        });
    }

    const allowed: [string, string][] = [
        ['src/images/planted.ts', "import { Session } from '../shared/session/session';"],
        ['src/images/view/planted.ts', "import * as vscode from 'vscode';"],
        ['src/images/view/planted.ts', "import { ImagesModel } from '../model/imagesModel';"],
        ['src/shared/session/planted.ts', "import { Emitter } from '../../platform/events';"],
        ['src/platform/planted.ts', "import { ZenlayerClient } from '../zenlayer';"],
        ['src/dev/planted.ts', "import { ImagesModel } from '../images/model/imagesModel';"],
        ['src/extension.ts', "import { readHooks } from './dev/hooks';"],
        ['src/accounts/planted.ts', "import { COMMANDS } from '../constants';"],
    ];
    for (const [file, code] of allowed) {
        it(`allows in ${file}: ${code}`, function () {
            assert.deepEqual(problems(file, code), []);
        });
    }

    it('is switched on for every file of src/ by eslint.config.mjs', async function () {
        const eslint = new ESLint({ cwd: ROOT });
        for (const file of ['src/extension.ts', 'src/platform/logger.ts', 'src/images/model/tree.ts', 'src/some-new-feature/anything.ts']) {
            const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as Linter.Config;
            assert.deepEqual(config.rules?.['zenlayer/layers'], [2], file);
        }
    });
});
