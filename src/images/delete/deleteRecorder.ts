import type { DeleteTrigger, HistoryEntry, HistoryImage, HistoryReason, NewHistoryEntry } from '../../shared/records/deleteHistory';
import type { ZenlayerImage } from '../../zenlayer/types';
import type { DeleteOutcome } from './deleteResult';
import type { RefusalReason } from '../model/images';

/** The delete history as this feature uses it (src/shared/records/deleteHistory.ts DeleteHistory; it never rejects). */
export interface HistoryStore {
    append(entry: NewHistoryEntry): Promise<HistoryEntry | undefined>;
    markGone(account: string, imageIds: Iterable<string>, at: number): Promise<void>;
    /** Newest first. */
    entries(account: string): Promise<HistoryEntry[]>;
    accounts(): Promise<string[]>;
}

/** How a delete was asked for, and for a plan, which plan. */
export interface DeleteRequest {
    readonly trigger: DeleteTrigger;
    readonly planFingerprint?: string;
}

/** What the history knows of an image deleted from this VS Code (the references feature's DeleteHistoryLookup). */
export interface DeletedImage {
    readonly deletedAt: Date;
    readonly name: string | undefined;
}

export interface DeleteRecorderDependencies {
    readonly store: HistoryStore;
    readonly now: () => number;
    /** The account the view shows: its deleted images are kept at hand for diagnostics and hovers. */
    readonly shownAccount: () => string | undefined;
}

/**
 * Writes every delete to the history, whatever path sent it, and marks accepted images gone once Zenlayer no longer
 * lists them. Writes never stand in a delete's way: the flow does not wait for them (tests do, with `whenWritten`), and
 * the store logs what it cannot write.
 */
export class DeleteRecorder {
    private readonly writes = new Set<Promise<unknown>>();
    /** This window's appends, one after another: the file keeps them in the order the deletes were sent. */
    private appended: Promise<unknown> = Promise.resolve();
    /** Accepted images still followed, by ID: the account they were deleted from. */
    private readonly accountOf = new Map<string, string>();
    private deletedIndex: { account: string | undefined; images: Map<string, DeletedImage> } = { account: undefined, images: new Map() };
    private loading = 0;

    constructor(private readonly deps: DeleteRecorderDependencies) {}

    /** One entry for one delete that was sent (or could not be): the result per image, the request IDs, the time. */
    record(account: string, request: DeleteRequest, outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>, sentAt: number): void {
        const images = historyImagesOf(outcome, reasons);
        const entry: NewHistoryEntry = {
            at: sentAt,
            account,
            trigger: request.trigger,
            requested: images.map((image) => image.id),
            requestIds: outcome.requestIds,
            images,
            ...(request.planFingerprint !== undefined ? { planFingerprint: request.planFingerprint } : {}),
        };
        outcome.accepted.forEach((image) => this.accountOf.set(image.id, account));
        this.followShownAccount();
        if (account === this.deletedIndex.account) {
            outcome.accepted.forEach((image) => this.deletedIndex.images.set(image.id, { deletedAt: new Date(sentAt), name: image.name }));
        }
        const append = this.appended.then(() => this.deps.store.append(entry));
        this.appended = append.catch(() => undefined);
        this.track(append);
    }

    /** Images of recorded deletes that Zenlayer no longer lists. */
    gone(images: readonly ZenlayerImage[]): void {
        const byAccount = new Map<string, string[]>();
        for (const image of images) {
            const account = this.accountOf.get(image.id);
            if (account !== undefined) {
                this.accountOf.delete(image.id);
                byAccount.set(account, [...(byAccount.get(account) ?? []), image.id]);
            }
        }
        const at = this.deps.now();
        // After the entries they mark: an append still being written is in the file before its images are marked.
        const before = Promise.all(this.writes);
        byAccount.forEach((ids, account) => this.track(before.then(() => this.deps.store.markGone(account, ids, at))));
    }

    /** Followed images of an account that switched away are no longer watched: nothing will mark them gone. */
    abandoned(imageIds: readonly string[]): void {
        imageIds.forEach((id) => this.accountOf.delete(id));
    }

    /** An image of the shown account deleted from this VS Code (accepted or gone), from its newest such entry. */
    deleted(imageId: string): DeletedImage | undefined {
        this.followShownAccount();
        return this.deletedIndex.images.get(imageId);
    }

    /** Resolves once every write started so far has finished (tests; the history document reads after them). */
    async whenWritten(): Promise<void> {
        while (this.writes.size > 0) {
            await Promise.all(this.writes);
        }
    }

    /** Loads the deleted images of the shown account when it changed since the last look. */
    followShownAccount(): void {
        const account = this.deps.shownAccount();
        if (account === this.deletedIndex.account) {
            return;
        }
        const images = new Map<string, DeletedImage>();
        this.deletedIndex = { account, images };
        if (account === undefined) {
            return;
        }
        const load = ++this.loading;
        this.track(
            this.deps.store.entries(account).then((entries) => {
                if (load !== this.loading) {
                    return;
                }
                // Newest first: an image's newest delete is the one kept, and so is what this window added meanwhile.
                for (const entry of entries) {
                    for (const image of entry.images) {
                        if ((image.result === 'accepted' || image.result === 'gone') && !images.has(image.id)) {
                            images.set(image.id, { deletedAt: new Date(entry.at), name: image.name });
                        }
                    }
                }
            }),
        );
    }

    private track(write: Promise<unknown>): void {
        const tracked = write.catch(() => undefined).finally(() => this.writes.delete(tracked));
        this.writes.add(tracked);
    }
}

/** What became of each image of the delete, with what a person needs later to know what it was. */
export function historyImagesOf(outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): HistoryImage[] {
    const described = (image: ZenlayerImage) => ({
        id: image.id,
        name: image.name,
        regionIds: image.regionIds,
        tags: image.tags,
        ...(image.sizeGiB !== undefined ? { sizeGiB: image.sizeGiB } : {}),
    });
    const withError = (result: 'failed' | 'notSent' | 'unknown') => (failure: { image: ZenlayerImage; error: Error }) => ({
        ...described(failure.image),
        result,
        error: failure.error.message,
    });
    return [
        ...outcome.accepted.map((image) => ({ ...described(image), result: 'accepted' as const })),
        ...outcome.refused.map((image) => ({ ...described(image), result: 'refused' as const, reason: historyReason(reasons.get(image.id)) })),
        ...outcome.failed.map(withError('failed')),
        ...outcome.notSent.map(withError('notSent')),
        ...outcome.unknown.map(withError('unknown')),
    ];
}

function historyReason(reason: RefusalReason | undefined): HistoryReason {
    switch (reason?.kind) {
        case 'inUse':
            return { kind: 'inUse', detail: reason.instances.map((instance) => instance.name).join(', ') };
        case 'status':
            return { kind: 'status', detail: reason.status };
        case 'notFound':
            return { kind: 'notFound' };
        default:
            return { kind: 'unknown' };
    }
}
