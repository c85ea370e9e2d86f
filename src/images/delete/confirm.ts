import * as vscode from 'vscode';
import { nameList } from '../../platform/listText';
import type { UserInterface } from '../../platform/userInterface';
import type { ConfirmationMode } from '../../shared/settings/settings';
import type { ZenlayerImage } from '../../zenlayer';
import type { DeleteTargets } from '../model/selection';
import type { UsingInstance } from '../model/usage';
import { instanceCountText } from '../texts';
import { skippedLabel } from './labels';
import type { ReferenceCheck } from './referenceCheck';

export interface ConfirmDependencies {
    readonly ui: UserInterface;
    readonly instancesOf: (imageId: string) => readonly UsingInstance[] | undefined;
    readonly confirmation: () => ConfirmationMode;
    /** From this many images, the modal confirmation also asks to type the count. */
    readonly typeCountThreshold: () => number;
}

/**
 * The images to send, or undefined when the person said no. Never a choice that deletes by one careless Enter. With a
 * reference check (the explicit deletes), an image the workspace's code references counts as needed like one in use:
 * the confirmation names where, and offers to delete the others only.
 */
export async function confirmDelete(
    deps: ConfirmDependencies,
    targets: DeleteTargets,
    references?: ReferenceCheck,
): Promise<readonly ZenlayerImage[] | undefined> {
    const { ui } = deps;
    const images = targets.images;
    const locationsOf = (image: ZenlayerImage) => (references?.kind === 'known' ? references.locationsOf(image.id) : []);
    const inUse = images.filter((image) => (deps.instancesOf(image.id)?.length ?? 0) > 0);
    const referenced = images.filter((image) => locationsOf(image).length > 0);
    const unused = images.filter((image) => !inUse.includes(image) && !referenced.includes(image));
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
        ...referenceLines(referenced, locationsOf),
        ...(references?.kind === 'unknown' ? [unknownReferencesLine(references)] : []),
        vscode.l10n.t('Deleted images cannot be recovered.'),
        ...(targets.skipped.length > 0 ? [vscode.l10n.t('Skipped: {0}.', nameList(targets.skipped.map(skippedLabel)))] : []),
    ].join('\n');

    if (deps.confirmation() === 'typeToConfirm') {
        const expected = images.length === 1 ? images[0].name : String(images.length);
        return (await typed(ui, question, details, expected, images.length === 1)) ? images : undefined;
    }
    const needed = inUse.length + referenced.length > 0;
    const deleteAll = needed && unused.length > 0 ? vscode.l10n.t('Delete All') : vscode.l10n.t('Delete');
    const unusedOnly = othersOnlyLabel(unused.length, inUse.length > 0, referenced.length > 0);
    const buttons = needed && unused.length > 0 ? [unusedOnly, deleteAll] : [deleteAll];
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

/** How many referenced images the confirmation names, each with its first locations. */
const REFERENCED_IMAGES_NAMED = 5;
const LOCATIONS_NAMED = 3;

/** `web-frontend-2026-10 is referenced in infra/prod.tf:14, infra/main.tf:7.`, one line per image. */
function referenceLines(referenced: readonly ZenlayerImage[], locationsOf: (image: ZenlayerImage) => readonly string[]): string[] {
    const lines = referenced.slice(0, REFERENCED_IMAGES_NAMED).map((image) => {
        return vscode.l10n.t('{0} is referenced in {1}.', image.name, nameList(locationsOf(image), LOCATIONS_NAMED));
    });
    const more = referenced.length - REFERENCED_IMAGES_NAMED;
    return more > 0 ? [...lines, vscode.l10n.t('{0} more of these images are referenced in the workspace.', more)] : lines;
}

function unknownReferencesLine(references: Extract<ReferenceCheck, { kind: 'unknown' }>): string {
    return references.why === 'failed'
        ? vscode.l10n.t(
              "Not known whether this workspace's files reference these images: the search for references failed ({0}).",
              references.error instanceof Error ? references.error.message : String(references.error),
          )
        : vscode.l10n.t("Not known whether this workspace's files reference these images: the search for references has not finished.");
}

/** The button that leaves out the images still needed: in use by instances, referenced in the workspace, or both. */
function othersOnlyLabel(count: number, inUse: boolean, referenced: boolean): string {
    if (inUse && referenced) {
        return vscode.l10n.t('Delete {0} Unused and Unreferenced Only', count);
    }
    return referenced ? vscode.l10n.t('Delete {0} Unreferenced Only', count) : vscode.l10n.t('Delete {0} Unused Only', count);
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
