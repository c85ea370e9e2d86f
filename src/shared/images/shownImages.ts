/**
 * The images the view shows, as other features read them (the references feature's hover and diagnostics). The images
 * feature publishes them; nothing here imports a feature.
 */
import type { ZenlayerImage } from '../../zenlayer/types';
import { Emitter, type Event, type Subscription } from '../../platform/events';

/** An instance that runs an image, as the hover names it. */
export interface ImageUser {
    readonly id: string;
    readonly name: string;
    readonly status: string;
    readonly zoneId: string | undefined;
}

/** The images the view shows: the account, its listing, and who uses each image. */
export interface ShownImages {
    /** The account shown; undefined when signed out. */
    readonly accountName: string | undefined;
    /**
     * True while `images()` is the account's full, unfiltered listing (kept true during a refresh that keeps it).
     * Diagnostics exist only then: an image missing from a partial listing is not missing from the account.
     */
    readonly complete: boolean;
    images(): readonly ZenlayerImage[];
    /** The instances that run an image; undefined when instances could not be listed. */
    instancesOf(imageId: string): readonly ImageUser[] | undefined;
    /** Fires on any change: account, listing, completeness, usage. */
    readonly onDidChange: Event<void>;
}

/**
 * Stands for the images feature's ShownImages until it is published: the references feature is built first (the
 * images view reads its references), and reads through this. Nothing is shown before publish().
 */
export class ShownImagesRelay implements ShownImages {
    private source: ShownImages | undefined;
    private readonly changed = new Emitter<void>();
    readonly onDidChange = this.changed.event;

    get accountName(): string | undefined {
        return this.source?.accountName;
    }

    get complete(): boolean {
        return this.source?.complete ?? false;
    }

    images(): readonly ZenlayerImage[] {
        return this.source?.images() ?? [];
    }

    instancesOf(imageId: string): readonly ImageUser[] | undefined {
        return this.source?.instancesOf(imageId);
    }

    publish(source: ShownImages): Subscription {
        this.source = source;
        const subscription = source.onDidChange(() => this.changed.fire());
        this.changed.fire();
        return {
            dispose: () => {
                subscription.dispose();
                this.source = undefined;
                this.changed.fire();
            },
        };
    }
}
