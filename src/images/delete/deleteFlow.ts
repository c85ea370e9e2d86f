import type { Logger } from '../../platform/logger';
import type { UserInterface } from '../../platform/userInterface';
import { describeError } from '../../platform/errorText';
import type { ConfirmationMode } from '../../shared/settings/settings';
import type { ImagesApi } from '../../shared/session/session';
import type { ZenlayerImage } from '../../zenlayer';
import type { DeleteFailure, RefusalReason } from '../model/images';
import type { ImagesModel } from '../model/imagesModel';
import { type DeleteTargets, partitionDeletable } from '../model/selection';
import type { TreeNode } from '../model/tree';
import { confirmDelete } from './confirm';
import { type DeleteOutcome, likelyRefusalReason, requestFailedOutcome, summarizeDeleteResult } from './deleteResult';
import { DeleteFollower } from './followUntilGone';
import { deletingTitle } from './labels';
import { reportNothingToDelete, reportOutcome } from './report';
import { selectRowAfter } from './selectAfter';
import * as vscode from 'vscode';

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

/**
 * The one delete path behind the context menu, the Delete key, the palette and Delete Unused Images: skip what must not
 * be sent, confirm (confirm.ts), send, say per image what happened (report.ts), and say "Deleted" when the images are
 * really gone (followUntilGone.ts).
 */
export class DeleteFlow {
    private readonly follower: DeleteFollower;
    /** Which account (model.accountGeneration) each image was last sent for: Retry must stay on that account. */
    private readonly sentForAccount = new Map<string, number>();
    private readonly subscription: { dispose(): void };

    constructor(private readonly deps: DeleteFlowDependencies) {
        this.follower = new DeleteFollower(deps.ui);
        this.subscription = deps.model.onDidSettleDeletes((settled) => this.follower.settled(settled));
    }

    dispose(): void {
        this.subscription.dispose();
        this.follower.dispose();
    }

    /** Confirms, then sends. `reportFreed`: the result says how many GiB went (Delete Unused Images). */
    async run(targets: DeleteTargets, reportFreed: boolean): Promise<void> {
        if (targets.images.length === 0) {
            reportNothingToDelete(this.deps.ui, targets.skipped);
            return;
        }
        const chosen = await confirmDelete({ ...this.deps, instancesOf: (id) => this.deps.model.instancesOf(id) }, targets);
        if (!chosen) {
            this.deps.logger.info(`Delete of ${targets.images.length} image(s) cancelled; nothing sent.`);
            return;
        }
        await this.send(chosen, reportFreed);
    }

    /** Images the person already confirmed some other way (Apply Plan, after typing the count): sent and reported as any delete. */
    async sendConfirmed(images: readonly ZenlayerImage[], reportFreed: boolean): Promise<void> {
        await this.send(images, reportFreed);
    }

    /**
     * Retry and Retry Failed: the user already confirmed these images and clicked the button, so no second
     * confirmation; but the tree may know more by now (deleting from another window, a new state, a new protection
     * rule), so they are filtered like any selection.
     */
    private async retry(images: readonly ZenlayerImage[]): Promise<void> {
        const { model, ui } = this.deps;
        // A button of a notification about another account: its remaining images must not go to the one shown now.
        if (images.some((image) => this.sentForAccount.get(image.id) !== model.accountGeneration)) {
            void ui.showMessage('warning', vscode.l10n.t('You switched Zenlayer accounts since this delete; switch back to retry it.'), {});
            return;
        }
        const cached = new Map(model.cachedImages.map((image) => [image.id, image]));
        const targets = partitionDeletable(
            images.map((image) => cached.get(image.id) ?? image),
            model,
        );
        if (targets.images.length === 0) {
            reportNothingToDelete(ui, targets.skipped);
            return;
        }
        await this.send(targets.images, false);
    }

    /** Sends the delete (one request per chunk, inside the client) and reports; Retry re-enters here without a new confirmation. */
    private async send(images: readonly ZenlayerImage[], reportFreed: boolean): Promise<void> {
        const { model, logger, ui } = this.deps;
        const report = (outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>) =>
            reportOutcome({ ui, retry: (again) => this.retry(again) }, outcome, reasons);
        let api: ImagesApi | undefined;
        try {
            api = await this.deps.api();
        } catch (error) {
            // No client to send with (unusable endpoint or proxy setting, keyring locked): say so, nothing was sent.
            await report(requestFailedOutcome(images, asError(error)), new Map());
            return;
        }
        if (!api) {
            await this.offerSignIn();
            return;
        }
        const ids = images.map((image) => image.id);
        // Before the rows change: a refresh of the tree may drop the view's selection.
        const rowsBefore = model.imageRows();
        const selectedBefore = this.deps.selection();
        logger.info(`Deleting ${ids.length} image(s): ${ids.join(', ')}`);
        model.deleteStarted(ids);
        ids.forEach((id) => this.sentForAccount.set(id, model.accountGeneration));
        let outcome: DeleteOutcome;
        try {
            const result = await ui.withProgress(deletingTitle(images), () => api.deleteImages(ids));
            outcome = summarizeDeleteResult(images, result);
        } catch (error) {
            outcome = requestFailedOutcome(images, asError(error));
        }
        const reasons = await this.refusalReasons(api, outcome.refused);
        this.settle(outcome, reasons);
        if (outcome.accepted.length > 0) {
            this.follower.follow(outcome.accepted, reportFreed);
            await selectRowAfter({ ...this.deps }, rowsBefore, selectedBefore, new Set(ids));
        }
        await report(outcome, reasons);
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

    private async offerSignIn(): Promise<void> {
        const configure = vscode.l10n.t('Configure Credentials');
        const choice = await this.deps.ui.showMessage('warning', vscode.l10n.t('Configure your Zenlayer credentials first.'), {}, configure);
        if (choice === configure) {
            await this.deps.configureCredentials();
        }
    }
}

function asError(error: unknown): Error {
    return error instanceof Error ? error : new Error(String(error));
}
