import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Every record folder a test makes lives under one folder of this process, removed when the process exits: a run
// (hundreds of features, each with its own storage) leaves nothing behind in the system's temp folder.
let processFolder: string | undefined;

function folderOfThisProcess(): string {
    if (processFolder === undefined) {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-tests-'));
        process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
        processFolder = folder;
    }
    return processFolder;
}

/** A new empty folder, e.g. a feature's global storage; gone when the test process ends. */
export function tempFolder(prefix = 'zl-records-'): string {
    return fs.mkdtempSync(path.join(folderOfThisProcess(), prefix));
}
