import type { Logger } from '../../platform/logger';
import type { SettingsService } from '../../shared/settings/settingsService';
import { type CleanupRules, type CleanupSettingProblem, resolveCleanupRules } from './model/rules';

function problemText(problem: CleanupSettingProblem): string {
    const what =
        problem.problem === 'notAWholeNumberInRange'
            ? 'not a whole number in range'
            : problem.problem === 'notAList'
              ? 'not a list'
              : problem.problem === 'tooMany'
                ? 'too many entries'
                : `entry ${problem.problem}`;
    return `Ignoring zenlayer.${problem.key} = ${JSON.stringify(problem.value)} (${problem.level} settings: ${what}); using the default.`;
}

/**
 * zenlayer.cleanup.* read through the settings service, every level of the window and of each folder; a workspace can
 * only make the rules stricter (resolveCleanupRules). Read once per settings change; an unusable value is logged once.
 */
export class CleanupRulesReader {
    private current: CleanupRules;
    private logged = new Set<string>();

    constructor(
        private readonly settings: Pick<SettingsService, 'inspectEverywhere'>,
        private readonly logger: Pick<Logger, 'warn'>,
    ) {
        this.current = this.read();
    }

    get rules(): CleanupRules {
        return this.current;
    }

    reread(): void {
        this.current = this.read();
    }

    private read(): CleanupRules {
        const { rules, problems } = resolveCleanupRules((key) => this.settings.inspectEverywhere(key));
        const seen = new Set<string>();
        for (const problem of problems) {
            const text = problemText(problem);
            seen.add(text);
            if (!this.logged.has(text)) {
                this.logger.warn(text);
            }
        }
        this.logged = seen;
        return rules;
    }
}
