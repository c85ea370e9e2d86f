import * as vscode from 'vscode';
import { type DeleteOutcome, failedLabel, type FailedImage, requestFailedOutcome, summarizeDeleteResult } from './deleteResult';
import { isFilterActive } from './filter';
import { isBeingDeleted } from './images';
import { POLL_GIVE_UP_MINUTES } from './polling';
import { buildDeleteQuickPickItems } from './quickPick';
import { countSkippedByReason, type DeleteTargets, firstNames, normalizeSelection, partitionDeletable } from './selection';
import type { TreeNode } from './tree';
import type { ConfirmationMode } from '../platform/settings';
import type { ImagesApi } from '../accounts/session';
import { describeError, isExpectedRefusal } from '../platform/errorText';
import { filterText, undeletableReasonText } from './texts';
import type { UserInterface } from '../platform/userInterface';
import type { Logger } from '../platform/logger';
import type { ImagesModel } from './imagesModel';
import type { ZenlayerImage } from '../zenlayer';

/** How many names a confirmation or a notification lists before "and N more". */
const NAMES_SHOWN = 5;

export interface DeleteFlowDependencies {
    readonly ui: UserInterface;
    /** The API for the stored credentials (undefined when signed out); one delete keeps the client it started with. */
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly model: ImagesModel;
    readonly logger: Logger;
    readonly confirmation: () => ConfirmationMode;
    /** The credentials flow, offered when nobody is signed in. */
    readonly configureCredentials: () => Promise<void>;
    /** The view's selection, for the Delete key (which passes no node). */
    readonly selection: () => readonly TreeNode[];
}

/** The one delete path behind the context menu, the Delete key and the palette: confirm, send, report, follow up. */
export class DeleteFlow {
    constructor(private readonly deps: DeleteFlowDependencies) {}

    /** Context menu (clicked node and the selection) and the Delete key (nothing: the view's selection). */
    deleteSelected(clicked: TreeNode | undefined, selected: readonly TreeNode[] | undefined): Promise<void> {
        return this.run(normalizeSelection(clicked, selected ?? (clicked ? undefined : this.deps.selection()), this.deps.model.marks));
    }

    private async run(targets: DeleteTargets): Promise<void> {
        const skippedText = skippedSummary(targets);
        if (targets.images.length === 0) {
            this.reportNothingToDelete(skippedText);
            return;
        }
        if (!(await this.confirm(targets.images, skippedText))) {
            this.deps.logger.info(`Delete of ${targets.images.length} image(s) cancelled; nothing sent.`);
            return;
        }
        await this.send(targets.images);
    }

    /**
     * Retry and Retry Failed: the user already confirmed these images and clicked the button, so no second
     * confirmation; but the tree may know more by now (deleting from another window, a new state), so they are
     * filtered like any selection.
     */
    private async retry(images: readonly ZenlayerImage[]): Promise<void> {
        const targets = partitionDeletable(images, this.deps.model.marks);
        if (targets.images.length === 0) {
            this.reportNothingToDelete(skippedSummary(targets));
            return;
        }
        await this.send(targets.images);
    }

    private reportNothingToDelete(skippedText: string | undefined): void {
        if (skippedText) {
            void this.deps.ui.showMessage('warning', vscode.l10n.t('Nothing to delete: {0}.', skippedText), {});
        }
    }

    /** The palette's bulk delete: a searchable multi-select of the deletable images, then the same flow. */
    async pickAndRun(): Promise<void> {
        const { model, ui } = this.deps;
        if (!model.signedIn) {
            await this.deps.configureCredentials();
            return;
        }
        await model.whenIdle();
        const loadError = model.loadError;
        if (loadError !== undefined) {
            // The cache is empty because the listing failed, not because there is nothing to delete.
            const retry = vscode.l10n.t('Retry');
            const choice = await ui.showMessage('error', vscode.l10n.t('Could not load the images to choose from: {0}', describeError(loadError)), {}, retry);
            if (choice === retry) {
                await model.refresh();
                await this.pickAndRun();
            }
            return;
        }
        const filter = model.activeFilter;
        const filtered = isFilterActive(filter);
        const items = buildDeleteQuickPickItems(model.cachedImages.filter((image) => !isBeingDeleted(model.marks.get(image.id))));
        if (items.length === 0) {
            const text = filtered
                ? vscode.l10n.t('No image that matches the filter ({0}) can be deleted.', filterText(filter))
                : vscode.l10n.t('There are no custom images that can be deleted.');
            void ui.showMessage('info', text, {});
            return;
        }
        // The view's filter narrows what is offered; say so, or images outside it would seem to be missing.
        const picked = await ui.pickMany(items, {
            title: filtered ? vscode.l10n.t('Delete Zenlayer Images (filtered: {0})', filterText(filter)) : vscode.l10n.t('Delete Zenlayer Images'),
            placeHolder: filtered
                ? vscode.l10n.t('Only images matching the view\'s filter are listed. Select the images to delete (type to filter by name or ID)')
                : vscode.l10n.t('Select the images to delete (type to filter by name or ID)'),
            matchOnDescription: true,
            matchOnDetail: true,
            ignoreFocusOut: true,
        });
        if (picked && picked.length > 0) {
            await this.run(partitionDeletable(picked.map((item) => item.image), model.marks));
        }
    }

