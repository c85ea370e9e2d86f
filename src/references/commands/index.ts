import type { CommandFactories } from '../../platform/commands';
import type { ReferencesCommandContext } from './context';
import { rescanReferences } from './rescanReferences';
import { revealImage } from './revealImage';
import { showReferences } from './showReferences';

/** Every command of the references feature, one file each; the key is the command's name in src/constants.ts COMMANDS. */
export const REFERENCE_COMMANDS = {
    showReferences,
    rescanReferences,
    revealImage,
} satisfies CommandFactories<ReferencesCommandContext>;
