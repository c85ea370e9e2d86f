import * as vscode from 'vscode';
import { imageNameProblemText } from '../../platform/errorText';
import type { ImageTag, ZenlayerInstance } from '../../zenlayer';
import { checkImageName } from '../../zenlayer';
import { creatingImage, type IneligibleReason, ineligibleReason, MAX_NEW_IMAGE_TAGS, parseTags, suggestImageName, type TagsProblem } from '../model/newImage';
import { callZenlayer, type LifecycleContext, refuse, withRequestId } from './call';

function ineligibleText(reason: IneligibleReason, instance: ZenlayerInstance): string {
    return reason === 'gpu'
        ? vscode.l10n.t('{0} is a GPU instance: Zenlayer makes no images of GPU instances.', instance.name)
        : vscode.l10n.t('{0} is {1}: Zenlayer makes images only of STOPPED instances. Stop it first.', instance.name, instance.status);
}

function tagsProblemText(problem: TagsProblem): string {
    switch (problem.kind) {
        case 'noEquals':
            return vscode.l10n.t('"{0}" is not key=value.', problem.entry);
        case 'empty':
            return vscode.l10n.t('"{0}" needs both a key and a value.', problem.entry);
        case 'tooLong':
            return vscode.l10n.t('"{0}": a tag key or value has at most 64 characters.', problem.entry);
        case 'duplicateKey':
            return vscode.l10n.t('The key {0} is given twice.', problem.key);
        case 'tooMany':
            return vscode.l10n.t('At most {0} tags.', MAX_NEW_IMAGE_TAGS);
    }
}

/** Picks the instance: STOPPED ones first; the others are listed below with their status, and picking one says why not. */
async function pickInstance(context: LifecycleContext, instances: readonly ZenlayerInstance[]): Promise<ZenlayerInstance | undefined> {
    const describe = (instance: ZenlayerInstance) => [instance.status, instance.zoneId, instance.imageName].filter((part) => part).join(' · ');
    const eligible = instances.filter((instance) => ineligibleReason(instance) === undefined);
    const others = instances.filter((instance) => ineligibleReason(instance) !== undefined);
    const items = [
        ...eligible.map((instance) => ({ label: instance.name, description: instance.id, detail: describe(instance), instance })),
        ...(others.length > 0
            ? [{ label: vscode.l10n.t('Not eligible: only STOPPED, non-GPU instances'), kind: vscode.QuickPickItemKind.Separator, instance: undefined }]
            : []),
        ...others.map((instance) => ({ label: `$(circle-slash) ${instance.name}`, description: instance.id, detail: describe(instance), instance })),
    ];
    const picked = await context.ui.pickOne(items, {
        title: vscode.l10n.t('Create Image from Instance'),
        placeHolder: vscode.l10n.t('Pick a STOPPED instance ({0} of {1} are)', eligible.length, instances.length),
        matchOnDescription: true,
        matchOnDetail: true,
    });
    return picked?.instance;
}

/**
 * Create Image from Instance…: a STOPPED instance (picked, or the one Show Instances offered), a name suggested from
 * the family of its image and today's date, optional tags; the new image shows CREATING and is followed until
 * AVAILABLE or FAILED.
 */
export async function createImageFromInstance(context: LifecycleContext, instanceId?: string, today = new Date()): Promise<void> {
    const { ui, model, lifecycle } = context;
    const instances = await callZenlayer(
        context,
        vscode.l10n.t('Listing instances…'),
        (reason) => vscode.l10n.t('Could not list the instances: {0}', reason),
        (api) => api.listInstances(),
    );
    if (!instances) {
        return;
    }
    if (instances.length === 0) {
        refuse(context, vscode.l10n.t('This account has no instances to make an image of.'));
        return;
    }
    const instance = instanceId === undefined ? await pickInstance(context, instances) : instances.find((candidate) => candidate.id === instanceId);
    if (!instance) {
        if (instanceId !== undefined) {
            refuse(context, vscode.l10n.t('Instance {0} is no longer listed.', instanceId));
        }
        return;
    }
    const reason = ineligibleReason(instance);
    if (reason) {
        refuse(context, ineligibleText(reason, instance));
        return;
    }
    const taken = new Set(model.cachedImages.map((image) => image.name));
    const imageName = await ui.showInputBox({
        title: vscode.l10n.t('Create Image from {0}', instance.name),
        value: suggestImageName(instance, today, taken),
        prompt: vscode.l10n.t('The new image’s name'),
        validateInput: (value) => {
            const problem = checkImageName(value);
            return problem ? imageNameProblemText(problem) : taken.has(value) ? vscode.l10n.t('Another image is already named {0}.', value) : undefined;
        },
    });
    if (imageName === undefined) {
        return;
    }
    const tagsText = await ui.showInputBox({
        title: vscode.l10n.t('Create Image from {0}', instance.name),
        prompt: vscode.l10n.t('Tags for {0}, as key=value separated by commas (optional)', imageName),
        placeHolder: 'env=prod, team=web',
        validateInput: (value) => {
            const parsed = parseTags(value);
            return 'problem' in parsed ? tagsProblemText(parsed.problem) : undefined;
        },
    });
    if (tagsText === undefined) {
        return;
    }
    const parsed = parseTags(tagsText);
    const tags: ImageTag[] = 'tags' in parsed ? parsed.tags : [];
    context.logger.info(`Creating image ${imageName} from ${instance.id} (${instance.name})`);
    const created = await callZenlayer(
        context,
        vscode.l10n.t('Creating {0}…', imageName),
        (why) => vscode.l10n.t('Could not create {0} from {1}: {2}', imageName, instance.name, why),
        (api) => api.createImage({ instanceId: instance.id, imageName, ...(tags.length > 0 ? { tags } : {}) }),
    );
    if (!created) {
        return;
    }
    lifecycle.followCreation(creatingImage(created.imageId, created.imageName, tags), created.requestId);
    void ui.showMessage(
        'info',
        withRequestId(vscode.l10n.t('Creating {0} from {1}: it reads CREATING until Zenlayer is done.', created.imageName, instance.name), created.requestId),
        {},
    );
}
