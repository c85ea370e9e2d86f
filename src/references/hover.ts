/**
 * The hover of an image ID in any file: name, status, size, regions, the instances using it, the account, and links to
 * reveal it in the images view and to show its references. For a custom image ID the account does not have (with a
 * complete listing), what is known of it instead. Works without the workspace scan (the references line waits for it).
 */
import { COMMANDS } from '../constants';
import { joinNames } from '../platform/listText';
import type { ShownImages } from '../shared/images/shownImages';
import type { WorkspaceReferences } from '../shared/references/workspaceReferences';
import * as vscode from 'vscode';
import type { ZenlayerImage } from '../zenlayer/types';
import { hasCustomImageIdShape, tokenAt } from './model/tokens';
import type { DeleteHistoryLookup } from './ports';
import { referenceTexts, shortDate } from './texts';

/** Instances named in a hover; the rest are counted. */
const MAX_INSTANCE_NAMES = 5;

const commandLink = (command: string, args: unknown[]) => `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;

export class ImageIdHover implements vscode.HoverProvider {
    constructor(
        private readonly shownImages: ShownImages,
        private readonly references: WorkspaceReferences,
        private readonly deleteHistory: DeleteHistoryLookup | undefined,
    ) {}

    provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
        const account = this.shownImages.accountName;
        const token = account === undefined ? undefined : tokenAt(document.lineAt(position.line).text, position.character);
        if (account === undefined || !token) {
            return undefined;
        }
        const range = new vscode.Range(position.line, token.start, position.line, token.end);
        const image = this.shownImages.images().find((candidate) => candidate.id === token.text);
        if (image) {
            return new vscode.Hover(this.describe(image, account), range);
        }
        if (!this.shownImages.complete || !hasCustomImageIdShape(token.text)) {
            return undefined;
        }
        const deleted = this.deleteHistory?.deleted(token.text);
        const text = deleted
            ? referenceTexts.problem.deleted(token.text, deleted.name, shortDate(deleted.deletedAt))
            : referenceTexts.problem.missing(token.text, account);
        return new vscode.Hover(new vscode.MarkdownString().appendText(text), range);
    }

    private describe(image: ZenlayerImage, account: string): vscode.MarkdownString {
        const markdown = new vscode.MarkdownString();
        markdown.isTrusted = { enabledCommands: [COMMANDS.revealImage, COMMANDS.showReferences] };
        markdown.appendMarkdown('**').appendText(image.name).appendMarkdown('** · ').appendText(image.status);
        if (image.sizeGiB !== undefined) {
            markdown.appendText(` · ${referenceTexts.hover.size(image.sizeGiB)}`);
        }
        markdown.appendMarkdown('\n\n').appendText(referenceTexts.hover.regions(image.regionIds)).appendMarkdown('  \n');
        const users = this.shownImages.instancesOf(image.id);
        if (users === undefined) {
            markdown.appendText(referenceTexts.hover.instancesUnknown());
        } else if (users.length === 0) {
            markdown.appendText(referenceTexts.hover.noInstances());
        } else {
            const names = users.slice(0, MAX_INSTANCE_NAMES).map((user) => user.name);
            if (users.length > MAX_INSTANCE_NAMES) {
                names.push(referenceTexts.hover.moreInstances(users.length - MAX_INSTANCE_NAMES));
            }
            markdown.appendText(referenceTexts.hover.instances(users.length, joinNames(names)));
        }
        const files = this.references.status.kind === 'ready' ? this.references.referencedImages().get(image.id) : undefined;
        if (files !== undefined) {
            markdown.appendMarkdown('  \n').appendText(referenceTexts.hover.referencedIn(files));
        }
        markdown.appendMarkdown('  \n').appendText(referenceTexts.hover.account(account)).appendMarkdown('\n\n');
        markdown
            .appendMarkdown(`[`)
            .appendText(referenceTexts.hover.reveal())
            .appendMarkdown(`](${commandLink(COMMANDS.revealImage, [image.id])})`);
        if (files !== undefined) {
            const link = commandLink(COMMANDS.showReferences, [image.id]);
            markdown.appendMarkdown(' · [').appendText(referenceTexts.hover.showReferences()).appendMarkdown(`](${link})`);
        }
        return markdown;
    }
}
