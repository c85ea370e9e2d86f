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
        // Plain TypeScript, no VS Code: the API client (usable without VS Code) and the models and rules of each feature
        // (unit-tested in plain Node without the fake vscode module). A new vscode-free file is added here by name.
        files: [
            'src/zenlayer/**/*.ts',
            'src/images/{deleteResult,details,filter,images,imagesModel,polling,protection,quickPick,selection,tree,usage}.ts',
            'src/accounts/{accounts,credentialFiles,credentialSources,session}.ts',
            'src/platform/{apiLog,markdown,proxy,settings}.ts',
        ],
        rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This file is kept free of VS Code (eslint.config.mjs lists it).', allowTypeImports: false }] }] },
    },
    {
        files: ['test/**/*.ts', 'src/**/*.ts'],
        rules: { 'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='only'][object.name=/^(describe|it|suite|test)$/]", message: 'A focused test skips the rest of the suite.' }] },
    },
);
