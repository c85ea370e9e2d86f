/**
 * Problems for image IDs in the workspace, only while signed in with a complete listing (cleared on sign-out and on a
 * switch): a custom image ID the shown account does not have (with the date when this VS Code deleted it), or an
 * image in a status that cannot launch instances. IDs of other shapes are never reported.
 */
import type { ShownImages } from '../shared/images/shownImages';
import type { WorkspaceReferences } from '../shared/references/workspaceReferences';
import * as vscode from 'vscode';
import type { ZenlayerImage } from '../zenlayer/types';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE, UNUSABLE_STATUSES } from './constants';
import { hasCustomImageIdShape } from './model/tokens';
import type { FileFindings, TokenOccurrence } from './model/types';
import type { DeleteHistoryLookup } from './ports';
import { referenceTexts, shortDate } from './texts';

/** Bursts of changes (a scan's end and a listing at once) are published once. */
const PUBLISH_DELAY_MS = 50;

export interface DiagnosticsSources {
    readonly references: WorkspaceReferences & { allFindings(): ReadonlyMap<string, FileFindings> };
    readonly shownImages: ShownImages;
    readonly deleteHistory: DeleteHistoryLookup | undefined;
}

export class ReferenceDiagnostics implements vscode.Disposable {
    private readonly collection = vscode.languages.createDiagnosticCollection('zenlayer-references');
    private readonly subscriptions: { dispose(): unknown }[];
    private timer: ReturnType<typeof setTimeout> | undefined;
    private shownAccount: string | undefined;

    constructor(private readonly sources: DiagnosticsSources) {
        this.subscriptions = [sources.references.onDidChange(() => this.schedule()), sources.shownImages.onDidChange(() => this.accountOrListingChanged())];
    }

    private accountOrListingChanged(): void {
        const { accountName, complete } = this.sources.shownImages;
        if (accountName !== this.shownAccount || !complete) {
            // Another account's problems must not linger while its listing loads.
            this.collection.clear();
        }
        this.shownAccount = accountName;
        this.schedule();
    }

    private schedule(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.publish(), PUBLISH_DELAY_MS);
    }

    /** Computes every file's problems from the index and the listing (exposed for tests). */
    publish(): void {
        clearTimeout(this.timer);
        this.collection.clear();
        const { accountName, complete } = this.sources.shownImages;
        if (accountName === undefined || !complete || this.sources.references.status.kind === 'notStarted') {
            return;
        }
        const images = new Map(this.sources.shownImages.images().map((image) => [image.id, image]));
        const entries: [vscode.Uri, vscode.Diagnostic[]][] = [];
        for (const [uri, findings] of this.sources.references.allFindings()) {
            const problems = findings.idTokens.flatMap((token) => this.problemOf(token, images.get(token.text), accountName) ?? []);
            if (problems.length > 0) {
                entries.push([vscode.Uri.parse(uri), problems]);
            }
        }
        this.collection.set(entries);
    }

    private problemOf(token: TokenOccurrence, image: ZenlayerImage | undefined, accountName: string): vscode.Diagnostic | undefined {
        let message: string;
        let code: string;
        if (image) {
            if (!UNUSABLE_STATUSES.has(image.status)) {
                return undefined;
            }
            message = referenceTexts.problem.unusable(image);
            code = DIAGNOSTIC_CODES.unusableImage;
        } else if (hasCustomImageIdShape(token.text)) {
            const deleted = this.sources.deleteHistory?.deleted(token.text);
            message = deleted
                ? referenceTexts.problem.deleted(token.text, deleted.name, shortDate(deleted.deletedAt))
                : referenceTexts.problem.missing(token.text, accountName);
            code = DIAGNOSTIC_CODES.missingImage;
        } else {
            return undefined;
        }
        const range = new vscode.Range(token.line, token.startColumn, token.line, token.endColumn);
        const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = code;
        return diagnostic;
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.subscriptions.forEach((subscription) => subscription.dispose());
        this.collection.dispose();
    }
}
