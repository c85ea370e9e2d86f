/** Every option and caller input is checked before anything is sent: a typed ZenlayerInputError, never a TypeError. */
import * as assert from 'node:assert/strict';
import { type InputProblem, ZenlayerClient, type ZenlayerClientOptions, ZenlayerInputError } from '../../../src/zenlayer';
import { client, type HostileServer, KEY, startHostileServer, success } from './hostile-server';

function refused(problem: Partial<InputProblem>): (error: unknown) => boolean {
    return (error: unknown) => {
        assert.ok(error instanceof ZenlayerInputError, `expected a ZenlayerInputError, got ${String(error)}`);
        for (const [key, value] of Object.entries(problem)) {
            assert.deepEqual((error.problem as Record<string, unknown>)[key], value, `${key} of ${JSON.stringify(error.problem)}`);
        }
        return true;
    };
}

function construct(options: unknown): ZenlayerClient {
    return new ZenlayerClient(options as ZenlayerClientOptions);
}

describe('client options', () => {
    // Before: a timeoutMs of 2^31 or more was accepted and every call then "timed out" at once.
    it('refuses timeouts a timer cannot hold, and numbers that are not whole', () => {
        for (const timeoutMs of [2 ** 31, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '30000']) {
            assert.throws(
                () => construct({ credentials: KEY, timeoutMs }),
                refused({ kind: 'optionOutOfRange', option: 'timeoutMs', min: 1, max: 2 ** 31 - 1 }),
                String(timeoutMs),
            );
        }
        assert.throws(() => construct({ credentials: KEY, deadlineMs: 2 ** 31 }), refused({ option: 'deadlineMs' }));
        assert.equal(construct({ credentials: KEY, timeoutMs: 2 ** 31 - 1 }).endpoint, 'https://console.zenlayer.com');
    });

    // Before: maxRetries NaN or Infinity retried without end (1,157 requests in 12 s).
    it('refuses retry counts that are not finite and small, and delays that are not whole', () => {
        for (const maxRetries of [Number.NaN, Number.POSITIVE_INFINITY, -1, 11, 2.5]) {
            assert.throws(
                () => construct({ credentials: KEY, retryPolicy: { maxRetries, baseDelayMs: 1, maxDelayMs: 1 } }),
                refused({ kind: 'optionOutOfRange', option: 'retryPolicy.maxRetries', min: 0, max: 10 }),
                String(maxRetries),
            );
        }
        assert.throws(
            () => construct({ credentials: KEY, retryPolicy: { maxRetries: 1, baseDelayMs: Number.NaN, maxDelayMs: 1 } }),
            refused({ option: 'retryPolicy.baseDelayMs' }),
        );
        assert.throws(
            () => construct({ credentials: KEY, retryPolicy: null }),
            refused({ kind: 'optionWrongType', option: 'retryPolicy', expected: 'object' }),
        );
    });

    it('refuses the other limits out of range', () => {
        const cases: [string, unknown, number, number][] = [
            ['pageSize', 1001, 1, 1000],
            ['listConcurrency', 0, 1, 16],
            ['maxImageIdsPerDelete', 1001, 1, 1000],
            ['maxListPages', 0, 1, 1_000_000],
            ['maxResponseBytes', 100, 1024, 2 ** 30],
        ];
        for (const [option, value, min, max] of cases) {
            assert.throws(() => construct({ credentials: KEY, [option]: value }), refused({ kind: 'optionOutOfRange', option, min, max }), option);
        }
    });

    it('refuses hooks and dispatchers of the wrong type, and options that are not an object', () => {
        assert.throws(() => construct({ credentials: KEY, now: 5 }), refused({ kind: 'optionWrongType', option: 'now', expected: 'function' }));
        assert.throws(() => construct({ credentials: KEY, onApiCall: 'log' }), refused({ option: 'onApiCall' }));
        assert.throws(
            () => construct({ credentials: KEY, dispatcher: {} }),
            refused({ kind: 'optionWrongType', option: 'dispatcher', expected: 'dispatcher' }),
        );
        assert.throws(() => construct(null), refused({ kind: 'optionWrongType', option: 'options' }));
        assert.throws(() => construct({ credentials: KEY, endpoint: 42 }), refused({ kind: 'endpointNotUrl' }));
    });

    // Before: {} credentials threw a raw TypeError.
    it('refuses credentials of the wrong shape, and values a header cannot carry', () => {
        for (const credentials of [
            {},
            null,
            undefined,
            'key',
            { token: 5 },
            { token: '  ' },
            { accessKeyId: 'ID' },
            { accessKeyId: 5, accessKeyPassword: 'x' },
            { accessKeyId: 'ID', accessKeyPassword: '' },
        ]) {
            assert.throws(() => construct({ credentials }), refused({ kind: 'credentialsIncomplete' }), JSON.stringify(credentials));
        }
        assert.throws(
            () => construct({ credentials: { accessKeyId: 'ID\r\nX-Evil: 1', accessKeyPassword: 'x' } }),
            refused({ kind: 'credentialsMalformed', field: 'accessKeyId' }),
        );
        assert.throws(() => construct({ credentials: { token: 'tok en' } }), refused({ kind: 'credentialsMalformed', field: 'token' }));
        assert.throws(() => construct({ credentials: { token: 'tökén' } }), refused({ kind: 'credentialsMalformed', field: 'token' }));
        const error = (() => {
            try {
                construct({ credentials: { accessKeyId: 'ID\n', accessKeyPassword: 'hunter2' }, timeoutMs: -1 });
            } catch (caught) {
                return caught as Error;
            }
            return undefined;
        })();
        assert.ok(error && !error.message.includes('hunter2'), 'no secret in the message');
        assert.ok(
            construct({ credentials: { accessKeyId: ' ID-1 ', accessKeyPassword: 'pass with spaces ok' } }),
            'the password never goes on the wire: any characters',
        );
    });
});

