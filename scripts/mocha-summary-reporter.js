// Mocha's spec reporter plus one plain closing line `N passed, N failed`, the form CI reads (spec itself only
// says "N passing"), preceded by `skipped: N` when tests were skipped (kept out of the closing line).
// Use: mocha --reporter scripts/mocha-summary-reporter.js
const Mocha = require('mocha');

class SpecWithSummary extends Mocha.reporters.Spec {
    /** @param {Mocha.Runner} runner @param {Mocha.MochaOptions} [options] */
    constructor(runner, options) {
        super(runner, options);
        // Registered after Spec's own end handler, so the line comes after its epilogue.
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const s = runner.stats || { passes: 0, failures: 0, pending: 0 };
            if (s.pending) {
                console.log(`skipped: ${s.pending}`);
            }
            console.log(`${s.passes} passed, ${s.failures} failed`);
        });
    }
}

module.exports = SpecWithSummary;
