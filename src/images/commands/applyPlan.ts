import { applyPlan as apply } from '../cleanup/applyFlow';
import { planCleanup } from '../cleanup/planFlow';
import type { ImagesCommandContext } from './context';

/**
 * Zenlayer: Apply Plan — from the plan document's title bar (VS Code passes the document's URI) or the palette (the
 * latest plan of this window).
 */
export const applyPlan = (context: ImagesCommandContext) => (document?: { readonly path?: unknown }) =>
    apply({ ...context, planAgain: () => planCleanup(context) }, typeof document?.path === 'string' ? document.path.replace(/^\//, '') : undefined);
