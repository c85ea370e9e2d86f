import { planCleanup as plan } from '../cleanup/planFlow';
import type { ImagesCommandContext } from './context';

/** Zenlayer: Plan Cleanup… — opens the cleanup plan as a read-only document; deletes nothing. */
export const planCleanup = (context: ImagesCommandContext) => () => plan(context);
