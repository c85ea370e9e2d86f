import type { WorkspaceReferences } from '../../shared/references/workspaceReferences';

/**
 * How many workspace files reference each image: 0 for none, undefined while the workspace scan is not ready (not
 * started, running or failed), so no row says "not referenced" without knowing. Read once per tree build.
 */
export function referencedFileCounts(references: WorkspaceReferences | undefined): (imageId: string) => number | undefined {
    if (references?.status.kind !== 'ready') {
        return () => undefined;
    }
    const counts = references.referencedImages();
    return (imageId) => counts.get(imageId) ?? 0;
}
