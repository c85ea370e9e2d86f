import * as vscode from 'vscode';
import type { ImagesApi } from '../../shared/session/session';
import { describeError, isExpectedRefusal } from '../../platform/errorText';
import type { Logger } from '../../platform/logger';
import type { ConfirmationMode } from '../../shared/settings/settings';
import type { UserInterface } from '../../platform/userInterface';
import type { ZenlayerImage } from '../../zenlayer';
import { type DeleteOutcome, type ImageError, isRequestFailure, likelyRefusalReason, requestFailedOutcome, summarizeDeleteResult } from './deleteResult';
import { isFilterActive } from '../model/filter';
import { type DeleteFailure, isBeingDeleted, type RefusalReason } from '../model/images';
import type { ImagesModel, SettledDeletes } from '../model/imagesModel';
import { POLL_GIVE_UP_MINUTES } from '../model/polling';
import { buildDeleteQuickPickItems, type ImageQuickPickItem } from '../model/quickPick';
import { type DeleteTargets, normalizeSelection, partitionDeletable, rowAfterDelete, type SkippedImage } from '../model/selection';
import { nameList, reasonList } from '../../platform/listText';
import { filterText, instanceCountText, refusalReasonText } from '../texts';
import type { ImageNode, TreeNode } from '../model/tree';
import { escapeMarkdown } from '../../platform/markdown';

export interface DeleteFlowDependencies {
    readonly ui: UserInterface;
    /** The API for the stored credentials (undefined when signed out); one delete keeps the client it started with. */
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly model: ImagesModel;
    readonly logger: Logger;
    readonly confirmation: () => ConfirmationMode;
    /** From this many images, the modal confirmation also asks to type the count. */
    readonly typeCountThreshold: () => number;
    /** The credentials flow, offered when nobody is signed in. */
    readonly configureCredentials: () => Promise<void>;
    /** The view's selection, for the Delete key (which passes no node). */
    readonly selection: () => readonly TreeNode[];
    /** Selects and focuses a row of the view (TreeView.reveal). */
    readonly select: (node: TreeNode) => Thenable<void>;
}

/** Accepted images of one delete, followed until Zenlayer no longer lists them, to say "Deleted" only then. */
interface PendingDelete {
    readonly waiting: Set<string>;
    readonly gone: ZenlayerImage[];
    readonly reverted: ZenlayerImage[];
    /** Delete Unused Images says how much space went. */
    readonly reportFreed: boolean;
    /** Ends the status-bar progress of this delete. */
    readonly end: () => void;
}

/**
 * The one delete path behind the context menu, the Delete key, the palette and Delete Unused Images: skip what must not
 * be sent, confirm, send, say per image what happened, and say "Deleted" when the images are really gone.
 */
export class DeleteFlow {
    private pending: PendingDelete[] = [];
    /** Which account (model.accountGeneration) each image was last sent for: Retry must stay on that account. */
    private readonly sentForAccount = new Map<string, number>();
    private readonly subscriptions: { dispose(): void }[];

    constructor(private readonly deps: DeleteFlowDependencies) {
        this.subscriptions = [deps.model.onDidSettleDeletes((settled) => this.followUp(settled))];
    }

    dispose(): void {
        this.subscriptions.forEach((subscription) => subscription.dispose());
        this.pending.forEach((pending) => pending.end());
    }

    /** Context menu (clicked node and the selection) and the Delete key (nothing: the view's selection). */
    deleteSelected(clicked: TreeNode | undefined, selected: readonly TreeNode[] | undefined): Promise<void> {
        return this.run(normalizeSelection(clicked, selected ?? (clicked ? undefined : this.deps.selection()), this.deps.model), false);
    }

