import type { ImagesCommandContext } from './context';

/** Zenlayer: Refresh — lists the images (and their usage) again. */
export const refresh =
    ({ model }: ImagesCommandContext) =>
    () =>
        model.refresh();
