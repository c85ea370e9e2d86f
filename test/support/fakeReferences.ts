// A scripted WorkspaceReferences for the images feature's unit tests: the test sets the scan's status and each image's
// locations; whenReady() waits until the test says the scan ended (finish / fail) or resolves at once when it has.
import { Emitter } from '../../src/platform/events';
import type { ReferenceLocation, ReferenceScanStatus, WorkspaceReferences } from '../../src/shared/references/workspaceReferences';

export class FakeWorkspaceReferences implements WorkspaceReferences {
    private readonly changed = new Emitter<void>();
    readonly onDidChange = this.changed.event;
    status: ReferenceScanStatus;
    starts = 0;
    private readonly locations = new Map<string, ReferenceLocation[]>();
    private waiting: ((status: ReferenceScanStatus) => void)[] = [];

    constructor(status: ReferenceScanStatus = { kind: 'ready', filesScanned: 4, truncated: undefined }) {
        this.status = status;
    }

    /** `where`: `infra/main.tf:14` style places (line one-based), each a reference to `imageId`. */
    reference(imageId: string, ...where: string[]): this {
        const found = where.map((place): ReferenceLocation => {
            const [file, line] = place.split(':');
            return { uri: `file:///work/${file}`, line: Number(line) - 1, startColumn: 2, endColumn: 22, via: { kind: 'id' } };
        });
        this.locations.set(imageId, [...(this.locations.get(imageId) ?? []), ...found]);
        this.changed.fire();
        return this;
    }

    /** A file scanned again with the same findings (a save that moved no reference): a change event, nothing changed. */
    rescannedUnchanged(): void {
        this.changed.fire();
    }

    /** The scan ends: the status changes and whoever waits is answered. */
    finish(status: ReferenceScanStatus = { kind: 'ready', filesScanned: 4, truncated: undefined }): void {
        this.status = status;
        this.changed.fire();
        const waiting = this.waiting;
        this.waiting = [];
        waiting.forEach((resolve) => resolve(status));
    }

    start(): void {
        this.starts++;
        if (this.status.kind === 'notStarted') {
            this.status = { kind: 'scanning' };
            this.changed.fire();
        }
    }

    whenReady(): Promise<ReferenceScanStatus> {
        this.start();
        if (this.status.kind === 'ready' || this.status.kind === 'failed') {
            return Promise.resolve(this.status);
        }
        return new Promise((resolve) => this.waiting.push(resolve));
    }

    referencesTo(imageId: string): readonly ReferenceLocation[] {
        return this.status.kind === 'ready' ? (this.locations.get(imageId) ?? []) : [];
    }

    referencedImages(): ReadonlyMap<string, number> {
        const counts = new Map<string, number>();
        if (this.status.kind === 'ready') {
            for (const [id, locations] of this.locations) {
                counts.set(id, new Set(locations.map((location) => location.uri)).size);
            }
        }
        return counts;
    }

    describeLocation(location: ReferenceLocation): string {
        return `${location.uri.replace('file:///work/', '')}:${location.line + 1}`;
    }

    linkTarget(location: ReferenceLocation): string {
        return `${location.uri}#L${location.line + 1},${location.startColumn + 1}`;
    }
}
