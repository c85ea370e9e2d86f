import type { ImagesCommandContext } from './context';

/** Zenlayer: Clear Filter. */
export const clearFilter =
    ({ model }: ImagesCommandContext) =>
    () =>
        model.setFilter({});
