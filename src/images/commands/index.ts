import type { CommandFactories } from '../../platform/commands';
import { clearFilter } from './clearFilter';
import type { ImagesCommandContext } from './context';
import { copyImageId } from './copyImageId';
import { copyImageName } from './copyImageName';
import { deleteImage } from './deleteImage';
import { deleteImages } from './deleteImages';
import { deleteUnusedImages } from './deleteUnusedImages';
import { exportDeleteHistory } from './exportDeleteHistory';
import { filter } from './filter';
import { groupBy } from './groupBy';
import { refresh } from './refresh';
import { showInstances } from './showInstances';
import { showDeleteHistory } from './showDeleteHistory';
import { showLog } from './showLog';
import { viewDetails } from './viewDetails';
import { renameImage } from './renameImage';
import { copyImageToRegions } from './copyImageToRegions';
import { removeImageCopy } from './removeImageCopy';
import { createImage } from './createImage';
import { planCleanup } from './planCleanup';
import { applyPlan } from './applyPlan';

/** Every command of the images view, one file each; the key is the command's name in src/constants.ts COMMANDS. */
export const IMAGE_COMMANDS = {
    refresh,
    deleteImages,
    deleteUnusedImages,
    deleteImage,
    showInstances,
    filter,
    clearFilter,
    groupBy,
    copyImageId,
    copyImageName,
    viewDetails,
    showLog,
    showDeleteHistory,
    exportDeleteHistory,
    renameImage,
    copyImageToRegions,
    removeImageCopy,
    createImage,
    planCleanup,
    applyPlan,
} satisfies CommandFactories<ImagesCommandContext>;
