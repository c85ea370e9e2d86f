import type { CommandFactories } from '../../platform/commands';
import { clearFilter } from './clearFilter';
import type { ImagesCommandContext } from './context';
import { copyImageId } from './copyImageId';
import { copyImageName } from './copyImageName';
import { deleteImage } from './deleteImage';
import { deleteImages } from './deleteImages';
import { deleteUnusedImages } from './deleteUnusedImages';
import { filter } from './filter';
import { groupBy } from './groupBy';
import { refresh } from './refresh';
import { showInstances } from './showInstances';
import { showLog } from './showLog';
import { viewDetails } from './viewDetails';
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
    planCleanup,
    applyPlan,
} satisfies CommandFactories<ImagesCommandContext>;
