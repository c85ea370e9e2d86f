/**
 * What the workspace-references feature needs from the rest of the extension. What it shares with the images feature
 * (the shown images, the references it finds) is in src/shared; activate wires both.
 */
import type { QuickPickItem, QuickPickOptions } from 'vscode';
import type { ShownImages } from '../shared/images/shownImages';
import type { ScanLimits } from './model/scanner';

/** What the delete history knows of an image deleted from this VS Code. */
export interface DeletedImage {
    readonly deletedAt: Date;
    readonly name: string | undefined;
}

export interface DeleteHistoryLookup {
    deleted(imageId: string): DeletedImage | undefined;
}

/** The log: English lines, never a secret. */
export interface ReferencesLogger {
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
}

/** The dialogs this feature uses; the extension's UserInterface has exactly these signatures (tests script them). */
export interface ReferencesUi {
    showMessage(
        severity: 'info' | 'warning' | 'error',
        message: string,
        options: { readonly modal?: boolean; readonly detail?: string },
        ...buttons: string[]
    ): Thenable<string | undefined>;
    pickOne<T extends QuickPickItem>(items: readonly T[], options: QuickPickOptions): Thenable<T | undefined>;
    /** A status-bar spinner until `until` settles. */
    showBackgroundProgress(title: string, until: Thenable<unknown>): void;
}

export interface ReferencesDependencies {
    readonly shownImages: ShownImages;
    /** Optional until the delete history lands: diagnostics then say "not in the account" without a date. */
    readonly deleteHistory?: DeleteHistoryLookup;
    /** Selects the image in the images view (the hover's link). */
    readonly revealImage: (imageId: string) => unknown;
    readonly logger: ReferencesLogger;
    readonly ui: ReferencesUi;
    /** Tests make the scan small; the defaults suit a real workspace. */
    readonly limits?: Partial<ScanLimits>;
}
