import * as assert from 'assert';
import { failedLabel, requestFailedOutcome, summarizeDeleteResult } from '../../../src/images/deleteResult';
import { ZenlayerApiError, ZenlayerNetworkError } from '../../../src/zenlayer/errors';
import { image } from '../../support/fixtures';

const a = image('alpha');
const b = image('beta');
const c = image('gamma');

describe('summarizeDeleteResult (reads the failed-ID list)', () => {
    it('reports every image as deleted when the failed list is empty', () => {
        const outcome = summarizeDeleteResult([a, b], { requested: [a.id, b.id], failedImageIds: [], requestIds: ['T1'], chunkErrors: [] });
        assert.strictEqual(outcome.kind, 'allSucceeded');
        assert.deepStrictEqual(outcome.kind === 'allSucceeded' && outcome.succeeded.map((i) => i.name), ['alpha', 'beta']);
    });

    it('reports "X of Y" with the refused images named, even though the HTTP call succeeded', () => {
        const outcome = summarizeDeleteResult([a, b, c], { requested: [a.id, b.id, c.id], failedImageIds: [b.id], requestIds: ['T1'], chunkErrors: [] });
        assert.strictEqual(outcome.kind, 'someFailed');
        if (outcome.kind === 'someFailed') {
            assert.strictEqual(outcome.succeeded.length, 2);
            assert.strictEqual(outcome.requested, 3);
            assert.deepStrictEqual(outcome.failed.map(failedLabel), ['beta']);
            assert.strictEqual(outcome.failed[0].error, undefined);
        }
    });

    it('names a failed image by ID when it is not in the cached list', () => {
        const outcome = summarizeDeleteResult([a], { requested: [a.id, 'img-unknown'], failedImageIds: ['img-unknown'], requestIds: ['T1'], chunkErrors: [] });
        assert.deepStrictEqual(outcome.kind === 'someFailed' && outcome.failed.map(failedLabel), ['img-unknown']);
    });

    it('counts an all-refused answer as a warning-style "0 of N", not as a request failure', () => {
        const outcome = summarizeDeleteResult([a, b], { requested: [a.id, b.id], failedImageIds: [a.id, b.id], requestIds: ['T1'], chunkErrors: [] });
        assert.strictEqual(outcome.kind, 'someFailed');
    });

    it('keeps the chunk error as the reason when one chunk failed and another went through', () => {
        const error = new ZenlayerApiError('DeleteImages', 500, 'INTERNAL_SERVER_ERROR', 'boom', 'T2');
        const outcome = summarizeDeleteResult([a, b], { requested: [a.id, b.id], failedImageIds: [b.id], requestIds: ['T1'], chunkErrors: [{ imageIds: [b.id], error }] });
        assert.strictEqual(outcome.kind, 'someFailed');
        assert.strictEqual(outcome.kind === 'someFailed' && outcome.failed[0].error, error);
    });

    it('is a request failure when every chunk failed before the API could judge the images', () => {
        const error = new ZenlayerNetworkError('DeleteImages', 'https://console.zenlayer.com', 'ECONNRESET', new Error('socket hang up'));
        const outcome = summarizeDeleteResult([a, b], { requested: [a.id, b.id], failedImageIds: [a.id, b.id], requestIds: [], chunkErrors: [{ imageIds: [a.id, b.id], error }] });
        assert.strictEqual(outcome.kind, 'requestFailed');
        assert.strictEqual(outcome.kind === 'requestFailed' && outcome.error, error);
    });
});

describe('requestFailedOutcome', () => {
    it('marks every requested image as failed with the error', () => {
        const error = new Error('thrown');
        const outcome = requestFailedOutcome([a, b], error);
        assert.deepStrictEqual(outcome.kind === 'requestFailed' && outcome.failed.map((f) => [f.name, f.error]), [
            ['alpha', error],
            ['beta', error],
        ]);
    });
});
