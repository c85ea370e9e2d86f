import * as assert from 'assert';
import { parseProtectionRules, protectingEntry } from '../../../../src/shared/settings/protection';
import { partitionDeletable } from '../../../../src/images/model/selection';
import { image } from '../../../support/fixtures';

const rules = (...entries: unknown[]) => parseProtectionRules(entries).rules;

describe('protected images', () => {
    it('matches name patterns with * and ?, case-insensitively and on the whole name', () => {
        const prod = rules('prod-*', 'db-?');
        assert.strictEqual(protectingEntry(image('PROD-web'), prod), 'prod-*');
        assert.strictEqual(protectingEntry(image('db-1'), prod), 'db-?');
        assert.strictEqual(protectingEntry(image('db-12'), prod), undefined);
        assert.strictEqual(protectingEntry(image('my-prod-web'), prod), undefined, 'the whole name, not a part of it');
        assert.strictEqual(protectingEntry(image('a.b'), rules('a.b')), 'a.b');
        assert.strictEqual(protectingEntry(image('axb'), rules('a.b')), undefined, 'regular-expression characters are literal');
    });

    it('matches tag:KEY on any value and tag:KEY=VALUE exactly', () => {
        const tagged = image('web', { tags: [{ key: 'env', value: 'prod' }] });
        assert.strictEqual(protectingEntry(tagged, rules('tag:env')), 'tag:env');
        assert.strictEqual(protectingEntry(tagged, rules('tag:env=prod')), 'tag:env=prod');
        assert.strictEqual(protectingEntry(tagged, rules('tag:env=staging')), undefined);
        assert.strictEqual(protectingEntry(tagged, rules('tag:team')), undefined);
    });

    it('reports entries that are not text, empty, or a tag without a key, and keeps the rest once', () => {
        const { rules: parsed, invalid } = parseProtectionRules(['prod-*', 7, '  ', 'tag:', 'tag:=x', 'prod-*']);
        assert.deepStrictEqual(
            parsed.map((rule) => rule.entry),
            ['prod-*'],
        );
        assert.deepStrictEqual(
            invalid.map((entry) => entry.problem),
            ['notText', 'empty', 'tagWithoutKey', 'tagWithoutKey'],
        );
    });

    it('is never sent: a protected image is skipped with the matching entry', () => {
        const protection = rules('prod-*');
        const targets = partitionDeletable([image('prod-db'), image('scratch')], {
            marks: new Map(),
            protectedBy: (candidate) => protectingEntry(candidate, protection),
        });
        assert.deepStrictEqual(
            targets.images.map((candidate) => candidate.name),
            ['scratch'],
        );
        assert.deepStrictEqual(
            targets.skipped.map((skipped) => [skipped.image.name, skipped.reason, skipped.protectedBy]),
            [['prod-db', 'protected', 'prod-*']],
        );
    });
});
