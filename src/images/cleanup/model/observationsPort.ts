import { AccountObservations, type ObservedListing } from '../../../shared/records/observations';

/**
 * Where the cleanup gets what this extension has seen of an account's images (first seen, last used). The records
 * lane's ObservationRecord (src/shared/records/observations.ts) has exactly these two methods and is meant to be passed
 * here; until activate() wires it, MemoryObservations stands in (forgotten when the window closes).
 */
export interface ObservationsPort {
    /** Records a complete listing of the account and returns the observations it leads to. */
    observe(account: string, listing: ObservedListing, now: number): Promise<AccountObservations>;
    /** The account's observations as last recorded. */
    read(account: string): Promise<AccountObservations>;
}

/** The stand-in: the same observations, kept in memory for this window only. */
export class MemoryObservations implements ObservationsPort {
    private readonly accounts = new Map<string, AccountObservations>();

    observe(account: string, listing: ObservedListing, now: number): Promise<AccountObservations> {
        const { observations } = this.current(account).observe(listing, now);
        this.accounts.set(account, observations);
        return Promise.resolve(observations);
    }

    read(account: string): Promise<AccountObservations> {
        return Promise.resolve(this.current(account));
    }

    private current(account: string): AccountObservations {
        return this.accounts.get(account) ?? new AccountObservations(account, undefined, new Map());
    }
}
