import type { Logger } from '../../platform/logger';
import type { UserInterface } from '../../platform/userInterface';
import type { ImagesApi } from '../../shared/session/session';
import type { GroupBy } from '../../shared/settings/settings';
import type { ZenlayerImage } from '../../zenlayer';
import type { CleanupState } from '../cleanup/cleanup';
import type { DeleteFlow } from '../delete/deleteFlow';
import type { ImagesRecords } from '../feature';
import type { ImagesModel } from '../model/imagesModel';
import type { ImageLifecycle } from '../model/lifecycle';
import type { TreeNode } from '../model/tree';

/** What the images view's commands work with; src/images/feature.ts makes it. */
export interface ImagesCommandContext {
    readonly ui: UserInterface;
    readonly model: ImagesModel;
    readonly deletes: DeleteFlow;
    /** The credentials flow, offered when nobody is signed in. */
    readonly configureCredentials: () => Promise<void>;
    /** The view's selection, as the Delete key's command sees it. */
    readonly selection: () => readonly TreeNode[];
    /** Writes the Group By setting; its change event regroups the model. */
    readonly updateGroupBy: (groupBy: GroupBy) => Promise<void>;
    /** The delete history (Show Delete History, Export Delete History…) and the observation record. */
    readonly records: ImagesRecords;
    /** Rename, copies and creation: the API for the active account (undefined when signed out), regions and progress. */
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly lifecycle: ImageLifecycle;
    readonly logger: Logger;
    /** The cleanup's plans, observations and rules. */
    readonly cleanup: CleanupState;
}

/**
 * The image a command is for: the clicked row, or with a key binding or the palette, the first selected row (with
 * several rows selected, keyboard and palette commands act on the first one).
 */
export function targetImage(context: ImagesCommandContext, node: TreeNode | undefined): ZenlayerImage | undefined {
    const target = node ?? context.selection()[0];
    return target?.kind === 'image' ? target.image : undefined;
}
