import { boundedText, identifier, MAX_LIST_ENTRIES, MAX_NAME_LENGTH } from './bounds';
import { distinctImageIds, requestSignal } from './callInput';
import { deleteInChunks } from './deleteImages';
import { imageFilterParams, instanceFilterParams, MAX_IDS_PER_FILTER } from './filters';
import { createImageParams, imageIdOf, imageNameOf, regionIdsOf, renameImageIds } from './imageInput';
import { MAX_PAGE_SIZE, type RequestOptions, type ValidatedOptions, validateClientOptions, type ZenlayerClientOptions } from './options';
import { chunk, listEveryPage, type ListingContext, type ListingLimits, runBounded, warnUnexpected } from './paging';
import { ZecTransport } from './transport';
import type {
    CreatedImage,
    CreateImageInput,
    CustomImageFilter,
    DeleteImagesReport,
    ImageActionResult,
    ImageCopyProgress,
    InstanceFilter,
    ZenlayerImage,
    ZenlayerInstance,
    ZenlayerWarning,
    Zone,
} from './types';
import { invalidField, parseCopyProgress, parseImage, parseInstance, parseZone, progressList, zoneList } from './wire';

export type { RequestOptions, ZenlayerClientOptions } from './options';

/** Client for the ZEC image and instance APIs of Zenlayer Cloud API 2.0. Knows nothing of VS Code. */
export class ZenlayerClient {
    readonly endpoint: string;
    private readonly options: ValidatedOptions;
    private readonly transport: ZecTransport;

    /** Throws ZenlayerInputError for any option of the wrong type or out of range. */
    constructor(options: ZenlayerClientOptions) {
        this.options = validateClientOptions(options);
        this.endpoint = this.options.endpoint;
        this.transport = new ZecTransport(this.options);
    }

    /** True once close() was called: every call then fails with ZenlayerClosedError. */
    get closed(): boolean {
        return this.transport.closed;
    }

    /**
     * Every custom image of the account: the first page says how many there are, the rest are fetched in parallel.
     * Fails with ZenlayerListingError rather than return part of the account, and with ZenlayerResponseError
     * `invalidField` when `totalCount` or `dataSet` is not what the API documents.
     */
    async listCustomImages(filter: CustomImageFilter = {}, options: RequestOptions = {}): Promise<ZenlayerImage[]> {
        const action = 'DescribeCustomImages';
        const signal = requestSignal(action, options);
        const params = imageFilterParams(action, filter);
        return listEveryPage({ action, params, parseItem: parseImage, idOf: (image) => image.id }, this.listingLimits(), this.listingContext(signal));
    }

    /** Every instance of the account (DescribeInstances), paged like listCustomImages, with the same guarantees. */
    async listInstances(filter: InstanceFilter = {}, options: RequestOptions = {}): Promise<ZenlayerInstance[]> {
        const action = 'DescribeInstances';
        const signal = requestSignal(action, options);
        const params = instanceFilterParams(action, filter);
        return listEveryPage({ action, params, parseItem: parseInstance, idOf: (instance) => instance.id }, this.listingLimits(), this.listingContext(signal));
    }

    /**
     * The current state of the given images; an ID that is missing from the result no longer exists. Only the
     * images asked about are returned: anything else in the answer is ignored (and reported through onWarning).
     */
    async describeImagesByIds(imageIds: readonly string[], options: RequestOptions = {}): Promise<ZenlayerImage[]> {
        const action = 'DescribeCustomImages';
        const signal = requestSignal(action, options);
        const idChunks = chunk(distinctImageIds(action, imageIds), MAX_IDS_PER_FILTER);
        const stop = new AbortController();
        const context = this.listingContext(signal ? AbortSignal.any([signal, stop.signal]) : stop.signal);
        const found: ZenlayerImage[][] = [];
        await runBounded(idChunks.length, this.options.listConcurrency, stop, async (index) => {
            const asked = new Set(idChunks[index]);
            // At most one page per ID asked about, even if the server serves one image per page.
            const limits = { pageSize: MAX_PAGE_SIZE, concurrency: 1, maxPages: asked.size };
            const images = await listEveryPage(
                { action, params: { imageIds: idChunks[index] }, parseItem: parseImage, idOf: (image) => image.id },
                limits,
                context,
            );
            warnUnexpected(
                this.warn,
                action,
                images.filter((image) => !asked.has(image.id)).map((image) => image.id),
                undefined,
            );
            found[index] = images.filter((image) => asked.has(image.id));
        });
        return found.flat();
    }

