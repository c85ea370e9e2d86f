import * as assert from 'assert';
import { CLEANUP_SETTINGS, type CleanupSettingKey, type InspectedSetting, resolveCleanupRules } from '../../../../src/images/cleanup/model/rules';

const PACKAGE_DEFAULTS: Record<CleanupSettingKey, unknown> = {
    [CLEANUP_SETTINGS.keepNewest]: 2,
    [CLEANUP_SETTINGS.minAgeDays]: 7,
    [CLEANUP_SETTINGS.unusedForDays]: 0,
    [CLEANUP_SETTINGS.families]: [],
};

/** Settings as inspect() shows them: one object per scope (the window, then each folder), defaults from package.json. */
function rulesFrom(scopes: Partial<Record<CleanupSettingKey, Omit<InspectedSetting, 'defaultValue'>>>[]) {
    return resolveCleanupRules((key) => scopes.map((scope) => ({ defaultValue: PACKAGE_DEFAULTS[key], ...scope[key] })));
}

describe('cleanup rules from the settings', () => {
    it('defaults to keeping the newest 2 of each family and images first seen less than 7 days ago', () => {
        const { rules, problems } = rulesFrom([{}]);
        assert.deepStrictEqual([rules.keepNewest, rules.minAgeDays, rules.unusedForDays, rules.familyOverrides], [2, 7, 0, []]);
        assert.deepStrictEqual(problems, []);
    });

    it('lets the user loosen or tighten a rule in their own settings', () => {
        const { rules } = rulesFrom([
            { 'cleanup.keepNewest': { globalValue: 1 }, 'cleanup.minAgeDays': { globalValue: 0 }, 'cleanup.unusedForDays': { globalValue: 30 } },
        ]);
        assert.deepStrictEqual([rules.keepNewest, rules.minAgeDays, rules.unusedForDays], [1, 0, 30]);
    });

    it('lets a workspace only make a rule stricter: its value counts only where it keeps more', () => {
        const looser = rulesFrom([{ 'cleanup.keepNewest': { globalValue: 3, workspaceValue: 1 }, 'cleanup.minAgeDays': { workspaceValue: 0 } }]).rules;
        assert.deepStrictEqual([looser.keepNewest, looser.minAgeDays], [3, 7]);
        const stricter = rulesFrom([{ 'cleanup.keepNewest': { globalValue: 3, workspaceValue: 5 }, 'cleanup.unusedForDays': { workspaceValue: 14 } }]).rules;
        assert.deepStrictEqual([stricter.keepNewest, stricter.unusedForDays], [5, 14]);
    });

    it('takes the strictest value of every workspace folder', () => {
        const { rules } = rulesFrom([
            {},
            { 'cleanup.minAgeDays': { workspaceFolderValue: 10 } },
            { 'cleanup.minAgeDays': { workspaceFolderValue: 21 } },
            { 'cleanup.minAgeDays': { workspaceFolderValue: 1 } },
        ]);
        assert.strictEqual(rules.minAgeDays, 21);
    });

    it('counts an unusable value as the default and reports it with its level', () => {
        const { rules, problems } = rulesFrom([
            {
                'cleanup.keepNewest': { globalValue: -1 },
                'cleanup.minAgeDays': { globalValue: 0, workspaceValue: 'lots' },
                'cleanup.unusedForDays': { globalValue: 2.5 },
            },
        ]);
        assert.deepStrictEqual(
            [rules.keepNewest, rules.minAgeDays, rules.unusedForDays],
            [2, 7, 0],
            'an unreadable workspace value never loosens: it counts as the default',
        );
        assert.deepStrictEqual(
            problems.map((problem) => [problem.key, problem.level, problem.value, problem.problem]),
            [
                ['cleanup.keepNewest', 'global', -1, 'notAWholeNumberInRange'],
                ['cleanup.minAgeDays', 'workspace', 'lots', 'notAWholeNumberInRange'],
                ['cleanup.unusedForDays', 'global', 2.5, 'notAWholeNumberInRange'],
            ],
        );
    });

    it('joins the family overrides of every level, the most specific first, and reports bad entries once', () => {
        const user = { pattern: 'db-*-golden', family: 'db-golden' };
        const workspace = { pattern: 'db-primary-*', family: 'db-primary' };
        const folder = { pattern: 'edge-*', family: 'edge' };
        const { rules, problems } = rulesFrom([
            { 'cleanup.families': { globalValue: [user, 'db-*'], workspaceValue: [workspace] } },
            { 'cleanup.families': { globalValue: [user, 'db-*'], workspaceValue: [workspace], workspaceFolderValue: [folder] } },
        ]);
        assert.deepStrictEqual(
            rules.familyOverrides.map((override) => [override.level, override.pattern, override.family]),
            [
                ['workspaceFolder', 'edge-*', 'edge'],
                ['workspace', 'db-primary-*', 'db-primary'],
                ['global', 'db-*-golden', 'db-golden'],
            ],
        );
        assert.deepStrictEqual(problems, [{ key: 'cleanup.families', level: 'global', value: 'db-*', problem: 'notAnObject' }]);
    });

    it('reports a family setting that is not a list', () => {
        const { rules, problems } = rulesFrom([{ 'cleanup.families': { workspaceValue: { 'db-*': 'db' } } }]);
        assert.deepStrictEqual(rules.familyOverrides, []);
        assert.deepStrictEqual(
            problems.map((problem) => problem.problem),
            ['notAList'],
        );
    });
});
