import * as vscode from 'vscode';
import { imageDetailsJson } from '../model/details';
import { type ImageFilter, isFilterActive } from '../model/filter';
import { type GroupBy, type TreeNode } from '../model/tree';
import { describeError } from '../../platform/errorText';
import type { UserInterface } from '../../platform/userInterface';
import type { ImagesModel } from '../model/imagesModel';
import { IMAGE_STATUSES, type ImageStatus, OS_TYPES, type OsType, type ZenlayerImage } from '../../zenlayer';

export interface ViewCommandDependencies {
    readonly ui: UserInterface;
    readonly model: ImagesModel;
    /** Writes the Group By setting; its change event regroups the model. */
    readonly updateGroupBy: (groupBy: GroupBy) => Promise<void>;
    /** The node that has focus when a command comes from a key binding or the palette. */
    readonly focusedNode: () => TreeNode | undefined;
}

type FilterField = 'name' | 'status' | 'osType' | 'unusedOnly' | 'clear';

export class ViewCommands {
    constructor(private readonly deps: ViewCommandDependencies) {}

    async filter(): Promise<void> {
        const current = this.deps.model.activeFilter;
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
        const picked = await this.deps.ui.pickOne(fields, { title: vscode.l10n.t('Filter Zenlayer Images'), placeHolder: vscode.l10n.t('Zenlayer filters the list; pick what to filter by') });
        if (!picked) {
            return;
        }
        switch (picked.field) {
            case 'clear':
                await this.deps.model.setFilter({});
                return;
            case 'name': {
                const name = await this.deps.ui.showInputBox({ title: vscode.l10n.t('Filter by name'), prompt: vscode.l10n.t('Part of the image name; leave empty to stop filtering by name.'), value: current.name ?? '' });
                if (name !== undefined) {
                    await this.deps.model.setFilter(withField(current, 'name', name.trim() || undefined));
                }
                return;
            }
            case 'status': {
                const status = await this.pickValue<ImageStatus>(IMAGE_STATUSES, current.status, vscode.l10n.t('Filter by status'));
                if (status !== undefined) {
                    await this.deps.model.setFilter(withField(current, 'status', status || undefined));
                }
                return;
            }
            case 'unusedOnly':
                await this.deps.model.setFilter(withField(current, 'unusedOnly', current.unusedOnly ? undefined : true));
                return;
            case 'osType': {
                const osType = await this.pickValue<OsType>(OS_TYPES, current.osType, vscode.l10n.t('Filter by OS type'));
                if (osType !== undefined) {
                    await this.deps.model.setFilter(withField(current, 'osType', osType || undefined));
                }
                return;
            }
        }
    }

    async clearFilter(): Promise<void> {
        await this.deps.model.setFilter({});
    }

    async groupBy(): Promise<void> {
        const labels: Record<GroupBy, string> = {
            none: vscode.l10n.t('No grouping'),
            status: vscode.l10n.t('Status'),
            osType: vscode.l10n.t('OS type'),
            region: vscode.l10n.t('Region'),
            usage: vscode.l10n.t('Usage (in use / unused)'),
        };
        const current = this.deps.model.grouping;
        const items = (Object.keys(labels) as GroupBy[]).map((value) => ({ label: labels[value], description: value === current ? vscode.l10n.t('current') : '', value }));
        const picked = await this.deps.ui.pickOne(items, { title: vscode.l10n.t('Group Zenlayer Images By') });
        if (picked) {
            // The setting is the source of truth; its change event regroups the cached tree without a fetch.
            await this.deps.updateGroupBy(picked.value);
        }
    }

    async copyId(node: TreeNode | undefined): Promise<void> {
        const image = this.imageOf(node);
        if (image) {
            await this.deps.ui.writeClipboard(image.id);
            this.deps.ui.setStatusBarMessage(vscode.l10n.t('Copied image ID {0}', image.id));
        }
    }

    async copyName(node: TreeNode | undefined): Promise<void> {
        const image = this.imageOf(node);
        if (image) {
            await this.deps.ui.writeClipboard(image.name);
            this.deps.ui.setStatusBarMessage(vscode.l10n.t('Copied image name {0}', image.name));
        }
    }

    async viewDetails(node: TreeNode | undefined): Promise<void> {
        const image = this.imageOf(node);
        if (image) {
            await this.deps.ui.openReadOnlyDocument(`${image.name}.json`, imageDetailsJson(image));
        }
    }

    /** Show Instances Using This Image: pick one (name, ID, status, zone) to copy its ID. */
    async showInstances(node: TreeNode | undefined): Promise<void> {
        const image = this.imageOf(node);
        if (!image) {
            return;
        }
        const { model, ui } = this.deps;
        const instances = model.instancesOf(image.id);
        if (instances === undefined) {
            const usage = model.instanceUsage;
            const why = usage.kind === 'unknown' && usage.error !== undefined ? describeError(usage.error) : vscode.l10n.t('the images are still loading');
            void ui.showMessage('warning', vscode.l10n.t('Which instances use {0} is unknown: {1}', image.name, why), {});
            return;
        }
        if (instances.length === 0) {
            void ui.showMessage('info', vscode.l10n.t('No instance uses {0}.', image.name), {});
            return;
        }
        const items = instances.map((instance) => ({ label: instance.name, description: instance.id, detail: [instance.status, instance.zoneId].filter((part) => part).join(' · '), instance }));
        const picked = await ui.pickOne(items, {
            title: vscode.l10n.t('Instances using {0} ({1})', image.name, instances.length),
            placeHolder: vscode.l10n.t('Pick an instance to copy its ID'),
            matchOnDescription: true,
            matchOnDetail: true,
        });
        if (picked) {
            await ui.writeClipboard(picked.instance.id);
            ui.setStatusBarMessage(vscode.l10n.t('Copied instance ID {0}', picked.instance.id));
        }
    }

    private imageOf(node: TreeNode | undefined): ZenlayerImage | undefined {
        const target = node ?? this.deps.focusedNode();
        return target?.kind === 'image' ? target.image : undefined;
    }

    /** '' means "any"; undefined means the picker was dismissed. */
    private async pickValue<T extends string>(values: readonly T[], current: T | undefined, title: string): Promise<T | '' | undefined> {
        const items = [{ label: vscode.l10n.t('Any'), value: '' as const }, ...values.map((value) => ({ label: value, description: value === current ? vscode.l10n.t('current') : '', value }))];
        const picked = await this.deps.ui.pickOne(items, { title });
        return picked?.value;
    }
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

