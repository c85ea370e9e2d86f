/** A registered workspace-references feature over the fake vscode's in-memory workspace, with scripted ports. */
import { DisposableStore } from '../../../src/platform/disposables';
import type { ImageUser, ShownImages } from '../../../src/shared/images/shownImages';
import type { ZenlayerImage } from '../../../src/zenlayer/types';
import { Emitter } from '../../../src/platform/events';
import type { DeletedImage, ReferencesUi } from '../../../src/references/ports';
import { registerReferences } from '../../../src/references/register';
import { fakeCommands, fakeConfiguration, fakeLanguages, fakeWorkspace } from '../../support/fakeVscode';
import { image } from '../../support/fixtures';

export const IDS = {
    web11: 'img-2fa3e444ec0ba583',
    web10: 'img-d9093f1ba07b19d9',
    web09: 'img-2da960d5abf3e6b7',
    k8s: 'img-5c45527416781936',
    legacy: 'img-d9affcd629a5f252',
    gone: 'img-0123456789abcdef',
};

export function demoImages(): ZenlayerImage[] {
    return [
        image('web-frontend-2026-11', { id: IDS.web11, sizeGiB: 30, regionIds: ['asia-east-1', 'asia-southeast-1'] }),
        image('web-frontend-2026-10', { id: IDS.web10, sizeGiB: 30 }),
        image('web-frontend-2026-09', { id: IDS.web09, sizeGiB: 30 }),
        image('k8s-node-1.31', { id: IDS.k8s, sizeGiB: 40 }),
        image('legacy-centos7-php', { id: IDS.legacy, status: 'UNAVAILABLE' }),
    ];
}

export class FakeShownImages implements ShownImages {
    private readonly changed = new Emitter<void>();
    readonly onDidChange = this.changed.event;
    accountName: string | undefined = 'Demo';
    complete = true;
    listing: ZenlayerImage[] = demoImages();
    users = new Map<string, ImageUser[]>();
    usageKnown = true;
    images(): readonly ZenlayerImage[] {
        return this.listing;
    }
    instancesOf(imageId: string): readonly ImageUser[] | undefined {
        return this.usageKnown ? (this.users.get(imageId) ?? []) : undefined;
    }
    set(change: Partial<Pick<FakeShownImages, 'accountName' | 'complete' | 'listing'>>): void {
        Object.assign(this, change);
        this.changed.fire();
    }
}

export class ScriptedUi implements ReferencesUi {
    messages: string[] = [];
    picks: string[][] = [];
    pickAnswer: ((labels: string[]) => string | undefined) | undefined;
    progress: string[] = [];
    showMessage(severity: 'info' | 'warning' | 'error', message: string, options: { detail?: string }): Thenable<string | undefined> {
        this.messages.push(`${severity}: ${message}${options.detail ? ` (${options.detail})` : ''}`);
        return Promise.resolve(undefined);
    }
    pickOne<T extends { label: string }>(items: readonly T[]): Thenable<T | undefined> {
        const labels = items.map((item) => item.label);
        this.picks.push(labels);
        const answer = this.pickAnswer?.(labels);
        return Promise.resolve(items.find((item) => item.label === answer));
    }
    showBackgroundProgress(title: string): void {
        this.progress.push(title);
    }
}

export function setUpFeature(files: Record<string, string>, folders = ['/w']) {
    fakeWorkspace.reset();
    fakeConfiguration.reset();
    fakeWorkspace.setFolders(folders);
    for (const [path, text] of Object.entries(files)) {
        fakeWorkspace.write(path, text, undefined);
    }
    const shown = new FakeShownImages();
    const ui = new ScriptedUi();
    const deleted = new Map<string, DeletedImage>();
    const revealed: string[] = [];
    const log: string[] = [];
    const store = new DisposableStore();
    const references = registerReferences(
        {
            shownImages: shown,
            deleteHistory: { deleted: (id) => deleted.get(id) },
            revealImage: (id) => revealed.push(id),
            logger: { debug: () => undefined, info: (line) => log.push(`info ${line}`), warn: (line) => log.push(`warn ${line}`) },
            ui,
        },
        store,
    );
    const dispose = () => {
        void store.dispose();
        fakeCommands.clear();
    };
    /** Resolves at the next change after which `done()` holds (a watcher event or an edit is handled asynchronously). */
    const changeWhere = (done: () => boolean) =>
        new Promise<void>((resolve) => {
            const subscription = references.onDidChange(() => {
                if (done()) {
                    subscription.dispose();
                    resolve();
                }
            });
        });
    return { references, shown, ui, deleted, revealed, log, dispose, changeWhere, languages: fakeLanguages };
}
