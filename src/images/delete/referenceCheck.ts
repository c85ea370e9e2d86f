import * as vscode from 'vscode';
import type { UserInterface } from '../../platform/userInterface';
import type { ReferenceScanStatus, WorkspaceReferences } from '../../shared/references/workspaceReferences';

/** How long an explicit delete waits for the workspace search before it confirms with "not known" instead. */
export const REFERENCES_WAIT_MS = 10_000;

/**
 * What a delete's confirmation knows of the workspace's references: every image's `file:line` locations, or why they
 * are not known (the search has not finished in time, or failed). Never "not referenced" without a finished search.
 */
export type ReferenceCheck =
    | { readonly kind: 'known'; readonly locationsOf: (imageId: string) => readonly string[] }
    | { readonly kind: 'unknown'; readonly why: 'notFinished' }
    | { readonly kind: 'unknown'; readonly why: 'failed'; readonly error: unknown };

export interface ReferenceCheckDependencies {
    readonly ui: UserInterface;
    readonly references: WorkspaceReferences;
    /** At most this long under a progress notification (REFERENCES_WAIT_MS; tests make it short). */
    readonly waitMs: number;
}

/**
 * The references of the images about to be confirmed. A search that is ready only finishes its pending updates (an
 * edit just made); otherwise the delete waits for it under a progress notification, for a bounded time.
 */
export async function checkReferences(deps: ReferenceCheckDependencies): Promise<ReferenceCheck> {
    const { references, ui } = deps;
    const status =
        references.status.kind === 'ready'
            ? await settled(references.whenReady())
            : await ui.withProgress(vscode.l10n.t('Finding image references in the workspace…'), () => readyWithin(references, deps.waitMs));
    switch (status?.kind) {
        case 'ready':
            return { kind: 'known', locationsOf: (imageId) => references.referencesTo(imageId).map((location) => references.describeLocation(location)) };
        case 'failed':
            return { kind: 'unknown', why: 'failed', error: status.error };
        default:
            return { kind: 'unknown', why: 'notFinished' };
    }
}

/** The search's status once it is ready or failed, or undefined when it takes longer than `ms`. */
async function readyWithin(references: WorkspaceReferences, ms: number): Promise<ReferenceScanStatus | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
    try {
        return await Promise.race([settled(references.whenReady()), timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/** An update that throws while the search finishes counts as a failed search, never as "not referenced". */
function settled(ready: Promise<ReferenceScanStatus>): Promise<ReferenceScanStatus> {
    return ready.catch((error: unknown): ReferenceScanStatus => ({ kind: 'failed', error }));
}
