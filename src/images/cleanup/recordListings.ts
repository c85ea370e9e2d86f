import type { ImagesModel } from '../model/imagesModel';
import type { CleanupState } from './cleanup';

/**
 * The in-memory stand-in's recording: every complete listing the view loads (no server-side filter, usage known) is
 * observed, so an image that appears later carries its first-seen time. The records lane's ObservationRecord records
 * listings itself; with it passed to the feature, this is not used.
 */
export function recordViewListings(model: ImagesModel, cleanup: CleanupState): { dispose(): void } {
    let last = '';
    return model.onDidChange(() => {
        const account = model.accountName;
        const { name, status, osType } = model.activeFilter;
        const usage = model.instanceUsage;
        if (model.state.kind !== 'loaded' || account === undefined || name !== undefined || status || osType || usage.kind !== 'known') {
            return;
        }
        const images = model.cachedImages;
        const used = new Set([...usage.byImage.keys()]);
        const signature = `${account}\n${images.map((image) => image.id).join(',')}\n${[...used].join(',')}`;
        if (signature !== last) {
            last = signature;
            void cleanup.observe(account, images, used).then(() => model.regroup());
        }
    });
}
