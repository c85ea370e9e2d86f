import { createImageFromInstance } from '../lifecycle/create';
import type { ImagesCommandContext } from './context';

/** Create Image from Instance… (the view's title "+", the palette, and an instance of Show Instances Using This Image). */
export const createImage = (context: ImagesCommandContext) => (instanceId?: unknown) =>
    createImageFromInstance(context, typeof instanceId === 'string' ? instanceId : undefined);
