// Mocha bootstrap run inside the VS Code extension host (the `--extensionTestsPath` contract): loads every
// compiled integration suite, reports through the results protocol (scripts/results.js: the closing lines
// and the JSON result file) and resolves/rejects on the result.
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import Mocha from 'mocha';

/** The part of scripts/results.js this bootstrap uses (loaded from the repository at run time). */
interface ResultsLib {
    resultFile(suite: string): string;
    reportMocha(runner: Mocha.Runner, options: { suite: string; file: string }): void;
}

/** out/test/integration → the repository (the extension under development). */
const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Every `*.test.js` under `dir`, sorted so the run order is stable. */
function findTests(dir: string): string[] {
    const found: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            found.push(...findTests(full));
        } else if (entry.isFile() && entry.name.endsWith('.test.js')) {
            found.push(full);
        }
    }
    return found.sort();
}

/** Logged once mocha has finished; scripts/vscode/cs-test-runner.js treats an exit without it (or the result file) as a crash. */
const COMPLETE_MARKER = 'ZENLAYER_TESTS_COMPLETE';

export function run(): Promise<void> {
    const results = createRequire(__filename)(path.join(ROOT, 'scripts', 'results.js')) as ResultsLib;
    // ZL_TESTS_RESULT_FILE: where the runner that started VS Code looks (scripts/vscode/run-integration.js sets the known file).
    const resultFile = process.env.ZL_TESTS_RESULT_FILE || results.resultFile('vscode');
    // forbidOnly: a stray `.only` would silently skip the rest of the suite, so it fails the run instead.
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, forbidOnly: true });
    const grep = process.env.ZL_INTEGRATION_GREP;
    if (grep) {
        mocha.grep(grep);
    }
    for (const file of findTests(__dirname)) {
        mocha.addFile(file);
    }
    return new Promise((resolve, reject) => {
        try {
            const runner = mocha.run((failures) => {
                const passed = runner.stats?.passes ?? 0;
                // Proof that the run got this far: the code-server runner treats an exit without it as a crash
                // (its workbench reports exit 0 when the extension host dies mid-run).
                console.log(`${COMPLETE_MARKER} passed=${passed} failed=${failures}`);
                if (failures > 0) {
                    reject(new Error(`${failures} integration test(s) failed`));
                } else if (passed === 0) {
                    reject(new Error('no integration test ran'));
                } else {
                    resolve();
                }
            });
            // Prints the closing lines and writes the result file at the run's end, before the callback above.
            results.reportMocha(runner, { suite: 'vscode', file: resultFile });
        } catch (err) {
            console.error(err);
            reject(err instanceof Error ? err : new Error(String(err)));
        }
    });
}
