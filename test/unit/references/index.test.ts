import type { ReferenceLocation } from '../../../src/shared/references/workspaceReferences';
import * as assert from 'assert';
import { ReferenceIndex } from '../../../src/references/model/referenceIndex';
import type { CompiledPattern, NameRegexEvaluator, PatternVerdict } from '../../../src/references/model/regexWorker';
import { WorkerRegexEvaluator } from '../../../src/references/model/regexWorker';
import { scanText } from '../../../src/references/model/scanText';
import type { ImageKey } from '../../../src/references/model/types';

const WEB_11 = { id: 'img-2fa3e444ec0ba583', name: 'web-frontend-2026-11' };
const WEB_10 = { id: 'img-d9093f1ba07b19d9', name: 'web-frontend-2026-10' };
const BACKUP = { id: 'img-289acff8098a9059', name: 'backup-agent-v3' };

/** Runs patterns in-process (the tests' patterns are tame) and counts how often it is asked. */
class CountingEvaluator implements NameRegexEvaluator {
    calls: string[][] = [];
    evaluate(patterns: readonly CompiledPattern[], names: readonly string[]): Promise<PatternVerdict[]> {
        this.calls.push(patterns.map((pattern) => pattern.source));
        return Promise.resolve(
            patterns.map((pattern) => {
                const regex = new RegExp(pattern.source, pattern.flags);
                return { kind: 'matched', indices: names.flatMap((name, index) => (regex.test(name) ? [index] : [])) };
            }),
        );
    }
}

const where = (locations: readonly ReferenceLocation[]) =>
    locations.map((location) => `${location.uri}:${location.line + 1}${location.via.kind === 'nameRegex' ? ` /${location.via.pattern}/` : ''}`);

function indexWith(images: readonly ImageKey[], evaluator: NameRegexEvaluator = new CountingEvaluator()) {
    const index = new ReferenceIndex(evaluator);
    index.setImages(images);
    const put = (uri: string, text: string) => index.setFile(uri, scanText(uri, text, index.prefixes));
    return { index, put };
}

