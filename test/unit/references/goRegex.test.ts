import * as assert from 'assert';
import { translateGoRegex } from '../../../src/references/model/goRegex';
import { WorkerRegexEvaluator } from '../../../src/references/model/regexWorker';

/** Which of `names` a Go pattern selects, as the provider's MatchString would, run here in-process (trusted patterns only). */
function selects(pattern: string, names: readonly string[]): string[] {
    const translation = translateGoRegex(pattern);
    assert.ok(translation.ok, `${pattern}: ${translation.ok ? '' : translation.message}`);
    const regex = new RegExp(translation.source, translation.flags);
    return names.filter((name) => regex.test(name));
}

const NAMES = [
    'web-frontend-2026-11',
    'web-frontend-2026-10',
    'old-web-frontend',
    'k8s-node-1.31',
    'backup-agent-v3',
    'db{1}',
    'a b',
    'a\u00a0b',
    '测试镜像-web',
];

describe('references: Go regular expressions as the Terraform provider applies them', () => {
    it('is unanchored like Go MatchString, and anchors where the pattern says', () => {
        assert.deepStrictEqual(selects('web-frontend', NAMES), ['web-frontend-2026-11', 'web-frontend-2026-10', 'old-web-frontend']);
        assert.deepStrictEqual(selects('^web-frontend-\\d{4}-1[01]$', NAMES), ['web-frontend-2026-11', 'web-frontend-2026-10']);
        assert.deepStrictEqual(selects('\\Aweb.*\\z', NAMES), ['web-frontend-2026-11', 'web-frontend-2026-10']);
        assert.deepStrictEqual(selects('', NAMES), NAMES, 'an empty regex is no filter at all (the provider skips it)');
    });

    it('reads Go syntax that means something else, or nothing, in JavaScript', () => {
        assert.deepStrictEqual(selects('(?i)^WEB-FRONTEND-2026-11$', NAMES), ['web-frontend-2026-11'], 'leading flags');
        assert.deepStrictEqual(selects('^(?P<family>k8s-node)-[[:digit:]]+\\.\\d+$', NAMES), ['k8s-node-1.31'], 'named group, POSIX class');
        assert.deepStrictEqual(selects('^db{1}$', NAMES), [], '{1} is a repeat in both');
        assert.deepStrictEqual(selects('^db\\{1\\}$', NAMES), ['db{1}']);
        assert.deepStrictEqual(selects('^db{1', NAMES), ['db{1}'], 'a lone { is a literal in Go');
        assert.deepStrictEqual(selects('^a\\sb$', NAMES), ['a b'], "Go's \\s is ASCII space only, no NO-BREAK SPACE");
        assert.deepStrictEqual(selects('\\Q{1}\\E$', NAMES), ['db{1}'], '\\Q…\\E quotes');
        assert.deepStrictEqual(selects('^\\p{Han}+-web$', NAMES), ['测试镜像-web'], 'a script name');
        assert.deepStrictEqual(selects('^\\pL+-v\\x33$', NAMES), [], '\\pL is a letter class; hyphens are not letters');
        assert.deepStrictEqual(selects('^backup\\-agent\\-v\\x{33}$', NAMES), ['backup-agent-v3'], 'escaped punctuation and \\x{…}');
        assert.deepStrictEqual(selects('[]a]', ['x]', 'y']), ['x]'], 'a ] right after [ is a member');
    });

    it('refuses what Go refuses, and says what it cannot run', () => {
        const refusal = (pattern: string) => {
            const translation = translateGoRegex(pattern);
            return translation.ok ? 'ok' : translation.reason;
        };
        assert.strictEqual(refusal('^web(?=-)'), 'invalid', 'no lookahead in Go');
        assert.strictEqual(refusal('(a)\\1'), 'invalid', 'no backreference in Go');
        assert.strictEqual(refusal('web['), 'invalid');
        assert.strictEqual(refusal('a{1001}'), 'invalid', "Go's repeat limit");
        assert.strictEqual(refusal('\\y'), 'invalid');
        assert.strictEqual(refusal('a**'), 'invalid');
        assert.strictEqual(refusal('(?U)a+'), 'unsupported');
        assert.strictEqual(refusal('a(?i)b'), 'unsupported', 'flags after the start');
        assert.strictEqual(refusal('x'.repeat(1001)), 'unsupported', 'too long');
    });

    it('stops a catastrophic pattern in bounded time, reports it as timed out, and still matches the others', async function () {
        this.timeout(10_000);
        const names = ['a'.repeat(40) + '!', 'web-frontend-2026-11', 'backup-agent-v3'];
        const patterns = ['(a+)+$', '^web-', '^backup-'].map((pattern) => {
            const translation = translateGoRegex(pattern);
            assert.ok(translation.ok);
            return { source: translation.source, flags: translation.flags };
        });
        const started = Date.now();
        const verdicts = await new WorkerRegexEvaluator(300).evaluate(patterns, names);
        const elapsed = Date.now() - started;
        assert.deepStrictEqual(verdicts, [{ kind: 'timeout' }, { kind: 'matched', indices: [1] }, { kind: 'matched', indices: [2] }]);
        assert.ok(elapsed < 5000, `returned after ${elapsed} ms (2^40 steps would take hours)`);
    });
});
