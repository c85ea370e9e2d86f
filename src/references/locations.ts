/** How a reference location reads and links in VS Code. */
import type { ReferenceLocation } from '../shared/references/workspaceReferences';
import * as vscode from 'vscode';

/** `infra/prod.tf:14`; in a multi-root workspace the folder's name leads. */
export function describeLocation(location: Pick<ReferenceLocation, 'uri' | 'line'>): string {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return `${vscode.workspace.asRelativePath(vscode.Uri.parse(location.uri), multiRoot)}:${location.line + 1}`;
}

/** The file's URI with a `#L14,5` fragment, which VS Code's link opener turns into a selection. */
export function linkTarget(location: Pick<ReferenceLocation, 'uri' | 'line' | 'startColumn'>): string {
    return vscode.Uri.parse(location.uri)
        .with({ fragment: `L${location.line + 1},${location.startColumn + 1}` })
        .toString();
}