    /** The palette's bulk delete: a searchable multi-select of the deletable images, then the same flow. */
    async pickAndRun(): Promise<void> {
        const { model, ui } = this.deps;
        if (!(await this.readyToPick(() => this.pickAndRun()))) {
            return;
        }
        const filter = model.activeFilter;
        const filtered = isFilterActive(filter);
        const items = buildDeleteQuickPickItems(this.offerable());
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
                ? vscode.l10n.t("Only images matching the view's filter are listed. Select the images to delete (type to filter by name or ID)")
                : vscode.l10n.t('Select the images to delete (type to filter by name or ID)'),
            matchOnDescription: true,
            matchOnDetail: true,
            ignoreFocusOut: true,
        });
        if (picked && picked.length > 0) {
            await this.run(partitionDeletable(picked.map((item) => item.image), model), false);
        }
    }

    /**
     * Like an image prune, for the account: refresh usage first, offer every deletable custom image no instance uses,
     * all pre-selected; the same confirmation and delete; the result says how much space went.
     */
    async deleteUnused(): Promise<void> {
        const { model, ui } = this.deps;
        if (!model.signedIn) {
            await this.deps.configureCredentials();
            return;
        }
        await model.refresh();
        if (!(await this.readyToPick(() => this.deleteUnused()))) {
            return;
        }
        const usage = model.instanceUsage;
        if (usage.kind === 'unknown') {
            void ui.showMessage('error', vscode.l10n.t('Cannot tell which images are unused: the instances could not be listed ({0}). Nothing was deleted.', describeError(usage.error)), {});
            return;
        }
        const unused = this.offerable().filter((image) => model.instancesOf(image.id)?.length === 0);
        const items: (ImageQuickPickItem & { picked: boolean })[] = buildDeleteQuickPickItems(unused).map((item) => ({ ...item, picked: true }));
        if (items.length === 0) {
            const text = isFilterActive(model.activeFilter)
                ? vscode.l10n.t('No unused image matches the filter ({0}).', filterText(model.activeFilter))
                : vscode.l10n.t('Every custom image is in use by an instance, protected or not deletable: nothing to clean up.');
            void ui.showMessage('info', text, {});
            return;
        }
        const picked = await ui.pickMany(items, {
            title: vscode.l10n.t('Delete Unused Images: {0} image(s), {1} GiB', items.length, totalGiB(items.map((item) => item.image))),
            placeHolder: vscode.l10n.t('Untick the images to keep, then press Enter.'),
            matchOnDescription: true,
            matchOnDetail: true,
            ignoreFocusOut: true,
        });
        if (picked && picked.length > 0) {
            await this.run(partitionDeletable(picked.map((item) => item.image), model), true);
        }
    }

    /** Signed in and the listing loaded; after a failed load offers Retry (then `again`) instead of "nothing to delete". */
    private async readyToPick(again: () => Promise<void>): Promise<boolean> {
        const { model, ui } = this.deps;
        if (!model.signedIn) {
            await this.deps.configureCredentials();
            return false;
        }
        await model.whenIdle();
        const loadError = model.loadError;
        if (loadError === undefined) {
            return true;
        }
        // The cache is empty because the listing failed, not because there is nothing to delete.
        const retry = vscode.l10n.t('Retry');
        const choice = await ui.showMessage('error', vscode.l10n.t('Could not load the images to choose from: {0}', describeError(loadError)), {}, retry);
        if (choice === retry) {
            await model.refresh();
            await again();
        }
        return false;
    }

    /** What a pick may offer: not being deleted, not protected (those are never sent, by any path). */
    private offerable(): ZenlayerImage[] {
        const { model } = this.deps;
        return model.cachedImages.filter((image) => !isBeingDeleted(model.marks.get(image.id)) && model.protectedBy(image) === undefined);
    }

    private async run(targets: DeleteTargets, reportFreed: boolean): Promise<void> {
        if (targets.images.length === 0) {
            this.reportNothingToDelete(targets.skipped);
            return;
        }
        const chosen = await this.confirm(targets);
        if (!chosen) {
            this.deps.logger.info(`Delete of ${targets.images.length} image(s) cancelled; nothing sent.`);
            return;
        }
        await this.send(chosen, reportFreed);
    }

    /**
     * Retry and Retry Failed: the user already confirmed these images and clicked the button, so no second
     * confirmation; but the tree may know more by now (deleting from another window, a new state, a new protection
     * rule), so they are filtered like any selection.
     */
    private async retry(images: readonly ZenlayerImage[]): Promise<void> {
        // A button of a notification about another account: its remaining images must not go to the one shown now.
        if (images.some((image) => this.sentForAccount.get(image.id) !== this.deps.model.accountGeneration)) {
            void this.deps.ui.showMessage('warning', vscode.l10n.t('You switched Zenlayer accounts since this delete; switch back to retry it.'), {});
            return;
        }
        const targets = partitionDeletable(this.current(images), this.deps.model);
        if (targets.images.length === 0) {
            this.reportNothingToDelete(targets.skipped);
            return;
        }
        await this.send(targets.images, false);
    }

    /** "Nothing to delete: ci-runner (CREATING), ubuntu (public image)." — the images and why each is not sent. */
    private reportNothingToDelete(skipped: readonly SkippedImage[]): void {
        if (skipped.length > 0) {
            void this.deps.ui.showMessage('warning', vscode.l10n.t('Nothing to delete: {0}.', nameList(skipped.map(skippedLabel))), {});
        }
    }

    /** The images to send, or undefined when the person said no. Never a choice that deletes by one careless Enter. */
    private async confirm(targets: DeleteTargets): Promise<readonly ZenlayerImage[] | undefined> {
        const { ui, model } = this.deps;
        const images = targets.images;
        const inUse = images.filter((image) => (model.instancesOf(image.id)?.length ?? 0) > 0);
        const unused = images.filter((image) => !inUse.includes(image));
        const question =
            images.length === 1
                ? vscode.l10n.t('Delete image "{0}" ({1})?', images[0].name, images[0].id)
                : vscode.l10n.t('Delete {0} images: {1}?', images.length, nameList(images.map((image) => image.name)));
        const details = [
            ...(inUse.length > 0
                ? [
                      vscode.l10n.t('In use by instances: {0}.', nameList(inUse.map((image) => `${image.name} (${instanceCountText(model.instancesOf(image.id)?.length ?? 0)})`))),
                      vscode.l10n.t('Zenlayer is expected to refuse images in use.'),
                  ]
                : []),
            vscode.l10n.t('Deleted images cannot be recovered.'),
            ...(targets.skipped.length > 0 ? [vscode.l10n.t('Skipped: {0}.', nameList(targets.skipped.map(skippedLabel)))] : []),
        ].join('\n');

        if (this.deps.confirmation() === 'typeToConfirm') {
            const expected = images.length === 1 ? images[0].name : String(images.length);
            return (await this.typed(question, details, expected, images.length === 1)) ? images : undefined;
        }
        const deleteAll = inUse.length > 0 && unused.length > 0 ? vscode.l10n.t('Delete All') : vscode.l10n.t('Delete');
        const unusedOnly = vscode.l10n.t('Delete {0} Unused Only', unused.length);
        const buttons = inUse.length > 0 && unused.length > 0 ? [unusedOnly, deleteAll] : [deleteAll];
        const answer = await ui.showMessage('warning', question, { modal: true, detail: details }, ...buttons);
        const chosen = answer === deleteAll ? images : answer === unusedOnly ? unused : undefined;
        if (!chosen) {
            return undefined;
        }
        // A group right-click can select dozens: from the threshold, one Enter on a focused button is not enough.
        if (chosen.length >= this.deps.typeCountThreshold()) {
            const question = vscode.l10n.t('Delete {0} images?', chosen.length);
            return (await this.typed(question, vscode.l10n.t('Deleted images cannot be recovered.'), String(chosen.length), false)) ? chosen : undefined;
        }
        return chosen;
    }

    /** Asks to type `expected`; the prompt says what to type, and nothing is pre-written in the box. */
    private async typed(title: string, details: string, expected: string, isName: boolean): Promise<boolean> {
        const typed = await this.deps.ui.showInputBox({
            title,
            prompt: isName ? vscode.l10n.t('{0} Type the image name "{1}" to confirm.', details, expected) : vscode.l10n.t('{0} Type the number of images, {1}, to confirm.', details, expected),
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() === expected ? undefined : vscode.l10n.t('Type "{0}" to delete.', expected)),
        });
        return typed?.trim() === expected;
    }

    /** Sends the delete (one request per chunk, inside the client) and reports; Retry re-enters here without a new confirmation. */
    private async send(images: readonly ZenlayerImage[], reportFreed: boolean): Promise<void> {
        let api: ImagesApi | undefined;
        try {
            api = await this.deps.api();
        } catch (error) {
            // No client to send with (unusable endpoint or proxy setting, keyring locked): say so, nothing was sent.
            await this.report(requestFailedOutcome(images, asError(error)), new Map());
            return;
        }
        if (!api) {
            await this.offerSignIn();
            return;
        }
        const ids = images.map((image) => image.id);
        // Before the rows change: a refresh of the tree may drop the view's selection.
        const rowsBefore = this.deps.model.imageRows();
        const selectedBefore = this.deps.selection();
        this.deps.logger.info(`Deleting ${ids.length} image(s): ${ids.join(', ')}`);
        this.deps.model.deleteStarted(ids);
        ids.forEach((id) => this.sentForAccount.set(id, this.deps.model.accountGeneration));
        let outcome: DeleteOutcome;
        try {
            const result = await this.deps.ui.withProgress(deletingTitle(images), () => api.deleteImages(ids));
            outcome = summarizeDeleteResult(images, result);
        } catch (error) {
            outcome = requestFailedOutcome(images, asError(error));
        }
        const reasons = await this.refusalReasons(api, outcome.refused);
        this.settle(outcome, reasons);
        if (outcome.accepted.length > 0) {
            this.follow(outcome.accepted, reportFreed);
            await this.selectRowAfter(rowsBefore, selectedBefore, new Set(ids));
        }
        await this.report(outcome, reasons);
    }

    /**
     * Accepted is not deleted yet: the rows say DELETING and the status bar "Deleting…" until Zenlayer no longer lists
     * the images, then one notification says "Deleted". A notification for the interim state would still sit beside
     * that one, as VS Code cannot close a message; the status-bar progress ends when the images are gone.
     */
    private follow(accepted: readonly ZenlayerImage[], reportFreed: boolean): void {
        let end = (): void => undefined;
        const ended = new Promise<void>((resolve) => (end = resolve));
        this.pending.push({ waiting: new Set(accepted.map((image) => image.id)), gone: [], reverted: [], reportFreed, end });
        this.deps.ui.showBackgroundProgress(deletingTitle(accepted), ended);
    }

    /**
     * After a delete from the view, the row below (or above) takes the selection and the focus, as in the Explorer, so
     * pressing Delete again acts on it. Only when the selection was among the deleted rows: a palette delete of other
     * images leaves it alone. With no row left the deleted rows stay selected until they go (a view cannot clear it).
     */
    private async selectRowAfter(rowsBefore: readonly ImageNode[], selectedBefore: readonly TreeNode[], sentIds: ReadonlySet<string>): Promise<void> {
        const { model } = this.deps;
        if (!selectedBefore.some((node) => (node.kind === 'image' ? sentIds.has(node.image.id) : node.kind === 'group' && node.children.some((child) => sentIds.has(child.image.id))))) {
            return;
        }
        const next = rowAfterDelete(rowsBefore, sentIds, model.marks);
        const rows = model.imageRows();
        const current = next && (rows.find((row) => row.id === next.id) ?? rows.find((row) => row.image.id === next.image.id));
        if (current) {
            try {
                await this.deps.select(current);
            } catch (error) {
                this.deps.logger.warn(`Could not select the row after the delete: ${describeError(error)}`);
            }
        }
    }

    /** DeleteImages never says why; what the extension knows says what is likely: usage, or the status now. */
    private async refusalReasons(api: ImagesApi, refused: readonly ZenlayerImage[]): Promise<Map<string, RefusalReason>> {
        if (refused.length === 0) {
            return new Map();
        }
        let current: Map<string, ZenlayerImage> | undefined;
        try {
            current = new Map((await api.describeImagesByIds(refused.map((image) => image.id))).map((image) => [image.id, image]));
        } catch (error) {
            this.deps.logger.warn(`Could not look up the refused images: ${describeError(error)}`);
        }
        return new Map(refused.map((image) => [image.id, likelyRefusalReason(image, this.deps.model.instanceUsage, current)]));
    }

    /** Accepted images show as DELETING at once and are watched until Zenlayer no longer lists them. */
    private settle(outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): void {
        const failures = new Map<string, DeleteFailure>();
        outcome.refused.forEach((image) => failures.set(image.id, { kind: 'refused', reason: reasons.get(image.id) ?? { kind: 'unknown' } }));
        outcome.failed.forEach(({ image, error }) => failures.set(image.id, { kind: 'requestFailed', error }));
        outcome.notSent.forEach(({ image, error }) => failures.set(image.id, { kind: 'notSent', error }));
        outcome.unknown.forEach(({ image, error }) => failures.set(image.id, { kind: 'unknownOutcome', error }));
        this.deps.model.deleteSettled(
            outcome.accepted.map((image) => image.id),
            failures,
        );
        if (failures.size > 0) {
            this.deps.logger.warn(`Not deleted: ${[...failures].map(([id, failure]) => `${id} (${failure.kind})`).join(', ')}`);
        }
    }

    private async report(outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): Promise<void> {
        const { ui } = this.deps;
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
                await this.retry(outcome.failed.map((entry) => entry.image));
            }
            return;
        }
        const notDeleted = [...outcome.refused, ...outcome.failed.map((entry) => entry.image)];
        const requestId = outcome.requestIds.length === 1 ? ` ${vscode.l10n.t('(requestId {0})', outcome.requestIds[0])}` : '';
        if (notDeleted.length === 0 && outcome.notSent.length === 0 && outcome.unknown.length === 0) {
            return; // all accepted: the status bar says "Deleting…" until "Deleted" (follow)
        }
        if (requested === 1 && outcome.refused.length === 1) {
            const [image] = outcome.refused;
            const text = vscode.l10n.t('{0} was not deleted: {1}.', image.name, refusalReasonText(reasons.get(image.id) ?? { kind: 'unknown' })) + requestId;
            await this.offerFollowUps(text, outcome, reasons);
            return;
        }
        const sentences = [
            outcome.accepted.length > 0 ? vscode.l10n.t('Deleting {0} of {1} images.', outcome.accepted.length, requested) : vscode.l10n.t('None of {0} images is being deleted.', requested),
            ...(notDeleted.length > 0 ? [vscode.l10n.t('Not deleted: {0}.', reasonList(notDeleted.map((image) => this.notDeletedLabel(image, outcome, reasons))))] : []),
            ...(outcome.notSent.length > 0 ? [vscode.l10n.t('{0} not sent (Retry Not Sent sends them).', outcome.notSent.length)] : []),
            ...(outcome.unknown.length > 0 ? [vscode.l10n.t('{0} sent without a clear answer: refresh to see what happened.', outcome.unknown.length)] : []),
        ];
        const text = sentences.join(' ') + requestId;
        await this.offerFollowUps(text, outcome, reasons);
    }

    private notDeletedLabel(image: ZenlayerImage, outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): string {
        const reason = reasons.get(image.id);
        if (reason) {
            return vscode.l10n.t('{0} — {1}', image.name, refusalReasonText(reason));
        }
        const failed = outcome.failed.find((entry) => entry.image.id === image.id);
        return failed ? vscode.l10n.t('{0} — {1}', image.name, describeError(failed.error)) : image.name;
    }

    private async offerFollowUps(text: string, outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): Promise<void> {
        const { ui } = this.deps;
        const showDetails = vscode.l10n.t('Show Details');
        const retryFailed = vscode.l10n.t('Retry Failed');
        const retryNotSent = vscode.l10n.t('Retry Not Sent');
        const copyIds = vscode.l10n.t('Copy Failed IDs');
        const notDeleted = [...outcome.refused, ...outcome.failed.map((entry) => entry.image)];
        const buttons = [showDetails, ...(notDeleted.length > 0 ? [retryFailed] : []), ...(outcome.notSent.length > 0 ? [retryNotSent] : []), copyIds];
        const choice = await ui.showMessage('warning', text, {}, ...buttons);
        if (choice === showDetails) {
            await ui.openReadOnlyDocument('delete-result.md', this.resultReport(outcome, reasons));
        } else if (choice === retryFailed) {
            await this.retry(notDeleted);
        } else if (choice === retryNotSent) {
            await this.retry(outcome.notSent.map((entry) => entry.image));
        } else if (choice === copyIds) {
            const ids = [...notDeleted, ...outcome.notSent.map((entry) => entry.image), ...outcome.unknown.map((entry) => entry.image)].map((image) => image.id);
            await ui.writeClipboard(ids.join('\n'));
            ui.setStatusBarMessage(vscode.l10n.t('Copied {0} failed image ID(s)', ids.length));
        }
    }

    /** Show Details: a rendered document, one line per image that was not deleted, and the requestIds support asks for. */
    private resultReport(outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): string {
        const line = (image: ZenlayerImage, why: string) => `- **${escapeMarkdown(image.name)}** (\`${image.id}\`, ${image.status}): ${escapeMarkdown(why)}`;
        const section = (title: string, entries: readonly string[]) => (entries.length > 0 ? [`## ${title}`, '', ...entries, ''] : []);
        const withError = (entries: readonly ImageError[]) => entries.map(({ image, error }) => line(image, describeError(error)));
        const lines = [
            `# ${vscode.l10n.t('Delete result')}`,
            '',
            ...section(vscode.l10n.t('Refused by Zenlayer'), outcome.refused.map((image) => line(image, refusalReasonText(reasons.get(image.id) ?? { kind: 'unknown' })))),
            ...section(vscode.l10n.t('Request failed'), withError(outcome.failed)),
            ...section(vscode.l10n.t('Not sent'), withError(outcome.notSent)),
            ...section(vscode.l10n.t('Unknown outcome (refresh before retrying)'), withError(outcome.unknown)),
            ...section(vscode.l10n.t('Accepted (being deleted)'), outcome.accepted.map((image) => `- **${escapeMarkdown(image.name)}** (\`${image.id}\`)`)),
        ];
        if (outcome.requestIds.length > 0) {
            lines.push(vscode.l10n.t('DeleteImages requestId(s): {0}', outcome.requestIds.map((id) => `\`${id}\``).join(', ')));
        }
        return lines.join('\n') + '\n';
    }

    /** Accepted deletes that ended: "Deleted 2 images" once all of one delete are gone. */
    private followUp(settled: SettledDeletes): void {
        for (const pending of this.pending) {
            settled.abandoned.forEach((id) => pending.waiting.delete(id)); // polling gave up and said so, or the account changed
            for (const image of settled.gone) {
                if (pending.waiting.delete(image.id)) {
                    pending.gone.push(image);
                }
            }
            for (const image of settled.reverted) {
                if (pending.waiting.delete(image.id)) {
                    pending.reverted.push(image);
                }
            }
        }
        const done = this.pending.filter((pending) => pending.waiting.size === 0);
        this.pending = this.pending.filter((pending) => pending.waiting.size > 0);
        for (const pending of done) {
            pending.end();
            this.reportDone(pending);
        }
    }

    private reportDone(pending: PendingDelete): void {
        const { ui } = this.deps;
        const { gone, reverted } = pending;
        if (gone.length > 0) {
            const deleted = gone.length === 1 ? vscode.l10n.t('Deleted image {0}', gone[0].name) : vscode.l10n.t('Deleted {0} images', gone.length);
            const freed = totalGiB(gone);
            void ui.showMessage('info', pending.reportFreed && freed > 0 ? vscode.l10n.t('{0}, freeing {1} GiB', deleted, freed) : deleted, {});
        }
        if (reverted.length > 0) {
            void ui.showMessage('warning', vscode.l10n.t('Zenlayer accepted the delete, but these images are back: {0}.', nameList(reverted.map((image) => `${image.name} (${image.status})`))), {});
        }
    }

    /** The images as the model knows them now, so a retry works on fresh state. */
    private current(images: readonly ZenlayerImage[]): ZenlayerImage[] {
        const cached = new Map(this.deps.model.cachedImages.map((image) => [image.id, image]));
        return images.map((image) => cached.get(image.id) ?? image);
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

/** "ci-runner (CREATING)", "ubuntu (public image)", "prod-db (protected by prod-*)". */
function skippedLabel(skipped: SkippedImage): string {
    const { image } = skipped;
    switch (skipped.reason) {
        case 'public':
            return vscode.l10n.t('{0} (public image)', image.name);
        case 'transitional':
            return `${image.name} (${image.status})`;
        case 'deleting':
            return vscode.l10n.t('{0} (already being deleted)', image.name);
        case 'protected':
            return vscode.l10n.t('{0} (protected by zenlayer.delete.protectedImages: {1})', image.name, skipped.protectedBy ?? '');
    }
}

/** "Deleting image web-1…", "Deleting 3 images…": the request's notification, then the status bar until they are gone. */
function deletingTitle(images: readonly ZenlayerImage[]): string {
    return images.length === 1 ? vscode.l10n.t('Deleting image {0}…', images[0].name) : vscode.l10n.t('Deleting {0} images…', images.length);
}

function totalGiB(images: readonly ZenlayerImage[]): number {
    return images.reduce((sum, image) => sum + (image.sizeGiB ?? 0), 0);
}


function asError(error: unknown): Error {
    return error instanceof Error ? error : new Error(String(error));
}
