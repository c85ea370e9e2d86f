import * as assert from 'assert';
import { checkAccessKeyId, currentCliProfile, fromEnvironment, parseCliCredentials, parseStoredCredentials } from '../../src/model/credentialSources';

describe('checkAccessKeyId', () => {
    it('accepts typical IDs and explains what is wrong with others', () => {
        assert.strictEqual(checkAccessKeyId('ZLDEMOACCESSKEY01'), undefined);
        assert.strictEqual(checkAccessKeyId(''), 'empty');
        assert.strictEqual(checkAccessKeyId('ZLDEMO ACCESSKEY01'), 'whitespace');
        assert.strictEqual(checkAccessKeyId('short'), 'format');
        assert.strictEqual(checkAccessKeyId('has/slash/in/it'), 'format');
    });
});

describe('fromEnvironment', () => {
    it('offers ZENLAYER_ACCESS_KEY_ID/SECRET only when both are set', () => {
        assert.deepStrictEqual(fromEnvironment({ ID: 'AK123456', SECRET: 'pw' }, 'ID', 'SECRET'), { kind: 'environment', accessKeyId: 'AK123456', credentials: { accessKeyId: 'AK123456', accessKeyPassword: 'pw' } });
        assert.strictEqual(fromEnvironment({ ID: 'AK123456' }, 'ID', 'SECRET'), undefined);
    });
});

describe('parseCliCredentials (~/.zenlayer/credentials.json)', () => {
    const file = JSON.stringify({
        default: { access_key_id: 'AKDEFAULT1', access_key_secret: 'secret-1' },
        prod: { token: 'tok-prod', access_key_id: 'ignored' },
        broken: { access_key_id: 'AKBROKEN' },
        notAnObject: 'x',
    });

    it('lists usable profiles, a token winning over a key pair as in the CLI', () => {
        const sources = parseCliCredentials(file, 'default');
        assert.deepStrictEqual(
            sources.map((source) => (source.kind === 'cliProfile' ? [source.profile, source.credentials] : [])),
            [
                ['default', { accessKeyId: 'AKDEFAULT1', accessKeyPassword: 'secret-1' }],
                ['prod', { token: 'tok-prod' }],
            ],
        );
    });

    it('puts the current profile first', () => {
        const sources = parseCliCredentials(file, 'prod');
        assert.strictEqual(sources[0].kind === 'cliProfile' && sources[0].profile, 'prod');
    });

    it('yields nothing for malformed JSON', () => {
        assert.deepStrictEqual(parseCliCredentials('{not json', undefined), []);
        assert.deepStrictEqual(parseCliCredentials('[]', undefined), []);
    });
});

describe('currentCliProfile', () => {
    it('prefers ZENLAYER_PROFILE, then config.json, else none', () => {
        assert.strictEqual(currentCliProfile('{"current_profile":"staging"}', 'prod'), 'prod');
        assert.strictEqual(currentCliProfile('{"current_profile":"staging"}', undefined), 'staging');
        assert.strictEqual(currentCliProfile('garbage', undefined), undefined);
        assert.strictEqual(currentCliProfile(undefined, undefined), undefined);
    });
});

describe('parseStoredCredentials (SecretStorage value)', () => {
    it('reads what the extension stores and treats anything else as signed out', () => {
        assert.deepStrictEqual(parseStoredCredentials('{"accessKeyId":"AK1234567","accessKeyPassword":"pw"}'), { accessKeyId: 'AK1234567', accessKeyPassword: 'pw' });
        assert.deepStrictEqual(parseStoredCredentials('{"token":"t"}'), { token: 't' });
        assert.strictEqual(parseStoredCredentials(undefined), undefined);
        assert.strictEqual(parseStoredCredentials('{"accessKeyId":"AK1234567"}'), undefined);
        assert.strictEqual(parseStoredCredentials('not json'), undefined);
    });
});