describe('references: the incremental index', () => {
    it('lists each image’s references across files, in file and line order, by ID and by name regex', async () => {
        const { index, put } = indexWith([WEB_11, WEB_10, BACKUP]);
        put('file:///w/prod.tfvars', `web = "${WEB_10.id}"\n`);
        put(
            'file:///w/main.tf',
            `a = "${WEB_10.id}"\n\nb = "${WEB_10.id}"\ndata "zenlayercloud_zec_images" "b" {\n  image_name_regex = "^backup-agent-v\\\\d+$"\n}\n`,
        );
        await index.matchPatterns();
        assert.deepStrictEqual(where(index.referencesTo(WEB_10.id)), ['file:///w/main.tf:1', 'file:///w/main.tf:3', 'file:///w/prod.tfvars:1']);
        assert.deepStrictEqual(where(index.referencesTo(BACKUP.id)), ['file:///w/main.tf:5 /^backup-agent-v\\d+$/']);
        assert.deepStrictEqual(index.referencesTo(WEB_11.id), []);
        assert.deepStrictEqual(
            [...index.referencedImages()],
            [
                [WEB_10.id, 2],
                [BACKUP.id, 1],
            ],
        );
    });

    it('a changed file replaces its own references only; a deleted file or folder takes its references away', async () => {
        const { index, put } = indexWith([WEB_11, WEB_10]);
        put('file:///w/a.tf', `x = "${WEB_10.id}"`);
        put('file:///w/b.tf', `x = "${WEB_10.id}"`);
        put('file:///w/sub/c.tf', `x = "${WEB_11.id}"`);
        put('file:///w/a.tf', `x = "${WEB_11.id}"`);
        assert.deepStrictEqual(where(index.referencesTo(WEB_10.id)), ['file:///w/b.tf:1']);
        assert.deepStrictEqual(where(index.referencesTo(WEB_11.id)), ['file:///w/a.tf:1', 'file:///w/sub/c.tf:1']);
        index.removeFile('file:///w/b.tf');
        assert.deepStrictEqual(index.referencesTo(WEB_10.id), []);
        index.removeFolder('file:///w/sub');
        assert.deepStrictEqual(where(index.referencesTo(WEB_11.id)), ['file:///w/a.tf:1']);
        await index.matchPatterns();
    });

    it('re-matches a new listing without reading files: a new image found by ID and by regex, a gone one dropped', async () => {
        const evaluator = new CountingEvaluator();
        const { index, put } = indexWith([WEB_10], evaluator);
        put('file:///w/main.tf', `a = "${WEB_11.id}"\ndata "zenlayercloud_zec_images" "w" {\n  image_name_regex = "^web-frontend-"\n}\n`);
        await index.matchPatterns();
        assert.deepStrictEqual(where(index.referencesTo(WEB_10.id)), ['file:///w/main.tf:3 /^web-frontend-/']);
        assert.deepStrictEqual(index.referencesTo(WEB_11.id), [], 'not in the listing yet');

        const { needsRescan } = index.setImages([WEB_11, BACKUP]);
        assert.strictEqual(needsRescan, false, 'every custom image starts with img: the kept tokens suffice');
        assert.deepStrictEqual(where(index.referencesTo(WEB_11.id)), ['file:///w/main.tf:1'], 'by ID at once');
        await index.matchPatterns();
        assert.deepStrictEqual(where(index.referencesTo(WEB_11.id)), ['file:///w/main.tf:1', 'file:///w/main.tf:3 /^web-frontend-/']);
        assert.deepStrictEqual(index.referencesTo(WEB_10.id), [], 'no longer listed');
        assert.deepStrictEqual(evaluator.calls, [['^web-frontend-'], ['^web-frontend-']], 'the regex ran once per listing');

        index.setImages([WEB_11, BACKUP]);
        await index.matchPatterns();
        assert.strictEqual(evaluator.calls.length, 2, 'the same listing again: nothing to run');
    });

    it('asks for a rescan when a listing has an ID of another shape, which the files were not searched for', () => {
        const { index, put } = indexWith([WEB_10]);
        put('file:///w/main.tf', 'image_id = "ubuntu2404_20240712"');
        assert.deepStrictEqual(index.setImages([WEB_10, { id: 'ubuntu2404_20240712', name: 'Ubuntu 24.04' }]), { needsRescan: true });
        put('file:///w/main.tf', 'image_id = "ubuntu2404_20240712"');
        assert.deepStrictEqual(where(index.referencesTo('ubuntu2404_20240712')), ['file:///w/main.tf:1']);
    });

    it('reports skipped regexes with the reason: invalid, unsupported, not literal, and a catastrophic one that timed out', async function () {
        this.timeout(10_000);
        const { index, put } = indexWith([WEB_10, { id: 'img-aaaa00000000aaaa', name: `${'a'.repeat(40)}!` }], new WorkerRegexEvaluator(300));
        const source = (pattern: string) => `data "zenlayercloud_zec_images" "x" {\n  image_name_regex = "${pattern}"\n}\n`;
        put('file:///w/a.tf', source('(a+)+$'));
        put('file:///w/b.tf', source('web(?=-)'));
        put('file:///w/c.tf', source('(?U)web'));
        put('file:///w/d.tf', 'data "zenlayercloud_zec_images" "x" {\n  image_name_regex = var.regex\n}\n');
        put('file:///w/e.tf', source('^web-frontend-2026-10$'));
        const started = Date.now();
        await index.matchPatterns();
        assert.ok(Date.now() - started < 5000);
        assert.deepStrictEqual(
            index
                .skippedPatterns()
                .map((skipped) => `${skipped.uri} ${skipped.reason} ${skipped.pattern}`)
                .sort(),
            ['file:///w/a.tf timeout (a+)+$', 'file:///w/b.tf invalid web(?=-)', 'file:///w/c.tf unsupported (?U)web', 'file:///w/d.tf notLiteral var.regex'],
        );
        assert.deepStrictEqual(where(index.referencesTo(WEB_10.id)), ['file:///w/e.tf:2 /^web-frontend-2026-10$/'], 'the good regex still applies');
    });
});
