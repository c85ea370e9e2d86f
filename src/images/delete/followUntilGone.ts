import * as vscode from 'vscode';
import { nameList } from '../../platform/listText';
import type { Logger } from '../../platform/logger';
import type { UserInterface } from '../../platform/userInterface';
import type { ZenlayerImage } from '../../zenlayer';
import type { SettledDeletes } from '../model/deleteTracker';
import { POLL_GIVE_UP_MINUTES } from '../model/polling';
import { deletingTitle, totalGiB } from './labels';

/** Accepted images of one delete, followed until Zenlayer no longer lists them, to say "Deleted" only then. */
interface PendingDelete {
    readonly waiting: Set<string>;
    readonly gone: ZenlayerImage[];
    readonly reverted: ZenlayerImage[];
    /** Delete Unused Images says how much space went. */
    readonly reportFreed: boolean;
    /** Ends the status-bar progress of this delete. */
    readonly end: () => void;
}

/**
 * Accepted is not deleted yet: the rows say DELETING and the status bar "Deleting…" until Zenlayer no longer lists the
 * images, then one notification says "Deleted". A notification for the interim state would still sit beside that one,
 * as VS Code cannot close a message; the status-bar progress ends when the images are gone.
 */
export class DeleteFollower {
    private pending: PendingDelete[] = [];

    constructor(private readonly ui: UserInterface) {}

    follow(accepted: readonly ZenlayerImage[], reportFreed: boolean): void {
        let end = (): void => undefined;
        const ended = new Promise<void>((resolve) => (end = resolve));
        this.pending.push({ waiting: new Set(accepted.map((image) => image.id)), gone: [], reverted: [], reportFreed, end });
        this.ui.showBackgroundProgress(deletingTitle(accepted), ended);
    }

    /** Accepted deletes that ended: "Deleted 2 images" once all of one delete are gone. */
    settled(settled: SettledDeletes): void {
        for (const pending of this.pending) {
            settled.abandoned.forEach((id) => pending.waiting.delete(id)); // polling gave up and said so, or the account changed
            settled.gone.filter((image) => pending.waiting.delete(image.id)).forEach((image) => pending.gone.push(image));
            settled.reverted.filter((image) => pending.waiting.delete(image.id)).forEach((image) => pending.reverted.push(image));
        }
        const done = this.pending.filter((pending) => pending.waiting.size === 0);
        this.pending = this.pending.filter((pending) => pending.waiting.size > 0);
        for (const pending of done) {
            pending.end();
            this.reportDone(pending);
        }
    }

    dispose(): void {
        this.pending.forEach((pending) => pending.end());
    }

    private reportDone({ gone, reverted, reportFreed }: PendingDelete): void {
        if (gone.length > 0) {
            const deleted = gone.length === 1 ? vscode.l10n.t('Deleted image {0}', gone[0].name) : vscode.l10n.t('Deleted {0} images', gone.length);
            const freed = totalGiB(gone);
            void this.ui.showMessage('info', reportFreed && freed > 0 ? vscode.l10n.t('{0}, freeing {1} GiB', deleted, freed) : deleted, {});
        }
        if (reverted.length > 0) {
            const back = nameList(reverted.map((image) => `${image.name} (${image.status})`));
            void this.ui.showMessage('warning', vscode.l10n.t('Zenlayer accepted the delete, but these images are back: {0}.', back), {});
        }
    }
}

/** Polling stopped while deleted images were still listed: say so once, and how to look again. */
export function reportPollingGaveUp(ui: UserInterface, logger: Logger, remaining: readonly string[]): void {
    logger.warn(`Stopped waiting for ${remaining.length} deleted image(s) after ${POLL_GIVE_UP_MINUTES} minutes: ${remaining.join(', ')}`);
    const text = vscode.l10n.t(
        '{0} image(s) are still listed {1} minutes after being deleted. Stopped checking; use Refresh to look again.',
        remaining.length,
        POLL_GIVE_UP_MINUTES,
    );
    void ui.showMessage('warning', text, {});
}
