import * as vscode from 'vscode';
import { nameList } from '../../platform/listText';
import type { UserInterface } from '../../platform/userInterface';
import type { ConfirmationMode } from '../../shared/settings/settings';
import type { ZenlayerImage } from '../../zenlayer';
import type { DeleteTargets } from '../model/selection';
import type { UsingInstance } from '../model/usage';
import { instanceCountText } from '../texts';
import { skippedLabel } from './labels';

export interface ConfirmDependencies {
    readonly ui: UserInterface;
    readonly instancesOf: (imageId: string) => readonly UsingInstance[] | undefined;
    readonly confirmation: () => ConfirmationMode;
    /** From this many images, the modal confirmation also asks to type the count. */
    readonly typeCountThreshold: () => number;
}

/** The images to send, or undefined when the person said no. Never a choice that deletes by one careless Enter. */
export async function confirmDelete(deps: ConfirmDependencies, targets: DeleteTargets): Promise<readonly ZenlayerImage[] | undefined> {
    const { ui } = deps;
    const images = targets.images;
    const inUse = images.filter((image) => (deps.instancesOf(image.id)?.length ?? 0) > 0);
    const unused = images.filter((image) => !inUse.includes(image));
    const question =
        images.length === 1
            ? vscode.l10n.t('Delete image "{0}" ({1})?', images[0].name, images[0].id)
            : vscode.l10n.t('Delete {0} images: {1}?', images.length, nameList(images.map((image) => image.name)));
    const inUseLines = [
        vscode.l10n.t(
            'In use by instances: {0}.',
            nameList(inUse.map((image) => `${image.name} (${instanceCountText(deps.instancesOf(image.id)?.length ?? 0)})`)),
        ),
        vscode.l10n.t('Zenlayer is expected to refuse images in use.'),
    ];
    const details = [
        ...(inUse.length > 0 ? inUseLines : []),
        vscode.l10n.t('Deleted images cannot be recovered.'),
        ...(targets.skipped.length > 0 ? [vscode.l10n.t('Skipped: {0}.', nameList(targets.skipped.map(skippedLabel)))] : []),
    ].join('\n');

    if (deps.confirmation() === 'typeToConfirm') {
        const expected = images.length === 1 ? images[0].name : String(images.length);
        return (await typed(ui, question, details, expected, images.length === 1)) ? images : undefined;
    }
    const deleteAll = inUse.length > 0 && unused.length > 0 ? vscode.l10n.t('Delete All') : vscode.l10n.t('Delete');
    const unusedOnly = vscode.l10n.t('Delete {0} Unused Only', unused.length);
    const buttons = inUse.length > 0 && unused.length > 0 ? [unusedOnly, deleteAll] : [deleteAll];
    const answer = await ui.showMessage('warning', question, { modal: true, detail: details }, ...buttons);
    const chosen = answer === deleteAll ? images : answer === unusedOnly ? unused : undefined;
    if (!chosen) {
        return undefined;
    }
    // A group right-click can select dozens: from the threshold, one Enter on a focused button is not enough.
    if (chosen.length >= deps.typeCountThreshold()) {
        const countQuestion = vscode.l10n.t('Delete {0} images?', chosen.length);
        return (await typed(ui, countQuestion, vscode.l10n.t('Deleted images cannot be recovered.'), String(chosen.length), false)) ? chosen : undefined;
    }
    return chosen;
}

/** A bulk action that always asks to type the number of images (Apply Plan): the count is what the person checks. */
export function confirmByCount(ui: UserInterface, question: string, details: string, count: number): Promise<boolean> {
    return typed(ui, question, details, String(count), false);
}

/** Asks to type `expected`; the prompt says what to type, and nothing is pre-written in the box. */
async function typed(ui: UserInterface, title: string, details: string, expected: string, isName: boolean): Promise<boolean> {
    const answer = await ui.showInputBox({
        title,
        prompt: isName
            ? vscode.l10n.t('{0} Type the image name "{1}" to confirm.', details, expected)
            : vscode.l10n.t('{0} Type the number of images, {1}, to confirm.', details, expected),
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() === expected ? undefined : vscode.l10n.t('Type "{0}" to delete.', expected)),
    });
    return answer?.trim() === expected;
}
