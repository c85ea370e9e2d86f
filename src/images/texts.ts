import * as vscode from 'vscode';
import type { DetailField } from './details';
import { describeFilter, type ImageFilter } from './filter';

/** Localised texts of the images view shared by the tree, the tooltips and the delete flow. */

export function detailFieldLabel(field: DetailField): string {
    switch (field) {
        case 'id':
            return vscode.l10n.t('ID');
        case 'name':
            return vscode.l10n.t('Name');
        case 'status':
            return vscode.l10n.t('Status');
        case 'type':
            return vscode.l10n.t('Type');
        case 'source':
            return vscode.l10n.t('Source');
        case 'size':
            return vscode.l10n.t('Size');
        case 'minDiskSize':
            return vscode.l10n.t('Minimum disk size');
        case 'osType':
            return vscode.l10n.t('OS type');
        case 'category':
            return vscode.l10n.t('Category');
        case 'version':
            return vscode.l10n.t('Version');
        case 'description':
            return vscode.l10n.t('Description');
        case 'regions':
            return vscode.l10n.t('Regions');
        case 'resourceGroup':
            return vscode.l10n.t('Resource group');
        case 'tags':
            return vscode.l10n.t('Tags');
    }
}

/** The active filter in words, e.g. `name: web · status: AVAILABLE` (the view description and the palette delete use it). */
export function filterText(filter: ImageFilter): string {
    return describeFilter(filter, { name: vscode.l10n.t('name'), status: vscode.l10n.t('status'), osType: vscode.l10n.t('OS'), unusedOnly: vscode.l10n.t('unused only') });
}
