import * as vscode from 'vscode';
import { describeError } from '../../platform/errorText';
import { escapeMarkdown } from '../../platform/markdown';
import type { ZenlayerImage } from '../../zenlayer';
import type { RefusalReason } from '../model/images';
import { refusalReasonText } from '../texts';
import type { DeleteOutcome, ImageError } from './deleteResult';

/** Show Details: a rendered document, one line per image that was not deleted, and the requestIds support asks for. */
export function deleteResultDocument(outcome: DeleteOutcome, reasons: ReadonlyMap<string, RefusalReason>): string {
    const line = (image: ZenlayerImage, why: string) => `- **${escapeMarkdown(image.name)}** (\`${image.id}\`, ${image.status}): ${escapeMarkdown(why)}`;
    const section = (title: string, entries: readonly string[]) => (entries.length > 0 ? [`## ${title}`, '', ...entries, ''] : []);
    const withError = (entries: readonly ImageError[]) => entries.map(({ image, error }) => line(image, describeError(error)));
    const refused = outcome.refused.map((image) => line(image, refusalReasonText(reasons.get(image.id) ?? { kind: 'unknown' })));
    const lines = [
        `# ${vscode.l10n.t('Delete result')}`,
        '',
        ...section(vscode.l10n.t('Refused by Zenlayer'), refused),
        ...section(vscode.l10n.t('Request failed'), withError(outcome.failed)),
        ...section(vscode.l10n.t('Not sent'), withError(outcome.notSent)),
        ...section(vscode.l10n.t('Unknown outcome (refresh before retrying)'), withError(outcome.unknown)),
        ...section(
            vscode.l10n.t('Accepted (being deleted)'),
            outcome.accepted.map((image) => `- **${escapeMarkdown(image.name)}** (\`${image.id}\`)`),
        ),
    ];
    if (outcome.requestIds.length > 0) {
        lines.push(vscode.l10n.t('DeleteImages requestId(s): {0}', outcome.requestIds.map((id) => `\`${id}\``).join(', ')));
    }
    return lines.join('\n') + '\n';
}
