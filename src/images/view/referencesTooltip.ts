import * as vscode from 'vscode';
import { COMMANDS } from '../../constants';
import { escapeMarkdown } from '../../platform/markdown';
import type { WorkspaceReferences } from '../../shared/references/workspaceReferences';
import type { ImageNode } from '../model/tree';
import { scanLimitText } from '../texts';

/** How many `file:line` locations the tooltip lists before "and N more". */
export const TOOLTIP_REFERENCES = 10;

/**
 * The image tooltip's part about the workspace: up to ten `file:line` links to the references and a Show References
 * link, "not referenced", or why that is not known yet (searching, failed). Nothing while no search was asked for.
 */
export function referencesMarkdown(node: ImageNode, references: WorkspaceReferences): string | undefined {
    const status = references.status;
    switch (status.kind) {
        case 'notStarted':
            return undefined;
        case 'scanning':
            return `$(loading~spin) ${escapeMarkdown(vscode.l10n.t('Searching the workspace for references to this image…'))}`;
        case 'failed': {
            const text = vscode.l10n.t('Unknown whether the workspace references this image: its search failed ({0}).', errorMessage(status.error));
            return `$(warning) ${escapeMarkdown(text)}`;
        }
    }
    const locations = references.referencesTo(node.image.id);
    const stopped = status.truncated
        ? [escapeMarkdown(vscode.l10n.t('The search stopped at its {0} limit: some files were not searched.', scanLimitText(status.truncated)))]
        : [];
    if (locations.length === 0) {
        return [`$(circle-large-outline) ${escapeMarkdown(vscode.l10n.t('Not referenced in the files of this workspace.'))}`, ...stopped].join('\n\n');
    }
    const files = new Set(locations.map((location) => location.uri)).size;
    const heading = files === 1 ? vscode.l10n.t('Referenced in 1 file of this workspace:') : vscode.l10n.t('Referenced in {0} files of this workspace:', files);
    const links = locations
        .slice(0, TOOLTIP_REFERENCES)
        .map((location) => `- [${escapeMarkdown(references.describeLocation(location))}](${references.linkTarget(location)})`);
    const more = locations.length - TOOLTIP_REFERENCES;
    const showReferences = `command:${COMMANDS.showReferences}?${encodeURIComponent(JSON.stringify([node.image.id]))}`;
    const show = `[${escapeMarkdown(vscode.l10n.t('Show References'))}](${showReferences})`;
    return [
        `$(references) ${escapeMarkdown(heading)}`,
        '',
        ...links,
        ...(more > 0 ? [escapeMarkdown(vscode.l10n.t('and {0} more', more))] : []),
        '',
        show,
        ...(stopped.length > 0 ? ['', ...stopped] : []),
    ].join('\n');
}

function errorMessage(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
