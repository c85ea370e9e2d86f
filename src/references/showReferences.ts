/**
 * Show References: an image's references in VS Code's peek, as Find All References shows them; from the palette, a
 * pick of the referenced images first. The same locations answer Find All References (Shift+F12) on an image ID.
 */
import type { ReferenceLocation, WorkspaceReferences } from '../shared/references/workspaceReferences';
import type { ShownImages } from '../shared/images/shownImages';
import * as vscode from 'vscode';
import { REFERENCE_SETTINGS } from './constants';
import { tokenAt } from './model/tokens';
import type { ReferencesUi } from './ports';
import { referenceTexts } from './texts';

const toLocation = (location: ReferenceLocation) =>
    new vscode.Location(vscode.Uri.parse(location.uri), new vscode.Range(location.line, location.startColumn, location.line, location.endColumn));

/** The image ID a command was given: an ID, or a tree node or item carrying one (`{ id }` or `{ image: { id } }`). */
export function imageIdOf(argument: unknown): string | undefined {
    if (typeof argument === 'string') {
        return argument;
    }
    if (typeof argument !== 'object' || argument === null) {
        return undefined;
    }
    const { image, id } = argument as { image?: { id?: unknown }; id?: unknown };
    const candidate = image?.id ?? id;
    return typeof candidate === 'string' ? candidate : undefined;
}

export class ShowReferences {
    constructor(
        private readonly references: WorkspaceReferences,
        private readonly shownImages: ShownImages,
        private readonly ui: ReferencesUi,
    ) {}

    async run(argument: unknown): Promise<void> {
        const account = this.shownImages.accountName;
        if (account === undefined) {
            await this.ui.showMessage('info', referenceTexts.show.signedOut(), {});
            return;
        }
        if (!vscode.workspace.workspaceFolders?.length) {
            await this.ui.showMessage('info', referenceTexts.show.noFolder(), {});
            return;
        }
        if (vscode.workspace.getConfiguration(REFERENCE_SETTINGS.section).get<boolean>(REFERENCE_SETTINGS.enabled, true) === false) {
            await this.ui.showMessage('info', referenceTexts.show.disabled(), {});
            return;
        }
        const ready = this.references.whenReady();
        this.ui.showBackgroundProgress(referenceTexts.show.progress(), ready);
        const status = await ready;
        if (status.kind === 'failed') {
            await this.ui.showMessage('error', referenceTexts.show.failed(status.error instanceof Error ? status.error.message : String(status.error)), {});
            return;
        }
        const imageId = imageIdOf(argument) ?? (await this.pickReferencedImage(account));
        if (imageId === undefined) {
            return;
        }
        const locations = this.references.referencesTo(imageId);
        const name = this.shownImages.images().find((image) => image.id === imageId)?.name ?? imageId;
        if (locations.length === 0) {
            const incomplete = status.kind === 'ready' && status.truncated ? { detail: this.truncation(status.truncated) } : {};
            await this.ui.showMessage('info', referenceTexts.show.noneForImage(name), incomplete);
            return;
        }
        const first = toLocation(locations[0]);
        await vscode.commands.executeCommand('editor.action.showReferences', first.uri, first.range.start, locations.map(toLocation));
    }

    private truncation(limit: 'files' | 'bytes' | 'time'): string {
        return referenceTexts.show.truncated(referenceTexts.show.limit(limit));
    }

    private async pickReferencedImage(account: string): Promise<string | undefined> {
        const referenced = this.references.referencedImages();
        const items = this.shownImages
            .images()
            .filter((image) => referenced.has(image.id))
            .map((image) => ({ label: image.name, description: image.id, detail: referenceTexts.fileCount(referenced.get(image.id) ?? 0), imageId: image.id }));
        if (items.length === 0) {
            await this.ui.showMessage('info', referenceTexts.show.noneAtAll(account), {});
            return undefined;
        }
        return (await this.ui.pickOne(items, { placeHolder: referenceTexts.show.pickPlaceholder(), matchOnDescription: true }))?.imageId;
    }
}

/** Find All References on an image ID of the shown account: every place the workspace references that image. */
export class ImageIdReferences implements vscode.ReferenceProvider {
    constructor(
        private readonly references: WorkspaceReferences,
        private readonly shownImages: ShownImages,
    ) {}

    async provideReferences(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
        const token = tokenAt(document.lineAt(position.line).text, position.character);
        if (!token || !this.shownImages.images().some((image) => image.id === token.text)) {
            return undefined;
        }
        await this.references.whenReady();
        return this.references.referencesTo(token.text).map(toLocation);
    }
}
