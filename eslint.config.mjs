// One lint config for the whole repository: type-aware rules for TypeScript, plain rules for the JS scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './scripts/lint/layers.js';

export default tseslint.config(
    { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'test-results/**'] },
    js.configs.recommended,
    {
        files: ['**/*.js', '**/*.mjs'],
        languageOptions: { globals: { ...globals.node } },
        rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
    },
    {
        files: ['**/*.ts'],
        extends: [...tseslint.configs.recommendedTypeChecked],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            curly: 'error',
            eqeqeq: 'error',
            'no-throw-literal': 'error',
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
            '@typescript-eslint/no-floating-promises': 'error',
        },
    },
    {
        // Layers by folder, not by file name: scripts/lint/layers.js says who may import whom, and that model/ folders
        // and the API client never import vscode.
        files: ['src/**/*.ts'],
        plugins: { zenlayer: layers.layersPlugin() },
        // Prettier wraps code at 160; this catches what it cannot wrap (long strings and comments).
        rules: { 'zenlayer/layers': 'error', 'max-len': ['error', { code: 160, tabWidth: 4 }] },
    },
    {
        files: ['test/**/*.ts', 'src/**/*.ts'],
        rules: {
            'no-restricted-syntax': [
                'error',
                {
                    selector: "MemberExpression[property.name='only'][object.name=/^(describe|it|suite|test)$/]",
                    message: 'A focused test skips the rest of the suite.',
                },
            ],
        },
    },
);
