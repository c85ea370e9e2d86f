/**
 * What the workspace-references feature needs from the rest of the extension, and what it offers it. The lead wires
 * these when registering the feature; the shared ones may move down a layer. Nothing here imports another feature.
 */
import type { QuickPickItem, QuickPickOptions } from 'vscode';
import type { ZenlayerImage } from '../zenlayer/types';
import type { Event } from './model/events';
import type { ScanLimits, ScanTruncation } from './model/scanner';
import type { ReferenceLocation, SkippedPattern } from './model/types';

/** An instance that runs an image, as the hover names it. */
export interface ImageUser {
    readonly id: string;
    readonly name: string;
    readonly status: string;
    readonly zoneId: string | undefined;
}

/** The images the view shows: the account, its listing, and who uses each image. */
export interface ShownImages {
    /** The account shown; undefined when signed out. */
    readonly accountName: string | undefined;
    /**
     * True while `images()` is the account's full, unfiltered listing (kept true during a refresh that keeps it).
     * Diagnostics exist only then: an image missing from a partial listing is not missing from the account.
     */
    readonly complete: boolean;
    images(): readonly ZenlayerImage[];
    /** The instances that run an image; undefined when instances could not be listed. */
    instancesOf(imageId: string): readonly ImageUser[] | undefined;
    /** Fires on any change: account, listing, completeness, usage. */
    readonly onDidChange: Event<void>;
}

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

/**
 * Where the scan is. `ready` says whether a limit stopped it early (some files unsearched). A scan starts only when
 * something needs it (start() or whenReady()), never at activation.
 */
export type ReferenceScanStatus =
    | { readonly kind: 'notStarted' }
    | { readonly kind: 'scanning' }
    | { readonly kind: 'ready'; readonly filesScanned: number; readonly truncated: ScanTruncation | undefined }
    | { readonly kind: 'failed'; readonly error: unknown };

/** What the images view and the deletes use. */
export interface WorkspaceReferences {
    readonly status: ReferenceScanStatus;
    /** Fires when the status or any reference changes. */
    readonly onDidChange: Event<void>;
    /** Starts the scan if it has not started (or failed before); returns at once. */
    start(): void;
    /** Starts the scan if needed and resolves once it has ended and every pending update is applied. */
    whenReady(): Promise<ReferenceScanStatus>;
    /** The references to an image of the shown account, by file and line (empty until the scan is ready). */
    referencesTo(imageId: string): readonly ReferenceLocation[];
    /** Referenced image IDs with how many files reference each. */
    referencedImages(): ReadonlyMap<string, number>;
    /** Name regexes that were not applied, and why. */
    skippedPatterns(): readonly SkippedPattern[];
    /** `infra/prod.tf:14`: the workspace-relative path (with the folder's name in a multi-root workspace) and the line. */
    describeLocation(location: ReferenceLocation): string;
    /** The location as a URI whose `#L14,5` fragment VS Code's link opener selects (for clickable Markdown links). */
    linkTarget(location: ReferenceLocation): string;
}
