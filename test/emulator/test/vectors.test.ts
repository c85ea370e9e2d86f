// The emulator's verifier reuses the project's signer, so agreeing with the client proves little. These tests send
// the vendored signing vectors (test/fixtures/zc2-vectors.json, computed independently of this project from the
// official SDKs and the documentation's worked example) byte for byte: raw body,
// the signed headers verbatim (Content-Type, Host, Authorization, X-ZC-Timestamp, X-ZC-Signature-Method), the
// emulator holding the vector's key pair with its clock pinned to the vector's timestamp.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import * as path from 'node:path';
import { startEmulator } from '../index';
import type { RunningEmulator } from '../index';

interface Vector {
    name: string;
    bodyUtf8Hex: string;
    bodyByteLength: number;
    timestamp: number;
    keyId: string;
    keySecret: string;
    signature: string;
    headers: Record<string, string>;
    expectMatches?: boolean;
}

/** The repo root holds package.json; compiled tests run from out/test/emulator/test. */
function repoRoot(): string {
    let dir = __dirname;
    while (!existsSync(path.join(dir, 'package.json'))) {
        const parent = path.dirname(dir);
        assert.notEqual(parent, dir, 'package.json not found above the test');
        dir = parent;
    }
    return dir;
}

const file = path.join(repoRoot(), 'test/fixtures/zc2-vectors.json');
const vectors = (JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }).vectors.filter((v) => v.expectMatches !== false);

/** The signed headers, exactly as the vector has them. X-ZC-Action/-Version/-Service are not signed. */
const SIGNED_HEADER_NAMES = ['Content-Type', 'Host', 'Authorization', 'X-ZC-Timestamp', 'X-ZC-Signature-Method'];

interface Reply {
    status: number;
    body: { code?: string; message?: string };
}

/** node:http with setHost: false, so the Host header is the vector's (e.g. console.zenlayer.com), not 127.0.0.1:port. */
function send(port: number, agent: Agent, vector: Vector, overrides: Record<string, string> = {}): Promise<Reply> {
    const body = Buffer.from(vector.bodyUtf8Hex, 'hex');
    const headers: Record<string, string> = {};
    for (const name of SIGNED_HEADER_NAMES) {
        const value = vector.headers[name];
        assert.equal(typeof value, 'string', `${vector.name}: header ${name}`);
        headers[name] = value;
    }
    // The vectors' actions may be other services'; DescribeZones ignores the unknown parameters of their bodies.
    headers['X-ZC-Action'] = 'DescribeZones';
    headers['X-ZC-Version'] = '2025-09-01';
    headers['X-ZC-Service'] = 'zec';
    headers['Content-Length'] = String(body.length);
    Object.assign(headers, overrides);
    return new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v2/zec', headers, setHost: false, agent }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
                try {
                    resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply['body'] });
                } catch (err) {
                    reject(err instanceof Error ? err : new Error(String(err)));
                }
            });
            res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
    });
}

describe(`emulator against the reference ZC2 vectors (${path.basename(path.dirname(file))}/${path.basename(file)})`, () => {
    let agent: Agent;
    before(() => {
        agent = new Agent({ keepAlive: false });
    });
    after(() => agent.destroy());

    it('has the vectors', () => {
        assert.ok(vectors.length >= 11, `${vectors.length} vectors in ${file}`);
    });

    for (const vector of vectors) {
        describe(vector.name, () => {
            let emu: RunningEmulator;
            beforeEach(async () => {
                emu = await startEmulator({
                    credentials: [{ accessKeyId: vector.keyId, accessKeyPassword: vector.keySecret }],
                    now: () => vector.timestamp * 1000,
                });
            });
            afterEach(() => emu.close());

            it('authenticates: never a 401 (200, or 400 for the empty body)', async () => {
                assert.equal(Buffer.from(vector.bodyUtf8Hex, 'hex').length, vector.bodyByteLength);
                assert.ok(vector.headers.Authorization.endsWith(`Signature=${vector.signature}`));
                const reply = await send(emu.port, agent, vector);
                if (vector.bodyByteLength === 0) {
                    assert.equal(reply.status, 400, JSON.stringify(reply.body));
                    assert.equal(reply.body.code, 'INVALID_PARAMETER');
                } else {
                    assert.equal(reply.status, 200, JSON.stringify(reply.body));
                }
                assert.equal(emu.requestLog.length, 1);
                assert.equal(emu.requestLog[0].accessKeyId, vector.keyId, "authenticated with the vector's key");
                assert.equal(emu.requestLog[0].authScheme, 'ZC2-HMAC-SHA256');
            });

            it('refuses the same request with one signature digit changed (401 AUTHFAILURE_SIGNATURE_FAILURE)', async () => {
                const last = vector.signature.slice(-1);
                const tampered = vector.headers.Authorization.slice(0, -1) + (last === '0' ? '1' : '0');
                const reply = await send(emu.port, agent, vector, { Authorization: tampered });
                assert.equal(reply.status, 401, JSON.stringify(reply.body));
                assert.equal(reply.body.code, 'AUTHFAILURE_SIGNATURE_FAILURE');
            });
        });
    }
});