    private async confirm(images: readonly ZenlayerImage[], skippedText: string | undefined): Promise<boolean> {
        const deleteButton = vscode.l10n.t('Delete');
        const question =
            images.length === 1
                ? vscode.l10n.t('Delete image "{0}" ({1})?', images[0].name, images[0].id)
                : vscode.l10n.t('Delete {0} images: {1}?', images.length, nameList(images.map((image) => image.name)));
        const details = [vscode.l10n.t('Deleted images cannot be recovered.'), ...(skippedText ? [vscode.l10n.t('Skipped: {0}.', skippedText)] : [])].join('\n');
        if (this.deps.confirmation() === 'typeToConfirm') {
            const expected = images.length === 1 ? images[0].name : String(images.length);
            const typed = await this.deps.ui.showInputBox({
                title: question,
                prompt: images.length === 1 ? vscode.l10n.t('{0} Type the image name to confirm.', details) : vscode.l10n.t('{0} Type the number of images to confirm.', details),
                placeHolder: expected,
                ignoreFocusOut: true,
                validateInput: (value) => (value.trim() === expected ? undefined : vscode.l10n.t('Type "{0}" to delete.', expected)),
            });
            return typed?.trim() === expected;
        }
        const answer = await this.deps.ui.showMessage('warning', question, { modal: true, detail: details }, deleteButton);
        return answer === deleteButton;
    }

    /** Sends the delete (one request per chunk, inside the client) and reports; Retry re-enters here without a new confirmation. */
    private async send(images: readonly ZenlayerImage[]): Promise<void> {
        let api: ImagesApi | undefined;
        try {
            api = await this.deps.api();
        } catch (error) {
            // No client to send with (unusable endpoint or proxy setting, keyring locked): say so, nothing was sent.
            await this.report(requestFailedOutcome(images, asError(error)), images);
            return;
        }
        if (!api) {
            await this.offerSignIn();
            return;
        }
        const ids = images.map((image) => image.id);
        this.deps.logger.info(`Deleting ${ids.length} image(s): ${ids.join(', ')}`);
        this.deps.model.deleteStarted(ids);
        let outcome: DeleteOutcome;
        try {
            const title = images.length === 1 ? vscode.l10n.t('Deleting image {0}…', images[0].name) : vscode.l10n.t('Deleting {0} images…', images.length);
            const result = await this.deps.ui.withProgress(title, () => api.deleteImages(ids));
            outcome = summarizeDeleteResult(images, result);
        } catch (error) {
            outcome = requestFailedOutcome(images, asError(error));
        }
        this.settle(outcome);
        await this.report(outcome, images);
    }

    /** Accepted images show as DELETING at once and are watched until Zenlayer no longer lists them. */
    private settle(outcome: DeleteOutcome): void {
        const accepted = outcome.kind === 'requestFailed' ? [] : outcome.succeeded.map((image) => image.id);
        const failures = new Map(outcome.kind === 'allSucceeded' ? [] : outcome.failed.map((failed) => [failed.id, failed.error ? { kind: 'requestFailed' as const, error: failed.error } : { kind: 'refused' as const }]));
        this.deps.model.deleteSettled(accepted, failures);
        if (outcome.kind !== 'allSucceeded') {
            this.deps.logger.warn(`Delete failed for: ${outcome.failed.map((failed) => `${failed.id}${failed.error ? ` (${describeError(failed.error)})` : ''}`).join(', ')}`);
        }
    }

