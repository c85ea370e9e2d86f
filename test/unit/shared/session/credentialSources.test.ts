import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discoverCredentialSources, readIfExists } from '../../../../src/accounts/model/credentialFiles';
import {
    checkAccessKeyId,
    currentCliProfile,
    fromEnvironment,
    parseCliCredentials,
    parseStoredCredentials,
} from '../../../../src/shared/session/credentialSources';

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
        assert.deepStrictEqual(fromEnvironment({ ID: 'AK123456', SECRET: 'pw' }, 'ID', 'SECRET'), {
            kind: 'environment',
            accessKeyId: 'AK123456',
            credentials: { accessKeyId: 'AK123456', accessKeyPassword: 'pw' },
        });
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
        assert.deepStrictEqual(parseStoredCredentials('{"accessKeyId":"AK1234567","accessKeyPassword":"pw"}'), {
            accessKeyId: 'AK1234567',
            accessKeyPassword: 'pw',
        });
        assert.deepStrictEqual(parseStoredCredentials('{"token":"t"}'), { token: 't' });
        assert.strictEqual(parseStoredCredentials(undefined), undefined);
        assert.strictEqual(parseStoredCredentials('{"accessKeyId":"AK1234567"}'), undefined);
        assert.strictEqual(parseStoredCredentials('not json'), undefined);
    });
});

describe('discoverCredentialSources (environment and ~/.zenlayer files)', () => {
    let home: string;
    beforeEach(() => {
        home = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-home-'));
    });
    afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

    it('finds nothing without variables or files', async () => {
        assert.deepStrictEqual(await discoverCredentialSources({}, home), []);
        assert.strictEqual(await readIfExists(path.join(home, 'missing.json')), undefined);
    });

    it('offers the environment first, then the CLI profiles with the current one (config.json) ahead', async () => {
        fs.mkdirSync(path.join(home, '.zenlayer'));
        fs.writeFileSync(
            path.join(home, '.zenlayer', 'credentials.json'),
            JSON.stringify({ default: { access_key_id: 'AKDEFAULT01', access_key_secret: 's1' }, work: { token: 'tok' } }),
        );
        fs.writeFileSync(path.join(home, '.zenlayer', 'config.json'), JSON.stringify({ current_profile: 'work' }));
        const sources = await discoverCredentialSources({ ZENLAYER_ACCESS_KEY_ID: 'AKFROMENV01', ZENLAYER_ACCESS_KEY_SECRET: 'e' }, home);
        assert.deepStrictEqual(
            sources.map((source) => (source.kind === 'environment' ? 'env' : `${source.profile}${source.isCurrent ? '*' : ''}`)),
            ['env', 'work*', 'default'],
        );
        const overridden = await discoverCredentialSources({ ZENLAYER_PROFILE: 'default' }, home);
        assert.deepStrictEqual(
            overridden.map((source) => source.kind === 'cliProfile' && source.isCurrent),
            [true, false],
        );
    });
});
