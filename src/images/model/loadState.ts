import { type ImageFilter, isFilterActive } from './filter';
import type { MessageKind, RootNode } from './tree';
import type { Usage } from './usage';

/** Where the account's listing is. */
export type LoadState =
    { readonly kind: 'signedOut' } | { readonly kind: 'loading' } | { readonly kind: 'loaded' } | { readonly kind: 'failed'; readonly error: unknown };

/**
 * How a refresh ended: `loaded` (the cache now holds a full listing), `signedOut`, `failed` (the cache is empty because
 * the listing failed, not because the images are gone) or `superseded` (a newer refresh aborted it; it changed nothing).
 */
export type RefreshOutcome = 'loaded' | 'signedOut' | 'failed' | 'superseded';

/** How a change that needs a new listing ended: that listing's outcome, or `deferred` until the view is shown. */
export type ListingOutcome = RefreshOutcome | 'deferred';

/** How the model tells a failed load apart, so the view can offer the right way out. */
export interface FailureClassifier {
    readonly isClockSkew: (error: unknown) => boolean;
    readonly isAuthFailure: (error: unknown) => boolean;
    readonly isUnreachable: (error: unknown) => boolean;
}

/** What the view's rows are made from besides the images: the state, the filter and what is cached. */
export interface RowsState {
    readonly state: LoadState;
    /** The image rows (or groups) of the last rebuild. */
    readonly roots: readonly RootNode[];
    /** How many images are cached: a refresh keeps showing them. */
    readonly cached: number;
    readonly filter: ImageFilter;
    readonly usage: Usage;
}

/** The view's rows: images or groups, or one message row for the state (none while signed out: the welcome shows). */
export function stateRows(rows: RowsState, deps: { readonly classify: FailureClassifier; readonly describeError: (error: unknown) => string }): RootNode[] {
    const { state, roots, filter, usage } = rows;
    if (state.kind === 'loaded' && filter.unusedOnly && usage.kind === 'unknown') {
        return [message('usageUnknown', deps.describeError(usage.error))]; // never "unused" without knowing
    }
    switch (state.kind) {
        case 'signedOut':
            return [];
        case 'loading':
            return rows.cached > 0 ? [...roots] : [message('loading')];
        case 'failed':
            return [failureRow(state.error, deps)];
        case 'loaded':
            return roots.length > 0 ? [...roots] : [message(isFilterActive(filter) ? 'noMatches' : 'noImages')];
    }
}

function failureRow(error: unknown, deps: { readonly classify: FailureClassifier; readonly describeError: (error: unknown) => string }): RootNode {
    const { classify } = deps;
    // A skewed clock is refused like a wrong key, but re-entering the key would not help.
    const kind = classify.isClockSkew(error)
        ? 'clockSkew'
        : classify.isAuthFailure(error)
          ? 'credentialsRejected'
          : classify.isUnreachable(error)
            ? 'unreachable'
            : 'loadFailed';
    return message(kind, deps.describeError(error));
}

function message(kind: MessageKind, detail?: string): RootNode {
    return { kind: 'message', id: `message:${kind}`, message: kind, ...(detail ? { detail } : {}) };
}