    private async report(outcome: DeleteOutcome, images: readonly ZenlayerImage[]): Promise<void> {
        const { ui } = this.deps;
        switch (outcome.kind) {
            case 'allSucceeded': {
                const text = outcome.succeeded.length === 1 ? vscode.l10n.t('Deleted image {0}', outcome.succeeded[0].name) : vscode.l10n.t('Deleted {0} images', outcome.succeeded.length);
                void ui.showMessage('info', text, {});
                return;
            }
            case 'someFailed': {
                const showDetails = vscode.l10n.t('Show Details');
                const retryFailed = vscode.l10n.t('Retry Failed');
                const copyIds = vscode.l10n.t('Copy Failed IDs');
                const summary = vscode.l10n.t('Deleted {0} of {1}; {2} failed: {3}', outcome.succeeded.length, outcome.requested, outcome.failed.length, nameList(outcome.failed.map(failedLabel)));
                // A delete that took one request names its requestId here; several are listed in Show Details.
                const text = outcome.requestIds.length === 1 ? `${summary} ${vscode.l10n.t('(requestId {0})', outcome.requestIds[0])}` : summary;
                const choice = await ui.showMessage('warning', text, {}, showDetails, retryFailed, copyIds);
                if (choice === showDetails) {
                    await ui.openReadOnlyDocument('delete-failures.md', this.failureReport(outcome.failed, outcome.requestIds));
                } else if (choice === retryFailed) {
                    await this.retry(this.currentImages(outcome.failed, images));
                } else if (choice === copyIds) {
                    await ui.writeClipboard(outcome.failed.map((failed) => failed.id).join('\n'));
                    ui.setStatusBarMessage(vscode.l10n.t('Copied {0} failed image ID(s)', outcome.failed.length));
                }
                return;
            }
            case 'requestFailed': {
                const showLog = vscode.l10n.t('Show Log');
                const retry = vscode.l10n.t('Retry');
                const text = vscode.l10n.t('Could not delete {0} image(s): {1}', images.length, describeError(outcome.error));
                const choice = await ui.showMessage(isExpectedRefusal(outcome.error) ? 'warning' : 'error', text, {}, showLog, retry);
                if (choice === showLog) {
                    ui.showLog();
                } else if (choice === retry) {
                    await this.retry(this.currentImages(outcome.failed, images));
                }
                return;
            }
        }
    }

    /** The failed images as the cache knows them now, so a retry works on fresh state. */
    private currentImages(failed: readonly FailedImage[], requested: readonly ZenlayerImage[]): ZenlayerImage[] {
        const cached = this.cachedById();
        const original = new Map(requested.map((image) => [image.id, image]));
        return failed.flatMap((entry) => {
            const image = cached.get(entry.id) ?? original.get(entry.id);
            return image ? [image] : [];
        });
    }

    private cachedById(): Map<string, ZenlayerImage> {
        return new Map(this.deps.model.cachedImages.map((image) => [image.id, image]));
    }

    private failureReport(failed: readonly FailedImage[], requestIds: readonly string[]): string {
        const lines = [`# ${vscode.l10n.t('Images that were not deleted')}`, ''];
        const cached = this.cachedById();
        for (const entry of failed) {
            const reason = entry.error
                ? describeError(entry.error)
                : vscode.l10n.t('Zenlayer refused to delete this image: it is in use by an instance, or in a state Zenlayer refuses (status {0}).', cached.get(entry.id)?.status ?? '?');
            lines.push(`- **${entry.name ?? entry.id}** (\`${entry.id}\`): ${reason}`);
        }
        if (requestIds.length > 0) {
            // What Zenlayer support asks for when a refusal needs explaining.
            lines.push('', vscode.l10n.t('DeleteImages requestId(s): {0}', requestIds.map((id) => `\`${id}\``).join(', ')));
        }
        return lines.join('\n') + '\n';
    }

    private async offerSignIn(): Promise<void> {
        const configure = vscode.l10n.t('Configure Credentials');
        const choice = await this.deps.ui.showMessage('warning', vscode.l10n.t('Configure your Zenlayer credentials first.'), {}, configure);
        if (choice === configure) {
            await this.deps.configureCredentials();
        }
    }
}

/** Polling stopped while deleted images were still listed: say so once, and how to look again. */
export function reportPollingGaveUp(ui: UserInterface, logger: Logger, remaining: readonly string[]): void {
    logger.warn(`Stopped waiting for ${remaining.length} deleted image(s) after ${POLL_GIVE_UP_MINUTES} minutes: ${remaining.join(', ')}`);
    void ui.showMessage('warning', vscode.l10n.t('{0} image(s) are still listed {1} minutes after being deleted. Stopped checking; use Refresh to look again.', remaining.length, POLL_GIVE_UP_MINUTES), {});
}

/** "a, b, c, d, e and 3 more": the first few names, joined the way the user's language lists things. */
function nameList(names: readonly string[]): string {
    const { shown, more } = firstNames(names, NAMES_SHOWN);
    const joined = shown.join(vscode.l10n.t({ message: ', ', comment: ['Separator between image names in a list'] }));
    return more > 0 ? vscode.l10n.t('{0} and {1} more', joined, more) : joined;
}

function skippedSummary(targets: DeleteTargets): string | undefined {
    if (targets.skipped.length === 0) {
        return undefined;
    }
    return [...countSkippedByReason(targets.skipped)].map(([reason, count]) => undeletableReasonText(reason, count)).join('; ');
}

function asError(error: unknown): Error {
    return error instanceof Error ? error : new Error(String(error));
}
