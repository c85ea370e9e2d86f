/** Identifiers of the workspace-references feature (its commands are in src/constants.ts with the others). */

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
