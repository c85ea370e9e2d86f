import * as vscode from 'vscode';
import { SecretStorageUnavailableError } from '../auth/credentialStore';
import type { DetailField } from '../model/details';
import type { UndeletableReason } from '../model/images';
import { ZenlayerApiError, ZenlayerNetworkError, ZenlayerResponseError, ZenlayerTimeoutError } from '../zenlayer';

/** Localised texts shared by several commands and the tree. */

export function undeletableReasonText(reason: UndeletableReason, count: number): string {
    switch (reason) {
        case 'public':
            return vscode.l10n.t('{0} public image(s) cannot be deleted', count);
        case 'transitional':
            return vscode.l10n.t('{0} image(s) are being created, synced or processed', count);
        case 'deleting':
            return vscode.l10n.t('{0} image(s) are already being deleted', count);
    }
}

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

/** What went wrong, in one line a person can act on: the API's code, message and requestId when there are any. */
export function describeError(error: unknown): string {
    if (error instanceof SecretStorageUnavailableError) {
        return secretStorageHelp();
    }
    if (error instanceof ZenlayerApiError) {
        return error.requestId
            ? vscode.l10n.t('{0}: {1} (requestId {2})', error.code, error.apiMessage, error.requestId)
            : vscode.l10n.t('{0}: {1}', error.code, error.apiMessage);
    }
    if (error instanceof ZenlayerNetworkError) {
        return vscode.l10n.t('Cannot reach {0}{1}. Check the network, the proxy settings and the zenlayer.endpoint setting.', error.endpoint, error.errorCode ? ` (${error.errorCode})` : '');
    }
    if (error instanceof ZenlayerTimeoutError) {
        return vscode.l10n.t('Zenlayer did not answer within {0} seconds (setting zenlayer.requestTimeoutSeconds).', Math.round(error.timeoutMs / 1000));
    }
    if (error instanceof ZenlayerResponseError) {
        return vscode.l10n.t('Unexpected answer from Zenlayer (HTTP {0}): {1}', error.status, error.detail);
    }
    return error instanceof Error ? error.message : String(error);
}

/** Refusals the API makes on purpose (image in use, wrong state, not found) are warnings, not extension failures. */
export function isExpectedRefusal(error: unknown): boolean {
    return error instanceof ZenlayerApiError && error.status >= 400 && error.status < 500 && !error.isAuthFailure && !error.isRateLimit;
}

export function isAuthFailure(error: unknown): boolean {
    return error instanceof ZenlayerApiError && error.isAuthFailure;
}

export function isUnreachable(error: unknown): boolean {
    return error instanceof ZenlayerNetworkError || error instanceof ZenlayerTimeoutError;
}

export function secretStorageHelp(): string {
    return vscode.l10n.t(
        'VS Code cannot use its secret storage, so Zenlayer credentials cannot be saved. On Linux, install and unlock a keyring (for example gnome-keyring or KWallet), or start VS Code with --password-store=basic, then try again.',
    );
}
