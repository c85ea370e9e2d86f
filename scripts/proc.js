// The one process helper of the scripts (test orchestrator, demo, e2e runner, code-server driver, set-up):
// spawn with output split into lines, stop a whole process group, find a program on PATH.
// Node built-ins only: `npm test` and `npm start` use it before `npm ci` has run.
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');

/**
 * @typedef {object} Exit
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {Error} [error]  the spawn itself failed (ENOENT, EACCES)
 */

/**
 * @typedef {object} SpawnLinesOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]   the whole environment (default: this process's)
 * @property {boolean} [detached]        own process group, so stopGroup() reaches every descendant
 * @property {(line: string, stream: 'stdout' | 'stderr') => void} [onLine]  each complete line, without its newline
 */

/**
 * Spawns `cmd` with stdin ignored and stdout/stderr piped, and hands every line to `onLine` (a last line
 * without a newline too). `exited` resolves once the process has ended and all of its lines were delivered;
 * it never rejects (a failed spawn resolves with `error`).
 * @param {string} cmd @param {readonly string[]} args @param {SpawnLinesOptions} [opts]
 * @returns {{ child: import('child_process').ChildProcessWithoutNullStreams, exited: Promise<Exit> }}
 */
function spawnLines(cmd, args, opts = {}) {
    const child = /** @type {import('child_process').ChildProcessWithoutNullStreams} */ (
        cp.spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: !!opts.detached, stdio: ['ignore', 'pipe', 'pipe'] })
    );
    const onLine = opts.onLine;
    for (const stream of /** @type {const} */ (['stdout', 'stderr'])) {
        const lines = readline.createInterface({ input: child[stream], crlfDelay: Infinity });
        if (onLine) {
            lines.on('line', (line) => onLine(line, stream));
        }
    }
    const exited = new Promise((resolve) => {
        // 'close' comes after both streams ended, so after their last 'line'; a failed spawn may emit only 'error'.
        child.once('error', (error) => resolve({ code: null, signal: null, error }));
        child.once('close', (code, signal) => resolve({ code, signal }));
    });
    return { child, exited: /** @type {Promise<Exit>} */ (exited) };
}

/**
 * Relays a child's lines to this process's stdout/stderr, optionally prefixed.
 * @param {string} [prefix] @returns {(line: string, stream: 'stdout' | 'stderr') => void}
 */
function relayLines(prefix = '') {
    return (line, stream) => process[stream].write(`${prefix}${line}\n`);
}

/**
 * An exit as one number: the code, or 128 + the signal's number when a signal ended it, or 1 for a failed spawn.
 * @param {Exit} exit @returns {number}
 */
function exitCode(exit) {
    if (exit.code !== null) {
        return exit.code;
    }
    const signo = exit.signal ? os.constants.signals[exit.signal] : undefined;
    return signo ? 128 + signo : 1;
}

/**
 * Sends `signal` to the process group whose leader is `pid` (spawned with `detached`). Synchronous, so it also
 * works from an 'exit' handler. @param {number | undefined} pid @param {NodeJS.Signals} signal
 * @returns {boolean} whether any process of the group was there to get it
 */
function signalGroup(pid, signal) {
    if (pid === undefined) {
        return false;
    }
    try {
        process.kill(-pid, signal);
        return true;
    } catch {
        return false;
    }
}

/** @type {WeakMap<import('child_process').ChildProcess, Promise<void>>} */
const stopping = new WeakMap();

/**
 * Stops a detached child's whole process group: SIGTERM, then SIGKILL for anything left after `graceMs`
 * (or at once when the leader has already gone: its children would be orphaned). Resolves once the leader
 * has exited and the group was swept, so the caller can remove what the group was writing. Idempotent.
 * @param {import('child_process').ChildProcess} child @param {{ graceMs?: number }} [opts]
 * @returns {Promise<void>}
 */
function stopGroup(child, opts = {}) {
    const known = stopping.get(child);
    if (known) {
        return known;
    }
    const graceMs = opts.graceMs ?? 3000;
    const pid = child.pid;
    // Descendants may outlive their leader by a moment: sweep the group, then give them that moment. (Not
    // unref'd: a caller awaiting the stop with nothing else pending must not see node exit first.)
    const sweep = (/** @type {() => void} */ resolve) => {
        signalGroup(pid, 'SIGKILL');
        setTimeout(resolve, 100);
    };
    const done = new Promise((resolve) => {
        if (pid === undefined) {
            resolve(undefined);
            return;
        }
        if (child.exitCode !== null || child.signalCode !== null) {
            sweep(() => resolve(undefined));
            return;
        }
        signalGroup(pid, 'SIGTERM');
        // unref: the child itself keeps node alive until it exits; this timer alone must not.
        const force = setTimeout(() => sweep(() => resolve(undefined)), graceMs);
        force.unref();
        child.once('exit', () => {
            clearTimeout(force);
            sweep(() => resolve(undefined));
        });
    });
    const promise = /** @type {Promise<void>} */ (done);
    stopping.set(child, promise);
    return promise;
}

/**
 * The first executable file called `name` on PATH (with Windows' .cmd/.exe), or undefined.
 * @param {string} name @returns {string | undefined}
 */
function which(name) {
    for (const dir of (process.env.PATH || '').split(path.delimiter)) {
        if (!dir) {
            continue;
        }
        for (const ext of process.platform === 'win32' ? ['.cmd', '.exe', ''] : ['']) {
            const file = path.join(dir, name + ext);
            try {
                fs.accessSync(file, fs.constants.X_OK);
                if (fs.statSync(file).isFile()) {
                    return file;
                }
            } catch {
                // keep looking
            }
        }
    }
    return undefined;
}

module.exports = { spawnLines, relayLines, exitCode, signalGroup, stopGroup, which };
