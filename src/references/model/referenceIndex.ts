/**
 * The index of references: per file what it holds (FileFindings), per image ID where it is referenced. Incremental: a
 * changed file replaces its own findings and contributions only; a new listing re-matches the kept findings against
 * the new IDs and names without reading any file (unless an ID needs a prefix the files were not searched for).
 */
import type { ReferenceLocation } from '../../shared/references/workspaceReferences';
import { translateGoRegex } from './goRegex';
import type { NameRegexEvaluator } from './regexWorker';
import { CUSTOM_IMAGE_ID_PREFIX, idPrefixOf } from './tokens';
import type { FileFindings, ImageKey, SkippedPattern, SkipReason } from './types';

type PatternOutcome =
    { readonly kind: 'matched'; readonly ids: readonly string[] } | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly message: string };

const BY_ID = { kind: 'id' } as const;

const byPlace = (a: ReferenceLocation, b: ReferenceLocation) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line || a.startColumn - b.startColumn);

export class ReferenceIndex {
    /** The shown images, ID → name. */
    private images = new Map<string, string>();
    private prefixList: readonly string[] = [CUSTOM_IMAGE_ID_PREFIX];
    private readonly files = new Map<string, FileFindings>();
    /** The files that can reference anything (most files hold no candidate at all): the only ones a new listing touches. */
    private readonly matchable = new Set<string>();
    /** The files that hold name regexes. */
    private readonly withPatterns = new Set<string>();
    private readonly byId = new Map<string, Map<string, ReferenceLocation[]>>();
    /** For each file, the IDs it contributes locations to (to take them back when the file changes). */
    private readonly contributions = new Map<string, readonly string[]>();
    /** Each pattern's outcome against the names of `outcomeGeneration`'s listing. */
    private readonly outcomes = new Map<string, { readonly generation: number; readonly outcome: PatternOutcome }>();
    private namesGeneration = 0;
    private matching: Promise<void> | undefined;

    constructor(private readonly evaluator: NameRegexEvaluator) {}

    /** The ID prefixes files must be searched for (see tokens.ts). */
    get prefixes(): readonly string[] {
        return this.prefixList;
    }

    get fileCount(): number {
        return this.files.size;
    }

    /**
     * A new listing: token matches are redone at once; name regexes are matched again by matchPatterns() (until then
     * their old outcomes count, for the images still listed). `needsRescan` when files must be read again because an ID
     * starts with a prefix they were not searched for.
     */
    setImages(images: readonly ImageKey[]): { readonly needsRescan: boolean } {
        const next = new Map(images.map((image) => [image.id, image.name]));
        const namesChanged = next.size !== this.images.size || [...next].some(([id, name]) => this.images.get(id) !== name);
        this.images = next;
        if (namesChanged) {
            this.namesGeneration++;
        }
        const prefixes = new Set([CUSTOM_IMAGE_ID_PREFIX, ...[...next.keys()].map(idPrefixOf)]);
        const known = new Set(this.prefixList);
        const grew = [...prefixes].some((prefix) => !known.has(prefix));
        if (grew) {
            this.prefixList = [...new Set([...this.prefixList, ...prefixes])];
        }
        for (const uri of this.matchable) {
            this.rebuild(uri);
        }
        return { needsRescan: grew && this.files.size > 0 };
    }

    setFile(uri: string, findings: FileFindings): void {
        this.files.set(uri, findings);
        this.track(uri, findings);
        this.rebuild(uri);
    }

    removeFile(uri: string): void {
        this.files.delete(uri);
        this.track(uri, undefined);
        this.rebuild(uri);
    }

    private track(uri: string, findings: FileFindings | undefined): void {
        const toggle = (set: Set<string>, member: boolean) => (member ? set.add(uri) : set.delete(uri));
        toggle(this.matchable, findings !== undefined && (findings.idTokens.length > 0 || findings.nameRegexes.length > 0));
        toggle(this.withPatterns, findings !== undefined && findings.nameRegexes.length > 0);
    }

    /** Forgets every file under a folder (a deleted folder sends one event, not one per file). */
    removeFolder(folderUri: string): void {
        const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
        for (const uri of [...this.files.keys()]) {
            if (uri.startsWith(prefix)) {
                this.removeFile(uri);
            }
        }
    }

    /** Matches every name regex that has no outcome for the current listing yet; resolves when none is left. */
    matchPatterns(): Promise<void> {
        this.matching ??= this.matchPending().finally(() => (this.matching = undefined));
        return this.matching;
    }

    referencesTo(imageId: string): ReferenceLocation[] {
        const byFile = this.byId.get(imageId);
        return byFile ? [...byFile.values()].flat().sort(byPlace) : [];
    }

    /** Referenced image IDs with the number of files referencing each. */
    referencedImages(): ReadonlyMap<string, number> {
        return new Map([...this.byId].map(([id, byFile]) => [id, byFile.size]));
    }

