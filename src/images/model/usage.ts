/** An instance as the images view needs it: which image it runs from, and what a person recognises it by. */
export interface UsingInstance {
    readonly id: string;
    readonly name: string;
    readonly status: string;
    readonly zoneId: string | undefined;
    readonly imageId: string | undefined;
}

/**
 * Which instances use each image, from one DescribeInstances listing; `unknown` when instances could not be listed
 * (no permission, network): then no image is ever called unused.
 */
export type Usage =
    { readonly kind: 'known'; readonly byImage: ReadonlyMap<string, readonly UsingInstance[]> } | { readonly kind: 'unknown'; readonly error: unknown };

const nameCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** "In use" means exactly: an instance's imageId is this image (instances in RECYCLE included). */
export function joinUsage(instances: readonly UsingInstance[]): Usage {
    const byImage = new Map<string, UsingInstance[]>();
    for (const instance of instances) {
        if (instance.imageId === undefined) {
            continue;
        }
        let users = byImage.get(instance.imageId);
        if (!users) {
            users = [];
            byImage.set(instance.imageId, users);
        }
        users.push(instance);
    }
    for (const users of byImage.values()) {
        users.sort((a, b) => nameCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
    }
    return { kind: 'known', byImage };
}

/** The instances that use an image; undefined when usage is unknown (never "none" without knowing). */
export function instancesUsing(usage: Usage, imageId: string): readonly UsingInstance[] | undefined {
    return usage.kind === 'known' ? (usage.byImage.get(imageId) ?? []) : undefined;
}
