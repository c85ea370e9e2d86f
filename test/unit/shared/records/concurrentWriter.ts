/**
 * A second window, as far as the records are concerned: forked by the records tests, writes to the same storage folder
 * as its sibling once the parent says go, then exits. Arguments: mode, folder, a label, a count.
 */
import * as path from 'node:path';
import { DeleteHistory } from '../../../../src/shared/records/deleteHistory';
import { JsonFile } from '../../../../src/shared/records/jsonFile';
import { ObservationRecord } from '../../../../src/shared/records/observations';

const [mode, directory, label, countText] = process.argv.slice(2);
/** The first listing's time in mode `observations`. */
export const OBSERVED_AT = Date.UTC(2026, 11, 5, 9, 0, 0);
const count = Number(countText);
const lines: string[] = [];
const logger = { info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };

/** A counter file with padding, so a write takes long enough for readers and writers to overlap. */
export function counterFile(folder: string): JsonFile<{ count: number; writers: string[]; padding: string }> {
    return new JsonFile({
        path: path.join(folder, 'counter.json'),
        format: 1,
        decode: (value) =>
            typeof value.count === 'number' && Array.isArray(value.writers)
                ? { count: value.count, writers: value.writers as string[], padding: String(value.padding) }
                : undefined,
        encode: (value) => JSON.stringify({ format: 1, ...value }),
        empty: () => ({ count: 0, writers: [], padding: '' }),
        logger,
        maxBytes: 64 * 2 ** 20,
        durable: true,
    });
}

async function main(): Promise<void> {
    // Both writers start on the parent's word, so their writes overlap instead of following one another.
    await new Promise<void>((resolve) => {
        process.once('message', () => resolve());
        process.send?.('ready');
    });
    if (mode === 'counter') {
        const file = counterFile(directory);
        for (let index = 0; index < count; index++) {
            await file.update((value) => ({
                count: value.count + 1,
                writers: [...value.writers, `${label}-${index}`],
                padding: 'x'.repeat(200_000 + (index % 7)),
            }));
        }
    } else if (mode === 'history') {
        const history = new DeleteHistory(directory, logger);
        for (let index = 0; index < count; index++) {
            const account = index % 2 === 0 ? 'Demo' : 'Staging';
            const stored = await history.append({
                at: Date.now(),
                account,
                trigger: 'palette',
                requested: [`img-${label}-${index}`],
                requestIds: [`req-${label}-${index}`],
                images: [{ id: `img-${label}-${index}`, name: `${label}-${index}`, regionIds: ['asia-east-1'], tags: [], result: 'accepted' }],
            });
            if (!stored) {
                throw new Error(`entry ${index} was not written: ${lines.join(' | ')}`);
            }
        }
    } else if (mode === 'observations') {
        // Two windows listing the same two accounts at once: the same growing listing at the same times in both.
        const record = new ObservationRecord(directory, logger);
        for (let index = 0; index < count; index++) {
            const imageIds = Array.from({ length: 50 + index }, (_, image) => `img-${image}`);
            await record.observe(index % 2 === 0 ? 'Demo' : 'Staging', { imageIds, usedImageIds: new Set(imageIds.slice(0, 5)) }, OBSERVED_AT + index * 1000);
        }
    } else {
        throw new Error(`unknown mode ${mode}`);
    }
    if (lines.length > 0) {
        throw new Error(`unexpected log lines: ${lines.join(' | ')}`);
    }
}

if (require.main === module) {
    main().then(
        () => process.exit(0),
        (error: unknown) => {
            console.error(error);
            process.exit(1);
        },
    );
}
