import * as assert from 'assert';
import { parseFamilyOverrides } from '../../../../src/shared/images/family';
import type { LeveledFamilyOverride, SettingLevel } from '../../../../src/images/cleanup/model/rules';
import { image } from '../../../support/fixtures';
import { DAY, instances, NOW, observed, planOf, verdicts } from './support';

function overrides(level: SettingLevel, ...entries: { pattern: string; family: string }[]): LeveledFamilyOverride[] {
    return parseFamilyOverrides(entries).overrides.map((override) => ({ ...override, level }));
}

describe('cleanup plan: the verdict per image', () => {
    it('deletes an unused, unprotected, unreferenced image that is not among the newest of its family and is old enough', () => {
        const plan = planOf({ images: [image('web-2026-09'), image('web-2026-10'), image('web-2026-11')] });
        assert.deepStrictEqual(verdicts(plan), { 'web-2026-09': 'delete', 'web-2026-10': 'newestOfFamily', 'web-2026-11': 'newestOfFamily' });
        assert.deepStrictEqual(plan.deleteIds, ['img-web-2026-09']);
        assert.deepStrictEqual(plan.images.find((planned) => planned.name === 'web-2026-10')?.reasons, [
            { kind: 'newestOfFamily', family: 'web', rank: 2, keep: 2, orderedBy: 'name' },
        ]);
    });

    it('keeps the newest N, N from the settings; 0 keeps none for being newest', () => {
        const images = ['a-1', 'a-2', 'a-3', 'a-4'].map((name) => image(name));
        assert.deepStrictEqual(planOf({ images, rules: { keepNewest: 3 } }).deleteIds, ['img-a-1']);
        assert.deepStrictEqual(planOf({ images, rules: { keepNewest: 0 } }).deleteIds.length, 4);
    });

    it('gives the N places to AVAILABLE images only: a build processing or failed pushes no working image out', () => {
        const plan = planOf({
            images: [
                image('k8s-node-1.30'),
                image('k8s-node-1.31'),
                image('k8s-node-1.32-rc', { status: 'PROCESSING' }),
                image('k8s-node-1.33', { status: 'FAILED' }),
            ],
        });
        assert.deepStrictEqual(verdicts(plan), {
            'k8s-node-1.30': 'newestOfFamily',
            'k8s-node-1.31': 'newestOfFamily',
            'k8s-node-1.32-rc': 'notDeletable',
            // A failed build takes no place and is not kept for being new: nothing else keeps it.
            'k8s-node-1.33': 'delete',
        });
    });

    it('keeps images that cannot be told apart together rather than choosing one', () => {
        const fam = overrides('global', { pattern: 'db-*-golden', family: 'db-golden' });
        const plan = planOf({ images: [image('db-primary-golden'), image('db-replica-golden')], rules: { keepNewest: 1, familyOverrides: fam } });
        assert.deepStrictEqual(verdicts(plan), { 'db-primary-golden': 'newestOfFamily', 'db-replica-golden': 'newestOfFamily' });
    });

    it('orders by imageVersion when it orders the family, and keeps the newest by name as well when the two disagree', () => {
        const agreeing = planOf({
            images: [image('web-a', { version: '2026.11' }), image('web-b', { version: '2026.09' }), image('web-c', { version: '2026.10' })],
            rules: { keepNewest: 2, familyOverrides: overrides('global', { pattern: 'web-*', family: 'web' }) },
        });
        assert.deepStrictEqual(verdicts(agreeing), { 'web-a': 'newestOfFamily', 'web-b': 'delete', 'web-c': 'newestOfFamily' });
        assert.strictEqual(
            agreeing.images[0].reasons[0].kind === 'newestOfFamily' && agreeing.images[0].reasons[0].orderedBy,
            'imageVersion',
            'the names could not tell',
        );
        // The demo seed's k8s images carry versions that contradict their names: the newest by either reading stays.
        const disagreeing = planOf({
            images: [image('k8s-1.29', { version: '1.6.0' }), image('k8s-1.30', { version: '1.5.0' }), image('k8s-1.31', { version: '1.4.0' })],
            rules: { keepNewest: 1 },
        });
        assert.deepStrictEqual(verdicts(disagreeing), { 'k8s-1.29': 'newestOfFamily', 'k8s-1.30': 'delete', 'k8s-1.31': 'newestOfFamily' });
        // Not every member has a version, or two share one: names alone decide.
        const partly = planOf({ images: [image('k8s-1.29', { version: '9.9' }), image('k8s-1.30')], rules: { keepNewest: 1 } });
        assert.deepStrictEqual(verdicts(partly), { 'k8s-1.29': 'delete', 'k8s-1.30': 'newestOfFamily' });
        const shared = planOf({ images: [image('k8s-1.29', { version: '24.04' }), image('k8s-1.30', { version: '24.04' })], rules: { keepNewest: 1 } });
        assert.deepStrictEqual(verdicts(shared), { 'k8s-1.29': 'delete', 'k8s-1.30': 'newestOfFamily' });
    });

    it('keeps protected, in-use and referenced images, and any whose usage or references are not known', () => {
        const images = ['protected-1', 'used-1', 'referenced-1', 'unscanned-1', 'plain-1'].map((name) => image(name));
        const plan = planOf({
            images,
            rules: { keepNewest: 0 },
            protectedNames: ['protected-1'],
            instances: { 'img-used-1': instances(2) },
            references: { 'img-referenced-1': 3, 'img-unscanned-1': 'unknown' },
        });
        assert.deepStrictEqual(verdicts(plan), {
            'plain-1': 'delete',
            'protected-1': 'protected',
            'referenced-1': 'referenced',
            'unscanned-1': 'referencesUnknown',
            'used-1': 'inUse',
        });
        const reasons = Object.fromEntries(plan.images.map((planned) => [planned.name, planned.reasons[0]]));
        assert.deepStrictEqual(reasons['used-1'], { kind: 'inUse', instances: 2 });
        assert.deepStrictEqual(reasons['protected-1'], { kind: 'protected', entry: 'protected-1 (entry)' });
        assert.deepStrictEqual(reasons['referenced-1'], { kind: 'referenced', count: 3 });
        assert.deepStrictEqual(verdicts(planOf({ images, rules: { keepNewest: 0 }, usageUnknown: true }))['plain-1'], 'usageUnknown');
    });

    it('keeps what Zenlayer would refuse: public images, transitional statuses, images being deleted', () => {
        const plan = planOf({
            images: [
                image('ubuntu', { type: 'PUBLIC_IMAGE' }),
                image('creating', { status: 'CREATING', sizeGiB: undefined }),
                image('syncing', { status: 'SYNCING' }),
                image('going', { status: 'DELETING' }),
                image('broken', { status: 'UNAVAILABLE' }),
            ],
            rules: { keepNewest: 0 },
        });
        assert.deepStrictEqual(
            plan.images.map((planned) => [
                planned.name,
                planned.reasons.map((reason) => (reason.kind === 'notDeletable' ? `${reason.why}:${reason.status}` : reason.kind)),
            ]),
            [
                ['broken', []],
                ['creating', ['transitional:CREATING']],
                ['going', ['deleting:DELETING']],
                ['syncing', ['transitional:SYNCING']],
                ['ubuntu', ['public:AVAILABLE']],
            ],
        );
    });

    it('keeps images first seen less than the minimum age ago; images of the first listing count as older than any age', () => {
        const images = [image('old-build'), image('fresh-build'), image('week-old-build')];
        const observations = observed([
            { at: NOW - 2 * DAY, ids: ['img-old-build'] },
            { at: NOW - 7 * DAY + 1, ids: ['img-old-build', 'img-week-old-build'] },
            { at: NOW - 3 * DAY, ids: ['img-old-build', 'img-week-old-build', 'img-fresh-build'] },
        ]);
        const plan = planOf({ images, observations, rules: { keepNewest: 0, minAgeDays: 7 } });
        assert.deepStrictEqual(verdicts(plan), { 'fresh-build': 'tooNew', 'old-build': 'delete', 'week-old-build': 'tooNew' });
        assert.deepStrictEqual(plan.images.find((planned) => planned.name === 'fresh-build')?.reasons, [
            { kind: 'tooNew', firstSeenAt: NOW - 3 * DAY, ageDays: 3, minAgeDays: 7 },
        ]);
        assert.deepStrictEqual(plan.images.find((planned) => planned.name === 'old-build')?.firstSeen, {
            kind: 'beforeFirstListing',
            firstListingAt: NOW - 2 * DAY,
        });
        assert.deepStrictEqual(verdicts(planOf({ images, observations, rules: { keepNewest: 0, minAgeDays: 0 } }))['fresh-build'], 'delete');
    });

    it('a minimum age of 0 keeps nothing for its age, even an image first seen after the clock reads now', () => {
        // The clock stepped back (NTP), or another window wrote a time a little ahead: no age rule means no age keeps.
        const observations = observed([
            { at: NOW - DAY, ids: [] },
            { at: NOW + 400, ids: ['img-just-seen'] },
        ]);
        const plan = planOf({ images: [image('just-seen')], observations, rules: { keepNewest: 0, minAgeDays: 0 } });
        assert.deepStrictEqual(verdicts(plan), { 'just-seen': 'delete' });
    });

    it('keeps an image the record does not know (its age is unknown)', () => {
        const plan = planOf({ images: [image('unseen')], observations: observed([{ at: NOW - 30 * DAY, ids: [] }]), rules: { keepNewest: 0 } });
        assert.deepStrictEqual(verdicts(plan), { unseen: 'firstSeenUnknown' });
    });

    it('with "unused for at least U days", keeps an image last seen in use, or watched, for less than U days', () => {
        const images = ['long-unused', 'recently-used', 'never-used-new', 'never-used-old'].map((name) => image(name));
        const observations = observed([
            { at: NOW - 40 * DAY, ids: ['img-long-unused', 'img-recently-used', 'img-never-used-old'], used: ['img-long-unused', 'img-recently-used'] },
            { at: NOW - 20 * DAY, ids: ['img-long-unused', 'img-recently-used', 'img-never-used-old'], used: ['img-recently-used'] },
            { at: NOW - 10 * DAY, ids: ['img-long-unused', 'img-recently-used', 'img-never-used-old', 'img-never-used-new'], used: ['img-recently-used'] },
            { at: NOW - 4 * DAY, ids: ['img-long-unused', 'img-recently-used', 'img-never-used-old', 'img-never-used-new'], used: ['img-recently-used'] },
        ]);
        const plan = planOf({ images, observations, rules: { keepNewest: 0, minAgeDays: 7, unusedForDays: 14 } });
        assert.deepStrictEqual(verdicts(plan), {
            'long-unused': 'delete',
            'never-used-new': 'recentlyUsed',
            'never-used-old': 'delete',
            'recently-used': 'recentlyUsed',
        });
        assert.deepStrictEqual(plan.images.find((planned) => planned.name === 'recently-used')?.reasons, [
            { kind: 'recentlyUsed', unusedSince: NOW - 4 * DAY, unusedDays: 4, requiredDays: 14, lastUsedAt: NOW - 4 * DAY },
        ]);
        // Unused now is enough by default.
        assert.strictEqual(verdicts(planOf({ images, observations, rules: { keepNewest: 0 } }))['recently-used'], 'delete');
    });

    it('lists every reason that applies, the strongest first', () => {
        const plan = planOf({
            images: [image('prod-1')],
            protectedNames: ['prod-1'],
            instances: { 'img-prod-1': instances(1) },
            references: { 'img-prod-1': 1 },
        });
        assert.deepStrictEqual(verdicts(plan), { 'prod-1': 'protected+inUse+referenced+newestOfFamily' });
    });

    it('never lets a workspace family override loosen the user’s grouping', () => {
        const images = [image('edge-cache-1'), image('edge-cache-2'), image('edge-proxy-1'), image('edge-proxy-2')];
        const merged = overrides('workspace', { pattern: 'edge-*', family: 'edge' });
        // Merged into one family, only two of four would be newest; without the workspace, each family keeps its two.
        const plan = planOf({ images, rules: { keepNewest: 2, familyOverrides: merged } });
        assert.deepStrictEqual(plan.deleteIds, []);
        // The same override in the user's own settings applies as written.
        const user = planOf({ images, rules: { keepNewest: 2, familyOverrides: overrides('global', { pattern: 'edge-*', family: 'edge' }) } });
        assert.deepStrictEqual(user.deleteIds, ['img-edge-cache-1', 'img-edge-proxy-1']);
        // A workspace may split a family, which keeps more.
        const split = planOf({
            images: [image('app-1'), image('app-2'), image('app-3')],
            rules: { keepNewest: 2, familyOverrides: overrides('workspace', { pattern: 'app-1', family: 'legacy' }) },
        });
        assert.deepStrictEqual(split.deleteIds, []);
    });
});

