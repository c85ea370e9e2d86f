import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { joinNames, reasonList } from '../../platform/listText';
import type { UserInterface } from '../../platform/userInterface';
import type { ImagesApi } from '../../shared/session/session';
import { confirmByCount } from '../delete/confirm';
import type { DeleteFlow } from '../delete/deleteFlow';
import type { ImagesModel } from '../model/imagesModel';
import { instancesUsing, joinUsage, type Usage } from '../model/usage';
import type { CleanupState } from './cleanup';
import { referenceCounter, referencesSettled } from './model/liveInputs';
import type { CleanupPlan } from './model/plan';
import { type ApplyRefusal, canApply, type HeldImage, recheckBeforeApply } from './model/recheck';
import { gib } from './planDocument';
import { formatTime, planChangeText } from './texts';

export interface ApplyFlowDependencies {
    readonly ui: UserInterface;
    readonly model: ImagesModel;
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly deletes: DeleteFlow;
    readonly cleanup: CleanupState;
    /** Plan Cleanup…, offered when a plan cannot be applied. */
    readonly planAgain: () => Promise<unknown>;
}

function refusalText(refusal: ApplyRefusal, plan: CleanupPlan): string {
    switch (refusal.kind) {
        case 'otherAccount':
            return vscode.l10n.t('This plan is for account "{0}", but "{1}" is active now. Nothing was deleted.', refusal.planAccount, refusal.account);
        case 'tooOld':
            return vscode.l10n.t(
                'This plan was made {0} minutes ago ({1}); a plan older than {2} minutes is not applied, the account may have changed. Nothing was deleted.',
                Math.floor(refusal.ageMs / 60_000),
                formatTime(plan.createdAt),
                refusal.maxAgeMs / 60_000,
            );
        case 'clockChanged':
            return vscode.l10n.t(
                'This plan is dated {0}, later than now: the clock changed, so its age is unknown. Nothing was deleted.',
                formatTime(plan.createdAt),
            );
    }
}

/** "web-frontend-2026-09 — now used by 1 instance": why a planned image was held back. */
export function heldText(held: readonly HeldImage[]): string {
    return reasonList(held.map((image) => `${image.name} — ${joinNames(image.changes.map(planChangeText))}`));
}

/**
 * Zenlayer: Apply Plan — the plan of this document (or the latest one): refused for another account or when older than
 * 30 minutes (offering to plan again); the count typed; each planned image looked at again on a fresh listing; exactly
 * the planned images that did not change are sent through the one delete flow, and the ones that changed are named.
 */
export async function applyPlan(deps: ApplyFlowDependencies, documentName: string | undefined): Promise<void> {
    const { ui, model, cleanup } = deps;
    const plan = cleanup.planFor(documentName);
    const planAgain = vscode.l10n.t('Plan Again');
    if (!plan) {
        const choice = await ui.showMessage(
            'warning',
            vscode.l10n.t('There is no cleanup plan to apply in this window. Plan the cleanup first.'),
            {},
            planAgain,
        );
        if (choice === planAgain) {
            await deps.planAgain();
        }
        return;
    }
    const allowed = canApply(plan, model.accountName ?? '', cleanup.deps.now());
    if (!allowed.ok) {
        const choice = await ui.showMessage('warning', refusalText(allowed.refusal, plan), {}, planAgain);
        if (choice === planAgain) {
            await deps.planAgain();
        }
        return;
    }
    const count = plan.deleteIds.length;
    if (count === 0) {
        void ui.showMessage('info', vscode.l10n.t('This plan deletes nothing: every image is kept.'), {});
        return;
    }
    const question = vscode.l10n.t('Apply the cleanup plan: delete {0} image(s), {1}?', count, gib(plan.freed.totalGiB));
    const details = vscode.l10n.t('Deleted images cannot be recovered. Images that changed since the plan are not sent.');
    if (!(await confirmByCount(ui, question, details, count))) {
        return;
    }
    const api = await deps.api().catch(() => undefined);
    if (!api) {
        void ui.showMessage('error', vscode.l10n.t('Could not reach Zenlayer with the active account. Nothing was deleted.'), {});
        return;
    }
    let fresh: { images: Awaited<ReturnType<ImagesApi['describeImagesByIds']>>; usage: Usage };
    try {
        fresh = await ui.withProgress(vscode.l10n.t('Checking the planned images again…'), async () => {
            const [images, usage] = await Promise.all([
                api.describeImagesByIds(plan.deleteIds),
                api.listInstances({}).then(
                    (instances): Usage => joinUsage(instances),
                    (error: unknown): Usage => ({ kind: 'unknown', error }),
                ),
            ]);
            await referencesSettled(cleanup.deps.references);
            return { images, usage };
        });
    } catch (error) {
        void ui.showMessage('error', vscode.l10n.t('Could not check the planned images again ({0}). Nothing was deleted.', describeError(error)), {});
        return;
    }
    const references = referenceCounter(cleanup.deps.references);
    const recheck = recheckBeforeApply(
        plan,
        fresh.images,
        (id) => instancesUsing(fresh.usage, id),
        (image) => model.protectedBy(image),
        references,
    );
    const byId = new Map(fresh.images.map((image) => [image.id, image]));
    if (recheck.held.length > 0) {
        const text =
            recheck.send.length === 0
                ? vscode.l10n.t('Nothing was sent: every planned image changed since the plan: {0}.', heldText(recheck.held))
                : vscode.l10n.t('Not sent, changed since the plan: {0}.', heldText(recheck.held));
        void ui.showMessage('warning', text, {});
    }
    if (recheck.send.length > 0) {
        await deps.deletes.sendConfirmed(
            recheck.send.map((id) => byId.get(id)!),
            { reportFreed: true, trigger: 'plan', planFingerprint: plan.fingerprint },
        );
    }
}
