/**
 * Workspace references bench, `node out/test/bench/references.js` after `npm run compile-tests`: prints figures, never
 * passes or fails. A generated workspace of 20,000 files (100 MB, a few hundred references) is scanned against 10,000
 * images by the model layer over node:fs (VS Code's file API needs a real VS Code): the full scan's wall time and peak
 * heap (aims: 5 s, 100 MiB), one changed file re-scanned (aim: 5 ms), re-matching after a new listing.
 * The workspace is generated once into the system's temporary folder and reused.
 */
import { createHash } from 'node:crypto';
import { close, existsSync, fstat, mkdirSync, open, promises as fs, read, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_INCLUDE_GLOBS, flattenGlobs, GlobMatcher } from '../../src/references/model/globs';
import { ReferenceIndex } from '../../src/references/model/referenceIndex';
import { WorkerRegexEvaluator } from '../../src/references/model/regexWorker';
import { DEFAULT_SCAN_LIMITS, findingsOf, scanWorkspace, type FileContent, type FileSource } from '../../src/references/model/scanner';
import type { ImageKey } from '../../src/references/model/types';

const FILES = 20_000;
const TOTAL_BYTES = 100 * 1024 * 1024;
const IMAGES = 10_000;
const REFERENCING_FILES = 300;
const DATA_SOURCES = 20;
const ROOT = path.join(tmpdir(), `zenlayer-references-bench-${FILES}-${TOTAL_BYTES}-v3`);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A deterministic pseudo-random sequence (mulberry32: the workspace is the same on every run and machine). */
function random(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state + 0x6d2b79f5) | 0;
        let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
        mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
        return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
    };
}

/** The images of a listing; the second listing drops every tenth image, adds as many, and renames every other one. */
function images(generation: number): ImageKey[] {
    return Array.from({ length: IMAGES }, (_, position) => {
        const index = generation === 1 && position % 10 === 0 ? IMAGES + position : position;
        const year = generation === 1 && index % 2 === 1 ? '2027' : '2026';
        return {
            id: `img-${createHash('sha256').update(`bench:${index}`).digest('hex').slice(0, 16)}`,
            name: `app-${index % 500}-${year}-${String((index % 12) + 1).padStart(2, '0')}`,
        };
    });
}

const EXTENSIONS = ['tf', 'tfvars', 'yaml', 'json', 'md', 'sh', 'toml', 'tf', 'yml', 'hcl'];

/** Infrastructure-like text: resources, variables, addresses, versions, hashes, and words that start like IDs. */
function fillerLine(next: () => number, line: number): string {
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const hash = createHash('sha1').update(String(next())).digest('hex');
    return pick([
        `resource "zenlayercloud_zec_instance" "web_${line}" { instance_type = "z2a.cpu.${pick([1, 2, 4, 8])}" }`,
        `  subnet_cidr = "10.${line % 256}.${Math.floor(next() * 256)}.0/24" # private network for tier ${line}`,
        `variable "image_name_${line}" { default = "ubuntu-22.04-${hash.slice(0, 8)}" }`,
        `  - name: deploy step ${line}\n    run: ./scripts/deploy.sh --sha ${hash} --region asia-east-1`,
        `"checksum": "sha256:${hash}${hash.slice(0, 24)}", "imgur_url": "https://i.imgur.com/${hash.slice(0, 7)}.png",`,
        `export IMAGE_BUILD_${line}=registry.example.invalid/app:${Math.floor(next() * 100)}.${line % 10}.0  # img_tag not an ID`,
        `The image pipeline publishes a new build every week; keep at least two versions (${hash.slice(0, 12)}).`,
    ]);
}

