import {
    ZenlayerAbortError,
    ZenlayerApiError,
    ZenlayerClosedError,
    ZenlayerError,
    ZenlayerNetworkError,
    ZenlayerNotSentError,
    ZenlayerResponseError,
    ZenlayerTimeoutError,
} from './errors';
import { chunk, warnUnexpected } from './paging';
import { isNeverConnected } from './retry';
import type { ZecTransport } from './transport';
import type { DeleteChunkError, DeleteChunkOutcome, DeleteImagesReport, ZenlayerWarning } from './types';
import { invalidField, stringList } from './wire';

export interface DeleteContext {
    readonly transport: ZecTransport;
    /** DeleteImages calls take at most this many IDs each (the client's maxImageIdsPerDelete). */
    readonly maxIdsPerCall: number;
    readonly signal: AbortSignal | undefined;
    readonly warn: (warning: ZenlayerWarning) => void;
}

/**
 * DeleteImages for `requested` (distinct, checked IDs), one chunk after another, never retried; the report says per ID
 * what became of it (see ZenlayerClient.deleteImages).
 */
export async function deleteInChunks(requested: readonly string[], context: DeleteContext): Promise<DeleteImagesReport> {
    const action = 'DeleteImages';
    const signal = context.signal;
    const accepted: string[] = [];
    const refused: string[] = [];
    const requestIds: string[] = [];
    const chunkErrors: DeleteChunkError[] = [];
    let stoppedBy: ZenlayerError | undefined;
    const record = (ids: readonly string[], error: ZenlayerError, outcome: DeleteChunkOutcome): void => {
        chunkErrors.push({ imageIds: ids, error, outcome });
    };
    for (const idChunk of chunk(requested, context.maxIdsPerCall)) {
        if (!stoppedBy && signal?.aborted) {
            stoppedBy = new ZenlayerAbortError(action);
        }
        if (!stoppedBy && context.transport.closed) {
            stoppedBy = new ZenlayerClosedError(action);
        }
        if (stoppedBy) {
            record(idChunk, notSentError(action, stoppedBy), 'notSent');
            continue;
        }
        try {
            const { response, requestId } = await context.transport.call(action, { imageIds: idChunk }, { retry: false, signal, imageIds: idChunk });
            const failed = stringList(response.imageIds);
            if (failed === undefined) {
                throw invalidField(action, 'imageIds', requestId);
            }
            if (requestId) {
                requestIds.push(requestId);
            }
            const sent = new Set(idChunk);
            const failedIds = new Set(failed.filter((id) => sent.has(id)));
            warnUnexpected(context.warn, action, [...new Set(failed.filter((id) => !sent.has(id)))], requestId);
            for (const id of idChunk) {
                (failedIds.has(id) ? refused : accepted).push(id);
            }
        } catch (caught) {
            const error = caught as ZenlayerError;
            record(idChunk, error, chunkOutcome(error));
            if (stopsTheDelete(error)) {
                stoppedBy = error;
            }
        }
    }
    const idsWith = (outcome: DeleteChunkOutcome): string[] => chunkErrors.filter((entry) => entry.outcome === outcome).flatMap((entry) => entry.imageIds);
    const acceptedSet = new Set(accepted);
    return {
        requested,
        failedImageIds: requested.filter((id) => !acceptedSet.has(id)),
        requestIds,
        chunkErrors,
        acceptedImageIds: accepted,
        refusedImageIds: refused,
        notSentImageIds: idsWith('notSent'),
        unknownOutcomeImageIds: idsWith('unknownOutcome'),
    };
}

/**
 * What became of a chunk whose request failed (see DeleteChunkOutcome): never sent when no connection was made; an
 * unknown outcome when it went out but no usable verdict came back (a 200 the client cannot read as one, an answer
 * that broke off or was too large, no answer in time, a dropped connection, an abort or close() while in flight);
 * failed when the API or a proxy answered with an error.
 */
function chunkOutcome(error: unknown): DeleteChunkOutcome {
    if (isNeverConnected(error)) {
        return 'notSent';
    }
    if (error instanceof ZenlayerResponseError) {
        return error.status === 200 || error.reason === 'unreadableBody' || error.reason === 'bodyTooLarge' ? 'unknownOutcome' : 'failed';
    }
    return error instanceof ZenlayerApiError ? 'failed' : 'unknownOutcome';
}

/** After these, the next chunk would most likely fail the same way (or must not go at all): stop sending. */
function stopsTheDelete(error: unknown): boolean {
    return (
        error instanceof ZenlayerTimeoutError ||
        error instanceof ZenlayerNetworkError ||
        error instanceof ZenlayerAbortError ||
        error instanceof ZenlayerClosedError
    );
}

/** Why a chunk is not sent: the caller's abort and close() keep their own error, the rest name the chunk that stopped it. */
function notSentError(action: string, stoppedBy: ZenlayerError): ZenlayerError {
    return stoppedBy instanceof ZenlayerAbortError || stoppedBy instanceof ZenlayerClosedError ? stoppedBy : new ZenlayerNotSentError(action, stoppedBy);
}