    /**
     * Deletes images, at most `maxImageIdsPerDelete` per DeleteImages call, one call after another. Never retried
     * automatically. Never throws for a chunk: the report says, per ID, whether it was accepted, refused, failed,
     * left with an unknown outcome, or not sent. After a chunk that timed out or could not reach Zenlayer (or an
     * abort, or close()), the remaining chunks are not sent; a chunk that could not connect was not sent either.
     * An answer whose `imageIds` is not a list of strings makes its chunk's outcome unknown: the client never counts
     * an image deleted on an answer it cannot read. Failed IDs that were not sent in the chunk are ignored (and reported through onWarning).
     */
    async deleteImages(imageIds: readonly string[], options: RequestOptions = {}): Promise<DeleteImagesReport> {
        const action = 'DeleteImages';
        const signal = requestSignal(action, options);
        const requested = distinctImageIds(action, imageIds);
        return deleteInChunks(requested, { transport: this.transport, maxIdsPerCall: this.options.maxImageIdsPerDelete, signal, warn: this.warn });
    }

    /** Zones of the account; cheap, so it also serves to check that credentials work. */
    async describeZones(options: RequestOptions = {}): Promise<Zone[]> {
        const action = 'DescribeZones';
        const signal = requestSignal(action, options);
        const { response, requestId } = await this.transport.call(action, {}, { retry: true, signal });
        const zoneSet = zoneList(action, response, requestId);
        const zones = zoneSet.map(parseZone).filter((zone): zone is Zone => zone !== undefined);
        if (zones.length < zoneSet.length) {
            const count = zoneSet.length - zones.length;
            this.warn({
                action,
                kind: 'itemsDropped',
                count,
                sample: [],
                requestId,
                message: `${action}: ${count} zone(s) without a usable ID dropped${requestId ? ` [requestId ${requestId}]` : ''}`,
            });
        }
        return zones;
    }

    /**
     * CopyImage: copies an AVAILABLE image to `regionIds` (1–100 distinct region IDs). Asynchronous: the image reads
     * SYNCING until every destination is done, then AVAILABLE (or FAILED); follow it with describeImageCopyProgress
     * and describeImagesByIds. Never retried automatically: a copy that went through would make a retry fail.
     */
    async copyImage(imageId: string, regionIds: readonly string[], options: RequestOptions = {}): Promise<ImageActionResult> {
        const action = 'CopyImage';
        const signal = requestSignal(action, options);
        const id = imageIdOf(action, imageId);
        const regionIdList = regionIdsOf(action, 'regionIds', regionIds);
        const { requestId } = await this.transport.call(action, { imageId: id, regionIdList }, { retry: false, signal, imageIds: [id] });
        return { requestId };
    }

