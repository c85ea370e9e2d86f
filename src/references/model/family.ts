/**
 * Image families, for the quick fix that replaces an unusable image ID: the family is the name without its trailing
 * version or date (`web-frontend-2026-11` → `web-frontend`, `k8s-node-1.31` → `k8s-node`, `backup-agent-v3` →
 * `backup-agent`). A stand-in until the cleanup plan's family rule exists; the callers only need `imageFamily`.
 */
import type { ZenlayerImage } from '../../zenlayer/types';

const VERSION_SEGMENT = /^v?\d+(\.\d+)*$/i;
const PRE_RELEASE_SEGMENT = /^(rc|alpha|beta|pre|preview|dev)\d*$/i;

export function imageFamily(name: string): string {
    const segments = name.split(/([-_])/);
    // segments alternate: word, separator, word, …
    let words = (segments.length + 1) / 2;
    const word = (index: number) => segments[index * 2];
    while (words > 1) {
        const last = word(words - 1);
        const preRelease = PRE_RELEASE_SEGMENT.test(last) && words > 2 && VERSION_SEGMENT.test(word(words - 2));
        if (!VERSION_SEGMENT.test(last) && !preRelease) {
            break;
        }
        words--;
    }
    return segments.slice(0, words * 2 - 1).join('');
}

const nameOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The AVAILABLE image of a family with the highest version in its name (Zenlayer gives images no creation time, so
 * "newest" is read from the name), other than `exceptId`.
 */
export function newestAvailableInFamily(images: readonly ZenlayerImage[], family: string, exceptId?: string): ZenlayerImage | undefined {
    let newest: ZenlayerImage | undefined;
    for (const image of images) {
        if (image.status !== 'AVAILABLE' || image.id === exceptId || imageFamily(image.name) !== family) {
            continue;
        }
        if (!newest || nameOrder.compare(image.name, newest.name) > 0 || (nameOrder.compare(image.name, newest.name) === 0 && image.id > newest.id)) {
            newest = image;
        }
    }
    return newest;
}
