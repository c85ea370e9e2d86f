/**
 * The workspace-references feature's one entry point. Registers the hover, Find All References, the diagnostics and
 * their quick fix, and the commands; starts no scan (the images view or a command asks for one when it needs it).
 */
import * as vscode from 'vscode';
import { REFERENCE_COMMANDS } from './constants';
import { ReferenceDiagnostics } from './diagnostics';
import { ImageIdHover } from './hover';
import type { ReferencesDependencies, WorkspaceReferences } from './ports';
import { ReplaceImageIdActions } from './quickFix';
import { ImageIdReferences, imageIdOf, ShowReferences } from './showReferences';
import { referenceTexts } from './texts';
import { WorkspaceReferencesService } from './workspaceReferences';

/** Every document of any file system: an image ID is recognised in any text, not only in the scanned file types. */
const ANY_FILE: vscode.DocumentSelector = '*';

export function registerReferences(deps: ReferencesDependencies): {
    readonly references: WorkspaceReferences;
    readonly disposables: readonly vscode.Disposable[];
} {
    const references = new WorkspaceReferencesService(deps);
    const show = new ShowReferences(references, deps.shownImages, deps.ui);
    const disposables: vscode.Disposable[] = [
        references,
        new ReferenceDiagnostics({ references, shownImages: deps.shownImages, deleteHistory: deps.deleteHistory }),
        vscode.languages.registerHoverProvider(ANY_FILE, new ImageIdHover(deps.shownImages, references, deps.deleteHistory)),
        vscode.languages.registerReferenceProvider(ANY_FILE, new ImageIdReferences(references, deps.shownImages)),
        vscode.languages.registerCodeActionsProvider(ANY_FILE, new ReplaceImageIdActions(deps.shownImages, deps.deleteHistory), ReplaceImageIdActions.metadata),
        vscode.commands.registerCommand(REFERENCE_COMMANDS.showReferences, (argument: unknown) => show.run(argument)),
        vscode.commands.registerCommand(REFERENCE_COMMANDS.rescanReferences, async () => {
            references.restartScan();
            const ready = references.whenReady();
            deps.ui.showBackgroundProgress(referenceTexts.show.progress(), ready);
            await ready;
        }),
        vscode.commands.registerCommand(REFERENCE_COMMANDS.revealImage, (argument: unknown) => {
            const imageId = imageIdOf(argument);
            return imageId === undefined ? undefined : deps.revealImage(imageId);
        }),
    ];
    return { references, disposables };
}
