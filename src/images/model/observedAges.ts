import type { AccountObservations, FirstSeen, ObservedListing } from '../../shared/records/observations';
import type { CompleteListing } from './listing';

/** The observation record as this feature uses it (src/shared/records/observations.ts ObservationRecord). */
export interface ObservationStore {
    observe(account: string, listing: ObservedListing, now: number): Promise<AccountObservations>;
    read(account: string): Promise<AccountObservations>;
}

export interface ObservedAgesDependencies {
    readonly store: ObservationStore;
    readonly now: () => number;
    /** Runs the record's write after the listing is on screen (setTimeout 0 in the extension). */
    readonly later: (work: () => void) => void;
}

/**
 * Feeds every complete listing to the observation record, in order and off the listing's path: the view updates first,
 * the writes follow one after another per account. Keeps the last observations of each account at hand, so a tooltip
 * reads an image's first-seen date without touching the disk.
 */
export class ObservedAges implements ObservationStore {
    private readonly known = new Map<string, AccountObservations>();
    private readonly writing = new Map<string, Promise<void>>();
    private readonly waiting = new Map<string, (CompleteListing & { readonly at: number })[]>();

    constructor(private readonly deps: ObservedAgesDependencies) {}

    /** The model's `listed`: cheap, the work runs later. */
    listed(listing: CompleteListing): void {
        // Every listing counts, the first above all: it decides which images were "there before".
        const waiting = this.waiting.get(listing.account) ?? [];
        waiting.push({ ...listing, at: this.deps.now() });
        this.waiting.set(listing.account, waiting);
        if (!this.writing.has(listing.account)) {
            const written = new Promise<void>((resolve) => this.deps.later(() => void this.drain(listing.account).finally(resolve)));
            this.writing.set(listing.account, written);
        }
    }

    /** When the extension first saw the image, from the account's last observations here; undefined before they are read. */
    firstSeen(account: string | undefined, imageId: string): FirstSeen | undefined {
        return account === undefined ? undefined : this.known.get(account)?.firstSeen(imageId);
    }

    /**
     * The account's observations, including the listing the view shows now (its write waited for): what a cleanup plan
     * reads after a listing. Read from the file, as any window last wrote it, when this window has not listed the account.
     */
    async observations(account: string): Promise<AccountObservations> {
        await this.writing.get(account);
        const known = this.known.get(account);
        if (known) {
            return known;
        }
        const read = await this.deps.store.read(account);
        this.known.set(account, read);
        return read;
    }

    /** Records a listing now (a cleanup plan's own fresh listing), after the view's pending writes, and returns the observations. */
    async observe(account: string, listing: ObservedListing, at: number): Promise<AccountObservations> {
        await this.writing.get(account);
        const observed = await this.deps.store.observe(account, listing, at);
        this.known.set(account, observed);
        return observed;
    }

    /** The store's read, through what this window knows: a cleanup reads observations the way the tooltips do. */
    read(account: string): Promise<AccountObservations> {
        return this.observations(account);
    }

    /** The removed account's observations are gone from the file; nothing of them stays here either. */
    forget(account: string): void {
        this.known.delete(account);
        this.waiting.delete(account);
    }

    private async drain(account: string): Promise<void> {
        try {
            for (let next = this.waiting.get(account)?.shift(); next; next = this.waiting.get(account)?.shift()) {
                // The store never rejects: a record it cannot write is logged, and the listing's observations still hold.
                this.known.set(account, await this.deps.store.observe(account, observedListing(next), next.at));
            }
        } finally {
            this.waiting.delete(account);
            this.writing.delete(account);
        }
    }
}

function observedListing(listing: CompleteListing): ObservedListing {
    const { usage } = listing;
    return {
        imageIds: listing.images.map((image) => image.id),
        usedImageIds: usage.kind === 'known' ? new Set(usage.byImage.keys()) : undefined,
    };
}
