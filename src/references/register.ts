/**
 * The workspace-references feature's one entry point. Registers the hover, Find All References, the diagnostics and
 * their quick fix, and the commands; starts no scan (the images view or a command asks for one when it needs it).
 */
import type { WorkspaceReferences } from '../shared/references/workspaceReferences';
import * as vscode from 'vscode';
import type { DisposableStore } from '../platform/disposables';
import { bindCommands, registerCommands } from '../platform/commands';
import { REFERENCE_COMMANDS } from './commands';
import { ReferenceDiagnostics } from './diagnostics';
import { ImageIdHover } from './hover';
import type { ReferencesDependencies } from './ports';
import { SeenImageNames } from './model/seenNames';
import { ReplaceImageIdActions } from './quickFix';
import { ImageIdReferences, ShowReferences } from './showReferences';
import { WorkspaceReferencesService } from './workspaceReferences';

/** Every document of any file system: an image ID is recognised in any text, not only in the scanned file types. */
const ANY_FILE: vscode.DocumentSelector = '*';

export function registerReferences(deps: ReferencesDependencies, store: DisposableStore): WorkspaceReferences {
    const references = new WorkspaceReferencesService(deps);
    const show = new ShowReferences(references, deps.shownImages, deps.ui);
    const seenNames = new SeenImageNames();
    const disposables = [
        references,
        deps.shownImages.onDidChange(() => seenNames.observe(deps.shownImages.accountName, deps.shownImages.images())),
        new ReferenceDiagnostics({ references, shownImages: deps.shownImages, deleteHistory: deps.deleteHistory }),
        vscode.languages.registerHoverProvider(ANY_FILE, new ImageIdHover(deps.shownImages, references, deps.deleteHistory)),
        vscode.languages.registerReferenceProvider(ANY_FILE, new ImageIdReferences(references, deps.shownImages)),
        vscode.languages.registerCodeActionsProvider(
            ANY_FILE,
            new ReplaceImageIdActions(deps.shownImages, deps.deleteHistory, seenNames),
            ReplaceImageIdActions.metadata(),
        ),
        ...registerCommands(bindCommands(REFERENCE_COMMANDS, { references, show, ui: deps.ui, revealImage: deps.revealImage })),
    ];
    disposables.forEach((disposable) => store.add(disposable));
    return references;
}
