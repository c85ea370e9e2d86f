import * as vscode from 'vscode';
import type { FirstSeen } from '../../shared/records/observations';
import type { KeepReason } from './model/reasons';
import type { PlanChange } from './model/recheck';
import type { VerdictKey } from './model/verdicts';

/** Localised words of the cleanup: why an image is kept, what changed since a plan, the tree's verdict groups. */

/** "2026-12-05 08:50 UTC": the same in every language and time zone, so a plan read by a colleague says the same time. */
export function formatTime(ms: number): string {
    return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDay(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
}

function daysAgo(days: number): string {
    return days === 0 ? vscode.l10n.t('today') : days === 1 ? vscode.l10n.t('1 day ago') : vscode.l10n.t('{0} days ago', days);
}

/** What this VS Code knows of an image's age: never a creation time, which Zenlayer does not give. */
export function firstSeenText(firstSeen: FirstSeen | undefined, now: number): string {
    if (firstSeen === undefined) {
        return vscode.l10n.t('not seen before this plan');
    }
    return firstSeen.kind === 'beforeFirstListing'
        ? vscode.l10n.t('there before {0}', formatDay(firstSeen.firstListingAt))
        : vscode.l10n.t('first seen {0} (by this VS Code)', daysAgo(Math.max(0, Math.floor((now - firstSeen.at) / 86_400_000))));
}

export function keepReasonText(reason: KeepReason): string {
    switch (reason.kind) {
        case 'notDeletable':
            return reason.why === 'public'
                ? vscode.l10n.t('a public image')
                : reason.why === 'deleting'
                  ? vscode.l10n.t('being deleted')
                  : vscode.l10n.t('{0}: Zenlayer refuses to delete it now', reason.status);
        case 'protected':
            return vscode.l10n.t('protected by {0}', reason.entry);
        case 'inUse':
            return reason.instances === 1 ? vscode.l10n.t('used by 1 instance') : vscode.l10n.t('used by {0} instances', reason.instances);
        case 'usageUnknown':
            return vscode.l10n.t('usage unknown: the instances could not be listed');
        case 'referenced':
            return reason.count === 1 ? vscode.l10n.t('referenced in 1 workspace file') : vscode.l10n.t('referenced in {0} workspace files', reason.count);
        case 'referencesUnknown':
            return vscode.l10n.t('workspace not searched yet: it may be referenced');
        case 'newestOfFamily':
            return reason.orderedBy === 'imageVersion'
                ? vscode.l10n.t('newest {0} of {1} (number {2} by imageVersion)', reason.keep, reason.family, reason.rank)
                : vscode.l10n.t('newest {0} of {1} (number {2})', reason.keep, reason.family, reason.rank);
        case 'tooNew':
            return vscode.l10n.t('first seen {0} (by this VS Code; kept for {1} days)', daysAgo(reason.ageDays), reason.minAgeDays);
        case 'firstSeenUnknown':
            return vscode.l10n.t('age not known yet: not seen before');
        case 'recentlyUsed':
            return vscode.l10n.t('unused for only {0} of {1} days', reason.unusedDays, reason.requiredDays);
    }
}

export function planChangeText(change: PlanChange): string {
    switch (change.kind) {
        case 'gone':
            return vscode.l10n.t('no longer listed');
        case 'status':
            return vscode.l10n.t('status {0} → {1}', change.from, change.to);
        case 'renamed':
            return vscode.l10n.t('renamed to {0}', change.to);
        case 'inUse':
            return change.instances === 1 ? vscode.l10n.t('now used by 1 instance') : vscode.l10n.t('now used by {0} instances', change.instances);
        case 'usageUnknown':
            return vscode.l10n.t('usage unknown: the instances could not be listed');
        case 'protected':
            return vscode.l10n.t('now protected by {0}', change.entry);
        case 'referenced':
            return change.count === 1
                ? vscode.l10n.t('now referenced in 1 workspace file')
                : vscode.l10n.t('now referenced in {0} workspace files', change.count);
        case 'referencesUnknown':
            return vscode.l10n.t('workspace not searched yet: it may be referenced');
    }
}

/** The tree's group (Group By "cleanup") and the prune's separators. */
export function verdictLabel(key: VerdictKey | ''): string {
    switch (key) {
        case '':
            return vscode.l10n.t('Verdict not known yet');
        case 'delete':
            return vscode.l10n.t('Would delete');
        case 'notDeletable':
            return vscode.l10n.t('Kept: not deletable');
        case 'protected':
            return vscode.l10n.t('Protected');
        case 'inUse':
            return vscode.l10n.t('Kept: in use');
        case 'usageUnknown':
            return vscode.l10n.t('Kept: usage unknown');
        case 'referenced':
            return vscode.l10n.t('Kept: referenced in the workspace');
        case 'referencesUnknown':
            return vscode.l10n.t('Kept: workspace not searched yet');
        case 'newestOfFamily':
            return vscode.l10n.t('Kept: newest of family');
        case 'tooNew':
            return vscode.l10n.t('Kept: too new');
        case 'firstSeenUnknown':
            return vscode.l10n.t('Kept: age not known yet');
        case 'recentlyUsed':
            return vscode.l10n.t('Kept: used recently');
    }
}
