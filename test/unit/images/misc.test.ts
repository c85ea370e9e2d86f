import * as assert from 'assert';
import { formatApiCall } from '../../../src/platform/apiLog';
import { imageDetailFields, imageDetailsJson } from '../../../src/images/model/details';
import { describeFilter, isFilterActive, parseStoredFilter } from '../../../src/images/model/filter';
import { image } from '../../support/fixtures';

describe('filter', () => {
    it('keeps only valid stored fields and describes the active filter for the view', () => {
        const filter = parseStoredFilter({ name: ' web ', status: 'AVAILABLE', osType: 'plan9', extra: 1 });
        assert.deepStrictEqual(filter, { name: 'web', status: 'AVAILABLE' });
        assert.strictEqual(
            describeFilter(filter, { name: 'name', status: 'status', osType: 'OS', unusedOnly: 'unused only' }),
            'name: web · status: AVAILABLE',
        );
        assert.strictEqual(isFilterActive(parseStoredFilter(undefined)), false);
        assert.strictEqual(isFilterActive(filter), true);
    });
});

describe('image details', () => {
    it('lists every field the issue asks for, with a dash for empty ones', () => {
        const fields = imageDetailFields(image('web', { tags: [{ key: 'env', value: 'prod' }], regionIds: ['hk', 'sg'], version: undefined }));
        assert.deepStrictEqual(
            fields.map((f) => f.field),
            [
                'id',
                'name',
                'status',
                'type',
                'source',
                'size',
                'minDiskSize',
                'osType',
                'category',
                'version',
                'description',
                'regions',
                'resourceGroup',
                'tags',
            ],
        );
        const byField = Object.fromEntries(fields.map((f) => [f.field, f.value]));
        assert.strictEqual(byField.tags, 'env=prod');
        assert.strictEqual(byField.regions, 'hk, sg');
        assert.strictEqual(byField.version, '—');
        assert.strictEqual(byField.resourceGroup, 'default (rg-1)');
    });

    it('View Details JSON keeps empty fields visible as null', () => {
        const parsed = JSON.parse(imageDetailsJson(image('web'))) as Record<string, unknown>;
        assert.strictEqual(parsed.version, null);
        assert.strictEqual(parsed.name, 'web');
    });
});

describe('formatApiCall (one log line per API call)', () => {
    it('shows action, outcome, duration, requestId, IDs sent and failed', () => {
        const line = formatApiCall({
            action: 'DeleteImages',
            durationMs: 42,
            attempt: 1,
            status: 200,
            requestId: 'T-1',
            outcome: 'ok',
            imageIds: ['img-a', 'img-b'],
            failedImageIds: ['img-b'],
        });
        assert.strictEqual(line, 'DeleteImages ok | 42 ms | attempt 1 | HTTP 200 | requestId T-1 | ids [img-a,img-b] | failed [img-b]');
    });

    it('includes the error code and message and shortens very long ID lists', () => {
        const ids = Array.from({ length: 60 }, (_, i) => `img-${i}`);
        const line = formatApiCall({
            action: 'DeleteImages',
            durationMs: 5,
            attempt: 1,
            status: 500,
            outcome: 'error',
            errorCode: 'INTERNAL_SERVER_ERROR',
            errorMessage: 'boom',
            imageIds: ids,
        });
        assert.match(line, /code INTERNAL_SERVER_ERROR \| message "boom"/);
        assert.match(line, /img-49,…\(\+10\)\]$/);
    });
});
