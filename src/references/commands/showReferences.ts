import type { ReferencesCommandContext } from './context';

/** Show References (palette, the view's context menu, the hover's link): opens them in VS Code's references view. */
export const showReferences = (context: ReferencesCommandContext) => (argument: unknown) => context.show.run(argument);
