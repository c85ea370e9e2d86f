import * as vscode from 'vscode';
import { imageNameProblemText } from '../../platform/errorText';
import { checkImageName, IMAGE_NAME_MAX_LENGTH, IMAGE_NAME_MIN_LENGTH, type ZenlayerImage } from '../../zenlayer';
import { callZenlayer, type LifecycleContext, refuse, withRequestId } from './call';

/** What the protection rules make of a new name: nothing changes, or the image would lose or gain protection. */
export type ProtectionChange =
    { readonly kind: 'same' } | { readonly kind: 'loses'; readonly entry: string } | { readonly kind: 'gains'; readonly entry: string };

export function protectionChange(image: ZenlayerImage, newName: string, protectedBy: (image: ZenlayerImage) => string | undefined): ProtectionChange {
    const before = protectedBy(image);
    const after = protectedBy({ ...image, name: newName });
    if (before !== undefined && after === undefined) {
        return { kind: 'loses', entry: before };
    }
    if (before === undefined && after !== undefined) {
        return { kind: 'gains', entry: after };
    }
    return { kind: 'same' };
}

/**
 * The input box's verdict as the person types: Zenlayer's name rules and a name another listed image has are errors
 * (Zenlayer would refuse); a change of protection is a warning (the rename may go ahead).
 */
export function renameValidation(
    image: ZenlayerImage,
    value: string,
    others: readonly ZenlayerImage[],
    protectedBy: (image: ZenlayerImage) => string | undefined,
): vscode.InputBoxValidationMessage | undefined {
    const problem = checkImageName(value);
    if (problem) {
        return { message: imageNameProblemText(problem), severity: vscode.InputBoxValidationSeverity.Error };
    }
    if (others.some((other) => other.id !== image.id && other.name === value)) {
        return { message: vscode.l10n.t('Another image is already named {0}.', value), severity: vscode.InputBoxValidationSeverity.Error };
    }
    const change = protectionChange(image, value, protectedBy);
    switch (change.kind) {
        case 'loses':
            return {
                message: vscode.l10n.t('{0} would no longer be protected by zenlayer.delete.protectedImages ({1}): it could be deleted.', value, change.entry),
                severity: vscode.InputBoxValidationSeverity.Warning,
            };
        case 'gains':
            return {
                message: vscode.l10n.t('{0} would be protected by zenlayer.delete.protectedImages ({1}): never sent in a delete.', value, change.entry),
                severity: vscode.InputBoxValidationSeverity.Warning,
            };
        case 'same':
            return undefined;
    }
}

/** Rename…: an input box with the current name, checked as the person types; the row renames in place. */
export async function renameImage(context: LifecycleContext, image: ZenlayerImage): Promise<void> {
    const { ui, model } = context;
    if (image.type !== 'CUSTOM_IMAGE') {
        refuse(context, vscode.l10n.t('{0} is a public image: only custom images can be renamed.', image.name));
        return;
    }
    const protectedBy = (candidate: ZenlayerImage) => model.protectedBy(candidate);
    const newName = await ui.showInputBox({
        title: vscode.l10n.t('Rename {0}', image.name),
        value: image.name,
        valueSelection: [0, image.name.length],
        prompt: vscode.l10n.t(
            '{0}–{1} characters: letters, digits, "-", "_" and ".", starting and ending with a letter or digit.',
            IMAGE_NAME_MIN_LENGTH,
            IMAGE_NAME_MAX_LENGTH,
        ),
        validateInput: (value) => renameValidation(image, value, model.cachedImages, protectedBy),
    });
    if (newName === undefined || newName === image.name) {
        return;
    }
    context.logger.info(`Renaming ${image.id} from ${image.name} to ${newName}`);
    const result = await callZenlayer(
        context,
        vscode.l10n.t('Renaming {0}…', image.name),
        (reason) => vscode.l10n.t('Could not rename {0}: {1}', image.name, reason),
        (api) => api.renameImage([image.id], newName),
    );
    if (!result) {
        return;
    }
    const current = model.cachedImages.find((cached) => cached.id === image.id) ?? image;
    model.updateImages([{ ...current, name: newName }]);
    void ui.showMessage('info', withRequestId(vscode.l10n.t('Renamed {0} to {1}.', image.name, newName), result.requestId), {});
}
