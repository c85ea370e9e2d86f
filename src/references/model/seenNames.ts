import type { ImageKey } from './types';

/**
 * The names of the images this window has seen listed for the shown account, kept after an image leaves the listing:
 * the quick fix of an image deleted meanwhile (from here, another window or the console) still knows its family when
 * no delete history does. Forgotten when another account is shown.
 */
export class SeenImageNames {
    private account: string | undefined;
    private readonly names = new Map<string, string>();

    /** A listing of `account` (undefined: signed out, which forgets too). */
    observe(account: string | undefined, images: readonly ImageKey[]): void {
        if (account !== this.account) {
            this.account = account;
            this.names.clear();
        }
        for (const image of images) {
            this.names.set(image.id, image.name);
        }
    }

    nameOf(imageId: string): string | undefined {
        return this.names.get(imageId);
    }
}
