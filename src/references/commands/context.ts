import type { ReferencesUi } from '../ports';
import type { ShowReferences } from '../showReferences';
import type { WorkspaceReferencesService } from '../workspaceReferences';

/** What the references feature's commands act on. */
export interface ReferencesCommandContext {
    readonly references: WorkspaceReferencesService;
    readonly show: ShowReferences;
    readonly ui: ReferencesUi;
    /** Selects the image in the images view. */
    readonly revealImage: (imageId: string) => unknown;
}
