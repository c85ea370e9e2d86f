import type { ShownImages } from '../../shared/images/shownImages';
import type { ZenlayerImage } from '../../zenlayer/types';
import { isFilterActive } from './filter';
import type { ImagesModel } from './imagesModel';

/**
 * What the view shows, as other features read it. The listing counts as complete while it is the account's whole,
 * unfiltered listing; a refresh of the same account keeps it complete (the images stay the last full listing), a
 * switch of account does not.
 */
export function shownImagesOf(model: ImagesModel): ShownImages {
    let completeFor: number | undefined;
    const isComplete = (): boolean => {
        const state = model.state.kind;
        if (state === 'loaded') {
            completeFor = isFilterActive(model.activeFilter) ? undefined : model.accountGeneration;
        } else if (state !== 'loading') {
            completeFor = undefined;
        }
        return completeFor === model.accountGeneration;
    };
    return {
        get accountName(): string | undefined {
            return model.accountName;
        },
        get complete(): boolean {
            return isComplete();
        },
        images: (): readonly ZenlayerImage[] => model.cachedImages,
        instancesOf: (imageId) => model.instancesOf(imageId),
        onDidChange: (listener) => model.onDidChange(() => listener()),
    };
}
