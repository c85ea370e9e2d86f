import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { signZc2 } from '../../../src/zenlayer/signer';
import { skipBecause } from '../../support/skip';

interface Zc2Vector {
    name: string;
    host: string;
    contentType: string;
    body: string;
    bodyUtf8Hex: string;
    bodyByteLength: number;
    timestamp: number;
    keyId: string;
    keySecret: string;
    hashedPayload: string;
    canonicalRequest: string;
    hashedCanonicalRequest: string;
    stringToSign: string;
    signature: string;
    authorization: string;
    expectSignature?: string;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
/** The team's reference lies beside the repository (CI gets a copy there too); the fixture is its vendored copy. */
const sharedVectorsFile = path.resolve(repoRoot, '..', 'shared', 'reference', 'zc2-vectors.json');
const vendoredVectorsFile = path.resolve(repoRoot, 'test', 'fixtures', 'zc2-vectors.json');

function loadVectors(file: string): Zc2Vector[] {
    return (JSON.parse(readFileSync(file, 'utf8')) as { vectors: Zc2Vector[] }).vectors;
}

describe('ZC2-HMAC-SHA256 signer', () => {
    const vectors = loadVectors(existsSync(sharedVectorsFile) ? sharedVectorsFile : vendoredVectorsFile);

    it('has the eleven reference vectors to check', () => {
        assert.equal(vectors.length, 11);
    });

    it('vendors an unchanged copy of the shared reference vectors', function () {
        if (!existsSync(sharedVectorsFile)) {
            skipBecause(
                this,
                `no shared reference at ${sharedVectorsFile} (a clone without the team's reference beside it): the vectors come from the vendored copy, unchecked against the reference`,
            );
        }
        assert.deepEqual(loadVectors(vendoredVectorsFile), loadVectors(sharedVectorsFile));
    });

    for (const vector of vectors) {
        it(`reproduces ${vector.name} byte for byte`, () => {
            const body = Buffer.from(vector.bodyUtf8Hex, 'hex');
            assert.equal(body.length, vector.bodyByteLength);
            assert.equal(body.toString('utf8'), vector.body);
            const signed = signZc2({
                accessKeyId: vector.keyId,
                accessKeyPassword: vector.keySecret,
                contentType: vector.contentType,
                host: vector.host,
                body,
                timestamp: String(vector.timestamp),
            });
            assert.equal(signed.hashedPayload, vector.hashedPayload);
            assert.equal(signed.canonicalRequest, vector.canonicalRequest);
            assert.equal(signed.stringToSign, vector.stringToSign);
            assert.equal(signed.signature, vector.signature);
            assert.equal(signed.authorization, vector.authorization);
            if (vector.expectSignature) {
                assert.equal(signed.signature, vector.expectSignature);
            }
        });
    }

    it('signs a string body the same as its UTF-8 bytes', () => {
        const common = { accessKeyId: 'k', accessKeyPassword: 'p', contentType: 'application/json', host: 'h', timestamp: '1' };
        const text = '{"imageName":"测试"}';
        assert.equal(signZc2({ ...common, body: text }).signature, signZc2({ ...common, body: Buffer.from(text, 'utf8') }).signature);
    });
});
