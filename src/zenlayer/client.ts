import type { Dispatcher } from 'undici';
import { DEFAULT_ENDPOINT, validateEndpoint } from './endpoint';
import { ZenlayerAbortError, ZenlayerInputError } from './errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { type ApiCallEvent, defaultTransportHooks, ZecTransport, type ZenlayerCredentials } from './transport';
import type { CustomImageFilter, DeleteImagesResult, ZenlayerImage, Zone } from './types';
import { parseImages, parseZones } from './wire';

export interface ZenlayerClientOptions {
    /** Origin of the API; default https://console.zenlayer.com. Plain http only for loopback. */
    readonly endpoint?: string;
    readonly credentials: ZenlayerCredentials;
    /** For proxies (ProxyAgent, EnvHttpProxyAgent); by default the client keeps its own keep-alive Agent. */
    readonly dispatcher?: Dispatcher;
    /** Per HTTP request; default 30 s. */
    readonly timeoutMs?: number;
    /** DeleteImages is split into calls of at most this many IDs; default 100. */
    readonly maxImageIdsPerDelete?: number;
    /** Page size of listings; the API allows at most 1000. */
    readonly pageSize?: number;
    /** How many listing pages may be in flight at once after the first. */
    readonly listConcurrency?: number;
    readonly retryPolicy?: RetryPolicy;
    /** Injectable clock (ms since epoch) for signing timestamps and durations. */
    readonly now?: () => number;
    readonly random?: () => number;
    readonly sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
    /** Called after every HTTP attempt, for logging; receives no secrets. */
    readonly onApiCall?: (event: ApiCallEvent) => void;
}

export interface RequestOptions {
    readonly signal?: AbortSignal;
}

const MAX_PAGE_SIZE = 1000;
/**
 * IDs per DescribeCustomImages call when looking images up by ID. Zenlayer documents no maximum; other ZEC ID
 * filters cap at 100, so staying at 100 is safe whatever the real limit is.
 */
const MAX_IDS_PER_DESCRIBE = 100;

function chunk<T>(items: readonly T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let index = 0; index < items.length; index += size) {
        chunks.push(items.slice(index, index + size));
    }
    return chunks;
}

/** Runs tasks with at most `limit` in flight, keeping results in task order. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            const index = next++;
            results[index] = await task(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

function positiveInteger(option: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
    if (!Number.isInteger(value) || value < 1 || value > max) {
        throw new ZenlayerInputError('configuration', { kind: 'optionOutOfRange', option, max });
    }
    return value;
}

function filterParams(filter: CustomImageFilter): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    if (filter.name?.trim()) {
        params.imageName = filter.name.trim();
    }
    if (filter.status) {
        params.imageStatus = filter.status;
    }
    if (filter.osType) {
        params.osType = filter.osType;
    }
    if (filter.regionId) {
        params.regionId = filter.regionId;
    }
    if (filter.category) {
        params.category = filter.category;
    }
    if (filter.resourceGroupId) {
        params.resourceGroupId = filter.resourceGroupId;
    }
    // An empty list would mean "match nothing" to some servers and "no filter" to others; send none.
    if (filter.imageIds && filter.imageIds.length > 0) {
        params.imageIds = [...filter.imageIds];
    }
    return params;
}

/** Validates image IDs the way a user would want to hear about it, and drops duplicates. */
function distinctImageIds(action: string, imageIds: readonly unknown[]): string[] {
    if (!Array.isArray(imageIds) || imageIds.length === 0) {
        throw new ZenlayerInputError(action, { kind: 'noImageIds' });
    }
    imageIds.forEach((id, index) => {
        const position = index + 1;
        if (typeof id !== 'string') {
            throw new ZenlayerInputError(action, { kind: 'imageIdNotString', position });
        }
        if (id.trim() === '') {
            throw new ZenlayerInputError(action, { kind: 'imageIdBlank', position });
        }
        if (id.trim() !== id) {
            throw new ZenlayerInputError(action, { kind: 'imageIdSpaces', position });
        }
    });
    return [...new Set(imageIds as string[])];
}

/** Client for the ZEC image APIs of Zenlayer Cloud API 2.0. Knows nothing of VS Code. */
export class ZenlayerClient {
    readonly endpoint: string;
    private readonly transport: ZecTransport;
    private readonly maxImageIdsPerDelete: number;
    private readonly pageSize: number;
    private readonly listConcurrency: number;

    constructor(options: ZenlayerClientOptions) {
        this.endpoint = validateEndpoint(options.endpoint ?? DEFAULT_ENDPOINT);
        const credentials = options.credentials;
        if ('token' in credentials ? !credentials.token.trim() : !credentials.accessKeyId.trim() || !credentials.accessKeyPassword) {
            throw new ZenlayerInputError('configuration', { kind: 'credentialsIncomplete' });
        }
        this.maxImageIdsPerDelete = positiveInteger('maxImageIdsPerDelete', options.maxImageIdsPerDelete ?? 100);
        this.pageSize = positiveInteger('pageSize', options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
        this.listConcurrency = positiveInteger('listConcurrency', options.listConcurrency ?? 4, 16);
        const hooks = defaultTransportHooks();
        this.transport = new ZecTransport({
            endpoint: this.endpoint,
            credentials: 'token' in credentials ? { token: credentials.token.trim() } : credentials,
            dispatcher: options.dispatcher,
            timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? 30_000),
            retryPolicy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
            now: options.now ?? hooks.now,
            random: options.random ?? hooks.random,
            sleep: options.sleep ?? hooks.sleep,
            onApiCall: options.onApiCall,
        });
    }

