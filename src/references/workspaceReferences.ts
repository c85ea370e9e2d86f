/**
 * The workspace's references to the shown account's images, kept up to date: one full scan when first needed (never at
 * activation), then a file watcher and the editors' unsaved text re-scan single files, and a new listing re-matches
 * without reading files. Settings, folder or prefix changes start a fresh full scan, which replaces the index when done.
 */
import type { ReferenceLocation, ReferenceScanStatus, WorkspaceReferences } from '../shared/references/workspaceReferences';
import * as vscode from 'vscode';
import { WorkspaceFileSource } from './fileSource';
import { describeLocation, linkTarget } from './locations';
import { logRejectedGlobs, logScan } from './scanLog';
import { Emitter } from '../platform/events';
import { ReferenceIndex } from './model/referenceIndex';
import { WorkerRegexEvaluator, type NameRegexEvaluator } from './model/regexWorker';
import { DEFAULT_SCAN_LIMITS, rescanFiles, ScanCancelledError, scanWorkspace, type ScanLimits } from './model/scanner';
import { scanText } from './model/scanText';
import type { FileFindings, ImageKey } from './model/types';
import type { ReferencesDependencies } from './ports';
import { affectsScope, folderScope, type FolderScope } from './scope';

/** Typing pauses this long before an editor's text is scanned again. */
const EDIT_DEBOUNCE_MS = 300;

const sameListing = (a: readonly ImageKey[], b: readonly ImageKey[]) => a.length === b.length && a.every((x, i) => x.id === b[i].id && x.name === b[i].name);

export class WorkspaceReferencesService implements WorkspaceReferences, vscode.Disposable {
    private readonly changed = new Emitter<void>();
    readonly onDidChange = this.changed.event;
    private state: ReferenceScanStatus = { kind: 'notStarted' };
    private readonly evaluator: NameRegexEvaluator = new WorkerRegexEvaluator();
    private index = new ReferenceIndex(this.evaluator);
    private listing: readonly ImageKey[] = [];
    private scopes: readonly FolderScope[] = [];
    private readonly limits: ScanLimits;
    private readonly source = new WorkspaceFileSource(() => this.scopes);
    private scan: { readonly controller: AbortController; readonly done: Promise<void>; readonly index: ReferenceIndex } | undefined;
    /** Files changed while a full scan ran: scanned again once it is done. */
    private readonly changedDuringScan = new Set<string>();
    /**
     * The queued re-read while it is last in the queue and not started: changes join it (a copied-in file is read once).
     * Once it starts, or anything queues behind it (a delete), a change queues a read of its own: it may be newer.
     */
    private openRescan: Set<string> | undefined;
    private updatesOneByOne: Promise<void> = Promise.resolve();
    private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
    private readonly disposables: vscode.Disposable[] = [];
    private watching = false;

