/** What a full scan found and skipped, for the log (English, no secrets). */
import { describeLocation } from './locations';
import type { ReferenceIndex } from './model/referenceIndex';
import type { ScanSummary } from './model/scanner';
import type { ReferencesLogger } from './ports';
import type { FolderScope } from './scope';

export function logScan(logger: ReferencesLogger, summary: ScanSummary, index: ReferenceIndex): void {
    const { binary, tooLarge, unreadable } = summary.skipped;
    const limit = summary.truncated ? `, stopped at the ${summary.truncated} limit` : '';
    const outcome = `${index.referencedImages().size} images referenced (skipped: ${binary} binary, ${tooLarge} large, ${unreadable} unreadable${limit})`;
    logger.info(`Workspace references: ${summary.filesScanned} files scanned in ${summary.durationMs} ms; ${outcome}.`);
    for (const pattern of index.skippedPatterns()) {
        const where = describeLocation({ uri: pattern.uri, line: pattern.span.line });
        logger.warn(`Workspace references: image_name_regex "${pattern.pattern}" at ${where} skipped (${pattern.reason}: ${pattern.message}).`);
    }
}

/** Globs of the settings that a folder's scope could not use: the scan goes on without them. */
export function logRejectedGlobs(logger: ReferencesLogger, scopes: readonly FolderScope[]): void {
    for (const scope of scopes.filter((s) => s.rejected.length > 0)) {
        logger.warn(`Workspace references: ignored globs that cannot be read in ${scope.folder.name}: ${scope.rejected.join(', ')}`);
    }
}
