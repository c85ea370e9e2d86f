import { Emitter } from '../../platform/events';
import type { ListingOutcome, RefreshOutcome } from './loadState';

/**
 * When the account is listed (quiet at rest): only once someone looks. A listing that falls due (the first account, a
 * switch, a rebuilt client) waits while the view is hidden, and runs when it is shown or a command needs the images.
 * Nothing is due until the first account is known, so a view visible at start-up does not list before that.
 */
export class ListingSchedule {
    private visible = false;
    private due = false;
    private readonly visibility = new Emitter<boolean>();
    /** Fires when the view is shown or hidden: what follows images polls only while it shows. */
    readonly onDidChangeVisibility = this.visibility.event;

    constructor(private readonly refresh: () => Promise<RefreshOutcome>) {}

    get isVisible(): boolean {
        return this.visible;
    }

    /** A refresh started: nothing is due any more. */
    listing(): void {
        this.due = false;
    }

    /** A listing is due: now when the view is visible; otherwise when it is next shown or ensureListed() is called. */
    fallDue(): Promise<ListingOutcome> {
        this.due = true;
        return this.visible ? this.refresh() : Promise.resolve('deferred');
    }

    /** For a command that needs the images: lists now if a listing is due. */
    async ensureListed(): Promise<void> {
        if (this.due) {
            await this.refresh();
        }
    }

    /** Showing the view runs the listing that fell due while it was hidden (first shown, or after a switch). */
    setVisible(visible: boolean, beforeEvent: () => void): void {
        this.visible = visible;
        if (visible && this.due) {
            void this.refresh();
        }
        beforeEvent();
        this.visibility.fire(visible);
    }

    dispose(): void {
        this.visibility.dispose();
    }
}
