import * as vscode from 'vscode';
import type { UserInterface } from '../../platform/userInterface';
import { IMAGE_STATUSES, type ImageStatus, OS_TYPES, type OsType } from '../../zenlayer';
import { type ImageFilter, isFilterActive } from '../model/filter';
import type { ImagesCommandContext } from './context';

type FilterField = 'name' | 'status' | 'osType' | 'unusedOnly' | 'clear';

/** Zenlayer: Filter… — name, status and OS type are applied by Zenlayer; "unused only" by the model. */
export const filter =
    ({ ui, model }: ImagesCommandContext) =>
    async () => {
        const current = model.activeFilter;
        const fields: (vscode.QuickPickItem & { field: FilterField })[] = [
            { label: vscode.l10n.t('$(symbol-text) Name contains…'), description: current.name ?? '', field: 'name' },
            { label: vscode.l10n.t('$(circle-filled) Status…'), description: current.status ?? '', field: 'status' },
            { label: vscode.l10n.t('$(vm) OS type…'), description: current.osType ?? '', field: 'osType' },
            {
                label: current.unusedOnly ? vscode.l10n.t('$(server) Show images in use too') : vscode.l10n.t('$(server) Unused images only'),
                description: vscode.l10n.t('no instance runs from them'),
                field: 'unusedOnly',
            },
            ...(isFilterActive(current) ? [{ label: vscode.l10n.t('$(clear-all) Clear filter'), field: 'clear' as const }] : []),
        ];
        const picked = await ui.pickOne(fields, {
            title: vscode.l10n.t('Filter Zenlayer Images'),
            placeHolder: vscode.l10n.t('Zenlayer filters the list; pick what to filter by'),
        });
        switch (picked?.field) {
            case undefined:
                return;
            case 'clear':
                await model.setFilter({});
                return;
            case 'name': {
                const name = await ui.showInputBox({
                    title: vscode.l10n.t('Filter by name'),
                    prompt: vscode.l10n.t('Part of the image name; leave empty to stop filtering by name.'),
                    value: current.name ?? '',
                });
                if (name !== undefined) {
                    await model.setFilter(withField(current, 'name', name.trim() || undefined));
                }
                return;
            }
            case 'status': {
                const status = await pickValue<ImageStatus>(ui, IMAGE_STATUSES, current.status, vscode.l10n.t('Filter by status'));
                if (status !== undefined) {
                    await model.setFilter(withField(current, 'status', status || undefined));
                }
                return;
            }
            case 'unusedOnly':
                await model.setFilter(withField(current, 'unusedOnly', current.unusedOnly ? undefined : true));
                return;
            case 'osType': {
                const osType = await pickValue<OsType>(ui, OS_TYPES, current.osType, vscode.l10n.t('Filter by OS type'));
                if (osType !== undefined) {
                    await model.setFilter(withField(current, 'osType', osType || undefined));
                }
                return;
            }
        }
    };

/** '' means "any"; undefined means the picker was dismissed. */
async function pickValue<T extends string>(ui: UserInterface, values: readonly T[], current: T | undefined, title: string): Promise<T | '' | undefined> {
    const any = { label: vscode.l10n.t('Any'), value: '' as const };
    const items = [any, ...values.map((value) => ({ label: value, description: value === current ? vscode.l10n.t('current') : '', value }))];
    const picked = await ui.pickOne(items, { title });
    return picked?.value;
}

function withField<K extends keyof ImageFilter>(filter: ImageFilter, key: K, value: ImageFilter[K] | undefined): ImageFilter {
    const next: Record<string, unknown> = { ...filter };
    if (value === undefined) {
        delete next[key];
    } else {
        next[key] = value;
    }
    return next;
}
