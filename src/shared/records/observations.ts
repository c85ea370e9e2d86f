import * as path from 'node:path';
import { accountFilePath, isAccountName, isRecordId } from './accountFiles';
import type { LockOptions } from './fileLock';
import { describeError, type EmptyCause, JsonFile, type RecordLogger } from './jsonFile';

/**
 * What this extension has seen of an account's images, since Zenlayer gives images no creation time: when each image
 * was first listed, and when an instance was last seen using it. Images already there at the account's first listing
 * have no known age ("there before" that listing). Holds image IDs and times only, never a secret.
 */

/** When the extension first saw an image: at a listing, or already at the account's first listing (age unknown). */
export type FirstSeen = { readonly kind: 'beforeFirstListing'; readonly firstListingAt: number } | { readonly kind: 'at'; readonly at: number };

/** One complete listing of the account: every image, and the images instances use (undefined when usage is unknown). */
export interface ObservedListing {
    readonly imageIds: Iterable<string>;
    readonly usedImageIds: ReadonlySet<string> | undefined;
}

interface Seen {
    /** Milliseconds, or BEFORE_FIRST_LISTING. */
    readonly firstSeen: number;
    readonly lastUsed: number | undefined;
}

const BEFORE_FIRST_LISTING = -1;
const FORMAT = 1;
/** Far above any account's image quota; images past it stay unrecorded, which only ever keeps them ("not seen yet"). */
export const MAX_OBSERVED_IMAGES = 50_000;
/** In-use images are seen on every listing (every few seconds while deletes are followed): a new time is written at most this often. */
export const LAST_USED_RESOLUTION_MS = 10 * 60_000;
const MAX_FILE_BYTES = 4 * 2 ** 20;

/** One account's observations; immutable (observe returns a new one). */
export class AccountObservations {
    constructor(
        readonly account: string,
        /** The first time this extension listed the account; undefined before that. */
        readonly firstListingAt: number | undefined,
        private readonly seen: ReadonlyMap<string, Seen>,
        /**
         * The record was lost (set aside, or written by a newer version): images at the next listing are taken as first
         * seen then, not as older than any rule — a lost record must not make a fresh build look old.
         */
        readonly startedAfterLoss = false,
    ) {}

    get imageCount(): number {
        return this.seen.size;
    }

    /** Undefined for an image not in the record (never listed, or past MAX_OBSERVED_IMAGES). */
    firstSeen(imageId: string): FirstSeen | undefined {
        const seen = this.seen.get(imageId);
        if (seen === undefined || this.firstListingAt === undefined) {
            return undefined;
        }
        return seen.firstSeen === BEFORE_FIRST_LISTING
            ? { kind: 'beforeFirstListing', firstListingAt: this.firstListingAt }
            : { kind: 'at', at: seen.firstSeen };
    }

    /** The last listing at which an instance used the image (to LAST_USED_RESOLUTION_MS); undefined if never seen in use. */
    lastUsedAt(imageId: string): number | undefined {
        return this.seen.get(imageId)?.lastUsed;
    }

    /**
     * The record after a complete listing at `now`: new images are first seen now (or "before", at the first listing),
     * images no longer listed are dropped, images in use get `now` as their last use. `changed` is false when there is
     * nothing worth writing.
     */
    observe(listing: ObservedListing, now: number): { observations: AccountObservations; changed: boolean } {
        const firstListing = this.firstListingAt === undefined;
        const newFirstSeen = firstListing && !this.startedAfterLoss ? BEFORE_FIRST_LISTING : now;
        const next = new Map<string, Seen>();
        let changed = firstListing;
        for (const id of listing.imageIds) {
            if (next.size >= MAX_OBSERVED_IMAGES) {
                break;
            }
            if (next.has(id)) {
                continue;
            }
            const before = this.seen.get(id);
            const used = listing.usedImageIds?.has(id) === true;
            if (before === undefined) {
                next.set(id, { firstSeen: newFirstSeen, lastUsed: used ? now : undefined });
                changed = true;
            } else if (used && (before.lastUsed === undefined || now - before.lastUsed >= LAST_USED_RESOLUTION_MS)) {
                next.set(id, { firstSeen: before.firstSeen, lastUsed: now });
                changed = true;
            } else {
                next.set(id, before);
            }
        }
        changed ||= next.size !== this.seen.size;
        return { observations: new AccountObservations(this.account, this.firstListingAt ?? now, next), changed };
    }

    /** The same observations under another account name. */
    renamed(account: string): AccountObservations {
        return new AccountObservations(account, this.firstListingAt, this.seen, this.startedAfterLoss);
    }

