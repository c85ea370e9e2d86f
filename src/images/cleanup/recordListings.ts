import type { ImagesModel } from '../model/imagesModel';
import type { CleanupState } from './cleanup';

/**
 * Every complete listing the view loads (no server-side filter, usage known) is recorded through the observations port
 * (the ObservationRecord, or the in-memory stand-in), so an image that appears later carries its first-seen time and
 * the tree's verdicts judge by what was recorded last. A listing that changes nothing is not recorded again.
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
