import type { Logger } from '../../platform/logger';
import type { ImagesApi } from '../../shared/session/session';
import type { ZenlayerImage } from '../../zenlayer/types';
import type { ImageFilter } from './filter';
import { joinUsage, type Usage } from './usage';

/** One listing of every image of the account, with the usage listed beside it. */
export interface CompleteListing {
    readonly account: string;
    readonly images: readonly ZenlayerImage[];
    readonly usage: Usage;
}

/**
 * The account's images (with Zenlayer's part of the filter) and which instances use them, in one round-trip depth.
 * Instances failing leaves usage unknown, not the view empty; images failing rejects.
 */
export async function listImagesAndUsage(
    api: ImagesApi,
    filter: ImageFilter,
    signal: AbortSignal,
    deps: { readonly logger: Logger; readonly describeError: (error: unknown) => string },
): Promise<{ readonly images: readonly ZenlayerImage[]; readonly usage: Usage }> {
    const [images, usage] = await Promise.all([
        api.listCustomImages(serverFilter(filter), { signal }),
        api.listInstances({}, { signal }).then(
            (instances): Usage => joinUsage(instances),
            (error: unknown): Usage => ({ kind: 'unknown', error }),
        ),
    ]);
    if (usage.kind === 'unknown' && !signal.aborted) {
        deps.logger.warn(`Listing instances failed, so image usage is unknown: ${deps.describeError(usage.error)}`);
    }
    return { images, usage };
}

/** What Zenlayer filters; "unused only" is the model's own, from the instance listing. */
export function serverFilter(filter: ImageFilter): ImageFilter {
    return {
        ...(filter.name !== undefined ? { name: filter.name } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.osType ? { osType: filter.osType } : {}),
    };
}
