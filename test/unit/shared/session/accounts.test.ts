import * as assert from 'assert';
import {
    checkAccountName,
    MAX_ACCOUNTS,
    maskedKeyId,
    migrateSingleCredentials,
    parseAccounts,
    serializeAccounts,
    withAccount,
} from '../../../../src/shared/session/accounts';

const KEY = { accessKeyId: 'ZLDEMOACCESSKEY01', accessKeyPassword: 'secret' };

describe('accounts: names, masking, the stored format', () => {
    it('masks all but the last four characters of an AccessKey ID, and shows nothing of a token', () => {
        assert.strictEqual(maskedKeyId(KEY), '••••••••EY01');
        assert.strictEqual(maskedKeyId({ accessKeyId: 'ZLKEY123', accessKeyPassword: 'x' }), '••••Y123');
        assert.strictEqual(maskedKeyId({ token: 'tok-abcdef' }), undefined);
    });

    it('refuses empty, over-long, multi-line and taken names; a name differing only in case is taken', () => {
        const existing = [{ name: 'Production', credentials: KEY }];
        assert.strictEqual(checkAccountName('  ', existing), 'empty');
        assert.strictEqual(checkAccountName('x'.repeat(65), existing), 'tooLong');
        assert.strictEqual(checkAccountName('a\nb', existing), 'control');
        assert.strictEqual(checkAccountName('production', existing), 'taken');
        assert.strictEqual(checkAccountName('production', existing, 'Production'), undefined, 'renaming to another case of itself');
        assert.strictEqual(checkAccountName('staging', existing), undefined);
    });

    it('reads back what it wrote, and drops (and counts) entries that are not accounts, duplicates and more than the bound', () => {
        const state = withAccount(
            withAccount({ accounts: [], active: undefined }, { name: 'default', credentials: KEY }, true),
            { name: 'ci', credentials: { token: 'tok' } },
            false,
        );
        const parsed = parseAccounts(serializeAccounts(state));
        assert.deepStrictEqual(parsed, { state, dropped: 0 });

        const entries = [
            { name: 'a', accessKeyId: 'ZLKEY0001', accessKeyPassword: 'p' },
            { name: 'A', token: 't' },
            { name: '', token: 't' },
            { name: 'b' },
            'junk',
        ];
        const many = Array.from({ length: MAX_ACCOUNTS + 5 }, (_, i) => ({ name: `n${i}`, token: `t${i}` }));
        const messy = parseAccounts(JSON.stringify({ accounts: [...entries, ...many], active: 'A' }));
        assert.ok(messy.state);
        assert.strictEqual(messy.state.accounts.length, MAX_ACCOUNTS);
        assert.strictEqual(messy.state.active, 'a', 'the active name matches case-insensitively');
        assert.strictEqual(messy.dropped, 4 + 6);
        assert.deepStrictEqual(parseAccounts('{"credentials": 1}'), { state: undefined, problem: 'no accounts list' });
        assert.deepStrictEqual(parseAccounts('{'), { state: undefined, problem: 'not JSON' });
    });

    it('turns the single credential set of version 0.1 into the active account "default"', () => {
        assert.deepStrictEqual(migrateSingleCredentials(JSON.stringify(KEY)), { accounts: [{ name: 'default', credentials: KEY }], active: 'default' });
        assert.strictEqual(migrateSingleCredentials('not json'), undefined);
    });
});
