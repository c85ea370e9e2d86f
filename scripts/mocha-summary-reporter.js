// Mocha's spec reporter plus the results protocol (scripts/results.js): a skipped test's line is followed by why it
// was skipped; when the run ends it prints `skipped: N` with each skipped test and its reason (when tests were
// skipped) and the plain closing line `N passed, N failed` CI reads (spec itself only says "N passing"), and writes
// test-results/<suite>.json. The unit suite's reporter in .mocharc.json; the suite name is `unit` unless given:
// mocha --reporter scripts/mocha-summary-reporter.js --reporter-option suite=NAME
const Mocha = require('mocha');
const { reportMocha, resultFile, skipReason } = require('./results');

class SpecWithSummary extends Mocha.reporters.Spec {
    /** @param {Mocha.Runner} runner @param {Mocha.MochaOptions} [options] */
    constructor(runner, options) {
        super(runner, options);
        const suite = String(options?.reporterOptions?.suite ?? 'unit');
        // Registered after Spec's own handlers: the reason comes right under Spec's "- title" line, the closing
        // lines after its epilogue.
        runner.on('pending', (test) => console.log(`${'  '.repeat(test.titlePath().length + 1)}(skipped: ${skipReason(test)})`));
        reportMocha(runner, { suite, file: resultFile(suite) });
    }
}

module.exports = SpecWithSummary;
