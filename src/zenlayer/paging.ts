import { sampleIds } from './bounds';
import { ZenlayerListingError } from './errors';
import type { ZecTransport } from './transport';
import type { ZenlayerWarning } from './types';
import { invalidField, parsePage } from './wire';

/**
 * Every page of a ZEC listing (DescribeCustomImages, DescribeInstances): the first page says how many items there
 * are, the rest are fetched concurrently. Nothing is sized from the server's figures, the number of pages is
 * bounded, a page that fails aborts the others, and a listing that does not add up is never returned in part.
 */

export interface ListingSpec<T> {
    readonly action: string;
    readonly params: Record<string, unknown>;
    /** undefined for an item without a usable ID (dropped, and reported once per page). */
    readonly parseItem: (item: unknown) => T | undefined;
    readonly idOf: (item: T) => string;
}

export interface ListingLimits {
    readonly pageSize: number;
    readonly concurrency: number;
    readonly maxPages: number;
}

export interface ListingContext {
    readonly transport: ZecTransport;
    readonly signal: AbortSignal | undefined;
    readonly warn: (warning: ZenlayerWarning) => void;
}

interface Page<T> {
    readonly totalCount: number;
    readonly items: readonly T[];
    /** Entries of the page's dataSet, usable or not: what the server served. */
    readonly served: number;
    readonly requestId: string | undefined;
}

/**
 * Pages are offsets into a list that can change meanwhile (an image deleted between two pages shifts the rest),
 * so a listing whose pages do not add up is taken again; after this many attempts it fails as incomplete.
 */
const LISTING_ATTEMPTS = 3;

export async function listEveryPage<T>(spec: ListingSpec<T>, limits: ListingLimits, context: ListingContext): Promise<T[]> {
    for (let attempt = 1; ; attempt++) {
        const result = await listOnce(spec, limits, context);
        if (result.complete) {
            return result.items;
        }
        if (attempt === LISTING_ATTEMPTS) {
            throw new ZenlayerListingError(spec.action, 'incomplete', {
                totalCount: result.totalCount,
                pageSize: result.pageSize,
                received: result.items.length,
                requestId: result.requestId,
            });
        }
    }
}

interface Attempt<T> {
    readonly items: T[];
    readonly complete: boolean;
    readonly totalCount: number;
    readonly pageSize: number;
    readonly requestId: string | undefined;
}

async function listOnce<T>(spec: ListingSpec<T>, limits: ListingLimits, context: ListingContext): Promise<Attempt<T>> {
    // Aborted when a page fails, so the pages in flight stop and no new one starts.
    const stop = new AbortController();
    const signal = context.signal ? AbortSignal.any([context.signal, stop.signal]) : stop.signal;
    const fetchPage = async (pageNum: number, pageSize: number): Promise<Page<T>> => {
        const { response, requestId } = await context.transport.call(spec.action, { ...spec.params, pageNum, pageSize }, { retry: true, signal });
        const { totalCount, dataSet } = parsePage(spec.action, response, requestId);
        if (dataSet.length > pageSize) {
            // More than asked for is not a page of this listing; reading it as one would skew every offset.
            throw invalidField(spec.action, 'dataSet', requestId);
        }
        const items = dataSet.map(spec.parseItem).filter((item): item is T => item !== undefined);
        if (items.length < dataSet.length) {
            const count = dataSet.length - items.length;
            context.warn({
                action: spec.action,
                kind: 'itemsDropped',
                count,
                sample: [],
                requestId,
                message: `${spec.action}: ${count} item(s) without a usable ID dropped from page ${pageNum}${requestId ? ` [requestId ${requestId}]` : ''}`,
            });
        }
        return { totalCount, items, served: dataSet.length, requestId };
    };

    const first = await fetchPage(1, limits.pageSize);
    let pageSize = limits.pageSize;
    if (first.served < pageSize && first.served < first.totalCount) {
        if (first.served === 0) {
            throw new ZenlayerListingError(spec.action, 'incomplete', { totalCount: first.totalCount, pageSize, received: 0, requestId: first.requestId });
        }
        // A short first page while more are claimed: the server serves smaller pages than asked; continue at its size.
        pageSize = first.served;
    }
    const lastPage = Math.max(1, Math.ceil(first.totalCount / pageSize));
    if (lastPage > limits.maxPages) {
        throw new ZenlayerListingError(spec.action, 'tooManyPages', {
            totalCount: first.totalCount,
            pageSize,
            pagesNeeded: lastPage,
            maxPages: limits.maxPages,
            requestId: first.requestId,
        });
    }

    const pages = new Map<number, Page<T>>([[1, first]]);
    await runBounded(lastPage - 1, limits.concurrency, stop, async (index) => {
        pages.set(index + 2, await fetchPage(index + 2, pageSize));
    });

    // An item that moved across a page boundary while we read would show twice; keep each once, in page order.
    const byId = new Map<string, T>();
    let consistent = true;
    for (let pageNum = 1; pageNum <= lastPage; pageNum++) {
        const page = pages.get(pageNum) as Page<T>;
        const expected = pageNum < lastPage ? pageSize : first.totalCount - (lastPage - 1) * pageSize;
        consistent &&= page.totalCount === first.totalCount && page.served === expected;
        for (const item of page.items) {
            byId.set(spec.idOf(item), item);
        }
    }
    const items = [...byId.values()];
    const dropped = [...pages.values()].reduce((sum, page) => sum + page.served - page.items.length, 0);
    return { items, complete: consistent && items.length + dropped === first.totalCount, totalCount: first.totalCount, pageSize, requestId: first.requestId };
}

/**
 * Runs `task(0)` … `task(count - 1)`, at most `limit` at a time. The first failure aborts `stop` (which the tasks'
 * requests listen to), no further task starts, and the failure is thrown once the running tasks have settled, so
 * nothing is still in flight when this returns.
 */
export async function runBounded(count: number, limit: number, stop: AbortController, task: (index: number) => Promise<void>): Promise<void> {
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
        while (failure === undefined && next < count) {
            const index = next++;
            try {
                await task(index);
            } catch (error) {
                failure ??= { error };
                stop.abort();
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(0, Math.min(limit, count)) }, worker));
    if (failure) {
        throw failure.error;
    }
}

/** Reports, once per answer, items that came back although nobody asked for them. */
export function warnUnexpected(warn: (warning: ZenlayerWarning) => void, action: string, unexpected: readonly string[], requestId: string | undefined): void {
    if (unexpected.length > 0) {
        const sample = sampleIds(unexpected);
        warn({
            action,
            kind: 'unexpectedIds',
            count: unexpected.length,
            sample,
            requestId,
            message:
                `${action}: ignored ${unexpected.length} ID(s) that were not asked about ` +
                `(${sample.join(', ')}${unexpected.length > sample.length ? ', …' : ''})${requestId ? ` [requestId ${requestId}]` : ''}`,
        });
    }
}

/** `items` in consecutive lists of at most `size` (the last one shorter). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let index = 0; index < items.length; index += size) {
        chunks.push(items.slice(index, index + size));
    }
    return chunks;
}
