import * as assert from 'assert';
import { readSettings } from '../../../../src/shared/settings/settings';
import { DEFAULT_ENDPOINT } from '../../../../src/zenlayer';

const read = (values: Record<string, unknown>) => readSettings((key) => values[key]);

describe('readSettings', () => {
    it('uses the documented defaults when nothing is set', () => {
        const { settings, problems } = read({});
        assert.deepStrictEqual(settings, {
            endpoint: DEFAULT_ENDPOINT,
            requestTimeoutMs: 30_000,
            groupBy: 'none',
            confirmation: 'modal',
            pollIntervalMs: 5000,
            typeCountThreshold: 10,
        });
        assert.deepStrictEqual(problems, []);
    });

    it('reads valid values, converting seconds to milliseconds', () => {
        const { settings } = read({
            endpoint: ' http://127.0.0.1:8080 ',
            requestTimeoutSeconds: 10,
            'images.groupBy': 'region',
            'delete.confirmation': 'typeToConfirm',
            'delete.pollIntervalSeconds': 2,
        });
        assert.deepStrictEqual(settings, {
            endpoint: 'http://127.0.0.1:8080',
            requestTimeoutMs: 10_000,
            groupBy: 'region',
            confirmation: 'typeToConfirm',
            pollIntervalMs: 2000,
            typeCountThreshold: 10,
        });
    });

    it('falls back to the default for hand-edited nonsense and reports each bad key', () => {
        const { settings, problems } = read({
            endpoint: '',
            requestTimeoutSeconds: -1,
            'images.groupBy': 'colour',
            'delete.confirmation': 'none',
            'delete.pollIntervalSeconds': 'fast',
        });
        assert.strictEqual(settings.confirmation, 'modal', 'an unknown confirmation mode never turns confirmation off');
        assert.strictEqual(settings.groupBy, 'none');
        assert.strictEqual(settings.requestTimeoutMs, 30_000);
        assert.strictEqual(settings.pollIntervalMs, 5000);
        assert.strictEqual(settings.endpoint, DEFAULT_ENDPOINT);
        assert.deepStrictEqual(problems.map((problem) => problem.key).sort(), [
            'delete.confirmation',
            'delete.pollIntervalSeconds',
            'endpoint',
            'images.groupBy',
            'requestTimeoutSeconds',
        ]);
    });

    it('rejects timeouts above five minutes', () => {
        assert.strictEqual(read({ requestTimeoutSeconds: 301 }).settings.requestTimeoutMs, 30_000);
    });
});
