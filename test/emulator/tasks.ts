/**
 * The timing of the asynchronous image tasks, as pure functions of a clock: a CopyImage call becomes a plan (when each
 * destination prepares, waits, transfers, finishes or fails), and what DescribeImageCopyProgress shows is read off that
 * plan at any instant. Nothing here keeps a timer: the account settles its tasks whenever it is looked at.
 */

/** How long the stages of a copy take, and how many destinations of one image transfer at once. */
export interface CopyTimings {
    /** PREPARING: the backup Zenlayer makes before the first transfer; every destination waits for it. */
    prepareMs: number;
    /** TRANSFERRING, per destination: syncPercent rises from 0 to 100 over this time. */
    transferMs: number;
    /** Destinations of one image that transfer at once; the others are `queued` until a slot is free. */
    parallel: number;
}

/** One destination of a copy: its transfer slot and, when a fault applies, when and how it fails. */
export interface CopyDestination {
    readonly regionId: string;
    readonly regionName: string;
    /** When its transfer starts and ends (ms of the task clock). */
    readonly transferStart: number;
    readonly transferEnd: number;
    /** Whether its slot is one of the first `parallel` (not queued while the image prepares). */
    readonly firstSlot: boolean;
    /** A failing destination stops half-way through its transfer with this message, and stays listed with it. */
    readonly errorInfo?: string;
}

export interface CopyPlan {
    readonly imageId: string;
    readonly preparedAt: number;
    readonly destinations: readonly CopyDestination[];
    /** When the last destination's slot ends: the image leaves SYNCING then. */
    readonly endsAt: number;
}

/** One entry of DescribeImageCopyProgress (ImageCopyProgress in the official SDKs). */
export interface CopyProgressEntry {
    destRegionId: string;
    destRegionName: string;
    syncStage: 'PREPARING' | 'TRANSFERRING';
    queued: boolean;
    /** Two decimals, as documented ("e.g. 74.23"); never 100 while listed. */
    syncPercent: number;
    errorInfo: string | null;
}

/** Destinations transfer `parallel` at a time, in the order asked for, once the image is prepared. */
export function planCopy(
    imageId: string,
    now: number,
    destinations: readonly { regionId: string; regionName: string; errorInfo?: string }[],
    timings: CopyTimings,
): CopyPlan {
    const preparedAt = now + timings.prepareMs;
    const planned = destinations.map((destination, index): CopyDestination => {
        const slot = Math.floor(index / timings.parallel);
        const transferStart = preparedAt + slot * timings.transferMs;
        return { ...destination, transferStart, transferEnd: transferStart + timings.transferMs, firstSlot: slot === 0 };
    });
    return { imageId, preparedAt, destinations: planned, endsAt: Math.max(preparedAt, ...planned.map((d) => d.transferEnd)) };
}

/** When a failing destination stops: half-way through its transfer. */
export function failureTime(destination: CopyDestination): number {
    return destination.transferStart + (destination.transferEnd - destination.transferStart) / 2;
}

function percentAt(destination: CopyDestination, at: number): number {
    const span = destination.transferEnd - destination.transferStart;
    const share = span <= 0 ? 1 : (at - destination.transferStart) / span;
    // Floored to two decimals and kept below 100: a listed destination is not done yet.
    return Math.min(99.99, Math.max(0, Math.floor(share * 10_000) / 100));
}

/**
 * What DescribeImageCopyProgress lists at `now`: every destination still in progress. A finished one is gone; a failed
 * one stays, frozen where it stopped and with its errorInfo, until the whole copy ends.
 */
export function progressAt(plan: CopyPlan, now: number): CopyProgressEntry[] {
    return plan.destinations.flatMap((destination): CopyProgressEntry[] => {
        const base = { destRegionId: destination.regionId, destRegionName: destination.regionName };
        if (destination.errorInfo !== undefined && now >= failureTime(destination)) {
            return [
                {
                    ...base,
                    syncStage: 'TRANSFERRING',
                    queued: false,
                    syncPercent: percentAt(destination, failureTime(destination)),
                    errorInfo: destination.errorInfo,
                },
            ];
        }
        if (now >= destination.transferEnd) {
            return [];
        }
        if (now < plan.preparedAt) {
            return [{ ...base, syncStage: 'PREPARING', queued: !destination.firstSlot, syncPercent: 0, errorInfo: null }];
        }
        if (now < destination.transferStart) {
            return [{ ...base, syncStage: 'PREPARING', queued: true, syncPercent: 0, errorInfo: null }];
        }
        return [{ ...base, syncStage: 'TRANSFERRING', queued: false, syncPercent: percentAt(destination, now), errorInfo: null }];
    });
}
