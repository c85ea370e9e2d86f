import { Emitter } from '../../platform/events';
import type { SettingsService } from '../settings/settingsService';
import type { AccountStore } from './accountStore';
import type { Session } from './session';

/**
 * What the features follow of the active account: `switched` (another account, signed in or out, its credentials
 * edited, or another endpoint: nothing of the previous one may stay), `renamed` (the same account under a new name), or
 * `clientChanged` (the same account through a rebuilt client: timeout or proxy settings). The session is invalidated
 * before the event fires, so a listener's next call uses the new client.
 */
export type AccountEvent = { readonly kind: 'switched' | 'renamed'; readonly name: string | undefined } | { readonly kind: 'clientChanged' };

export class ActiveAccount {
    private readonly changed = new Emitter<AccountEvent>();
    readonly onDidChange = this.changed.event;
    private readonly subscriptions: { dispose(): void }[];

    constructor(
        private readonly store: AccountStore,
        private readonly session: Session,
        settings: SettingsService,
    ) {
        this.subscriptions = [
            // A switch, sign-in or sign-out here or in another window: a new client, and nothing of the previous account stays.
            store.onDidChange((change) => void this.follow(change.switched)),
            settings.onDidChange((change) => {
                if (change.endpointChanged) {
                    void this.follow(true); // another service: images and deletes known from the previous endpoint mean nothing there
                } else if (change.clientChanged) {
                    session.invalidate();
                    this.changed.fire({ kind: 'clientChanged' });
                }
            }),
        ];
    }

    /** The account shown at start-up: announced as a switch, like any later one. */
    start(): Promise<void> {
        return this.follow(true);
    }

    dispose(): void {
        this.subscriptions.forEach((subscription) => subscription.dispose());
        this.changed.dispose();
    }

    private async follow(switched: boolean): Promise<void> {
        const name = await this.store.active().then(
            (account) => account?.name,
            () => undefined, // SecretStorage unavailable: the load that follows says so.
        );
        if (switched) {
            this.session.invalidate();
        }
        this.changed.fire({ kind: switched ? 'switched' : 'renamed', name });
    }
}