    /**
     * DescribeImageCopyProgress: the destinations of the image's copy that are still in progress, in the answer's
     * order; empty when the image is not SYNCING. Entries without a usable region ID, repeated regions and entries
     * past 200 are dropped (and reported through onWarning); every field is bounded (see ImageCopyProgress).
     */
    async describeImageCopyProgress(imageId: string, options: RequestOptions = {}): Promise<ImageCopyProgress[]> {
        const action = 'DescribeImageCopyProgress';
        const signal = requestSignal(action, options);
        const id = imageIdOf(action, imageId);
        const { response, requestId } = await this.transport.call(action, { imageId: id }, { retry: true, signal, imageIds: [id] });
        const entries = progressList(action, response, requestId);
        const progress: ImageCopyProgress[] = [];
        for (const entry of entries.slice(0, MAX_LIST_ENTRIES)) {
            const parsed = parseCopyProgress(entry);
            if (parsed && !progress.some((kept) => kept.regionId === parsed.regionId)) {
                progress.push(parsed);
            }
        }
        const dropped = entries.length - progress.length;
        if (dropped > 0) {
            this.warn({
                action,
                kind: 'itemsDropped',
                count: dropped,
                sample: [],
                requestId,
                message:
                    `${action}: ${dropped} progress entr${dropped === 1 ? 'y' : 'ies'} without a usable region ID, ` +
                    `repeated or past ${MAX_LIST_ENTRIES} dropped` +
                    `${requestId ? ` [requestId ${requestId}]` : ''}`,
            });
        }
        return progress;
    }

    /**
     * DeleteImageCopy: removes the image's copies in `regionIds` (1–100 distinct region IDs). Zenlayer accepts it only
     * for an AVAILABLE image (INVALID_IMAGE_STATUS otherwise) and keeps at least one region. Never retried automatically.
     */
    async deleteImageCopy(imageId: string, regionIds: readonly string[], options: RequestOptions = {}): Promise<ImageActionResult> {
        const action = 'DeleteImageCopy';
        const signal = requestSignal(action, options);
        const id = imageIdOf(action, imageId);
        const ids = regionIdsOf(action, 'regionIds', regionIds);
        const { requestId } = await this.transport.call(action, { imageId: id, regionIds: ids }, { retry: false, signal, imageIds: [id] });
        return { requestId };
    }

    /**
     * ModifyImagesAttributes: gives the images (1–100, duplicates sent once) the name `imageName`, checked with
     * checkImageName before anything is sent. Setting a name twice is harmless, so a failed attempt is retried.
     */
    async renameImage(imageIds: readonly string[], imageName: string, options: RequestOptions = {}): Promise<ImageActionResult> {
        const action = 'ModifyImagesAttributes';
        const signal = requestSignal(action, options);
        const ids = renameImageIds(action, imageIds);
        const name = imageNameOf(action, imageName);
        const { requestId } = await this.transport.call(action, { imageIds: ids, imageName: name }, { retry: true, signal, imageIds: ids });
        return { requestId };
    }

    /**
     * CreateImage: makes a custom image from a STOPPED instance. Asynchronous: the image reads CREATING, then
     * AVAILABLE (or FAILED). Never retried automatically (a retry could make a second image). Fails with
     * ZenlayerResponseError `invalidField` when the answer has no usable imageId: the image may exist; list again.
     */
    async createImage(input: CreateImageInput, options: RequestOptions = {}): Promise<CreatedImage> {
        const action = 'CreateImage';
        const signal = requestSignal(action, options);
        const { params } = createImageParams(action, input);
        const { response, requestId } = await this.transport.call(action, params, { retry: false, signal });
        const imageId = identifier(response.imageId);
        if (imageId === undefined) {
            throw invalidField(action, 'imageId', requestId);
        }
        return { imageId, imageName: boundedText(response.imageName, MAX_NAME_LENGTH) ?? (params.imageName as string), requestId };
    }

    /**
     * Idempotent. Aborts what is in flight (those calls fail with ZenlayerClosedError, at once) and closes the
     * client's own connections; a dispatcher passed in belongs to the caller and stays open.
     */
    close(): Promise<void> {
        return this.transport.close();
    }

    private readonly warn = (warning: ZenlayerWarning): void => {
        this.options.onWarning?.(warning);
    };

    private listingLimits(): ListingLimits {
        return { pageSize: this.options.pageSize, concurrency: this.options.listConcurrency, maxPages: this.options.maxListPages };
    }

    private listingContext(signal: AbortSignal | undefined): ListingContext {
        return { transport: this.transport, signal, warn: this.warn };
    }
}