    /** Every scanned file's findings (for diagnostics: tokens shaped like IDs that the account does not have). */
    allFindings(): ReadonlyMap<string, FileFindings> {
        return this.files;
    }

    /** Name regexes that select nothing, with the reason: not literal, invalid, unsupported or timed out. */
    skippedPatterns(): SkippedPattern[] {
        const skipped: SkippedPattern[] = [];
        for (const [uri, findings] of this.files) {
            for (const occurrence of findings.notLiteral) {
                skipped.push({ uri, span: occurrence, pattern: occurrence.pattern, reason: 'notLiteral', message: 'the value is not a literal string' });
            }
            for (const occurrence of findings.nameRegexes) {
                const outcome = this.outcomes.get(occurrence.pattern)?.outcome;
                if (outcome?.kind === 'skipped') {
                    skipped.push({ uri, span: occurrence, pattern: occurrence.pattern, reason: outcome.reason, message: outcome.message });
                }
            }
        }
        return skipped;
    }

    private async matchPending(): Promise<void> {
        for (;;) {
            const generation = this.namesGeneration;
            const pending = new Set<string>();
            for (const uri of this.withPatterns) {
                for (const occurrence of this.files.get(uri)?.nameRegexes ?? []) {
                    if (this.outcomes.get(occurrence.pattern)?.generation !== generation) {
                        pending.add(occurrence.pattern);
                    }
                }
            }
            if (pending.size === 0) {
                return;
            }
            const outcomes = await this.evaluate([...pending]);
            if (generation !== this.namesGeneration) {
                continue;
            }
            for (const [pattern, outcome] of outcomes) {
                this.outcomes.set(pattern, { generation, outcome });
            }
            for (const uri of this.withPatterns) {
                if (this.files.get(uri)?.nameRegexes.some((occurrence) => pending.has(occurrence.pattern))) {
                    this.rebuild(uri);
                }
            }
        }
    }

    private async evaluate(patterns: readonly string[]): Promise<Map<string, PatternOutcome>> {
        const outcomes = new Map<string, PatternOutcome>();
        const runnable: { pattern: string; source: string; flags: string }[] = [];
        for (const pattern of patterns) {
            const translation = translateGoRegex(pattern);
            if (translation.ok) {
                runnable.push({ pattern, source: translation.source, flags: translation.flags });
            } else {
                outcomes.set(pattern, { kind: 'skipped', reason: translation.reason, message: translation.message });
            }
        }
        const ids = [...this.images.keys()];
        const verdicts = await this.evaluator.evaluate(runnable, [...this.images.values()]);
        runnable.forEach(({ pattern }, index) => {
            const verdict = verdicts[index];
            outcomes.set(
                pattern,
                verdict.kind === 'matched'
                    ? { kind: 'matched', ids: verdict.indices.map((nameIndex) => ids[nameIndex]) }
                    : verdict.kind === 'timeout'
                      ? { kind: 'skipped', reason: 'timeout', message: 'matching took too long (a catastrophic pattern?)' }
                      : { kind: 'skipped', reason: 'invalid', message: verdict.message },
            );
        });
        return outcomes;
    }

    /** Recomputes one file's contributions from its findings, the listing and the regex outcomes. */
    private rebuild(uri: string): void {
        for (const id of this.contributions.get(uri) ?? []) {
            const byFile = this.byId.get(id);
            byFile?.delete(uri);
            if (byFile?.size === 0) {
                this.byId.delete(id);
            }
        }
        this.contributions.delete(uri);
        const findings = this.files.get(uri);
        if (!findings) {
            return;
        }
        // Most files reference nothing: the map is made on the first reference only.
        let found: Map<string, ReferenceLocation[]> | undefined;
        const add = (id: string, location: ReferenceLocation) => {
            found ??= new Map();
            const list = found.get(id);
            if (list) {
                list.push(location);
            } else {
                found.set(id, [location]);
            }
        };
        for (const token of findings.idTokens) {
            if (this.images.has(token.text)) {
                add(token.text, { uri, line: token.line, startColumn: token.startColumn, endColumn: token.endColumn, via: BY_ID });
            }
        }
        for (const occurrence of findings.nameRegexes) {
            const outcome = this.outcomes.get(occurrence.pattern)?.outcome;
            for (const id of outcome?.kind === 'matched' ? outcome.ids : []) {
                if (this.images.has(id)) {
                    const via = { kind: 'nameRegex', pattern: occurrence.pattern } as const;
                    add(id, { uri, line: occurrence.line, startColumn: occurrence.startColumn, endColumn: occurrence.endColumn, via });
                }
            }
        }
        if (!found) {
            return;
        }
        for (const [id, locations] of found) {
            let byFile = this.byId.get(id);
            if (!byFile) {
                byFile = new Map();
                this.byId.set(id, byFile);
            }
            byFile.set(uri, locations);
        }
        this.contributions.set(uri, [...found.keys()]);
    }
}
