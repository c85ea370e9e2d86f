import type { ImagesCommandContext } from './context';

/** Zenlayer: Show Log — the "Zenlayer" output channel, every API call with its request ID. */
export const showLog =
    ({ ui }: ImagesCommandContext) =>
    () =>
        ui.showLog();
