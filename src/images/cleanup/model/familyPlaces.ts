import {
    compareBySuffix,
    compareVersionKeys,
    type FamilyOverride,
    type ImageFamily,
    imageFamily,
    type VersionKey,
    versionKey,
} from '../../../shared/images/family';
import type { ZenlayerImage } from '../../../zenlayer/types';
import { type CleanupRules, userFamilyOverrides } from './rules';

/**
 * Each image's family and, for AVAILABLE images, its place among the family's AVAILABLE images, newest first. Only
 * images that can be launched take a place: a build still processing, or a failed one, never pushes a working image
 * out of the newest N.
 */
export interface FamilyPlace {
    readonly family: ImageFamily;
    /** 1 for the newest; images that cannot be told apart share a place. Undefined for images that are not AVAILABLE. */
    readonly rank: number | undefined;
    /** What decided the place: imageVersion only where it placed the image better than its name did. */
    readonly orderedBy: 'imageVersion' | 'name';
}

interface Member {
    readonly image: ZenlayerImage;
    readonly family: ImageFamily;
    /** imageVersion read for comparison; undefined when the image has none. */
    readonly version: VersionKey | undefined;
}

/** Competition ranking, newest first: members equal under `compare` share a place, the next one skips (1, 1, 3). */
function ranks(members: readonly Member[], compare: (a: Member, b: Member) => number): Map<string, number> {
    const newestFirst = [...members].sort((a, b) => compare(b, a));
    const result = new Map<string, number>();
    newestFirst.forEach((member, index) => {
        const previous = newestFirst[index - 1];
        result.set(member.image.id, previous !== undefined && compare(previous, member) === 0 ? result.get(previous.image.id)! : index + 1);
    });
    return result;
}

/** True when no two members share a place. */
function orders(ranking: ReadonlyMap<string, number>): boolean {
    return new Set(ranking.values()).size === ranking.size;
}

/**
 * Places under one grouping. imageVersion decides when it orders the family (every AVAILABLE member has one, no two
 * equal); otherwise the names' suffixes do, and members they cannot tell apart share a place. When both order the
 * family and disagree (imageVersion is set by Zenlayer, not by whoever named the images), an image's place is the
 * better of the two: the newest by either reading are kept.
 */
function placesUnder(images: readonly ZenlayerImage[], overrides: readonly FamilyOverride[]): Map<string, FamilyPlace> {
    const families = new Map<string, Member[]>();
    const places = new Map<string, FamilyPlace>();
    for (const image of images) {
        const family = imageFamily(image.name, overrides);
        if (image.status !== 'AVAILABLE') {
            places.set(image.id, { family, rank: undefined, orderedBy: 'name' });
            continue;
        }
        const member = { image, family, version: image.version?.trim() ? versionKey(image.version) : undefined };
        const members = families.get(family.key);
        if (members) {
            members.push(member);
        } else {
            families.set(family.key, [member]);
        }
    }
    for (const members of families.values()) {
        const byName = ranks(members, (a, b) => compareBySuffix(a.family, b.family));
        const versioned = members.every((member) => member.version !== undefined);
        const byVersion = versioned ? ranks(members, (a, b) => compareVersionKeys(a.version!, b.version!)) : undefined;
        const versionDecides = byVersion !== undefined && orders(byVersion);
        const nameCounts = !versionDecides || orders(byName);
        for (const { image, family } of members) {
            const nameRank = byName.get(image.id)!;
            const versionRank = versionDecides ? byVersion.get(image.id)! : undefined;
            places.set(
                image.id,
                versionRank !== undefined && (!nameCounts || versionRank < nameRank)
                    ? { family, rank: versionRank, orderedBy: 'imageVersion' }
                    : { family, rank: nameRank, orderedBy: 'name' },
            );
        }
    }
    return places;
}

/**
 * Every image's place. Family overrides from a workspace may regroup images, but never loosen the user's rules: when a
 * workspace has overrides, an image keeps the better of its places with and without them.
 */
export function familyPlaces(images: readonly ZenlayerImage[], rules: CleanupRules): Map<string, FamilyPlace> {
    const all = placesUnder(images, rules.familyOverrides);
    const userOnly = userFamilyOverrides(rules);
    if (userOnly.length === rules.familyOverrides.length) {
        return all;
    }
    const users = placesUnder(images, userOnly);
    for (const [id, place] of all) {
        const user = users.get(id)!;
        if (user.rank !== undefined && (place.rank === undefined || user.rank < place.rank)) {
            all.set(id, user);
        }
    }
    return all;
}
