import * as vscode from 'vscode';
import { joinNames, joinReasons } from '../../platform/listText';
import type { CleanupPlan, PlannedImage, PlanRules } from './model/plan';
import { MAX_PLAN_AGE_MS } from './model/recheck';
import type { RegionalCopyProposal } from './model/regionalCopies';
import { firstSeenText, formatTime, keepReasonText } from './texts';

/** The folder of the plans' read-only documents: the editor title's Apply Plan shows for documents under it. */
export const PLAN_DOCUMENT_FOLDER = 'cleanup-plan';

/** The plan's document name: unique per plan (its fingerprint and time), safe in a URI path. */
export function planDocumentName(plan: CleanupPlan): string {
    const account = plan.account.replace(/[^\p{L}\p{N}._-]+/gu, '_');
    return `${PLAN_DOCUMENT_FOLDER}/${account} ${formatTime(plan.createdAt).replace(/[: ]/g, '-')} ${plan.fingerprint.slice(0, 6)}.txt`;
}

export function gib(value: number): string {
    return `${Number(value.toFixed(1))} GiB`;
}

/** Whether the plan looked for regional copies: it needs the zones, to tell which region each instance runs in. */
export type CopiesLookup = { readonly kind: 'checked' } | { readonly kind: 'zonesUnknown'; readonly reason: string };

function size(image: { readonly sizeGiB: number | undefined }): string {
    return image.sizeGiB === undefined ? vscode.l10n.t('size unknown') : gib(image.sizeGiB);
}

function regions(image: PlannedImage): string {
    return image.regionIds.length > 0 ? joinNames(image.regionIds) : vscode.l10n.t('no region');
}

function rulesLines(rules: PlanRules): string[] {
    const lines = [
        vscode.l10n.t('Keep the newest {0} AVAILABLE images of each family (zenlayer.cleanup.keepNewest).', rules.keepNewest),
        vscode.l10n.t('Keep images first seen less than {0} days ago (zenlayer.cleanup.minAgeDays).', rules.minAgeDays),
        rules.unusedForDays === 0
            ? vscode.l10n.t('Unused now is enough (zenlayer.cleanup.unusedForDays: 0).')
            : vscode.l10n.t('Keep images seen in use less than {0} days ago (zenlayer.cleanup.unusedForDays).', rules.unusedForDays),
        vscode.l10n.t('Always kept: protected images, images in use or of unknown usage, images referenced in the workspace.'),
    ];
    for (const family of rules.families) {
        lines.push(vscode.l10n.t('Family by pattern ({0} settings): {1} → {2}', family.level, family.pattern, family.family));
    }
    return lines.map((line) => `  ${line}`);
}

function copyWhy(copy: RegionalCopyProposal): string {
    const keptIn = joinNames(copy.usedInRegions);
    return copy.usedInRegions.length === 1
        ? vscode.l10n.t('no instance in {0} uses it; {1} keeps it', copy.regionId, keptIn)
        : vscode.l10n.t('no instance in {0} uses it; {1} keep it', copy.regionId, keptIn);
}

/**
 * The regional copies the plan proposes removing, or why there are none. Apply Plan never removes them: it sends the
 * image deletes only, and a copy goes through Remove Copy from Region….
 */
function regionalCopiesLines(plan: CleanupPlan, copies: CopiesLookup): string[] {
    const proposals = plan.regionalCopies;
    if (copies.kind === 'zonesUnknown') {
        return [
            vscode.l10n.t('Regional copies to remove: not looked at, the zones could not be listed ({0}).', copies.reason),
            `  ${vscode.l10n.t('Which region each instance runs in is unknown, so no copy is proposed.')}`,
        ];
    }
    if (proposals.length === 0 && plan.rules.unusedForDays > 0) {
        return [
            vscode.l10n.t('Regional copies to remove: none.'),
            `  ${vscode.l10n.t('Use per region is not observed over time, so while zenlayer.cleanup.unusedForDays is above 0 no copy is proposed.')}`,
        ];
    }
    if (proposals.length === 0) {
        return [
            vscode.l10n.t('Regional copies to remove: none.'),
            `  ${vscode.l10n.t('A kept image’s copy is proposed when no instance in its region uses it while instances in another region do.')}`,
        ];
    }
    return [
        vscode.l10n.t('Regional copies to remove: {0}', proposals.length),
        ...proposals.map((copy) => `  - ${copy.imageName} (${copy.imageId}) · ${copy.regionId} · ${size(copy)} · ${copyWhy(copy)}`),
        `  ${vscode.l10n.t('Apply Plan does not remove these copies: it sends only the image deletes under "To delete".')}`,
        `  ${vscode.l10n.t('To remove one, use Remove Copy from Region… on the image’s region row in the Zenlayer Images view.')}`,
    ];
}

/**
 * The plan as a person reads it before applying it: every image with its verdict and why, the space to free, the rules,
 * the account and the time. The "To delete" list is built from `plan.deleteIds`, exactly what Apply Plan sends.
 */
export function planDocument(plan: CleanupPlan, copies: CopiesLookup): string {
    const byId = new Map(plan.images.map((image) => [image.id, image]));
    const toDelete = plan.deleteIds.map((id) => byId.get(id)!);
    const kept = plan.images.filter((image) => image.verdict === 'keep');
    const { freed } = plan;
    const perRegion = Object.entries(freed.byRegion)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([region, value]) => `${region}: ${gib(value)}`);
    const lines = [
        vscode.l10n.t('Zenlayer cleanup plan for account "{0}"', plan.account),
        vscode.l10n.t('Made {0}; it can be applied for {1} minutes.', formatTime(plan.createdAt), MAX_PLAN_AGE_MS / 60_000),
        vscode.l10n.t('Ages are what this VS Code observed: Zenlayer gives images no creation time.'),
        '',
        vscode.l10n.t('Rules'),
        ...rulesLines(plan.rules),
        '',
        vscode.l10n.t('To delete: {0} image(s), {1} to free', toDelete.length, gib(freed.totalGiB)),
    ];
    if (perRegion.length > 0) {
        lines.push(`  ${vscode.l10n.t('Per region (a copy in each region counts there): {0}', joinNames(perRegion))}`);
    }
    if (freed.unknownSizes > 0) {
        lines.push(`  ${vscode.l10n.t('{0} image(s) of unknown size are not in these figures.', freed.unknownSizes)}`);
    }
    for (const image of toDelete) {
        lines.push(
            `  - ${image.name} (${image.id}) · ${image.status} · ${size(image)} · ${regions(image)} · ${firstSeenText(image.firstSeen, plan.createdAt)}`,
        );
    }
    lines.push('', vscode.l10n.t('Kept: {0} image(s)', kept.length));
    for (const image of kept) {
        lines.push(`  - ${image.name} (${image.id}): ${joinReasons(image.reasons.map(keepReasonText))}`);
    }
    lines.push('', ...regionalCopiesLines(plan, copies));
    const closing =
        toDelete.length > 0
            ? [
                  vscode.l10n.t('Apply Plan (in this title bar or the Command Palette) sends exactly the {0} image(s) under "To delete".', toDelete.length),
                  vscode.l10n.t('It asks you to type their number, and an image that changed since the plan is not sent.'),
              ]
            : [vscode.l10n.t('Nothing to delete: every image is kept.')];
    lines.push('', ...closing);
    return lines.join('\n') + '\n';
}
