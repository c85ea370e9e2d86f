import * as vscode from 'vscode';
import type { GroupBy } from '../../shared/settings/settings';
import type { ImagesCommandContext } from './context';

/** Zenlayer: Group By… — writes the setting, whose change event regroups the cached tree without a fetch. */
export const groupBy =
    ({ ui, model, updateGroupBy }: ImagesCommandContext) =>
    async () => {
        const labels: Record<GroupBy, string> = {
            none: vscode.l10n.t('No grouping'),
            status: vscode.l10n.t('Status'),
            osType: vscode.l10n.t('OS type'),
            region: vscode.l10n.t('Region'),
            usage: vscode.l10n.t('Usage (in use / unused)'),
            cleanup: vscode.l10n.t('Cleanup verdict (would delete / kept and why)'),
        };
        const current = model.grouping;
        const items = (Object.keys(labels) as GroupBy[]).map((value) => ({
            label: labels[value],
            description: value === current ? vscode.l10n.t('current') : '',
            value,
        }));
        const picked = await ui.pickOne(items, { title: vscode.l10n.t('Group Zenlayer Images By') });
        if (picked) {
            await updateGroupBy(picked.value);
        }
    };
