import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import type { UserInterface } from '../../platform/userInterface';
import type { ImagesApi } from '../../shared/session/session';
import type { ImagesModel } from '../model/imagesModel';
import { joinUsage, instancesUsing, type Usage } from '../model/usage';
import type { CleanupState } from './cleanup';
import { referencesSettled } from './model/liveInputs';
import type { CleanupPlan } from './model/plan';
import { planDocument, planDocumentName } from './planDocument';

export interface PlanFlowDependencies {
    readonly ui: UserInterface;
    readonly model: ImagesModel;
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly configureCredentials: () => Promise<void>;
    readonly cleanup: CleanupState;
}

/**
 * Zenlayer: Plan Cleanup… — lists the account afresh (every image, every instance; never the view's filter), records
 * the listing, applies the rules and opens the plan as a read-only document. Nothing is deleted here.
 */
export async function planCleanup(deps: PlanFlowDependencies): Promise<CleanupPlan | undefined> {
    const { ui, model, cleanup } = deps;
    const account = model.accountName;
    const api = await deps.api().catch((error: unknown) => {
        void ui.showMessage('error', vscode.l10n.t('Could not plan the cleanup: {0}', describeError(error)), {});
        return null;
    });
    if (api === null) {
        return undefined;
    }
    if (!api || account === undefined) {
        await deps.configureCredentials();
        return undefined;
    }
    let listed: { images: Awaited<ReturnType<ImagesApi['listCustomImages']>>; usage: Usage };
    try {
        listed = await ui.withProgress(vscode.l10n.t('Planning the cleanup of {0}…', account), async () => {
            const [images, usage] = await Promise.all([
                api.listCustomImages({}),
                api.listInstances({}).then(
                    (instances): Usage => joinUsage(instances),
                    (error: unknown): Usage => ({ kind: 'unknown', error }),
                ),
            ]);
            await referencesSettled(cleanup.deps.references);
            return { images, usage };
        });
    } catch (error) {
        void ui.showMessage(
            'error',
            vscode.l10n.t('Could not plan the cleanup: the images could not be listed ({0}). Nothing was deleted.', describeError(error)),
            {},
        );
        return undefined;
    }
    const { images, usage } = listed;
    const usedImageIds = usage.kind === 'known' ? new Set(usage.byImage.keys()) : undefined;
    const observations = await cleanup.observe(account, images, usedImageIds);
    const plan = cleanup.planOf(
        { account, images, instancesOf: (id) => instancesUsing(usage, id), protectedBy: (image) => model.protectedBy(image) },
        observations,
    );
    const name = planDocumentName(plan);
    cleanup.rememberPlan(name, plan);
    await ui.openReadOnlyDocument(name, planDocument(plan));
    return plan;
}