async function generateWorkspace(): Promise<{ referencedIds: number }> {
    const marker = path.join(ROOT, '.complete');
    const all = images(0);
    if (existsSync(marker)) {
        return JSON.parse(await fs.readFile(marker, 'utf8')) as { referencedIds: number };
    }
    const next = random(17);
    const perFile = Math.floor(TOTAL_BYTES / FILES);
    const referenced = new Set<string>();
    for (let file = 0; file < FILES; file++) {
        const folder = path.join(ROOT, `module-${Math.floor(file / 200)}`, file % 3 === 0 ? 'env' : 'src');
        mkdirSync(folder, { recursive: true });
        const extension = EXTENSIONS[file % EXTENSIONS.length];
        const lines: string[] = [];
        let size = 0;
        for (let line = 0; size < perFile; line++) {
            const text = fillerLine(next, line);
            lines.push(text);
            size += text.length + 1;
        }
        if (file % Math.floor(FILES / REFERENCING_FILES) === 0) {
            const image = all[Math.floor(next() * all.length)];
            referenced.add(image.id);
            lines.splice(Math.floor(next() * lines.length), 0, `  image_id = "${image.id}"`);
        }
        // 10 modulo the ten extensions: a .tf file.
        if (file % Math.floor(FILES / DATA_SOURCES) === 10) {
            lines.push(
                `data "zenlayercloud_zec_images" "pick_${file}" {\n  availability_zone = "asia-east-1a"\n  image_name_regex = "^app-${Math.floor(file / 1000)}-2026-"\n}`,
            );
        }
        writeFileSync(path.join(folder, `file-${file}.${extension === 'hcl' ? 'pkr.hcl' : extension}`), lines.join(file % 7 === 0 ? '\r\n' : '\n'));
    }
    const summary = { referencedIds: referenced.size };
    writeFileSync(marker, JSON.stringify(summary));
    return summary;
}

// The callback API: fs.promises is about twice as slow for many small files. One open, fstat, read and close per file.
const openFile = promisify(open);
const statOpen = promisify(fstat);
const readOpen = promisify(read);
const closeFile = promisify(close);

/** The model's file source over node:fs: the default include globs, sizes checked before reading. */
class NodeFileSource implements FileSource {
    private readonly include = new GlobMatcher(flattenGlobs(DEFAULT_INCLUDE_GLOBS).flat, false);

