import * as assert from 'assert';
import { canApply, MAX_PLAN_AGE_MS, planAge, recheckBeforeApply } from '../../../../src/images/cleanup/model/recheck';
import type { ZenlayerImage } from '../../../../src/zenlayer/types';
import { image } from '../../../support/fixtures';
import { instances, NOW, planOf } from './support';

describe('cleanup plan: the recheck just before Apply', () => {
    const images = ['old-1', 'old-2', 'old-3', 'old-4', 'old-5', 'old-6', 'old-7', 'kept-8'].map((name) => image(name));
    const plan = planOf({ images, rules: { keepNewest: 0 }, protectedNames: ['kept-8'] });
    const unchanged = (list: readonly ZenlayerImage[]) =>
        recheckBeforeApply(
            plan,
            list,
            () => [],
            () => undefined,
            () => 0,
        );

    it('sends exactly the plan’s delete list when nothing changed', () => {
        assert.strictEqual(plan.deleteIds.length, 7);
        const recheck = unchanged(images);
        assert.deepStrictEqual(recheck.send, plan.deleteIds);
        assert.deepStrictEqual(recheck.held, []);
    });

    it('never sends an image the plan keeps, even if it is listed and unused now', () => {
        assert.ok(!unchanged(images).send.includes('img-kept-8'));
    });

    it('holds back each image that changed since the plan, and says what changed', () => {
        const fresh = images
            .filter((candidate) => candidate.name !== 'old-1')
            .map((candidate) =>
                candidate.name === 'old-2'
                    ? { ...candidate, status: 'DELETING' }
                    : candidate.name === 'old-3'
                      ? { ...candidate, name: 'old-3-renamed' }
                      : candidate,
            );
        const recheck = recheckBeforeApply(
            plan,
            fresh,
            (id) => (id === 'img-old-4' ? instances(1) : id === 'img-old-7' ? undefined : []),
            (candidate) => (candidate.name === 'old-5' ? 'old-*' : undefined),
            (id) => (id === 'img-old-6' ? 2 : 0),
        );
        assert.deepStrictEqual(
            recheck.held.map((held) => [held.name, held.changes]),
            [
                ['old-1', [{ kind: 'gone' }]],
                ['old-2', [{ kind: 'status', from: 'AVAILABLE', to: 'DELETING' }]],
                ['old-3', [{ kind: 'renamed', from: 'old-3', to: 'old-3-renamed' }]],
                ['old-4', [{ kind: 'inUse', instances: 1 }]],
                ['old-5', [{ kind: 'protected', entry: 'old-*' }]],
                ['old-6', [{ kind: 'referenced', count: 2 }]],
                ['old-7', [{ kind: 'usageUnknown' }]],
            ],
        );
        assert.deepStrictEqual(recheck.send, []);
        const unscanned = recheckBeforeApply(
            plan,
            images,
            () => [],
            () => undefined,
            () => 'unknown',
        );
        assert.deepStrictEqual(unscanned.held[0].changes, [{ kind: 'referencesUnknown' }]);
    });
});

describe('cleanup plan: when a plan may be applied', () => {
    const plan = planOf({ images: [image('old-1')], rules: { keepNewest: 0 } });

    it('applies to its own account for 30 minutes', () => {
        assert.deepStrictEqual(canApply(plan, 'Demo', NOW + MAX_PLAN_AGE_MS), { ok: true });
        assert.strictEqual(planAge(plan, NOW + 5 * 60_000), 5 * 60_000);
    });

    it('refuses another account, an older plan, and a plan from a clock that was turned back', () => {
        assert.deepStrictEqual(canApply(plan, 'Staging', NOW), { ok: false, refusal: { kind: 'otherAccount', planAccount: 'Demo', account: 'Staging' } });
        assert.deepStrictEqual(canApply(plan, 'Demo', NOW + MAX_PLAN_AGE_MS + 1), {
            ok: false,
            refusal: { kind: 'tooOld', ageMs: MAX_PLAN_AGE_MS + 1, maxAgeMs: MAX_PLAN_AGE_MS },
        });
        assert.deepStrictEqual(canApply(plan, 'Demo', NOW - 3_600_000), { ok: false, refusal: { kind: 'clockChanged', aheadMs: 3_600_000 } });
    });
});
