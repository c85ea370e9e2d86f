/**
 * Image references in the workspace's files, as the images feature uses them (the references feature finds them).
 * Plain types: the images view and the deletes depend on this port, never on the feature that implements it.
 */
import type { Event } from '../../platform/events';

/** Where an image is referenced: a file (its URI as a string), a zero-based line and a column range in UTF-16 units. */
export interface ReferenceLocation {
    readonly uri: string;
    readonly line: number;
    readonly startColumn: number;
    readonly endColumn: number;
    /** The image's exact ID, or an `image_name_regex` of a `zenlayercloud_zec_images` data source that selects it. */
    readonly via: { readonly kind: 'id' } | { readonly kind: 'nameRegex'; readonly pattern: string };
}

/** Which limit stopped a scan early (some files were not searched). */
export type ScanTruncation = 'files' | 'bytes' | 'time';

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
    /** `infra/prod.tf:14`: the workspace-relative path (with the folder's name in a multi-root workspace) and the line. */
    describeLocation(location: ReferenceLocation): string;
    /** The location as a URI whose `#L14,5` fragment VS Code's link opener selects (for clickable Markdown links). */
    linkTarget(location: ReferenceLocation): string;
}
