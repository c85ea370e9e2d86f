import * as vscode from 'vscode';
import { joinNames, joinReasons } from '../../platform/listText';
import type { UserInterface } from '../../platform/userInterface';
import type { ZenlayerRegion } from '../../zenlayer';
import type { LifecycleOutcome } from '../model/lifecycle';
import { withRequestId } from './call';
import { regionList } from './copy';

/** How a followed copy or creation ended: a failure is one notification naming what Zenlayer said; a success says so briefly. */
export function reportLifecycleOutcome(ui: UserInterface, outcome: LifecycleOutcome, regions: readonly ZenlayerRegion[] | undefined): void {
    switch (outcome.kind) {
        case 'copied': {
            const { image, failed, succeeded, requestId } = outcome;
            if (failed.length === 0) {
                ui.setStatusBarMessage(vscode.l10n.t('{0} is now also in {1}', image.name, regionList(succeeded, regions)));
                return;
            }
            const reasons = failed.map(({ regionId, errorInfo }) =>
                vscode.l10n.t('{0}: {1}', regionList([regionId], regions), errorInfo ?? vscode.l10n.t('Zenlayer gave no reason')),
            );
            void ui.showMessage('error', withRequestId(vscode.l10n.t('Copying {0} failed in {1}', image.name, joinReasons(reasons)), requestId), {});
            return;
        }
        case 'created':
            if (outcome.image.status === 'AVAILABLE') {
                ui.setStatusBarMessage(vscode.l10n.t('{0} is AVAILABLE', outcome.image.name));
            } else {
                void ui.showMessage(
                    'error',
                    withRequestId(vscode.l10n.t('Creating {0} ended {1}.', outcome.image.name, outcome.image.status), outcome.requestId),
                    {},
                );
            }
            return;
        case 'vanished':
            void ui.showMessage('warning', withRequestId(vscode.l10n.t('{0} is no longer listed by Zenlayer.', outcome.name), outcome.requestId), {});
            return;
        case 'gaveUp':
            void ui.showMessage(
                'warning',
                vscode.l10n.t('Stopped following {0}: still not done after 10 minutes. Refresh shows their state.', joinNames(outcome.names)),
                {},
            );
    }
}
