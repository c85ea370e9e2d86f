// Mocha's spec reporter plus the results protocol (scripts/results.js): when the run ends it prints `skipped: N`
// (when tests were skipped) and the plain closing line `N passed, N failed` CI reads (spec itself only says
// "N passing"), and writes test-results/<suite>.json. The unit suite's reporter in .mocharc.json; the suite name
// is `unit` unless given: mocha --reporter scripts/mocha-summary-reporter.js --reporter-option suite=NAME
const Mocha = require('mocha');
const { reportMocha, resultFile } = require('./results');

class SpecWithSummary extends Mocha.reporters.Spec {
    /** @param {Mocha.Runner} runner @param {Mocha.MochaOptions} [options] */
    constructor(runner, options) {
        super(runner, options);
        const suite = String(options?.reporterOptions?.suite ?? 'unit');
        // Registered after Spec's own end handler, so the lines come after its epilogue.
        reportMocha(runner, { suite, file: resultFile(suite) });
    }
}

module.exports = SpecWithSummary;
