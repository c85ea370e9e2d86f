import { type ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';

export function collectingLogger(): { lines: string[]; info(line: string): void; warn(line: string): void } {
    const lines: string[] = [];
    return { lines, info: (line) => lines.push(`info: ${line}`), warn: (line) => lines.push(`warn: ${line}`) };
}

function exited(child: ChildProcess): Promise<void> {
    return new Promise((resolve, reject) => {
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}: ${stderr}`))));
    });
}

/**
 * Forks one writer process per label (concurrentWriter.ts), waits until all are ready, starts them together, and
 * resolves when all have exited cleanly. `whileRunning` runs in this process meanwhile.
 */
export async function runWriters(
    mode: string,
    folder: string,
    labels: readonly string[],
    count: number,
    whileRunning?: (done: () => boolean) => Promise<void>,
): Promise<void> {
    const script = path.join(__dirname, 'concurrentWriter.js');
    const children = labels.map((label) => fork(script, [mode, folder, label, String(count)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }));
    const exits = children.map(exited);
    await Promise.all(children.map((child) => new Promise<void>((resolve) => child.once('message', () => resolve()))));
    children.forEach((child) => child.send('go'));
    let finished = false;
    const all = Promise.all(exits).finally(() => (finished = true));
    await Promise.all([all, whileRunning?.(() => finished)]);
}
