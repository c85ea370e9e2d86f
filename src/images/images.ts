import type { ZenlayerImage } from '../zenlayer/types';

/** Why an image cannot be deleted; the view layer turns each into a localised sentence. */
export type UndeletableReason = 'public' | 'transitional' | 'deleting';

/** States in which Zenlayer refuses a delete while they last (DELETING has its own reason). */
const TRANSITIONAL_STATUSES: ReadonlySet<string> = new Set(['CREATING', 'SYNCING', 'PROCESSING']);

export function undeletableReason(image: ZenlayerImage): UndeletableReason | undefined {
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

/** Marks the extension keeps on images between refreshes. */
export interface ImageMarks {
    /** IDs sent in a DeleteImages call that has not answered yet. */
    readonly deleting: ReadonlySet<string>;
    /** IDs the last delete reported as failed, with the reason when known. */
    readonly failed: ReadonlyMap<string, string | undefined>;
}

export const NO_MARKS: ImageMarks = { deleting: new Set(), failed: new Map() };

const CONTEXT_VALUE_PREFIX = 'zenlayer.image';

/**
 * `zenlayer.image.<custom|public>.<status>[.deletable]`: menus match on `.deletable` for Delete and on the prefix
 * for Copy/View Details, so Delete is never offered for an image the API would refuse by its type or state.
 */
export function imageContextValue(image: ZenlayerImage, marks: ImageMarks = NO_MARKS): string {
    const kind = image.type === 'CUSTOM_IMAGE' ? 'custom' : 'public';
    const status = image.status.toLowerCase();
    const deletable = isDeletable(image) && !marks.deleting.has(image.id);
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
