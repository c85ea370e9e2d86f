import * as vscode from 'vscode';
import { COMMANDS } from '../constants';

/** A handler for every command of the manifest: a missing one is a compile error. */
export type CommandTable = { readonly [K in keyof typeof COMMANDS]: (...args: never[]) => unknown };

export function registerCommands(table: CommandTable): vscode.Disposable[] {
    return (Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]).map((name) => vscode.commands.registerCommand(COMMANDS[name], table[name]));
}
