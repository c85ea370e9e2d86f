// One lint config for the whole repository: type-aware rules for TypeScript, plain rules for the JS scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
        // The API client is plain TypeScript over undici: it must stay usable without VS Code.
        files: ['src/zenlayer/**/*.ts'],
        rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/zenlayer must not depend on VS Code.' }] }] },
    },
    {
        files: ['test/**/*.ts', 'src/**/*.ts'],
        rules: { 'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='only'][object.name=/^(describe|it|suite|test)$/]", message: 'A focused test skips the rest of the suite.' }] },
    },
);
