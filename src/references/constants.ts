/** Identifiers of the workspace-references feature; the manifest contributions are listed in the lead's report. */

export const REFERENCE_COMMANDS = {
    showReferences: 'zenlayer.showReferences',
    rescanReferences: 'zenlayer.rescanReferences',
    /** The hover's link; not in the palette. */
    revealImage: 'zenlayer.revealImage',
} as const;

export const REFERENCE_SETTINGS = {
    section: 'zenlayer.references',
    enabled: 'enabled',
    include: 'include',
    exclude: 'exclude',
} as const;

/** The Problems view's source of every diagnostic of this feature. */
export const DIAGNOSTIC_SOURCE = 'Zenlayer';

export const DIAGNOSTIC_CODES = {
    /** An ID of a custom image that the shown account does not have (deleted, or another account's). */
    missingImage: 'zenlayer.missingImage',
    /** An image the account has, in a status that cannot launch instances (DELETING, FAILED, UNAVAILABLE). */
    unusableImage: 'zenlayer.unusableImage',
} as const;

export const UNUSABLE_STATUSES: ReadonlySet<string> = new Set(['DELETING', 'FAILED', 'UNAVAILABLE']);
