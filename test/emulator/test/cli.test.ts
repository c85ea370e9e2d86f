import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Agent } from 'undici';
import { callEmulator, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD } from '../index';
import { parseArgs, UsageError } from '../cli';

const CLI = path.resolve(__dirname, '..', 'cli.js');

interface Started {
    child: ChildProcessWithoutNullStreams;
    url: string;
    output: () => string;
    exit: Promise<number | null>;
}

/** Spawn the CLI and wait for its `listening on …` line. */
function startCli(args: string[]): Promise<Started> {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`no listening line within 10 s; stdout: ${stdout}; stderr: ${stderr}`));
        }, 10_000);
        child.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
        });
        child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
            if (match) {
                clearTimeout(timer);
                resolve({ child, url: match[1], output: () => stdout, exit });
            }
        });
        void exit.then((code) => {
            clearTimeout(timer);
            reject(new Error(`exited with ${String(code)} before listening; stderr: ${stderr}`));
        });
    });
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
        });
        child.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
        });
        child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
}

describe('emulator CLI', () => {
    let agent: Agent;
    let tmp: string;

    before(() => {
        agent = new Agent();
        tmp = mkdtempSync(path.join(tmpdir(), 'zl-emulator-'));
    });
    after(async () => {
        await agent.close();
        rmSync(tmp, { recursive: true, force: true });
    });

    it('starts with --port 0, prints the listening line and the demo credentials, serves, and exits 0 on SIGTERM', async () => {
        const cli = await startCli(['--port', '0']);
        try {
            assert.ok(cli.output().includes(DEMO_ACCESS_KEY_ID));
            assert.ok(cli.output().includes(DEMO_ACCESS_KEY_PASSWORD));
            const result = await callEmulator(cli.url, { dispatcher: agent, action: 'DescribeZones' });
            assert.equal(result.status, 200, result.text);
            assert.ok(((result.json as { response: { zoneSet: unknown[] } }).response.zoneSet).length > 0);
        } finally {
            cli.child.kill('SIGTERM');
        }
        assert.equal(await cli.exit, 0);
    });

    it('uses --key-id/--key-secret, --token, --images and --fail-every, and closes on SIGINT', async () => {
        const key = { accessKeyId: 'ZLCLIKEY01', accessKeyPassword: 'cli-secret-password' };
        const cli = await startCli(['--port=0', '--key-id', key.accessKeyId, '--key-secret', key.accessKeyPassword, '--token', 'cli-token', '--images', '120', '--fail-every', '3', '--quiet']);
        try {
            assert.ok(!cli.output().includes(DEMO_ACCESS_KEY_PASSWORD));
            assert.ok(!cli.output().includes(key.accessKeyPassword));
            const first = await callEmulator(cli.url, { dispatcher: agent, credentials: key, body: { pageSize: 1 } });
            assert.equal(first.status, 200, first.text);
            assert.equal((first.json as { response: { totalCount: number } }).response.totalCount, 120);
            const demo = await callEmulator(cli.url, { dispatcher: agent });
            assert.equal(demo.status, 401, 'the demo key is not accepted when a key is given');
            const third = await callEmulator(cli.url, { dispatcher: agent, token: 'cli-token' });
            assert.equal(third.status, 429, 'every third request is rate limited');
            const fourth = await callEmulator(cli.url, { dispatcher: agent, token: 'cli-token' });
            assert.equal(fourth.status, 200);
        } finally {
            cli.child.kill('SIGINT');
        }
        assert.equal(await cli.exit, 0);
    });

    it('loads --seed FILE', async () => {
        const file = path.join(tmp, 'seed.json');
        writeFileSync(file, JSON.stringify({
            zones: [{ zoneId: 'test-1a', regionId: 'test-1' }],
            images: [{ imageId: 'img-from-file', imageName: 'from-file', regionIdList: ['test-1'] }],
        }));
        const cli = await startCli(['--port', '0', '--seed', file, '--quiet']);
        try {
            const result = await callEmulator(cli.url, { dispatcher: agent });
            assert.equal(result.status, 200);
            const response = (result.json as { response: { totalCount: number; dataSet: { imageId: string }[] } }).response;
            assert.equal(response.totalCount, 1);
            assert.equal(response.dataSet[0].imageId, 'img-from-file');
        } finally {
            cli.child.kill('SIGTERM');
        }
        await cli.exit;
    });

    it('rejects a bad argument with a clear message and exit code 2', async () => {
        const unknown = await runCli(['--bogus']);
        assert.equal(unknown.code, 2);
        assert.match(unknown.stderr, /unknown argument "--bogus"/);
        const badPort = await runCli(['--port', 'eighty']);
        assert.equal(badPort.code, 2);
        assert.match(badPort.stderr, /--port must be an integer/);
        assert.equal(badPort.stdout, '');
    });

    it('exits 2 for a missing seed file and for an invalid seed', async () => {
        const missing = await runCli(['--port', '0', '--seed', path.join(tmp, 'nope.json')]);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /--seed/);
        const bad = path.join(tmp, 'bad.json');
        writeFileSync(bad, JSON.stringify({ zones: [], images: [{ imageId: 'x', imageName: 'y', osType: 'dos' }] }));
        const invalid = await runCli(['--port', '0', '--seed', bad]);
        assert.equal(invalid.code, 2);
        assert.match(invalid.stderr, /images\[0\]\.osType/);
    });

    it('parseArgs: pairs, conflicts and values', () => {
        assert.throws(() => parseArgs(['--key-id', 'A']), (e: Error) => e instanceof UsageError && /together/.test(e.message));
        assert.throws(() => parseArgs(['--images', '5', '--seed', 'x.json']), /cannot be combined/);
        assert.throws(() => parseArgs(['--port', '70000']), /--port/);
        assert.throws(() => parseArgs(['--latency']), /needs a value/);
        assert.throws(() => parseArgs(['--fail-every', '0']), /--fail-every/);
        assert.throws(() => parseArgs(['--clock-skew-code', 'expired']), /--clock-skew-code/);
        assert.equal(parseArgs(['--clock-skew-code', 'AUTHFAILURE_TIMESTAMP_EXPIRED']).options.clockSkewCode, 'AUTHFAILURE_TIMESTAMP_EXPIRED');
        assert.equal(parseArgs([]).options.clockSkewCode, undefined);
        assert.equal(parseArgs(['--max-image-ids', '0']).options.maxImageIdsPerCall, 0);
        assert.throws(() => parseArgs(['--retry-after', '2']), /needs --fail-every/);
        assert.equal(parseArgs(['--fail-every', '3', '--retry-after', '2']).retryAfterSeconds, 2);
        assert.equal(parseArgs(['--fail-every', '3']).retryAfterSeconds, undefined);
        assert.equal(parseArgs(['--max-image-ids=250']).options.maxImageIdsPerCall, 250);
        assert.throws(() => parseArgs(['--max-image-ids', '-1']), /--max-image-ids/);
        const config = parseArgs(['--port', '8787', '--latency', '20', '--delete-delay', '500', '--fail-every', '4']);
        assert.equal(config.options.port, 8787);
        assert.equal(config.options.latencyMs, 20);
        assert.equal(config.options.deleteDelayMs, 500);
        assert.equal(config.failEvery, 4);
        assert.equal(config.demoCredentials, true);
        assert.equal(parseArgs([]).options.port, 8787);
    });
});
