import * as vscode from 'vscode';
import { nameList } from '../platform/listText';
import type { DetailField } from './model/details';
import type { RefusalReason } from './model/images';
import { describeFilter, type ImageFilter } from './model/filter';

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
    return describeFilter(filter, {
        name: vscode.l10n.t('name'),
        status: vscode.l10n.t('status'),
        osType: vscode.l10n.t('OS'),
        unusedOnly: vscode.l10n.t('unused only'),
    });
}

/** "used by 2 instances (web-1, web-2)": why Zenlayer most likely refused the image. */
export function refusalReasonText(reason: RefusalReason): string {
    switch (reason.kind) {
        case 'inUse': {
            const list = nameList(
                reason.instances.map((instance) => instance.name),
                3,
            );
            return reason.instances.length === 1
                ? vscode.l10n.t('used by 1 instance ({0})', list)
                : vscode.l10n.t('used by {0} instances ({1})', reason.instances.length, list);
        }
        case 'status':
            return vscode.l10n.t('Zenlayer refuses to delete an image that is {0}', reason.status);
        case 'notFound':
            return vscode.l10n.t('not found: it is already gone');
        case 'unknown':
            return vscode.l10n.t('Zenlayer did not say why, and no instance is known to use it');
    }
}

/** "1 instance", "3 instances": the row of an image in use, and the confirmation naming images in use. */
export function instanceCountText(count: number): string {
    return count === 1 ? vscode.l10n.t('1 instance') : vscode.l10n.t('{0} instances', count);
}

/** "referenced in 2 files": the row of an image the workspace's code references. */
export function referencedInText(files: number): string {
    return files === 1 ? vscode.l10n.t('referenced in 1 file') : vscode.l10n.t('referenced in {0} files', files);
}

/** Which limit stopped the workspace search early, in words. */
export function scanLimitText(limit: 'files' | 'bytes' | 'time'): string {
    return limit === 'files' ? vscode.l10n.t('file count') : limit === 'bytes' ? vscode.l10n.t('size') : vscode.l10n.t('time');
}
