import * as assert from 'assert';
import {
    DEFAULT_INCLUDE_GLOBS,
    enabledGlobKeys,
    expandBraces,
    flattenGlobs,
    GlobMatcher,
    joinGlobs,
    terraformSyntaxOf,
} from '../../../src/references/model/globs';

describe('references: which files are scanned', () => {
    it('expands braces so several globs join into one {…} group, which VS Code does not nest', () => {
        assert.deepStrictEqual(expandBraces('**/*.{yaml,yml}'), ['**/*.yaml', '**/*.yml']);
        assert.deepStrictEqual(expandBraces('{a,b{1,2}}/x'), ['a/x', 'b1/x', 'b2/x']);
        assert.strictEqual(expandBraces('**/*.{yaml'), undefined);
        const { flat, rejected } = flattenGlobs(['**/*.{tf,tfvars}', '**/*.tf', ' ', '{a']);
        assert.deepStrictEqual(flat, ['**/*.tf', '**/*.tfvars']);
        assert.deepStrictEqual(rejected, [' ', '{a']);
        assert.strictEqual(joinGlobs(flat), '{**/*.tf,**/*.tfvars}');
        assert.strictEqual(joinGlobs(['**/*.tf']), '**/*.tf');
    });

    it('matches the default file types like VS Code globs, and excludes folders with their content', () => {
        const include = new GlobMatcher(flattenGlobs(DEFAULT_INCLUDE_GLOBS).flat, false);
        const included = [
            'main.tf',
            'infra/prod.tfvars',
            'a/b/images.tf.json',
            'packer/web.pkr.hcl',
            'ci.yml',
            '.env',
            'config/.env.prod',
            'deploy.ps1',
            'Dockerfile',
            'docker/Dockerfile.web',
            'README.md',
            'run.sh',
        ];
        assert.deepStrictEqual(
            included.filter((path) => !include.matches(path)),
            [],
        );
        assert.deepStrictEqual(
            ['main.go', 'image.png', 'tf', 'main.tf.bak'].filter((path) => include.matches(path)),
            [],
        );
        const exclude = new GlobMatcher(['**/node_modules', '**/.terraform', 'build/**', '**/*.generated.tf'], false);
        assert.ok(exclude.matchesPathOrParent('a/node_modules/x/main.tf'));
        assert.ok(exclude.matchesPathOrParent('.terraform/modules/m/main.tf'));
        assert.ok(exclude.matchesPathOrParent('build/out.tf'));
        assert.ok(exclude.matchesPathOrParent('x/y.generated.tf'));
        assert.ok(!exclude.matchesPathOrParent('infra/main.tf'));
        assert.ok(new GlobMatcher(['**/Build'], true).matchesPathOrParent('build/a.tf'), 'case-insensitive where the platform is');
    });

    it('takes the enabled keys of files.exclude and search.exclude, and knows Terraform syntaxes', () => {
        assert.deepStrictEqual(enabledGlobKeys({ '**/.git': true, '**/dist': false, '**/*.js': { when: '$(basename).ts' } }), ['**/.git']);
        assert.deepStrictEqual(enabledGlobKeys(undefined), []);
        assert.deepStrictEqual(['a.tf', 'A.TF.JSON', 'b.pkr.hcl', 'c.tfvars'].map(terraformSyntaxOf), ['hcl', 'json', 'hcl', undefined]);
    });
});
