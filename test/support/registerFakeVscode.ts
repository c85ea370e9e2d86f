// mocha `require`: makes `import * as vscode from 'vscode'` load the fake in plain Node (unit tests only; the
// integration tests run inside VS Code, where the real module is there).
import { Module } from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
const fake = require.resolve('./fakeVscode');

loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? fake : resolve.call(this, request, ...rest);
};
