import * as assert from 'node:assert/strict';
import { Agent, Client } from 'undici';
import { signZc2 } from '../../../src/zenlayer/signer';
import { callEmulator, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, startEmulator } from '../index';
import type { CallOptions, CallResult, RunningEmulator } from '../index';

type Json = Record<string, unknown>;

const REQUEST_ID = /^T[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

function assertError(result: CallResult, status: number, code: string, messagePattern?: RegExp): Json {
    assert.equal(result.status, status, result.text);
    assert.equal(result.headers['content-type'], 'application/json');
    const body = result.json as Json;
    assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'requestId']);
    assert.equal(body.code, code);
    assert.match(body.requestId as string, REQUEST_ID);
    assert.equal(typeof body.message, 'string');
    assert.ok((body.message as string).length > 0);
    if (messagePattern) {
        assert.match(body.message as string, messagePattern);
    }
    return body;
}

function assertSuccess(result: CallResult): Json {
    assert.equal(result.status, 200, result.text);
    assert.equal(result.headers['content-type'], 'application/json');
    const body = result.json as Json;
    assert.deepEqual(Object.keys(body).sort(), ['requestId', 'response']);
    assert.match(body.requestId as string, REQUEST_ID);
    const response = body.response as Json;
    assert.equal(response.requestId, body.requestId);
    return response;
}

