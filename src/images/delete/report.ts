import * as vscode from 'vscode';
import { describeError, isExpectedRefusal } from '../../platform/errorText';
import { nameList, reasonList } from '../../platform/listText';
import type { UserInterface } from '../../platform/userInterface';
import type { ZenlayerImage } from '../../zenlayer';
import type { RefusalReason } from '../model/images';
import type { SkippedImage } from '../model/selection';
import { refusalReasonText } from '../texts';
import { type DeleteOutcome, isRequestFailure } from './deleteResult';
import { skippedLabel } from './labels';
import { deleteResultDocument } from './resultDocument';

export interface ReportDependencies {
    readonly ui: UserInterface;
    /** Retry, Retry Failed and Retry Not Sent: the same images again, without a second confirmation. */
    readonly retry: (images: readonly ZenlayerImage[]) => Promise<void>;
}

/** "Nothing to delete: ci-runner (CREATING), ubuntu (public image)." — the images and why each is not sent. */
export function reportNothingToDelete(ui: UserInterface, skipped: readonly SkippedImage[]): void {
    if (skipped.length > 0) {
        void ui.showMessage('warning', vscode.l10n.t('Nothing to delete: {0}.', nameList(skipped.map(skippedLabel))), {});
    }
}

/**
 * What the DeleteImages call did, per image: nothing when all were accepted (the status bar says "Deleting…" until
 * "Deleted"), else one notification naming what was not deleted and why, with the follow-ups that fit.
 */
export async function reportOutcome(deps: ReportDependencies, outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): Promise<void> {
    const { ui } = deps;
    const requested = outcome.accepted.length + outcome.refused.length + outcome.failed.length + outcome.notSent.length + outcome.unknown.length;
    if (isRequestFailure(outcome)) {
        const error = outcome.failed[0].error;
        const showLog = vscode.l10n.t('Show Log');
        const retry = vscode.l10n.t('Retry');
        const text = vscode.l10n.t('Could not delete {0} image(s): {1}', requested, describeError(error));
        const choice = await ui.showMessage(isExpectedRefusal(error) ? 'warning' : 'error', text, {}, showLog, retry);
        if (choice === showLog) {
            ui.showLog();
        } else if (choice === retry) {
            await deps.retry(outcome.failed.map((entry) => entry.image));
        }
        return;
    }
    const notDeleted = notDeletedImages(outcome);
    const requestId = outcome.requestIds.length === 1 ? ` ${vscode.l10n.t('(requestId {0})', outcome.requestIds[0])}` : '';
    if (notDeleted.length === 0 && outcome.notSent.length === 0 && outcome.unknown.length === 0) {
        return;
    }
    if (requested === 1 && outcome.refused.length === 1) {
        const [image] = outcome.refused;
        const text = vscode.l10n.t('{0} was not deleted: {1}.', image.name, refusalReasonText(reasons.get(image.id) ?? { kind: 'unknown' })) + requestId;
        await offerFollowUps(deps, text, outcome, reasons);
        return;
    }
    const accepted = outcome.accepted.length;
    const sentences = [
        accepted > 0 ? vscode.l10n.t('Deleting {0} of {1} images.', accepted, requested) : vscode.l10n.t('None of {0} images is being deleted.', requested),
        ...(notDeleted.length > 0 ? [vscode.l10n.t('Not deleted: {0}.', reasonList(notDeleted.map((image) => notDeletedLabel(image, outcome, reasons))))] : []),
        ...(outcome.notSent.length > 0 ? [vscode.l10n.t('{0} not sent (Retry Not Sent sends them).', outcome.notSent.length)] : []),
        ...(outcome.unknown.length > 0 ? [vscode.l10n.t('{0} sent without a clear answer: refresh to see what happened.', outcome.unknown.length)] : []),
    ];
    await offerFollowUps(deps, sentences.join(' ') + requestId, outcome, reasons);
}

function notDeletedImages(outcome: DeleteOutcome): ZenlayerImage[] {
    return [...outcome.refused, ...outcome.failed.map((entry) => entry.image)];
}

function notDeletedLabel(image: ZenlayerImage, outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): string {
    const reason = reasons.get(image.id);
    if (reason) {
        return vscode.l10n.t('{0} — {1}', image.name, refusalReasonText(reason));
    }
    const failed = outcome.failed.find((entry) => entry.image.id === image.id);
    return failed ? vscode.l10n.t('{0} — {1}', image.name, describeError(failed.error)) : image.name;
}

async function offerFollowUps(deps: ReportDependencies, text: string, outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): Promise<void> {
    const { ui } = deps;
    const showDetails = vscode.l10n.t('Show Details');
    const retryFailed = vscode.l10n.t('Retry Failed');
    const retryNotSent = vscode.l10n.t('Retry Not Sent');
    const copyIds = vscode.l10n.t('Copy Failed IDs');
    const notDeleted = notDeletedImages(outcome);
    const buttons = [showDetails, ...(notDeleted.length > 0 ? [retryFailed] : []), ...(outcome.notSent.length > 0 ? [retryNotSent] : []), copyIds];
    const choice = await ui.showMessage('warning', text, {}, ...buttons);
    if (choice === showDetails) {
        await ui.openReadOnlyDocument('delete-result.md', deleteResultDocument(outcome, reasons));
    } else if (choice === retryFailed) {
        await deps.retry(notDeleted);
    } else if (choice === retryNotSent) {
        await deps.retry(outcome.notSent.map((entry) => entry.image));
    } else if (choice === copyIds) {
        const notSent = outcome.notSent.map((entry) => entry.image);
        const unknown = outcome.unknown.map((entry) => entry.image);
        const ids = [...notDeleted, ...notSent, ...unknown].map((image) => image.id);
        await ui.writeClipboard(ids.join('\n'));
        ui.setStatusBarMessage(vscode.l10n.t('Copied {0} failed image ID(s)', ids.length));
    }
}
