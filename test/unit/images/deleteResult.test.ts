import * as assert from 'assert';
import { isRequestFailure, likelyRefusalReason, requestFailedOutcome, summarizeDeleteResult } from '../../../src/images/delete/deleteResult';
import { joinUsage } from '../../../src/images/model/usage';
import { image } from '../../support/fixtures';

const a = image('a');
const b = image('b');
const c = image('c');
const names = (images: readonly { name: string }[]) => images.map((entry) => entry.name);

describe('summarizeDeleteResult (reads the failed-ID list and the chunk outcomes)', () => {
    it('counts every image accepted when the failed list is empty', () => {
        const outcome = summarizeDeleteResult([a, b], { requested: [a.id, b.id], failedImageIds: [], requestIds: ['r1'], chunkErrors: [] });
        assert.deepStrictEqual(names(outcome.accepted), ['a', 'b']);
        assert.deepStrictEqual(outcome.refused, []);
        assert.strictEqual(isRequestFailure(outcome), false);
    });

    it('tells refused images (listed failed) from failed, not-sent and unknown-outcome chunks', () => {
        const timeout = new Error('timeout');
        const outcome = summarizeDeleteResult([a, b, c, image('d')], {
            requested: [a.id, b.id, c.id, 'img-d'],
            failedImageIds: [b.id, c.id, 'img-d'],
            requestIds: ['r1'],
            chunkErrors: [
                { imageIds: [c.id], error: timeout, outcome: 'unknownOutcome' },
                { imageIds: ['img-d'], error: timeout, outcome: 'notSent' },
            ],
        });
        assert.deepStrictEqual(names(outcome.accepted), ['a']);
        assert.deepStrictEqual(names(outcome.refused), ['b']);
        assert.deepStrictEqual(
            outcome.unknown.map((entry) => entry.image.name),
            ['c'],
        );
        assert.deepStrictEqual(
            outcome.notSent.map((entry) => entry.image.name),
            ['d'],
        );
    });

    it('is a request failure when every chunk failed before Zenlayer judged any image', () => {
        const outcome = requestFailedOutcome([a, b], new Error('offline'));
        assert.strictEqual(isRequestFailure(outcome), true);
        assert.deepStrictEqual(
            outcome.failed.map((entry) => entry.error.message),
            ['offline', 'offline'],
        );
    });
});

describe('likelyRefusalReason', () => {
    const usage = joinUsage([
        { id: 'i-1', name: 'web-2', status: 'RUNNING', zoneId: 'z', imageId: a.id },
        { id: 'i-2', name: 'web-1', status: 'RECYCLE', zoneId: 'z', imageId: a.id },
    ]);

    it('names the instances that run from the image, by name', () => {
        const reason = likelyRefusalReason(a, usage, undefined);
        assert.deepStrictEqual(reason.kind === 'inUse' && reason.instances.map((instance) => instance.name), ['web-1', 'web-2']);
    });

    it('otherwise says the image is gone, or the status Zenlayer refuses, or that nothing explains it', () => {
        assert.deepStrictEqual(likelyRefusalReason(b, usage, new Map()), { kind: 'notFound' });
        assert.deepStrictEqual(likelyRefusalReason(b, usage, new Map([[b.id, { ...b, status: 'SYNCING' }]])), { kind: 'status', status: 'SYNCING' });
        assert.deepStrictEqual(likelyRefusalReason(b, usage, new Map([[b.id, b]])), { kind: 'unknown' });
        assert.deepStrictEqual(likelyRefusalReason(b, usage, undefined), { kind: 'unknown' }, 'the lookup failed: no guess');
    });
});