describe('emulator protocol', () => {
    const TOKEN = 'zl-test-bearer-token-0001';
    const OTHER = { accessKeyId: 'ZLOTHERKEY0002', accessKeyPassword: 'other-secret-password-0002' };
    let emu: RunningEmulator;
    let agent: Agent;
    const call = (options: CallOptions = {}): Promise<CallResult> => callEmulator(emu.url, { dispatcher: agent, ...options });

    before(async () => {
        emu = await startEmulator({
            credentials: [{ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD }, OTHER],
            tokens: [TOKEN],
        });
        agent = new Agent({ keepAliveTimeout: 1000 });
    });
    after(async () => {
        await agent.close();
        await emu.close();
    });
    beforeEach(() => emu.faults.reset());

    describe('success envelope', () => {
        it('answers a signed request with 200 and the same fresh requestId outside and inside', async () => {
            const first = assertSuccess(await call());
            const second = assertSuccess(await call());
            assert.notEqual(first.requestId, second.requestId);
            assert.equal(typeof first.totalCount, 'number');
        });

        it('accepts Content-Type application/json; charset=utf-8 (Java SDK / doc style), signed as sent', async () => {
            assertSuccess(await call({ contentType: 'application/json; charset=utf-8' }));
            assertSuccess(await call({ contentType: 'Application/JSON;charset=UTF-8' }));
        });

        it('verifies the raw body bytes: a Python-SDK style spaced, \\u-escaped body signed verbatim is accepted', async () => {
            const body = '{"imageName": "\\u6d4b\\u8bd5\\u955c\\u50cf", "pageNum": 1, "pageSize": 20}';
            const response = assertSuccess(await call({ body }));
            const names = (response.dataSet as Json[]).map((i) => i.imageName as string);
            assert.ok(names.length >= 2);
            assert.ok(
                names.every((n) => n.startsWith('测试镜像')),
                names.join(),
            );
        });

        it('verifies raw UTF-8 bodies (non-ASCII not escaped) too', async () => {
            const response = assertSuccess(await call({ body: '{"imageName":"测试镜像-web"}' }));
            assert.equal(response.totalCount, 1);
        });

        it('tolerates extra spaces in the Authorization header', async () => {
            const ts = String(Math.floor(Date.now() / 1000));
            const signed = signZc2({
                accessKeyId: DEMO_ACCESS_KEY_ID,
                accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD,
                contentType: 'application/json',
                host: new URL(emu.url).host,
                body: '{}',
                timestamp: ts,
            });
            const spaced = `ZC2-HMAC-SHA256   Credential=${DEMO_ACCESS_KEY_ID} ,  SignedHeaders=content-type;host ,Signature=${signed.signature}  `;
            assertSuccess(await call({ timestamp: ts, authorization: spaced }));
        });

        it('accepts a second configured access key and logs which key signed', async () => {
            emu.clearRequestLog();
            assertSuccess(await call({ credentials: OTHER }));
            assert.equal(emu.requestLog[0].accessKeyId, OTHER.accessKeyId);
        });

        it('keeps the connection alive across requests: three requests in a row share one connection', async () => {
            // One connection at a time (a pool may open a second while the first is still finishing), of its own so
            // nothing of an earlier test is reused: a new connection now means the emulator closed the last one.
            const fresh = new Client(emu.url, { keepAliveTimeout: 10_000 });
            let connections = 0;
            fresh.on('connect', () => connections++);
            try {
                for (let request = 0; request < 3; request++) {
                    const result = await callEmulator(emu.url, { dispatcher: fresh });
                    assertSuccess(result);
                    assert.equal(result.headers.connection, 'keep-alive');
                }
                assert.equal(connections, 1, 'the second and third request went over the first connection');
            } finally {
                await fresh.close();
            }
        });
    });

    describe('routing and transport rejections', () => {
        it('404 NOT_FOUND for another path', async () => {
            assertError(await call({ path: '/api/v2/vm' }), 404, 'NOT_FOUND', /service `vm` is not served/);
            assertError(await call({ path: '/' }), 404, 'NOT_FOUND', /No API at the path \/;/);
        });

        it('404 NOT_FOUND for /api/v2/zec/ or /api/v2/ZEC says the path is wrong, not that zec is not served', async () => {
            for (const path of ['/api/v2/zec/', '/api/v2/ZEC']) {
                const body = assertError(
                    await call({ path }),
                    404,
                    'NOT_FOUND',
                    /^Wrong path .*: the API path is exactly \/api\/v2\/zec \(lower case, no trailing slash\)/,
                );
                assert.ok((body.message as string).includes(path), body.message as string);
                assert.doesNotMatch(body.message as string, /not served/);
            }
        });

        it('405 METHOD_NOT_ALLOWED with Allow: POST for GET and PUT', async () => {
            const get = await call({ method: 'GET' });
            assertError(get, 405, 'METHOD_NOT_ALLOWED');
            assert.equal(get.headers.allow, 'POST');
            assertError(await call({ method: 'PUT' }), 405, 'METHOD_NOT_ALLOWED');
        });

        it('415 UNSUPPORTED_MEDIA_TYPE for text/plain, a non-UTF-8 charset or no Content-Type', async () => {
            assertError(await call({ contentType: 'text/plain;charset=UTF-8' }), 415, 'UNSUPPORTED_MEDIA_TYPE', /text\/plain/);
            assertError(await call({ contentType: 'application/json; charset=latin1' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
            assertError(await call({ contentType: null }), 415, 'UNSUPPORTED_MEDIA_TYPE', /missing/);
        });

        it('413 REQUEST_ENTITY_TOO_LARGE for a body over 1 MiB', async () => {
            const big = JSON.stringify({ imageName: 'x'.repeat(1024 * 1024) });
            assertError(await call({ body: big }), 413, 'REQUEST_ENTITY_TOO_LARGE');
        });

        it('400 INVALID_ACTION when X-ZC-Action is missing', async () => {
            assertError(await call({ action: null }), 400, 'INVALID_ACTION', /missing/);
        });

        it('400 INVALID_ACTION for an unknown action', async () => {
            assertError(await call({ action: 'RunInstances' }), 400, 'INVALID_ACTION', /RunInstances/);
        });

        it('400 INVALID_VERSION when X-ZC-Version is missing', async () => {
            assertError(await call({ version: null }), 400, 'INVALID_VERSION', /missing/);
        });

        it('400 INVALID_VERSION for another version', async () => {
            assertError(await call({ version: '2024-04-01' }), 400, 'INVALID_VERSION', /2024-04-01/);
        });
    });

    describe('body and parameter rejections', () => {
        it('400 INVALID_PARAMETER for malformed JSON (signed correctly)', async () => {
            assertError(await call({ body: '{"pageSize":' }), 400, 'INVALID_PARAMETER', /not valid UTF-8 JSON/);
        });

        it('400 INVALID_PARAMETER for a JSON body that is not an object, or empty', async () => {
            assertError(await call({ body: '[1,2]' }), 400, 'INVALID_PARAMETER', /JSON object/);
            assertError(await call({ body: '' }), 400, 'INVALID_PARAMETER', /empty/);
        });

        it('400 INVALID_PARAMETER naming the field for a wrong type', async () => {
            assertError(await call({ body: { pageSize: '20' } }), 400, 'INVALID_PARAMETER', /pageSize/);
            assertError(await call({ body: { imageName: 5 } }), 400, 'INVALID_PARAMETER', /imageName/);
            assertError(await call({ body: { imageIds: 'img-1' } }), 400, 'INVALID_PARAMETER', /imageIds/);
            assertError(await call({ body: { imageIds: [1] } }), 400, 'INVALID_PARAMETER', /imageIds\[0\]/);
        });

        it("400 INVALID_PARAMETER for a body starting with a UTF-8 BOM (Go's JSON decoder refuses it), signed correctly", async () => {
            const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}', 'utf8')]);
            assertError(await call({ body: bom }), 400, 'INVALID_PARAMETER', /byte order mark/);
            assertError(await call({ action: 'DescribeZones', body: bom }), 400, 'INVALID_PARAMETER', /BOM/);
        });

        it('400 INVALID_PARAMETER for a tag filter without a value, or a tag key/value outside 1–64 characters', async () => {
            assertError(await call({ body: { tags: [{ key: 'env' }] } }), 400, 'INVALID_PARAMETER', /tags\[0\]\.value is required/);
            assertError(await call({ body: { tags: [{ key: 'env', value: null }] } }), 400, 'INVALID_PARAMETER', /tags\[0\]\.value/);
            assertError(await call({ body: { tags: [{ key: 'env', value: '' }] } }), 400, 'INVALID_PARAMETER', /tags\[0\]\.value must be 1 to 64/);
            assertError(await call({ body: { tags: [{ value: 'prod' }] } }), 400, 'INVALID_PARAMETER', /tags\[0\]\.key is required/);
            assertError(await call({ body: { tags: [{ key: 'k'.repeat(65), value: 'v' }] } }), 400, 'INVALID_PARAMETER', /tags\[0\]\.key must be 1 to 64/);
            assertError(await call({ body: { tags: [{ key: 'env', value: 5 }] } }), 400, 'INVALID_PARAMETER', /tags\[0\]\.value must be a string/);
            assertError(await call({ body: { tagKeys: ['env', ''] } }), 400, 'INVALID_PARAMETER', /tagKeys\[1\]/);
            assertError(
                await call({ action: 'DescribeImages', body: { zoneId: 'asia-east-1a', tags: [{ key: 'env' }] } }),
                400,
                'INVALID_PARAMETER',
                /tags\[0\]\.value/,
            );
            assertSuccess(await call({ body: { tags: [{ key: 'k'.repeat(64), value: '测'.repeat(64) }], tagKeys: ['团队'] } }));
        });

        it('400 INVALID_PARAMETER for unknown enum values', async () => {
            assertError(await call({ body: { imageStatus: 'READY' } }), 400, 'INVALID_PARAMETER', /imageStatus/);
            assertError(await call({ body: { osType: 'Linux' } }), 400, 'INVALID_PARAMETER', /osType/);
            assertError(
                await call({ action: 'DescribeImages', body: { zoneId: 'asia-east-1a', imageType: 'PRIVATE' } }),
                400,
                'INVALID_PARAMETER',
                /imageType/,
            );
            assertError(
                await call({ action: 'DescribeImages', body: { zoneId: 'asia-east-1a', imageSource: 'USER' } }),
                400,
                'INVALID_PARAMETER',
                /imageSource/,
            );
        });

        it('400 INVALID_PARAMETER for pageSize over 1000, pageSize 0, pageNum 0 or a fractional pageNum', async () => {
            assertError(await call({ body: { pageSize: 1001 } }), 400, 'INVALID_PARAMETER', /pageSize/);
            assertError(await call({ body: { pageSize: 0 } }), 400, 'INVALID_PARAMETER', /pageSize/);
            assertError(await call({ body: { pageNum: 0 } }), 400, 'INVALID_PARAMETER', /pageNum/);
            assertError(await call({ body: { pageNum: 1.5 } }), 400, 'INVALID_PARAMETER', /pageNum/);
            assertSuccess(await call({ body: { pageSize: 1000 } }));
        });

        it("400 INVALID_PARAMETER for more than 100 imageIds in a filter (the emulator's choice: maxImageIdsPerCall default)", async () => {
            const ids = Array.from({ length: 101 }, (_, i) => `img-${i}`);
            assertError(await call({ body: { imageIds: ids } }), 400, 'INVALID_PARAMETER', /at most 100/);
        });

        it("DeleteImages: 400 MISSING_PARAMETER without imageIds, INVALID_PARAMETER for [] or over 100 IDs (100: the emulator's choice)", async () => {
            assertError(await call({ action: 'DeleteImages', body: {} }), 400, 'MISSING_PARAMETER', /imageIds/);
            assertError(await call({ action: 'DeleteImages', body: { imageIds: [] } }), 400, 'INVALID_PARAMETER', /imageIds/);
            const ids = Array.from({ length: 101 }, (_, i) => `img-${i}`);
            assertError(await call({ action: 'DeleteImages', body: { imageIds: ids } }), 400, 'INVALID_PARAMETER', /at most 100/);
        });

        it('DeleteImages: 400 INVALID_PARAMETER for a blank image ID (not a 200 listing it as failed); nothing changes', async () => {
            const before = JSON.stringify(emu.state.allImages());
            const deletable = emu.state.findByName('app-server-base')?.imageId ?? '';
            assertError(await call({ action: 'DeleteImages', body: { imageIds: [''] } }), 400, 'INVALID_PARAMETER', /imageIds\[0\].*blank/);
            assertError(await call({ action: 'DeleteImages', body: { imageIds: [deletable, '  '] } }), 400, 'INVALID_PARAMETER', /imageIds\[1\]/);
            assert.equal(JSON.stringify(emu.state.allImages()), before);
        });
    });

    describe('maxImageIdsPerCall (an emulator choice; no limit is documented)', () => {
        it('sets the limit for imageIds filters and DeleteImages; 0 means no limit', async () => {
            const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `img-unknown-${i}`);
            const small = await startEmulator({ maxImageIdsPerCall: 3 });
            const unlimited = await startEmulator({ maxImageIdsPerCall: 0 });
            try {
                const at = (url: string, options: CallOptions): Promise<CallResult> => callEmulator(url, { dispatcher: agent, ...options });
                assertSuccess(await at(small.url, { body: { imageIds: ids(3) } }));
                assertError(await at(small.url, { body: { imageIds: ids(4) } }), 400, 'INVALID_PARAMETER', /at most 3/);
                assertError(
                    await at(small.url, { action: 'DescribeImages', body: { zoneId: 'asia-east-1a', imageIds: ids(4) } }),
                    400,
                    'INVALID_PARAMETER',
                    /at most 3/,
                );
                assertError(await at(small.url, { action: 'DeleteImages', body: { imageIds: ids(4) } }), 400, 'INVALID_PARAMETER', /at most 3/);
                assert.deepEqual(assertSuccess(await at(small.url, { action: 'DeleteImages', body: { imageIds: ids(3) } })).imageIds, ids(3));
                assertSuccess(await at(unlimited.url, { body: { imageIds: ids(5000) } }));
                assert.equal(
                    (assertSuccess(await at(unlimited.url, { action: 'DeleteImages', body: { imageIds: ids(5000) } })).imageIds as string[]).length,
                    5000,
                );
            } finally {
                await small.close();
                await unlimited.close();
            }
            await assert.rejects(startEmulator({ maxImageIdsPerCall: -1 }), /maxImageIdsPerCall/);
        });
    });

    describe('authentication', () => {
        it('401 AUTHFAILURE_MISSING_AUTHORIZATION without Authorization', async () => {
            assertError(await call({ authorization: null }), 401, 'AUTHFAILURE_MISSING_AUTHORIZATION');
        });

        it('401 AUTHFAILURE_INVALID_AUTHORIZATION for a malformed Authorization header, with a specific message', async () => {
            assertError(await call({ authorization: 'Basic dXNlcjpwYXNz' }), 401, 'AUTHFAILURE_INVALID_AUTHORIZATION', /expected/);
            assertError(
                await call({ authorization: `ZC2-HMAC-SHA256 Credential=${DEMO_ACCESS_KEY_ID}, SignedHeaders=content-type;host` }),
                401,
                'AUTHFAILURE_INVALID_AUTHORIZATION',
                /missing Signature/,
            );
            assertError(
                await call({ authorization: `ZC2-HMAC-SHA256 Credential=${DEMO_ACCESS_KEY_ID}, SignedHeaders=content-type;host, Signature=xyz` }),
                401,
                'AUTHFAILURE_INVALID_AUTHORIZATION',
                /hex/,
            );
        });

        it('401 AUTHFAILURE_INVALID_AUTHORIZATION when SignedHeaders is not content-type;host', async () => {
            const good = (await call()).status;
            assert.equal(good, 200);
            const ts = String(Math.floor(Date.now() / 1000));
            const signed = signZc2({
                accessKeyId: DEMO_ACCESS_KEY_ID,
                accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD,
                contentType: 'application/json',
                host: new URL(emu.url).host,
                body: '{}',
                timestamp: ts,
            });
            const auth = signed.authorization.replace('SignedHeaders=content-type;host', 'SignedHeaders=content-type;host;x-zc-action');
            assertError(await call({ timestamp: ts, authorization: auth }), 401, 'AUTHFAILURE_INVALID_AUTHORIZATION', /SignedHeaders/);
        });

        it('401 AUTHFAILURE_INVALID_AUTHORIZATION without X-ZC-Signature-Method or X-ZC-Timestamp, or a non-decimal timestamp', async () => {
            assertError(await call({ headers: { 'x-zc-signature-method': null } }), 401, 'AUTHFAILURE_INVALID_AUTHORIZATION', /X-ZC-Signature-Method/);
            assertError(await call({ headers: { 'x-zc-signature-method': 'HMAC-SHA1' } }), 401, 'AUTHFAILURE_INVALID_AUTHORIZATION', /X-ZC-Signature-Method/);
            assertError(await call({ headers: { 'x-zc-timestamp': null } }), 401, 'AUTHFAILURE_INVALID_AUTHORIZATION', /X-ZC-Timestamp/);
            assertError(await call({ timestamp: '1.75e9' }), 401, 'AUTHFAILURE_INVALID_AUTHORIZATION', /decimal seconds/);
        });

        it('401 AUTHFAILURE_INVALID_ACCESS_KEY for an unknown key ID', async () => {
            assertError(
                await call({ credentials: { accessKeyId: 'ZLUNKNOWNKEY', accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD } }),
                401,
                'AUTHFAILURE_INVALID_ACCESS_KEY',
            );
        });

        it('401 AUTHFAILURE_SIGNATURE_FAILURE for a wrong secret', async () => {
            assertError(
                await call({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: 'wrong-password' } }),
                401,
                'AUTHFAILURE_SIGNATURE_FAILURE',
            );
        });

        it('401 AUTHFAILURE_SIGNATURE_FAILURE when the body is altered after signing (re-serialised JSON)', async () => {
            // Same JSON value, different bytes: the server must not re-serialise.
            assertError(await call({ body: '{"pageSize": 20}', signedBody: '{"pageSize":20}' }), 401, 'AUTHFAILURE_SIGNATURE_FAILURE');
            assertError(
                await call({ action: 'DeleteImages', body: { imageIds: ['img-a', 'img-b'] }, signedBody: JSON.stringify({ imageIds: ['img-a'] }) }),
                401,
                'AUTHFAILURE_SIGNATURE_FAILURE',
            );
        });

        it('401 AUTHFAILURE_SIGNATURE_FAILURE when the signed Content-Type differs from the one sent', async () => {
            const ts = String(Math.floor(Date.now() / 1000));
            const signed = signZc2({
                accessKeyId: DEMO_ACCESS_KEY_ID,
                accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD,
                contentType: 'application/json',
                host: new URL(emu.url).host,
                body: '{}',
                timestamp: ts,
            });
            assertError(
                await call({ contentType: 'application/json; charset=utf-8', timestamp: ts, authorization: signed.authorization }),
                401,
                'AUTHFAILURE_SIGNATURE_FAILURE',
            );
        });

        it('401 AUTHFAILURE_SIGNATURE_FAILURE when the signed host is not the Host received', async () => {
            const ts = String(Math.floor(Date.now() / 1000));
            const signed = signZc2({
                accessKeyId: DEMO_ACCESS_KEY_ID,
                accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD,
                contentType: 'application/json',
                host: 'console.zenlayer.com',
                body: '{}',
                timestamp: ts,
            });
            assertError(await call({ timestamp: ts, authorization: signed.authorization }), 401, 'AUTHFAILURE_SIGNATURE_FAILURE');
        });

        it('401 AUTHFAILURE_SIGNATURE_FAILURE (the attested code) for a correctly signed request 10 minutes in the past or future, naming the clock', async () => {
            const now = Math.floor(Date.now() / 1000);
            assertError(await call({ timestamp: now - 600 }), 401, 'AUTHFAILURE_SIGNATURE_FAILURE', /clock/);
            assertError(await call({ timestamp: now + 600 }), 401, 'AUTHFAILURE_SIGNATURE_FAILURE', /clock/);
            assertSuccess(await call({ timestamp: now - 200 }));
        });

        it('compares the skew in whole seconds, so the message agrees with the limit (300.2 s is allowed, 301 s is not)', async () => {
            const ts = 1_750_000_000;
            const edge = await startEmulator({ now: () => (ts + 300) * 1000 + 200 });
            try {
                assertSuccess(await callEmulator(edge.url, { dispatcher: agent, timestamp: ts }));
                const refused = assertError(await callEmulator(edge.url, { dispatcher: agent, timestamp: ts - 1 }), 401, 'AUTHFAILURE_SIGNATURE_FAILURE');
                assert.match(refused.message as string, /is 301 s away from the server clock \(allowed: 300 s\)/);
            } finally {
                await edge.close();
            }
        });

        it('uses the injected clock and maxClockSkewSeconds', async () => {
            const fixed = await startEmulator({ now: () => 1_750_000_000_000, maxClockSkewSeconds: 10 });
            try {
                const ok = await callEmulator(fixed.url, { dispatcher: agent, timestamp: 1_750_000_005 });
                assert.equal(ok.status, 200);
                assertError(await callEmulator(fixed.url, { dispatcher: agent, timestamp: 1_750_000_011 }), 401, 'AUTHFAILURE_SIGNATURE_FAILURE', /clock/);
            } finally {
                await fixed.close();
            }
        });

        it('clockSkewCode configures the code for a skewed clock (unattested); other signature failures keep theirs', async () => {
            const custom = await startEmulator({ clockSkewCode: 'AUTHFAILURE_TIMESTAMP_EXPIRED' });
            try {
                const now = Math.floor(Date.now() / 1000);
                assertError(await callEmulator(custom.url, { dispatcher: agent, timestamp: now - 600 }), 401, 'AUTHFAILURE_TIMESTAMP_EXPIRED', /clock/);
                assertError(
                    await callEmulator(custom.url, { dispatcher: agent, credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: 'wrong' } }),
                    401,
                    'AUTHFAILURE_SIGNATURE_FAILURE',
                    /does not match/,
                );
                assert.equal(custom.requestLog[0].code, 'AUTHFAILURE_TIMESTAMP_EXPIRED');
            } finally {
                await custom.close();
            }
            await assert.rejects(startEmulator({ clockSkewCode: ' ' }), /clockSkewCode/);
        });

        it('every response carries a Date header from the injected clock, not the real one', async () => {
            const nowMs = Date.UTC(2031, 0, 2, 3, 4, 5, 600);
            const skewed = await startEmulator({ now: () => nowMs, tokens: [TOKEN] });
            const expected = 'Thu, 02 Jan 2031 03:04:05 GMT';
            try {
                const at = (options: CallOptions): Promise<CallResult> =>
                    callEmulator(skewed.url, { dispatcher: agent, timestamp: Math.floor(nowMs / 1000), ...options });
                const responses = [
                    await at({}), // 200
                    await at({ token: TOKEN }), // 200, Bearer
                    await at({ timestamp: Math.floor(Date.now() / 1000) }), // 401: the real clock is years off
                    await at({ body: '{oops' }), // 400
                    await at({ path: '/api/v2/vm' }), // 404
                    await at({ method: 'GET' }), // 405
                    await at({ contentType: 'text/plain' }), // 415
                ];
                assert.deepEqual(
                    responses.map((r) => r.status),
                    [200, 200, 401, 400, 404, 405, 415],
                );
                for (const kind of ['rateLimit', 'internalError', 'nonJson502', 'truncated'] as const) {
                    skewed.faults.failNext(kind);
                    responses.push(await at({}));
                }
                responses.push(await at({ body: JSON.stringify({ imageName: 'x'.repeat(1024 * 1024) }) }));
                assert.deepEqual(
                    responses.slice(7).map((r) => r.status),
                    [429, 500, 502, 200, 413],
                );
                for (const response of responses) {
                    assert.equal(response.headers.date, expected, `${response.status} ${response.text.slice(0, 80)}`);
                }
            } finally {
                await skewed.close();
            }
        });

        it('accepts a configured Bearer token without timestamp headers', async () => {
            emu.clearRequestLog();
            assertSuccess(await call({ token: TOKEN }));
            assert.equal(emu.requestLog[0].authScheme, 'Bearer');
        });

        it('401 AUTHFAILURE_INVALID_TOKEN for an unknown or empty Bearer token', async () => {
            assertError(await call({ token: 'not-a-token' }), 401, 'AUTHFAILURE_INVALID_TOKEN');
            assertError(await call({ authorization: 'Bearer ' }), 401, 'AUTHFAILURE_INVALID_TOKEN');
        });

        it('checks auth before parsing: a malformed body with a bad signature is a 401, not a 400', async () => {
            assertError(
                await call({ body: '{oops', credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: 'nope' } }),
                401,
                'AUTHFAILURE_SIGNATURE_FAILURE',
            );
        });
    });

    describe('request log', () => {
        it('records method, path, action, status, code, requestId and the parsed body', async () => {
            emu.clearRequestLog();
            const ok = await call({ body: { pageSize: 3 } });
            const bad = await call({ body: 'not json' });
            assert.equal(emu.requestLog.length, 2);
            const [first, second] = emu.requestLog;
            assert.equal(first.method, 'POST');
            assert.equal(first.path, '/api/v2/zec');
            assert.equal(first.action, 'DescribeCustomImages');
            assert.equal(first.status, 200);
            assert.equal(first.code, undefined);
            assert.equal(first.requestId, (ok.json as Json).requestId);
            assert.deepEqual(first.body, { pageSize: 3 });
            assert.equal(first.accessKeyId, DEMO_ACCESS_KEY_ID);
            assert.equal(second.status, 400);
            assert.equal(second.code, 'INVALID_PARAMETER');
            assert.equal(second.body, 'not json');
            assert.equal(second.requestId, (bad.json as Json).requestId);
        });

        it('never contains the secret, the signature, the Authorization header or a Bearer token', async () => {
            emu.clearRequestLog();
            const ts = String(Math.floor(Date.now() / 1000));
            const signed = signZc2({
                accessKeyId: DEMO_ACCESS_KEY_ID,
                accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD,
                contentType: 'application/json',
                host: new URL(emu.url).host,
                body: '{}',
                timestamp: ts,
            });
            assertSuccess(await call({ timestamp: ts }));
            await call({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: 'wrong-secret-xyz' } });
            await call({ token: TOKEN });
            await call({ token: 'rejected-token-abc' });
            assert.equal(emu.requestLog.length, 4);
            const dump = JSON.stringify(emu.requestLog);
            for (const secret of [
                DEMO_ACCESS_KEY_PASSWORD,
                'wrong-secret-xyz',
                signed.signature,
                TOKEN,
                'rejected-token-abc',
                'Signature=',
                'Bearer r',
                'Bearer z',
            ]) {
                assert.ok(!dump.includes(secret), `request log contains ${secret}`);
            }
            assert.ok(dump.includes(DEMO_ACCESS_KEY_ID));
        });

        it('error messages never echo the secret or the signature', async () => {
            const ts = String(Math.floor(Date.now() / 1000));
            const wrong = signZc2({
                accessKeyId: DEMO_ACCESS_KEY_ID,
                accessKeyPassword: 'wrong',
                contentType: 'application/json',
                host: new URL(emu.url).host,
                body: '{}',
                timestamp: ts,
            });
            const result = await call({ timestamp: ts, authorization: wrong.authorization });
            assertError(result, 401, 'AUTHFAILURE_SIGNATURE_FAILURE');
            assert.ok(!result.text.includes(wrong.signature));
            assert.ok(!result.text.includes(DEMO_ACCESS_KEY_PASSWORD));
        });
    });
});
