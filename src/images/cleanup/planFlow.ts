import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import type { Logger } from '../../platform/logger';
import type { UserInterface } from '../../platform/userInterface';
import type { ImagesApi } from '../../shared/session/session';
import type { ZenlayerRegion } from '../../zenlayer';
import type { ImagesModel } from '../model/imagesModel';
import type { ImageLifecycle } from '../model/lifecycle';
import { joinUsage, instancesUsing, type Usage } from '../model/usage';
import type { CleanupState } from './cleanup';
import { referencesSettled } from './model/liveInputs';
import type { CleanupPlan } from './model/plan';
import { regionOfZones } from './model/regionalCopies';
import { type CopiesLookup, planDocument, planDocumentName } from './planDocument';

/** The account's regions, or why they are unknown: the plan goes on without them, proposing no regional copy. */
type Regions = { readonly kind: 'known'; readonly regions: readonly ZenlayerRegion[] } | { readonly kind: 'unknown'; readonly error: unknown };

export interface PlanFlowDependencies {
    readonly ui: UserInterface;
    readonly model: ImagesModel;
    readonly api: () => Promise<ImagesApi | undefined>;
    readonly configureCredentials: () => Promise<void>;
    readonly cleanup: CleanupState;
    /** The account's regions (DescribeZones once per account): where each instance runs, for the regional copies. */
    readonly lifecycle: Pick<ImageLifecycle, 'loadRegions'>;
    readonly logger: Logger;
}

/**
 * Zenlayer: Plan Cleanup… — lists the account afresh (every image, every instance; never the view's filter), records
 * the listing, applies the rules and opens the plan as a read-only document. Nothing is deleted here. The zones tell
 * which region each instance runs in: without them no regional copy is proposed, and the document says why.
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
    let listed: { images: Awaited<ReturnType<ImagesApi['listCustomImages']>>; usage: Usage; regions: Regions };
    try {
        listed = await ui.withProgress(vscode.l10n.t('Planning the cleanup of {0}…', account), async () => {
            const [images, usage, regions] = await Promise.all([
                api.listCustomImages({}),
                api.listInstances({}).then(
                    (instances): Usage => joinUsage(instances),
                    (error: unknown): Usage => ({ kind: 'unknown', error }),
                ),
                deps.lifecycle.loadRegions().then(
                    (known): Regions => ({ kind: 'known', regions: known }),
                    (error: unknown): Regions => ({ kind: 'unknown', error }),
                ),
            ]);
            await referencesSettled(cleanup.deps.references);
            return { images, usage, regions };
        });
    } catch (error) {
        void ui.showMessage(
            'error',
            vscode.l10n.t('Could not plan the cleanup: the images could not be listed ({0}). Nothing was deleted.', describeError(error)),
            {},
        );
        return undefined;
    }
    const { images, usage, regions } = listed;
    let copies: CopiesLookup = { kind: 'checked' };
    if (regions.kind === 'unknown') {
        deps.logger.warn(`Listing zones for the cleanup plan failed, so no regional copy is proposed: ${describeError(regions.error)}`);
        copies = { kind: 'zonesUnknown', reason: describeError(regions.error) };
    }
    const usedImageIds = usage.kind === 'known' ? new Set(usage.byImage.keys()) : undefined;
    const observations = await cleanup.observe(account, images, usedImageIds);
    const plan = cleanup.planOf(
        {
            account,
            images,
            instancesOf: (id) => instancesUsing(usage, id),
            protectedBy: (image) => model.protectedBy(image),
            regionOf: regions.kind === 'known' ? regionOfZones(regions.regions) : undefined,
        },
        observations,
    );
    const name = planDocumentName(plan);
    cleanup.rememberPlan(name, plan);
    await ui.openReadOnlyDocument(name, planDocument(plan, copies));
    return plan;
}