    /**
     * Compact text: times are whole seconds after the first listing, -1 for "before the first listing" and "never seen in
     * use" (a 10,000-image account takes a few hundred KB).
     */
    encode(): string {
        const base = Math.floor((this.firstListingAt ?? 0) / 1000);
        // Down to the second, never up: a time read back must not lie ahead of the listing (an image seen 0.6 s ago
        // would read as first seen in the future, too new for any age rule, even one of 0 days).
        const offset = (ms: number | undefined) => (ms === undefined || ms === BEFORE_FIRST_LISTING ? -1 : Math.max(0, Math.floor(ms / 1000) - base));
        const images: string[] = [];
        for (const [id, seen] of this.seen) {
            images.push(`${JSON.stringify(id)}:[${offset(seen.firstSeen)},${offset(seen.lastUsed)}]`);
        }
        return `{"format":${FORMAT},"account":${JSON.stringify(this.account)},"firstListing":${base},"images":{${images.join(',')}}}`;
    }

    /** Undefined when the text is not one account's record; entries that make no sense are left out. */
    static decode(value: Record<string, unknown>, account: string): AccountObservations | undefined {
        const { account: named, firstListing, images } = value;
        if (!isAccountName(named) || named !== account || !isSeconds(firstListing) || typeof images !== 'object' || images === null || Array.isArray(images)) {
            return undefined;
        }
        const seen = new Map<string, Seen>();
        const base = firstListing * 1000;
        const entries = images as Record<string, unknown>;
        for (const id in entries) {
            if (seen.size >= MAX_OBSERVED_IMAGES) {
                break;
            }
            const entry = entries[id];
            if (!isRecordId(id) || !Array.isArray(entry) || entry.length !== 2 || !isOffset(entry[0]) || !isOffset(entry[1])) {
                continue; // left out: the image counts as not seen yet, which only ever keeps it
            }
            const [first, last] = entry as [number, number];
            seen.set(id, { firstSeen: first < 0 ? BEFORE_FIRST_LISTING : base + first * 1000, lastUsed: last < 0 ? undefined : base + last * 1000 });
        }
        return new AccountObservations(account, base, seen);
    }
}

/** Seconds since 1970 up to the year 9999. */
function isSeconds(value: unknown): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 253_402_300_800;
}

function isOffset(value: unknown): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= -1 && value < 253_402_300_800;
}

/**
 * The observations of every account, one file per account in `<storage>/observations/`. Never rejects: a record
 * that cannot be written is logged, and the caller still gets what this listing showed.
 */
export class ObservationRecord {
    private readonly directory: string;

    constructor(
        storageDirectory: string,
        private readonly logger: RecordLogger,
        private readonly lock?: LockOptions,
    ) {
        this.directory = path.join(storageDirectory, 'observations');
    }

    /** Records a complete listing of the account and returns the observations it leads to. */
    async observe(account: string, listing: ObservedListing, now: number): Promise<AccountObservations> {
        const file = this.file(account);
        let observed: AccountObservations | undefined;
        try {
            return await file.update((current) => {
                const { observations, changed } = current.observe(listing, now);
                observed = observations;
                return changed ? observations : undefined;
            });
        } catch (error) {
            this.logger.warn(`Could not record the listing of ${account} in ${file.path}: ${describeError(error)}`);
            if (observed) {
                return observed; // the write failed: what this listing showed still holds
            }
            // Not even read under the lock: start from what the file says, or from nothing known (images then count as new).
            const current = await file.read().catch(() => new AccountObservations(account, undefined, new Map(), true));
            return current.observe(listing, now).observations;
        }
    }

    /** The account's observations as last written (by any window). */
    read(account: string): Promise<AccountObservations> {
        return this.file(account).read();
    }

    /** When the account is removed: its record goes with it. */
    async forgetAccount(account: string): Promise<void> {
        await this.file(account)
            .remove()
            .catch((error: unknown) => this.logger.warn(`Could not forget the observations of ${account}: ${describeError(error)}`));
    }

    /** A renamed account keeps its record. */
    async renameAccount(from: string, to: string): Promise<void> {
        try {
            const source = this.file(from);
            const observations = await source.read();
            if (observations.firstListingAt === undefined) {
                return;
            }
            await this.file(to).update(() => observations.renamed(to));
            await source.remove();
        } catch (error) {
            this.logger.warn(`Could not move the observations of ${from} to ${to}: ${describeError(error)}`);
        }
    }

    private file(account: string): JsonFile<AccountObservations> {
        return new JsonFile<AccountObservations>({
            path: accountFilePath(this.directory, account),
            format: FORMAT,
            decode: (value) => AccountObservations.decode(value, account),
            encode: (observations) => observations.encode(),
            empty: (cause: EmptyCause) => new AccountObservations(account, undefined, new Map(), cause !== 'missing'),
            logger: this.logger,
            maxBytes: MAX_FILE_BYTES,
            // Written on every listing; a power cut that loses the last write only makes images look newer (kept).
            durable: false,
            ...(this.lock ? { lock: this.lock } : {}),
        });
    }
}
