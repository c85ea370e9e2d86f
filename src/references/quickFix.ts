/** The quick fix of a Zenlayer problem: replace the ID with the newest AVAILABLE image of the same family. */
import { newestAvailableOfFamily } from '../shared/images/family';
import type { ShownImages } from '../shared/images/shownImages';
import * as vscode from 'vscode';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE } from './constants';
import type { SeenImageNames } from './model/seenNames';
import type { DeleteHistoryLookup } from './ports';
import { referenceTexts } from './texts';

const FIXABLE: ReadonlySet<unknown> = new Set(Object.values(DIAGNOSTIC_CODES));

export class ReplaceImageIdActions implements vscode.CodeActionProvider {
    /** A function, not a static field: the bundle loads before anything of vscode is touched. */
    static metadata(): vscode.CodeActionProviderMetadata {
        return { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
    }

    constructor(
        private readonly shownImages: ShownImages,
        private readonly deleteHistory: DeleteHistoryLookup | undefined,
        private readonly seenNames: Pick<SeenImageNames, 'nameOf'>,
    ) {}

    provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
        const images = this.shownImages.images();
        return context.diagnostics.flatMap((diagnostic) => {
            if (diagnostic.source !== DIAGNOSTIC_SOURCE || !FIXABLE.has(diagnostic.code)) {
                return [];
            }
            const id = document.getText(diagnostic.range);
            // A deleted image's name: from the delete history, or from a listing this window saw before it went.
            const name = images.find((image) => image.id === id)?.name ?? this.deleteHistory?.deleted(id)?.name ?? this.seenNames.nameOf(id);
            const replacement = name === undefined ? undefined : newestAvailableOfFamily(images, name, id);
            if (!replacement) {
                return [];
            }
            const action = new vscode.CodeAction(referenceTexts.replaceWith(replacement), vscode.CodeActionKind.QuickFix);
            action.edit = new vscode.WorkspaceEdit();
            action.edit.replace(document.uri, diagnostic.range, replacement.id);
            action.diagnostics = [diagnostic];
            action.isPreferred = true;
            return [action];
        });
    }
}
