/**
 * The scan's files through VS Code's file API, so remote and virtual workspaces work: findFiles per folder with the
 * folder's globs, workspace.fs to read, and an editor's unsaved text in place of the file on disk.
 */
import * as vscode from 'vscode';
import type { FileContent, FileSource } from './model/scanner';
import type { FolderScope } from './scope';

export class WorkspaceFileSource implements FileSource {
    constructor(private readonly scopes: () => readonly FolderScope[]) {}

    async listFiles(max: number, signal: AbortSignal): Promise<{ uris: string[]; truncated: boolean }> {
        const uris: string[] = [];
        let truncated = false;
        const cancellation = new vscode.CancellationTokenSource();
        const cancel = () => cancellation.cancel();
        signal.addEventListener('abort', cancel);
        try {
            for (const scope of this.scopes()) {
                if (scope.include === undefined || signal.aborted) {
                    continue;
                }
                const room = max - uris.length;
                const include = new vscode.RelativePattern(scope.folder, scope.include);
                const found = await vscode.workspace.findFiles(include, scope.exclude ?? null, room + 1, cancellation.token);
                truncated ||= found.length > room;
                uris.push(...found.slice(0, room).map((uri) => uri.toString()));
            }
        } finally {
            signal.removeEventListener('abort', cancel);
            cancellation.dispose();
        }
        return { uris, truncated };
    }

    /** The files to scan inside a folder that just appeared (at most `max`); none when `uri` is not a folder in scope. */
    async filesUnder(uri: vscode.Uri, max: number): Promise<string[]> {
        const inFolder = (scope: FolderScope) => uri.toString().startsWith(`${scope.folder.uri.toString().replace(/\/$/, '')}/`);
        const scope = this.scopes().find((candidate) => candidate.include !== undefined && inFolder(candidate));
        if (!scope || ((await statType(uri)) & vscode.FileType.Directory) === 0) {
            return [];
        }
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), scope.exclude ?? null, max);
        return found.filter((file) => scope.contains(file)).map((file) => file.toString());
    }

    async readFile(uri: string, maxBytes: number): Promise<FileContent> {
        const open = vscode.workspace.textDocuments.find((document) => document.isDirty && document.uri.toString() === uri);
        if (open) {
            return { kind: 'text', text: open.getText() };
        }
        const parsed = vscode.Uri.parse(uri);
        if ((await vscode.workspace.fs.stat(parsed)).size > maxBytes) {
            return { kind: 'tooLarge' };
        }
        return { kind: 'bytes', bytes: await vscode.workspace.fs.readFile(parsed) };
    }
}

/** The kind of what is at `uri` (a bit mask: a link to a folder is both), or Unknown when it is gone already. */
async function statType(uri: vscode.Uri): Promise<vscode.FileType> {
    try {
        return (await vscode.workspace.fs.stat(uri)).type;
    } catch {
        return vscode.FileType.Unknown;
    }
}
