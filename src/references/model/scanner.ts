/**
 * The full scan of a workspace, over any file source (VS Code's file system API in the extension, node:fs in the
 * bench): bounded in files, bytes and time, cancellable, and working in slices so the extension host never stalls.
 */
import type { ScanTruncation } from '../../shared/references/workspaceReferences';
import { decodeFile, MAX_FILE_BYTES } from './decode';
import type { ReferenceIndex } from './referenceIndex';
import { scanText } from './scanText';

/** A file's content as text (an editor's unsaved text), as bytes, or only the news that it is too large to read. */
export type FileContent =
    { readonly kind: 'text'; readonly text: string } | { readonly kind: 'bytes'; readonly bytes: Uint8Array } | { readonly kind: 'tooLarge' };

export interface FileSource {
    /** The files to scan (URIs as strings), at most `max`; `truncated` when there were more. */
    listFiles(max: number, signal: AbortSignal): Promise<{ readonly uris: readonly string[]; readonly truncated: boolean }>;
    /** Reads a file, or says it is over `maxBytes` without reading it. */
    readFile(uri: string, maxBytes: number): Promise<FileContent>;
}

export interface ScanLimits {
    readonly maxFiles: number;
    readonly maxFileBytes: number;
    readonly maxTotalBytes: number;
    readonly maxDurationMs: number;
    /** Longest stretch of work between two yields to the event loop. */
    readonly sliceMs: number;
    /** Files read at once. */
    readonly concurrency: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
    maxFiles: 50_000,
    maxFileBytes: MAX_FILE_BYTES,
    maxTotalBytes: 512 * 1024 * 1024,
    maxDurationMs: 120_000,
    sliceMs: 15,
    concurrency: 8,
};

/** Which limit stopped a scan before it read every file. */
export interface ScanSummary {
    readonly filesListed: number;
    readonly filesScanned: number;
    readonly skipped: { readonly binary: number; readonly tooLarge: number; readonly unreadable: number };
    readonly bytesScanned: number;
    readonly truncated: ScanTruncation | undefined;
    readonly durationMs: number;
}

export class ScanCancelledError extends Error {
    constructor() {
        super('The workspace scan was cancelled.');
    }
}

export interface ScanOptions {
    readonly limits: ScanLimits;
    readonly signal: AbortSignal;
    readonly now: () => number;
    readonly yieldToEventLoop: () => Promise<void>;
}

/** The findings of one file for the index, or why it has none. */
export function findingsOf(uri: string, content: FileContent, prefixes: readonly string[], maxFileBytes: number) {
    if (content.kind === 'tooLarge') {
        return { kind: 'skipped', reason: 'tooLarge', bytes: 0 } as const;
    }
    const decoded = content.kind === 'text' ? content : decodeFile(content.bytes, maxFileBytes);
    const bytes = content.kind === 'bytes' ? content.bytes.length : content.text.length;
    if (decoded.kind === 'skipped') {
        return { kind: 'skipped', reason: decoded.reason, bytes: 0 } as const;
    }
    return { kind: 'scanned', findings: scanText(uri, decoded.text, prefixes), bytes } as const;
}

/** Scans every file of `source` into `index`, then matches the name regexes found; throws ScanCancelledError on abort. */
export async function scanWorkspace(source: FileSource, index: ReferenceIndex, options: ScanOptions): Promise<ScanSummary> {
    const { limits, signal, now } = options;
    const started = now();
    const listed = await source.listFiles(limits.maxFiles, signal);
    let truncated: ScanTruncation | undefined = listed.truncated ? 'files' : undefined;
    const skipped = { binary: 0, tooLarge: 0, unreadable: 0 };
    let filesScanned = 0;
    let bytesScanned = 0;
    let next = 0;
    let sliceStarted = now();
    const checkCancelled = () => {
        if (signal.aborted) {
            throw new ScanCancelledError();
        }
    };
    const reader = async () => {
        while (next < listed.uris.length && truncated !== 'bytes' && truncated !== 'time') {
            checkCancelled();
            const uri = listed.uris[next++];
            let content: FileContent;
            try {
                content = await source.readFile(uri, limits.maxFileBytes);
            } catch {
                // Deleted since it was listed, or unreadable: the watcher brings it back if it appears again.
                skipped.unreadable++;
                continue;
            }
            checkCancelled();
            const result = findingsOf(uri, content, index.prefixes, limits.maxFileBytes);
            if (result.kind === 'skipped') {
                skipped[result.reason]++;
            } else {
                index.setFile(uri, result.findings);
                filesScanned++;
                bytesScanned += result.bytes;
            }
            if (bytesScanned > limits.maxTotalBytes) {
                truncated = 'bytes';
            } else if (now() - started > limits.maxDurationMs) {
                truncated = 'time';
            }
            if (now() - sliceStarted >= limits.sliceMs) {
                await options.yieldToEventLoop();
                sliceStarted = now();
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, limits.concurrency) }, reader));
    checkCancelled();
    await index.matchPatterns();
    checkCancelled();
    return { filesListed: listed.uris.length, filesScanned, skipped, bytesScanned, truncated, durationMs: now() - started };
}

/** Reads files again into `index` (changed, created or deleted ones) and matches the name regexes found. */
export async function rescanFiles(source: FileSource, index: ReferenceIndex, uris: Iterable<string>, maxFileBytes: number): Promise<void> {
    for (const uri of uris) {
        try {
            const result = findingsOf(uri, await source.readFile(uri, maxFileBytes), index.prefixes, maxFileBytes);
            if (result.kind === 'scanned') {
                index.setFile(uri, result.findings);
            } else {
                index.removeFile(uri);
            }
        } catch {
            // Gone (a deleted file or folder) or unreadable: it references nothing any more.
            index.removeFile(uri);
            index.removeFolder(uri);
        }
    }
    await index.matchPatterns();
}
