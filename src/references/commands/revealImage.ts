import { imageIdOf } from '../showReferences';
import type { ReferencesCommandContext } from './context';

/** Reveal Image in the View (the hover's link): selects the image's row. */
export const revealImage = (context: ReferencesCommandContext) => (argument: unknown) => {
    const imageId = imageIdOf(argument);
    return imageId === undefined ? undefined : context.revealImage(imageId);
};
