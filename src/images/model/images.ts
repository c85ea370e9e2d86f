import type { ZenlayerImage } from '../../zenlayer/types';
import type { UsingInstance } from './usage';

/** Why an image is not sent in a delete; the view layer turns each into a localised sentence. */
export type UndeletableReason = 'public' | 'transitional' | 'deleting' | 'protected';

/** States in which Zenlayer refuses a delete while they last (DELETING has its own reason). */
const TRANSITIONAL_STATUSES: ReadonlySet<string> = new Set(['CREATING', 'SYNCING', 'PROCESSING']);

/** What Zenlayer would refuse by the image's type or state (protection is the user's rule, checked beside it). */
export function undeletableReason(image: ZenlayerImage): Exclude<UndeletableReason, 'protected'> | undefined {
    if (image.type !== 'CUSTOM_IMAGE') {
        return 'public';
    }
    if (image.status === 'DELETING') {
        return 'deleting';
    }
    if (TRANSITIONAL_STATUSES.has(image.status)) {
        return 'transitional';
    }
    return undefined;
}

export function isDeletable(image: ZenlayerImage): boolean {
    return undeletableReason(image) === undefined;
}

export interface StatusPresentation {
    /** Codicon id, `~spin` included for transitional states. */
    readonly icon: string;
    /** Theme colour id, or undefined for the default foreground. */
    readonly color: string | undefined;
}

const STATUS_PRESENTATION: Readonly<Record<string, StatusPresentation>> = {
    AVAILABLE: { icon: 'pass', color: 'testing.iconPassed' },
    CREATING: { icon: 'loading~spin', color: 'charts.blue' },
    SYNCING: { icon: 'sync~spin', color: 'charts.blue' },
    PROCESSING: { icon: 'loading~spin', color: 'charts.blue' },
    DELETING: { icon: 'loading~spin', color: 'charts.orange' },
    UNAVAILABLE: { icon: 'circle-slash', color: 'disabledForeground' },
    FAILED: { icon: 'error', color: 'problemsErrorIcon.foreground' },
};

export function statusPresentation(status: string): StatusPresentation {
    return STATUS_PRESENTATION[status] ?? { icon: 'question', color: undefined };
}

/**
 * The likely reason Zenlayer refused an image, from what the extension knows (DeleteImages never says): instances run
 * from it, its status (looked up after the answer), it no longer exists, or nothing explains it.
 */
export type RefusalReason =
    | { readonly kind: 'inUse'; readonly instances: readonly UsingInstance[] }
    | { readonly kind: 'status'; readonly status: string }
    | { readonly kind: 'notFound' }
    | { readonly kind: 'unknown' };

/** Why the last delete of an image did not go through, as far as the extension knows. */
export type DeleteFailure =
    /** DeleteImages listed the ID as failed; it never says why, so the reason is the extension's best knowledge. */
    | { readonly kind: 'refused'; readonly reason: RefusalReason }
    /** The request of the image's chunk failed, so Zenlayer gave no verdict. */
    | { readonly kind: 'requestFailed'; readonly error: Error }
    /** Zenlayer accepted the delete, then listed the image in this status instead of DELETING. */
    | { readonly kind: 'reverted'; readonly status: string }
    /** Never sent: an earlier chunk timed out or could not reach Zenlayer. Sending again is safe. */
    | { readonly kind: 'notSent'; readonly error: Error }
    /** Sent, but the answer could not tell whether Zenlayer accepted it: refresh before retrying. */
    | { readonly kind: 'unknownOutcome'; readonly error: Error };

/** The one record of an image's delete, kept by the images model until Zenlayer's listing settles it. */
export type DeleteMark =
    /** In a DeleteImages call that has not answered yet. */
    | { readonly phase: 'sending' }
    /** Accepted; watched until Zenlayer no longer lists the image. */
    | { readonly phase: 'accepted' }
    /** Not deleted, until the next refresh. */
    | { readonly phase: 'failed'; readonly failure: DeleteFailure };

export type ImageMarks = ReadonlyMap<string, DeleteMark>;

export const NO_MARKS: ImageMarks = new Map();

export function isBeingDeleted(mark: DeleteMark | undefined): boolean {
    return mark?.phase === 'sending' || mark?.phase === 'accepted';
}

const CONTEXT_VALUE_PREFIX = 'zenlayer.image';

/**
 * `zenlayer.image.<custom|public>.<status>[.deletable]`: menus match on `.deletable` for Delete and on the prefix
 * for Copy/View Details, so Delete is never offered for an image the API would refuse by its type or state.
 */
export function imageContextValue(image: ZenlayerImage, marks: ImageMarks = NO_MARKS, protectedBy?: string): string {
    const kind = image.type === 'CUSTOM_IMAGE' ? 'custom' : 'public';
    const status = image.status.toLowerCase();
    const deletable = isDeletable(image) && !isBeingDeleted(marks.get(image.id)) && protectedBy === undefined;
    return `${CONTEXT_VALUE_PREFIX}.${kind}.${status}${deletable ? '.deletable' : ''}`;
}

/** Compares names the way people read them: case-insensitive, numbers in numeric order; ID breaks ties. */
const nameCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
export function compareByName(a: ZenlayerImage, b: ZenlayerImage): number {
    return nameCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function formatSize(sizeGiB: number | undefined): string | undefined {
    return sizeGiB === undefined ? undefined : `${sizeGiB} GiB`;
}