    /**
     * Every custom image of the account: the first page says how many there are, the rest are fetched in parallel.
     * Pages are offsets into a list that can change meanwhile (an image deleted between two pages shifts the rest),
     * so a listing whose pages disagree about the total is taken again, once.
     */
    async listCustomImages(filter: CustomImageFilter = {}, options: RequestOptions = {}): Promise<ZenlayerImage[]> {
        const first = await this.listOnce(filterParams(filter), options.signal);
        return first.consistent ? first.images : (await this.listOnce(filterParams(filter), options.signal)).images;
    }

    private async listOnce(params: Record<string, unknown>, signal: AbortSignal | undefined): Promise<{ images: ZenlayerImage[]; consistent: boolean }> {
        const fetchPage = async (pageNum: number): Promise<{ totalCount: number; images: ZenlayerImage[] }> => {
            const response = await this.transport.call('DescribeCustomImages', { ...params, pageNum, pageSize: this.pageSize }, { retry: true, signal });
            const totalCount = Number(response.totalCount ?? 0);
            return { totalCount: Number.isFinite(totalCount) ? totalCount : 0, images: parseImages(response.dataSet) };
        };
        const first = await fetchPage(1);
        // A short page is the last one, whatever totalCount claims: this bounds the requests a wrong total can cause.
        let lastPage = first.images.length < this.pageSize ? 1 : Math.ceil(first.totalCount / this.pageSize);
        const remainingPages = Array.from({ length: Math.max(0, lastPage - 1) }, (_, index) => index + 2);
        const rest = await mapWithConcurrency(remainingPages, this.listConcurrency, async (pageNum) => {
            if (pageNum > lastPage) {
                return undefined;
            }
            const page = await fetchPage(pageNum);
            if (page.images.length < this.pageSize) {
                lastPage = Math.min(lastPage, pageNum);
            }
            return page;
        });
        const pages = [first, ...rest.filter((page) => page !== undefined)];
        // Images that moved across a page boundary while we read would show twice; keep each once.
        const byId = new Map<string, ZenlayerImage>();
        for (const image of pages.flatMap((page) => page.images)) {
            byId.set(image.id, image);
        }
        const consistent = pages.every((page) => page.totalCount === first.totalCount) && byId.size >= first.totalCount;
        return { images: [...byId.values()], consistent };
    }

    /** The current state of the given images; an ID that is missing from the result no longer exists. */
    async describeImagesByIds(imageIds: readonly string[], options: RequestOptions = {}): Promise<ZenlayerImage[]> {
        const ids = distinctImageIds('DescribeCustomImages', imageIds);
        const pages = await mapWithConcurrency(chunk(ids, MAX_IDS_PER_DESCRIBE), this.listConcurrency, async (idChunk) => {
            const response = await this.transport.call('DescribeCustomImages', { imageIds: idChunk, pageNum: 1, pageSize: MAX_PAGE_SIZE }, { retry: true, signal: options.signal });
            return parseImages(response.dataSet);
        });
        return pages.flat();
    }

    /**
     * Deletes images, at most `maxImageIdsPerDelete` per DeleteImages call. Never retried automatically.
     * A chunk whose request fails counts all its IDs as failed; later chunks still go, unless the caller aborted.
     */
    async deleteImages(imageIds: readonly string[], options: RequestOptions = {}): Promise<DeleteImagesResult> {
        const requested = distinctImageIds('DeleteImages', imageIds);
        const failedImageIds: string[] = [];
        const requestIds: string[] = [];
        const chunkErrors: { imageIds: string[]; error: Error }[] = [];
        for (const idChunk of chunk(requested, this.maxImageIdsPerDelete)) {
            if (options.signal?.aborted) {
                chunkErrors.push({ imageIds: idChunk, error: new ZenlayerAbortError('DeleteImages') });
                failedImageIds.push(...idChunk);
                continue;
            }
            try {
                const response = await this.transport.call('DeleteImages', { imageIds: idChunk }, { retry: false, signal: options.signal, imageIds: idChunk });
                if (typeof response.requestId === 'string') {
                    requestIds.push(response.requestId);
                }
                const reported = new Set(Array.isArray(response.imageIds) ? response.imageIds : []);
                failedImageIds.push(...idChunk.filter((id) => reported.has(id)));
            } catch (error) {
                chunkErrors.push({ imageIds: idChunk, error: error as Error });
                failedImageIds.push(...idChunk);
            }
        }
        return { requested, failedImageIds, requestIds, chunkErrors };
    }

    /** Zones of the account; cheap, so it also serves to check that credentials work. */
    async describeZones(options: RequestOptions = {}): Promise<Zone[]> {
        const response = await this.transport.call('DescribeZones', {}, { retry: true, signal: options.signal });
        return parseZones(response.zoneSet);
    }

    /** Closes the client's own connections; a dispatcher passed in belongs to the caller. */
    async close(): Promise<void> {
        await this.transport.close();
    }
}
