// A skipped test says why: scripts/results.js prints the reason under the suite's counts and records it in
// test-results/<suite>.json (`skippedTests`), and the unit suite's reporter prints it under the test's line.

/**
 * Skips the running test with `reason`. Called from a hook, it skips every test of the hook's suite, each with
 * that reason.
 */
export function skipBecause(context: Mocha.Context, reason: string): never {
    const runnable = context.test;
    // In a hook, context.test is the hook: the reason goes to its suite, where the reporter looks for it.
    const holder = runnable && (runnable as { type?: string }).type === 'hook' ? runnable.parent : runnable;
    if (holder) {
        Object.assign(holder, { skipReason: reason });
    }
    return context.skip();
}