describe('cleanup plan: the whole plan', () => {
    it('lists every image by name, deletes exactly the images whose verdict is delete, and adds up the space per region', () => {
        const plan = planOf({
            images: [
                image('b-1', { sizeGiB: 30, regionIds: ['asia-east-1', 'asia-southeast-1'] }),
                image('a-1', { sizeGiB: 20, regionIds: ['asia-east-1'] }),
                image('c-1', { status: 'FAILED', sizeGiB: undefined, regionIds: [] }),
                image('d-1', { sizeGiB: 50 }),
            ],
            rules: { keepNewest: 0 },
            instances: { 'img-d-1': instances(1) },
        });
        assert.deepStrictEqual(
            plan.images.map((planned) => planned.name),
            ['a-1', 'b-1', 'c-1', 'd-1'],
        );
        assert.deepStrictEqual(plan.deleteIds, ['img-a-1', 'img-b-1', 'img-c-1']);
        assert.deepStrictEqual(plan.freed, { totalGiB: 50, byRegion: { 'asia-east-1': 50, 'asia-southeast-1': 30 }, unknownSizes: 1 });
        assert.deepStrictEqual([plan.account, plan.createdAt, plan.rules], ['Demo', NOW, { keepNewest: 0, minAgeDays: 7, unusedForDays: 0, families: [] }]);
    });

    it('has a fingerprint that stays with the same decisions and changes with them', () => {
        const images = [image('a-1'), image('a-2'), image('a-3')];
        const first = planOf({ images });
        assert.match(first.fingerprint, /^[0-9a-f]{16}$/);
        assert.strictEqual(planOf({ images: [...images].reverse(), now: NOW + 60_000 }).fingerprint, first.fingerprint);
        assert.notStrictEqual(planOf({ images, instances: { 'img-a-1': instances(1) } }).fingerprint, first.fingerprint);
        assert.notStrictEqual(planOf({ images, rules: { keepNewest: 1 } }).fingerprint, first.fingerprint);
    });

    it('proposes removing a kept image’s copy in a region where nothing runs it, while another region does', () => {
        const regionOf = (instance: { zoneId: string | undefined }) => instance.zoneId?.slice(0, -1);
        const images = [
            image('web-2026-11', { regionIds: ['asia-east-1', 'asia-southeast-1', 'na-west-1'], sizeGiB: 30 }),
            image('idle-2026-11', { regionIds: ['asia-east-1', 'asia-southeast-1'] }),
            image('prod-2026-11', { regionIds: ['asia-east-1', 'asia-southeast-1'] }),
        ];
        const plan = planOf({
            images,
            regionOf,
            protectedNames: ['prod-2026-11'],
            instances: { 'img-web-2026-11': instances(2, 'asia-east-1a'), 'img-prod-2026-11': instances(1, 'asia-east-1b') },
        });
        assert.deepStrictEqual(
            plan.regionalCopies.map((copy) => [copy.imageName, copy.regionId, copy.sizeGiB, copy.usedInRegions]),
            [
                ['web-2026-11', 'asia-southeast-1', 30, ['asia-east-1']],
                ['web-2026-11', 'na-west-1', 30, ['asia-east-1']],
            ],
            'not for an image used nowhere (which copy would stay?), nor for a protected one',
        );
        assert.deepStrictEqual(plan.deleteIds, [], 'copies are a separate list: no image is deleted for them');
        const unknownRegion = planOf({ images, regionOf: () => undefined, instances: { 'img-web-2026-11': instances(1) } });
        assert.deepStrictEqual(unknownRegion.regionalCopies, []);
        const strictUnused = planOf({ images, regionOf, rules: { unusedForDays: 14 }, instances: { 'img-web-2026-11': instances(1) } });
        assert.deepStrictEqual(strictUnused.regionalCopies, [], 'per-region use over time is not observed');
    });
});