describe('caller input of the calls', () => {
    let server: HostileServer;
    let api: ZenlayerClient;

    before(async () => {
        server = await startHostileServer((_request, response) => success(response, { totalCount: 0, dataSet: [], imageIds: [] }));
        api = client(server.url);
    });

    after(async () => {
        await api.close();
        await server.close();
    });

    afterEach(() => {
        assert.equal(server.requests.length, 0, 'bad input sends nothing');
    });

    // Before: a non-string name and a null filter threw raw TypeErrors; non-string IDs in a filter were sent as they were.
    it('refuses image filters of the wrong shape', async () => {
        const cases: [unknown, Partial<InputProblem>][] = [
            [null, { kind: 'filterInvalid', field: 'filter', reason: 'notObject' }],
            ['web', { field: 'filter', reason: 'notObject' }],
            [{ name: 42 }, { field: 'name', reason: 'wrongType' }],
            [{ name: 'x'.repeat(257) }, { field: 'name', reason: 'tooLong', limit: 256 }],
            [{ status: 'GONE' }, { field: 'status', reason: 'notAllowed' }],
            [{ osType: 7 }, { field: 'osType', reason: 'wrongType' }],
            [{ imageIds: 'img-1' }, { field: 'imageIds', reason: 'wrongType' }],
            [{ imageIds: ['img-1', 2] }, { field: 'imageIds[1]', reason: 'wrongType' }],
            [{ imageIds: ['img-1', ''] }, { field: 'imageIds[1]', reason: 'blank' }],
            [{ imageIds: [' img-1'] }, { field: 'imageIds[0]', reason: 'spaces' }],
            [{ imageIds: Array.from({ length: 101 }, (_, i) => `img-${i}`) }, { field: 'imageIds', reason: 'tooMany', limit: 100 }],
            [{ regionId: ['asia'] }, { field: 'regionId', reason: 'wrongType' }],
        ];
        for (const [filter, problem] of cases) {
            await assert.rejects(api.listCustomImages(filter as never), refused(problem), JSON.stringify(filter)?.slice(0, 80));
        }
    });

    it('refuses request options that are not an object or whose signal is not an AbortSignal', async () => {
        await assert.rejects(api.describeZones(null as never), refused({ kind: 'optionWrongType', option: 'options' }));
        await assert.rejects(
            api.describeZones({ signal: 'stop' } as never),
            refused({ kind: 'optionWrongType', option: 'options.signal', expected: 'AbortSignal' }),
        );
    });

    it('refuses image IDs to delete or describe that are not plain IDs', async () => {
        await assert.rejects(api.deleteImages('img-1' as never), refused({ kind: 'noImageIds' }));
        await assert.rejects(api.deleteImages(['img\u0000-1']), refused({ kind: 'imageIdMalformed', position: 1, maxLength: 128 }));
        await assert.rejects(api.deleteImages(['img 1']), refused({ kind: 'imageIdMalformed' }));
        await assert.rejects(api.deleteImages(['i'.repeat(129)]), refused({ kind: 'imageIdMalformed' }));
        await assert.rejects(api.describeImagesByIds([null as never]), refused({ kind: 'imageIdNotString', position: 1 }));
    });

    it('accepts an empty filter and blank strings as "no filter"', async () => {
        await api.listCustomImages({ name: '   ', regionId: '' });
        const [request] = server.requests.splice(0);
        assert.deepEqual(request.body, { pageNum: 1, pageSize: 1000 });
    });
});
