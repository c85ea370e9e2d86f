import { type FamilyOverride, type FamilyOverrideProblem, MAX_FAMILY_OVERRIDES, parseFamilyOverrides } from '../../../shared/images/family';

/**
 * The cleanup rules from every settings level. As with protected images, a workspace (whose settings come with a
 * repository someone else wrote) can only make them stricter: the user's value (or the default) is the floor, and a
 * workspace or folder value counts only where it keeps more. An unusable value counts as the default.
 */

/** Keys under the `zenlayer` section. */
export const CLEANUP_SETTINGS = {
    keepNewest: 'cleanup.keepNewest',
    minAgeDays: 'cleanup.minAgeDays',
    unusedForDays: 'cleanup.unusedForDays',
    families: 'cleanup.families',
} as const;
export type CleanupSettingKey = (typeof CLEANUP_SETTINGS)[keyof typeof CLEANUP_SETTINGS];

/** Whole numbers within these bounds; anything else is a problem and counts as the default. */
export const CLEANUP_RULE_RANGES = {
    keepNewest: { min: 0, max: 100, default: 2 },
    minAgeDays: { min: 0, max: 3650, default: 7 },
    unusedForDays: { min: 0, max: 3650, default: 0 },
} as const;

export type SettingLevel = 'default' | 'global' | 'workspace' | 'workspaceFolder';

/** What `WorkspaceConfiguration.inspect()` returns, as far as the rules need it. */
export interface InspectedSetting {
    readonly defaultValue?: unknown;
    readonly globalValue?: unknown;
    readonly workspaceValue?: unknown;
    readonly workspaceFolderValue?: unknown;
}

export interface LeveledFamilyOverride extends FamilyOverride {
    readonly level: SettingLevel;
}

export interface CleanupRules {
    /** Keep this many of the newest AVAILABLE images of each family. */
    readonly keepNewest: number;
    /** Keep images first seen less than this many days ago. */
    readonly minAgeDays: number;
    /** 0: unused now is enough; otherwise keep images seen in use less than this many days ago. */
    readonly unusedForDays: number;
    /** Every level's entries of `zenlayer.cleanup.families`, the most specific level first. */
    readonly familyOverrides: readonly LeveledFamilyOverride[];
}

export type CleanupSettingProblemKind = 'notAWholeNumberInRange' | 'notAList' | FamilyOverrideProblem;

export interface CleanupSettingProblem {
    readonly key: CleanupSettingKey;
    readonly level: SettingLevel;
    readonly value: unknown;
    readonly problem: CleanupSettingProblemKind;
}

export const DEFAULT_CLEANUP_RULES: CleanupRules = {
    keepNewest: CLEANUP_RULE_RANGES.keepNewest.default,
    minAgeDays: CLEANUP_RULE_RANGES.minAgeDays.default,
    unusedForDays: CLEANUP_RULE_RANGES.unusedForDays.default,
    familyOverrides: [],
};

/** The most specific level first: the order in which family overrides are tried. */
const LEVELS_BY_SPECIFICITY: readonly SettingLevel[] = ['workspaceFolder', 'workspace', 'global', 'default'];

function levelValue(inspected: InspectedSetting, level: SettingLevel): unknown {
    switch (level) {
        case 'default':
            return inspected.defaultValue;
        case 'global':
            return inspected.globalValue;
        case 'workspace':
            return inspected.workspaceValue;
        case 'workspaceFolder':
            return inspected.workspaceFolderValue;
    }
}

/**
 * The rules in effect. `inspect` returns the setting's inspect() for each scope that applies: the window's, and one per
 * workspace folder (folder values differ per folder; every folder's count).
 */
export function resolveCleanupRules(inspect: (key: CleanupSettingKey) => readonly (InspectedSetting | undefined)[]): {
    rules: CleanupRules;
    problems: CleanupSettingProblem[];
} {
    const problems: CleanupSettingProblem[] = [];
    const reported = new Set<string>();
    const report = (problem: CleanupSettingProblem) => {
        const key = `${problem.key}|${problem.level}|${JSON.stringify(problem.value)}|${problem.problem}`;
        if (!reported.has(key)) {
            reported.add(key);
            problems.push(problem);
        }
    };

    function strictest(name: keyof typeof CLEANUP_RULE_RANGES): number {
        const key = CLEANUP_SETTINGS[name];
        const range = CLEANUP_RULE_RANGES[name];
        const valid = (value: unknown, level: SettingLevel): number => {
            if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) {
                return value;
            }
            report({ key, level, value, problem: 'notAWholeNumberInRange' });
            return range.default;
        };
        let result: number | undefined;
        for (const inspected of inspect(key)) {
            if (!inspected) {
                continue;
            }
            // The user's value, else the default, is the floor; a workspace or folder may only raise it.
            const floor =
                inspected.globalValue !== undefined
                    ? valid(inspected.globalValue, 'global')
                    : inspected.defaultValue !== undefined
                      ? valid(inspected.defaultValue, 'default')
                      : range.default;
            let value = floor;
            for (const level of ['workspace', 'workspaceFolder'] as const) {
                const raised = levelValue(inspected, level);
                if (raised !== undefined) {
                    value = Math.max(value, valid(raised, level));
                }
            }
            result = Math.max(result ?? value, value);
        }
        return result ?? range.default;
    }

    function familyOverrides(): LeveledFamilyOverride[] {
        const key = CLEANUP_SETTINGS.families;
        const scopes = inspect(key).filter((inspected): inspected is InspectedSetting => inspected !== undefined);
        const overrides: LeveledFamilyOverride[] = [];
        const seen = new Set<string>();
        for (const level of LEVELS_BY_SPECIFICITY) {
            for (const inspected of scopes) {
                const value = levelValue(inspected, level);
                if (value === undefined) {
                    continue;
                }
                if (!Array.isArray(value)) {
                    report({ key, level, value, problem: 'notAList' });
                    continue;
                }
                const { overrides: parsed, invalid } = parseFamilyOverrides(value as unknown[]);
                invalid.forEach((entry) => report({ key, level, value: entry.entry, problem: entry.problem }));
                for (const override of parsed) {
                    const identity = `${level}|${override.pattern}|${override.family}`;
                    if (seen.has(identity)) {
                        continue;
                    }
                    seen.add(identity);
                    if (overrides.length >= MAX_FAMILY_OVERRIDES) {
                        report({ key, level, value: { pattern: override.pattern, family: override.family }, problem: 'tooMany' });
                        continue;
                    }
                    overrides.push({ ...override, level });
                }
            }
        }
        return overrides;
    }

    const rules: CleanupRules = {
        keepNewest: strictest('keepNewest'),
        minAgeDays: strictest('minAgeDays'),
        unusedForDays: strictest('unusedForDays'),
        familyOverrides: familyOverrides(),
    };
    return { rules, problems };
}

/** Overrides of the user's own settings (and the default): the grouping a workspace's overrides may not loosen. */
export function userFamilyOverrides(rules: CleanupRules): readonly LeveledFamilyOverride[] {
    return rules.familyOverrides.filter((override) => override.level === 'global' || override.level === 'default');
}
