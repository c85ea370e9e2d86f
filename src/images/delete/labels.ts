import * as vscode from 'vscode';
import type { ZenlayerImage } from '../../zenlayer';
import type { SkippedImage } from '../model/selection';

/** "ci-runner (CREATING)", "ubuntu (public image)", "prod-db (protected by prod-*)". */
export function skippedLabel(skipped: SkippedImage): string {
    const { image } = skipped;
    switch (skipped.reason) {
        case 'public':
            return vscode.l10n.t('{0} (public image)', image.name);
        case 'transitional':
            return `${image.name} (${image.status})`;
        case 'deleting':
            return vscode.l10n.t('{0} (already being deleted)', image.name);
        case 'protected':
            return vscode.l10n.t('{0} (protected by zenlayer.delete.protectedImages: {1})', image.name, skipped.protectedBy ?? '');
    }
}

/** "Deleting image web-1…", "Deleting 3 images…": the request's notification, then the status bar until they are gone. */
export function deletingTitle(images: readonly ZenlayerImage[]): string {
    return images.length === 1 ? vscode.l10n.t('Deleting image {0}…', images[0].name) : vscode.l10n.t('Deleting {0} images…', images.length);
}

export function totalGiB(images: readonly ZenlayerImage[]): number {
    return images.reduce((sum, image) => sum + (image.sizeGiB ?? 0), 0);
}