    constructor(private readonly deps: ReferencesDependencies) {
        this.limits = { ...DEFAULT_SCAN_LIMITS, ...deps.limits };
        this.disposables.push(
            deps.shownImages.onDidChange(() => this.listingChanged()),
            vscode.workspace.onDidChangeConfiguration((event) => affectsScope(event) && this.restart('settings changed')),
            vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart('workspace folders changed')),
        );
    }

    get status(): ReferenceScanStatus {
        return this.state;
    }

    start(): void {
        if (this.state.kind === 'notStarted' || this.state.kind === 'failed') {
            this.fullScan();
        }
    }

    /** A fresh full scan (Rescan Workspace References), whatever the state. */
    restartScan(): void {
        this.deps.logger.info('Workspace references: scanning again (asked for).');
        this.fullScan();
    }

    async whenReady(): Promise<ReferenceScanStatus> {
        this.start();
        while (this.scan) {
            const scan = this.scan;
            await scan.done;
            if (this.scan === scan) {
                break;
            }
        }
        await this.updatesOneByOne;
        await this.index.matchPatterns();
        return this.state;
    }

    referencesTo(imageId: string): readonly ReferenceLocation[] {
        return this.index.referencesTo(imageId);
    }

    referencedImages(): ReadonlyMap<string, number> {
        return this.index.referencedImages();
    }

    allFindings(): ReadonlyMap<string, FileFindings> {
        return this.index.allFindings();
    }

    readonly describeLocation = describeLocation;
    readonly linkTarget = linkTarget;

    private setState(state: ReferenceScanStatus): void {
        this.state = state;
        this.changed.fire();
    }

    private currentListing(): readonly ImageKey[] {
        return this.deps.shownImages.images().map((image) => ({ id: image.id, name: image.name }));
    }

    private restart(reason: string): void {
        if (this.state.kind !== 'notStarted') {
            this.deps.logger.info(`Workspace references: scanning again (${reason}).`);
            this.fullScan();
        }
    }

    private fullScan(): void {
        this.scan?.controller.abort();
        const controller = new AbortController();
        this.scopes = (vscode.workspace.workspaceFolders ?? []).map(folderScope);
        logRejectedGlobs(this.deps.logger, this.scopes);
        this.listing = this.currentListing();
        const index = new ReferenceIndex(this.evaluator);
        index.setImages(this.listing);
        this.watch();
        this.changedDuringScan.clear();
        const done = scanWorkspace(this.source, index, {
            limits: this.limits,
            signal: controller.signal,
            now: () => Date.now(),
            yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
        }).then(
            (summary) => {
                if (controller.signal.aborted) {
                    return;
                }
                this.scan = undefined;
                this.index = index;
                logScan(this.deps.logger, summary, index);
                this.setState({ kind: 'ready', filesScanned: summary.filesScanned, truncated: summary.truncated });
                this.rescan([...this.changedDuringScan]);
                this.changedDuringScan.clear();
            },
            (error: unknown) => {
                if (error instanceof ScanCancelledError || controller.signal.aborted) {
                    return;
                }
                this.scan = undefined;
                this.deps.logger.warn(`Workspace references: the scan failed: ${error instanceof Error ? error.message : String(error)}`);
                this.setState({ kind: 'failed', error });
            },
        );
        this.scan = { controller, done, index };
        this.setState({ kind: 'scanning' });
    }

    private listingChanged(): void {
        const listing = this.currentListing();
        if (this.state.kind === 'notStarted' || sameListing(listing, this.listing)) {
            return;
        }
        this.listing = listing;
        const servedNeedsRescan = this.index.setImages(listing).needsRescan;
        // A scan in flight searched for the old listing's prefixes: it starts again if the new one has others.
        if (this.scan ? this.scan.index.setImages(listing).needsRescan : servedNeedsRescan) {
            this.deps.logger.info('Workspace references: scanning again (the listing has IDs of a new shape).');
            this.fullScan();
            return;
        }
        if (this.scan) {
            return;
        }
        this.changed.fire();
        this.enqueue(async () => {
            await this.index.matchPatterns();
            this.changed.fire();
        });
    }

    private watch(): void {
        if (this.watching) {
            return;
        }
        this.watching = true;
        const watcher = vscode.workspace.createFileSystemWatcher('**/*');
        this.disposables.push(
            watcher,
            watcher.onDidCreate((uri) => this.fileCreated(uri)),
            watcher.onDidChange((uri) => this.fileChanged(uri)),
            watcher.onDidDelete((uri) => this.fileDeleted(uri)),
            vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length > 0 && this.documentEdited(event.document)),
            // Closing an editor drops its unsaved text: the file on disk counts again.
            vscode.workspace.onDidCloseTextDocument((document) => this.fileChanged(document.uri)),
        );
    }

    private inScope(uri: vscode.Uri): boolean {
        return this.scopes.some((scope) => scope.contains(uri));
    }

    private fileChanged(uri: vscode.Uri): void {
        if (!this.inScope(uri)) {
            return;
        }
        if (this.scan) {
            this.changedDuringScan.add(uri.toString());
        } else {
            this.rescan([uri.toString()]);
        }
    }

    /** A new file, or a new folder (copied in, checked out), whose files may come without events of their own. */
    private fileCreated(uri: vscode.Uri): void {
        if (this.inScope(uri)) {
            this.fileChanged(uri);
            return;
        }
        const listed = this.source.filesUnder(uri, this.limits.maxFiles);
        void listed.then((files) => files.forEach((file) => this.fileChanged(vscode.Uri.parse(file))));
    }

    private fileDeleted(uri: vscode.Uri): void {
        const key = uri.toString();
        if (this.scan) {
            this.changedDuringScan.add(key);
            return;
        }
        this.enqueue(() => {
            this.index.removeFile(key);
            this.index.removeFolder(key);
            this.changed.fire();
        });
    }

    private documentEdited(document: vscode.TextDocument): void {
        if (!this.inScope(document.uri)) {
            return;
        }
        const key = document.uri.toString();
        if (this.scan) {
            this.changedDuringScan.add(key);
            return;
        }
        clearTimeout(this.editTimers.get(key));
        this.editTimers.set(
            key,
            setTimeout(() => {
                this.editTimers.delete(key);
                this.enqueue(async () => {
                    this.index.setFile(key, scanText(key, document.getText(), this.index.prefixes));
                    await this.index.matchPatterns();
                    this.changed.fire();
                });
            }, EDIT_DEBOUNCE_MS),
        );
    }

    /** Reads files again (changed ones, or those changed during a full scan) and updates the index. */
    private rescan(uris: readonly string[]): void {
        if (uris.length === 0 || this.openRescan) {
            uris.forEach((uri) => this.openRescan?.add(uri));
            return;
        }
        const batch = new Set(uris);
        this.enqueue(async () => {
            if (this.openRescan === batch) {
                this.openRescan = undefined;
            }
            await rescanFiles(this.source, this.index, batch, this.limits.maxFileBytes);
            this.changed.fire();
        });
        this.openRescan = batch;
    }

    private enqueue(update: () => void | Promise<void>): void {
        this.openRescan = undefined;
        this.updatesOneByOne = this.updatesOneByOne.then(update).catch((error: unknown) => {
            this.deps.logger.warn(`Workspace references: an update failed: ${error instanceof Error ? error.message : String(error)}`);
        });
    }

    dispose(): void {
        this.scan?.controller.abort();
        this.editTimers.forEach((timer) => clearTimeout(timer));
        this.disposables.forEach((disposable) => void disposable.dispose());
        this.changed.dispose();
    }
}
