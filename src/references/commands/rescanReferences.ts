import { referenceTexts } from '../texts';
import type { ReferencesCommandContext } from './context';

/** Find Image References Again (palette): reads every file again, with the spinner in the status bar. */
export const rescanReferences = (context: ReferencesCommandContext) => async () => {
    context.references.restartScan();
    const ready = context.references.whenReady();
    context.ui.showBackgroundProgress(referenceTexts.show.progress(), ready);
    await ready;
};
