// Files of src/ stay small enough to read in one sitting: none over 300 lines (a file does one job; split a longer one by
// job), and no line over 160 characters (Prettier wraps code there; ESLint's max-len catches the strings and comments).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');
const MAX_FILE_LINES = 300;
const MAX_LINE_LENGTH = 160;

/**
 * Files over the limit that are being split elsewhere, with why; each must still be over it (or its line goes).
 * Empty: every file of src/ is within the limit.
 */
const PENDING_SPLITS: Record<string, string> = {};

/** Every file under `folder`, as a path relative to the repository root with forward slashes. */
function filesUnder(folder: string): string[] {
    return fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
        const relative = `${folder}/${entry.name}`;
        return entry.isDirectory() ? filesUnder(relative) : [relative];
    });
}

/** Lines as `wc -l` counts them, plus a last line without its newline. */
function lineCount(text: string): number {
    const newlines = text.split('\n').length - 1;
    return text.length > 0 && !text.endsWith('\n') ? newlines + 1 : newlines;
}

describe('layout of src/', function () {
    const sizes = filesUnder('src').map((file) => ({ file, lines: lineCount(fs.readFileSync(path.join(ROOT, file), 'utf8')) }));

    it('reads the source files at all', function () {
        assert.ok(sizes.filter(({ file }) => file.endsWith('.ts')).length >= 50, `found only ${sizes.length} files`);
    });

    it(`has no file over ${MAX_FILE_LINES} lines`, function () {
        const over = sizes.filter(({ file, lines }) => lines > MAX_FILE_LINES && !(file in PENDING_SPLITS));
        assert.deepEqual(
            over.map(({ file, lines }) => `${file}: ${lines} lines`),
            [],
        );
    });

    it('lists as pending only files that are still over the limit', function () {
        const done = Object.keys(PENDING_SPLITS).filter((file) => (sizes.find((size) => size.file === file)?.lines ?? 0) <= MAX_FILE_LINES);
        assert.deepEqual(done, [], 'split or gone: remove them from PENDING_SPLITS');
    });

    it(`has no line over ${MAX_LINE_LENGTH} characters`, function () {
        const long = sizes.flatMap(({ file }) =>
            fs
                .readFileSync(path.join(ROOT, file), 'utf8')
                .split('\n')
                .flatMap((line, index) => (line.length > MAX_LINE_LENGTH ? [`${file}:${index + 1} (${line.length})`] : [])),
        );
        assert.deepEqual(long, []);
    });

    it(`keeps ESLint's max-len at ${MAX_LINE_LENGTH} for every file of src/`, async function () {
        const eslint = new ESLint({ cwd: ROOT });
        for (const file of ['src/extension.ts', 'src/zenlayer/client.ts', 'src/some-new-feature/anything.ts']) {
            const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as Linter.Config;
            const rule = config.rules?.['max-len'] as [number, { code?: number }] | undefined;
            assert.equal(rule?.[0], 2, `${file}: max-len is not an error`);
            assert.equal(rule?.[1]?.code, MAX_LINE_LENGTH, file);
        }
    });
});
