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

/**
 * What the rows and their tooltips show of the workspace's references, as a string to compare: the search's status,
 * and where each image is referenced. A re-scanned file that moves no reference changes nothing here.
 */
export function referencesShown(references: WorkspaceReferences | undefined): string {
    if (references === undefined || references.status.kind !== 'ready') {
        return references?.status.kind ?? 'none';
    }
    const ids = [...references.referencedImages().keys()].sort();
    const places = ids.map(
        (id) =>
            `${id} ${references
                .referencesTo(id)
                .map((location) => `${location.uri}:${location.line}`)
                .join(' ')}`,
    );
    return [`ready ${references.status.truncated ?? ''}`, ...places].join('\n');
}
