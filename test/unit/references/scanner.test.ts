import * as assert from 'assert';
import { ReferenceIndex } from '../../../src/references/model/referenceIndex';
import { WorkerRegexEvaluator } from '../../../src/references/model/regexWorker';
import { DEFAULT_SCAN_LIMITS, ScanCancelledError, scanWorkspace, type FileContent, type FileSource } from '../../../src/references/model/scanner';

const WEB = { id: 'img-d9093f1ba07b19d9', name: 'web-frontend-2026-10' };

/** Files in memory; counts reads. */
class MemorySource implements FileSource {
    reads: string[] = [];
    constructor(
        private readonly files: Map<string, Uint8Array | Error>,
        private readonly onRead: () => void = () => undefined,
    ) {}
    listFiles(max: number): Promise<{ uris: string[]; truncated: boolean }> {
        const uris = [...this.files.keys()];
        return Promise.resolve({ uris: uris.slice(0, max), truncated: uris.length > max });
    }
    readFile(uri: string, maxBytes: number): Promise<FileContent> {
        this.reads.push(uri);
        this.onRead();
        const content = this.files.get(uri);
        if (content instanceof Error || content === undefined) {
            return Promise.reject(content ?? new Error('gone'));
        }
        return Promise.resolve(content.length > maxBytes ? { kind: 'tooLarge' } : { kind: 'bytes', bytes: content });
    }
}

const files = (count: number, text = (index: number) => `n = ${index}\n`) =>
    new Map<string, Uint8Array | Error>(
        Array.from({ length: count }, (_, index) => [`file:///w/f${String(index).padStart(4, '0')}.tf`, Buffer.from(text(index))]),
    );

function run(source: FileSource, overrides: Partial<typeof DEFAULT_SCAN_LIMITS> = {}, options: { signal?: AbortSignal; now?: () => number } = {}) {
    const index = new ReferenceIndex(new WorkerRegexEvaluator());
    index.setImages([WEB]);
    let yields = 0;
    const summary = scanWorkspace(source, index, {
        limits: { ...DEFAULT_SCAN_LIMITS, ...overrides },
        signal: options.signal ?? new AbortController().signal,
        now: options.now ?? (() => Date.now()),
        yieldToEventLoop: () =>
            new Promise<void>((resolve) =>
                setImmediate(() => {
                    yields++;
                    resolve();
                }),
            ),
    });
    return { index, summary, yields: () => yields };
}

describe('references: the workspace scan', () => {
    it('scans every file, skips binary, oversized and unreadable ones, and counts them', async () => {
        const source = new MemorySource(
            new Map<string, Uint8Array | Error>([
                ['file:///w/main.tf', Buffer.from(`image_id = "${WEB.id}"`)],
                ['file:///w/logo.png', Buffer.from([0x89, 0x50, 0, 0, WEB.id.charCodeAt(0)])],
                ['file:///w/big.json', new Uint8Array(DEFAULT_SCAN_LIMITS.maxFileBytes + 1)],
                ['file:///w/gone.tf', new Error('ENOENT')],
            ]),
        );
        const { index, summary } = run(source);
        const result = await summary;
        assert.deepStrictEqual(
            { scanned: result.filesScanned, skipped: result.skipped, truncated: result.truncated },
            { scanned: 1, skipped: { binary: 1, tooLarge: 1, unreadable: 1 }, truncated: undefined },
        );
        assert.deepStrictEqual(
            index.referencesTo(WEB.id).map((location) => location.uri),
            ['file:///w/main.tf'],
        );
    });

    it('stops at the file, byte and time limits and says which one', async () => {
        assert.strictEqual((await run(new MemorySource(files(30)), { maxFiles: 20 }).summary).truncated, 'files');
        const bytes = await run(new MemorySource(files(30, () => 'x'.repeat(1000))), { maxTotalBytes: 5000, concurrency: 1 }).summary;
        assert.deepStrictEqual([bytes.truncated, bytes.filesScanned], ['bytes', 6]);
        let clock = 0;
        const timed = await run(new MemorySource(files(30), () => (clock += 10)), { maxDurationMs: 95, concurrency: 1 }, { now: () => clock }).summary;
        assert.strictEqual(timed.truncated, 'time');
        assert.ok(timed.filesScanned < 30);
    });

    it('yields to the event loop between slices, so a large scan never blocks', async () => {
        let clock = 0;
        const { summary, yields } = run(new MemorySource(files(100), () => (clock += 1)), { sliceMs: 10, concurrency: 1 }, { now: () => clock });
        await summary;
        assert.ok(yields() >= 9, `${yields()} yields for 100 ms of work in 10 ms slices`);
    });

    it('is cancellable: an aborted scan stops reading and rejects with ScanCancelledError', async () => {
        const controller = new AbortController();
        const source = new MemorySource(files(100), () => source.reads.length === 10 && controller.abort());
        await assert.rejects(run(source, { concurrency: 1 }, { signal: controller.signal }).summary, ScanCancelledError);
        assert.strictEqual(source.reads.length, 10);
    });
});
