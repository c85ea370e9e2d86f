import * as vscode from 'vscode';
import { COMMANDS } from '../constants';

export type CommandName = keyof typeof COMMANDS;
export type CommandHandler = (...args: never[]) => unknown;

/**
 * A feature's commands: for each command of the manifest it handles, a function that makes the handler from the
 * feature's context. Each lives in a file of the feature's commands/ folder; test/unit/manifest.test.ts checks that
 * the features together handle every command of the manifest exactly once.
 */
export type CommandFactories<C> = { readonly [K in CommandName]?: (context: C) => CommandHandler };

/** Makes every handler of a feature once, from its context. */
export function bindCommands<C, F extends CommandFactories<C>>(factories: F, context: C): { readonly [K in keyof F]: CommandHandler } {
    const bound = Object.entries(factories).map(([name, make]) => [name, make(context)]);
    return Object.fromEntries(bound) as { readonly [K in keyof F]: CommandHandler };
}

/** Registers handlers by their name in COMMANDS. */
export function registerCommands(handlers: { readonly [K in CommandName]?: CommandHandler }): vscode.Disposable[] {
    return Object.entries(handlers).map(([name, handler]) => vscode.commands.registerCommand(COMMANDS[name as CommandName], handler));
}