    async listFiles(max: number): Promise<{ uris: string[]; truncated: boolean }> {
        const entries = await fs.readdir(ROOT, { recursive: true, withFileTypes: true });
        const uris = entries
            .filter((entry) => entry.isFile() && this.include.matches(path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')))
            .map((entry) => pathToFileURL(path.join(entry.parentPath, entry.name)).href);
        return { uris: uris.slice(0, max), truncated: uris.length > max };
    }

    async readFile(uri: string, maxBytes: number): Promise<FileContent> {
        const descriptor = await openFile(fileURLToPath(uri), 'r');
        try {
            const { size } = await statOpen(descriptor);
            if (size > maxBytes) {
                return { kind: 'tooLarge' };
            }
            const bytes = Buffer.allocUnsafe(size);
            let filled = 0;
            while (filled < size) {
                const { bytesRead } = await readOpen(descriptor, bytes, filled, size - filled, filled);
                if (bytesRead === 0) {
                    break;
                }
                filled += bytesRead;
            }
            return { kind: 'bytes', bytes: bytes.subarray(0, filled) };
        } finally {
            await closeFile(descriptor);
        }
    }
}

function row(label: string, value: string): void {
    console.log(`${label.padEnd(58)} ${value}`);
}

/** One full scan into a fresh index: wall time, CPU time, peak heap growth over a collected heap, heap kept after GC. */
async function fullScan(source: FileSource, listing: readonly ImageKey[]) {
    const index = new ReferenceIndex(new WorkerRegexEvaluator());
    index.setImages(listing);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const summary = await scanWorkspace(source, index, {
        limits: DEFAULT_SCAN_LIMITS,
        signal: new AbortController().signal,
        now: () => performance.now(),
        yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
    });
    const wallMs = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    gc();
    return {
        index,
        summary,
        wallMs,
        cpuMs: (user + system) / 1000,
        peakMiB: (peak - baseline) / 2 ** 20,
        keptMiB: (process.memoryUsage().heapUsed - baseline) / 2 ** 20,
    };
}

async function main(): Promise<void> {
    const generationStarted = performance.now();
    const { referencedIds } = await generateWorkspace();
    row('workspace', `${ROOT} (ready in ${((performance.now() - generationStarted) / 1000).toFixed(1)} s)`);
    const source = new NodeFileSource();
    const listing = images(0);

    const runs = [];
    for (let run = 0; run < 3; run++) {
        runs.push(await fullScan(source, listing));
    }
    const { index, summary } = runs[runs.length - 1];
    const walls = runs.map((run) => run.wallMs).sort((a, b) => a - b);
    row('full scan: files scanned / listed', `${summary.filesScanned.toLocaleString('en-US')} / ${summary.filesListed.toLocaleString('en-US')}`);
    row('full scan: bytes scanned', `${(summary.bytesScanned / 2 ** 20).toFixed(1)} MiB`);
    row('full scan: wall time, median of 3 (aim ≤ 5 s)', `${(walls[1] / 1000).toFixed(2)} s (${walls.map((wall) => (wall / 1000).toFixed(2)).join(', ')})`);
    row('full scan: CPU time of this process (user + system)', runs.map((run) => `${(run.cpuMs / 1000).toFixed(2)} s`).join(', '));
    row('full scan: peak heap growth, largest of 3 (aim ≤ 100 MiB)', `${Math.max(...runs.map((run) => run.peakMiB)).toFixed(1)} MiB`);
    row('full scan: heap kept by the index after GC', `${runs[runs.length - 1].keptMiB.toFixed(1)} MiB`);
    row(
        'full scan: images referenced (by ID written / in all)',
        `${referencedIds} / ${index.referencedImages().size} (the rest by the ${DATA_SOURCES} name regexes)`,
    );
    row('full scan: truncated', String(summary.truncated ?? 'no'));

    const uris = (await source.listFiles(DEFAULT_SCAN_LIMITS.maxFiles)).uris;
    const changed = uris[Math.floor(uris.length / 2)];
    const file = fileURLToPath(changed);
    const times: number[] = [];
    for (let run = 0; run < 21; run++) {
        const text = await fs.readFile(file, 'utf8');
        await fs.writeFile(file, `${text.replace(/\n {2}image_id = "img-[0-9a-f]+"/g, '')}\n  image_id = "${listing[run].id}"`);
        const runStarted = performance.now();
        const result = findingsOf(changed, await source.readFile(changed, DEFAULT_SCAN_LIMITS.maxFileBytes), index.prefixes, DEFAULT_SCAN_LIMITS.maxFileBytes);
        if (result.kind === 'scanned') {
            index.setFile(changed, result.findings);
        }
        await index.matchPatterns();
        times.push(performance.now() - runStarted);
    }
    times.sort((a, b) => a - b);
    const size = (await fs.stat(file)).size;
    row(
        `one changed file (${(size / 1024).toFixed(1)} KiB) re-scanned: read + scan + index`,
        `${times[10].toFixed(2)} ms median of 21, max ${times[20].toFixed(2)} ms (aim ≤ 5 ms)`,
    );

    const next = images(1);
    const rematchStarted = performance.now();
    const { needsRescan } = index.setImages(next);
    const byIdMs = performance.now() - rematchStarted;
    await index.matchPatterns();
    const rematchMs = performance.now() - rematchStarted;
    row('new listing (1,000 IDs new, 5,000 renamed): re-match by ID', `${byIdMs.toFixed(1)} ms, no file read (rescan needed: ${needsRescan ? 'yes' : 'no'})`);
    row(
        `new listing: with the ${DATA_SOURCES} name regexes (worker thread)`,
        `${rematchMs.toFixed(1)} ms; images referenced now ${index.referencedImages().size}`,
    );
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
