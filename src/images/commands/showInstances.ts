import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { createImageFromInstance } from '../lifecycle/create';
import type { TreeNode } from '../model/tree';
import { type ImagesCommandContext, type KeyBindingArgs, targetImage } from './context';

/** Show Instances Using This Image: pick one (name, ID, status, zone) to copy its ID; a STOPPED one's button makes an image of it. */
export const showInstances = (context: ImagesCommandContext) => async (node?: TreeNode | KeyBindingArgs) => {
    const image = targetImage(context, node);
    if (!image) {
        return;
    }
    const { model, ui } = context;
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
    const createButton = { iconPath: new vscode.ThemeIcon('device-camera'), tooltip: vscode.l10n.t('Create Image from Instance…') };
    const items = instances.map((instance) => ({
        label: instance.name,
        description: instance.id,
        detail: [instance.status, instance.zoneId].filter((part) => part).join(' · '),
        ...(instance.status === 'STOPPED' ? { buttons: [createButton] } : {}),
        instance,
    }));
    const picked = await ui.pickOneWithButtons(items, {
        title: vscode.l10n.t('Instances using {0} ({1})', image.name, instances.length),
        placeHolder: vscode.l10n.t('Pick an instance to copy its ID'),
        matchOnDescription: true,
        matchOnDetail: true,
    });
    if (picked?.button) {
        await createImageFromInstance(context, picked.item.instance.id);
    } else if (picked) {
        await ui.writeClipboard(picked.item.instance.id);
        ui.setStatusBarMessage(vscode.l10n.t('Copied instance ID {0}', picked.item.instance.id));
    }
};
