/** Every user-visible string of the workspace-references feature (English here, Chinese in zh-cn.strings.json). */
import * as vscode from 'vscode';
import { joinNames } from '../platform/listText';
import type { ZenlayerImage } from '../zenlayer/types';

/** `2 Dec` this year, `2 Dec 2025` before, in VS Code's display language. */
export function shortDate(date: Date, now = new Date()): string {
    const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }) };
    return new Intl.DateTimeFormat(vscode.env.language, options).format(date);
}

export const referenceTexts = {
    fileCount: (count: number) => (count === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', count)),
    hover: {
        size: (gib: number) => vscode.l10n.t('{0} GiB', gib),
        regions: (regions: readonly string[]) =>
            regions.length === 0 ? vscode.l10n.t('Regions: none yet') : vscode.l10n.t('Regions: {0}', joinNames(regions)),
        noInstances: () => vscode.l10n.t('Instances: none'),
        instances: (count: number, names: string) => vscode.l10n.t('Instances ({0}): {1}', count, names),
        moreInstances: (count: number) => vscode.l10n.t('and {0} more', count),
        instancesUnknown: () => vscode.l10n.t('Instances: unknown (they could not be listed)'),
        referencedIn: (files: number) =>
            files === 1 ? vscode.l10n.t('Referenced in 1 file of this workspace') : vscode.l10n.t('Referenced in {0} files of this workspace', files),
        account: (account: string) => vscode.l10n.t('Account: {0}', account),
        reveal: () => vscode.l10n.t('Reveal in the Images View'),
        showReferences: () => vscode.l10n.t('Show References'),
    },
    problem: {
        missing: (id: string, account: string) => vscode.l10n.t('Image {0} is not in the account {1}.', id, account),
        deleted: (id: string, name: string | undefined, date: string) =>
            name === undefined
                ? vscode.l10n.t('Image {0} was deleted on {1} from this VS Code.', id, date)
                : vscode.l10n.t('Image {0} ({1}) was deleted on {2} from this VS Code.', id, name, date),
        unusable: (image: ZenlayerImage) => {
            switch (image.status) {
                case 'DELETING':
                    return vscode.l10n.t('Image {0} ({1}) is being deleted.', image.id, image.name);
                case 'FAILED':
                    return vscode.l10n.t('Image {0} ({1}) failed to be created: it cannot launch instances.', image.id, image.name);
                default:
                    return vscode.l10n.t('Image {0} ({1}) is unavailable: it cannot launch instances.', image.id, image.name);
            }
        },
    },
    replaceWith: (image: ZenlayerImage) => vscode.l10n.t('Replace with {0} ({1})', image.name, image.id),
    show: {
        progress: () => vscode.l10n.t('Finding image references in the workspace…'),
        pickPlaceholder: () => vscode.l10n.t('Show the references of an image referenced in this workspace'),
        noneForImage: (name: string) => vscode.l10n.t('No references to {0} in this workspace.', name),
        noneAtAll: (account: string) => vscode.l10n.t('No image of the account {0} is referenced in this workspace.', account),
        signedOut: () => vscode.l10n.t('Show References needs the images of a Zenlayer account: sign in first.'),
        noFolder: () => vscode.l10n.t('Open a folder to find image references in it.'),
        disabled: () => vscode.l10n.t('Finding image references is turned off (zenlayer.references.enabled).'),
        failed: (message: string) => vscode.l10n.t('The workspace could not be searched for image references: {0}', message),
        truncated: (limit: string) => vscode.l10n.t('The search stopped at its {0} limit: some files were not searched.', limit),
        limit: (limit: 'files' | 'bytes' | 'time') =>
            limit === 'files' ? vscode.l10n.t('file count') : limit === 'bytes' ? vscode.l10n.t('size') : vscode.l10n.t('time'),
    },
};
