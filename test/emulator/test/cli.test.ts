import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Agent } from 'undici';
import { callEmulator, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, DEMO_ACCOUNTS, defaultSeed, generateSeed, parseSeed } from '../index';
import type { Credential } from '../index';
import { parseArgs, UsageError } from '../cli';

const [DEMO, STAGING] = DEMO_ACCOUNTS.map((a): Credential => ({ accessKeyId: a.accessKeyId, accessKeyPassword: a.accessKeyPassword }));
const DEMO_LINE = `demo credentials (demo): access key ID ${DEMO.accessKeyId}, access key password ${DEMO.accessKeyPassword}`;
const STAGING_LINE = `demo credentials (staging): access key ID ${STAGING.accessKeyId}, access key password ${STAGING.accessKeyPassword}`;

/** The lines printed before (and including) the listening line. */
function startupLines(output: string): string[] {
    const lines = output.split('\n');
    return lines.slice(0, lines.findIndex((line) => line.startsWith('listening on ')) + 1);
}

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

/** Start the CLI, run `use`, then stop it with `signal`; resolves with its exit code. */
async function withCli(args: string[], use: (cli: Started) => Promise<void>, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const cli = await startCli(args);
    try {
        await use(cli);
    } finally {
        cli.child.kill(signal);
    }
    return cli.exit;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
    for (let waited = 0; !condition(); waited += 20) {
        assert.ok(waited < 5000, `timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
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

    it('starts with --port 0, prints one credentials line per demo account and the listening line, serves both accounts, exits 0 on SIGTERM', async () => {
        assert.equal(
            await withCli(['--port', '0'], async (cli) => {
                const lines = startupLines(cli.output());
                assert.deepEqual(
                    [DEMO.accessKeyId, DEMO.accessKeyPassword],
                    [DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD],
                    'the first demo account keeps the old exports',
                );
                assert.deepEqual(lines.slice(0, 2), [DEMO_LINE, STAGING_LINE]);
                assert.match(
                    lines[2],
                    /^serving POST http:\/\/127\.0\.0\.1:\d+\/api\/v2\/zec \(version 2025-09-01\): account demo \(40 custom images, 25 instances\), account staging \(6 custom images, 4 instances\); 5 public images, 10 zones$/,
                );
                assert.equal(lines[3], `listening on ${cli.url}`);
                assert.equal(lines.length, 4);
                const result = await callEmulator(cli.url, { dispatcher: agent, action: 'DescribeZones' });
                assert.equal(result.status, 200, result.text);
                assert.ok((result.json as { response: { zoneSet: unknown[] } }).response.zoneSet.length > 0);
                const staging = await callEmulator(cli.url, { dispatcher: agent, credentials: STAGING, body: { pageSize: 1 } });
                assert.equal((staging.json as { response: { totalCount: number } }).response.totalCount, 6);
                await waitFor(() => /DescribeCustomImages 200 account=staging T[0-9A-F-]{36}$/m.test(cli.output()), 'the request line of the staging call');
                assert.ok(!startupLines(cli.output()).join('').includes('undefined'));
                assert.ok(!cli.output().split('\n').slice(4).join('\n').includes(STAGING.accessKeyPassword), 'request lines never show a secret');
            }),
            0,
        );
    });

    it("--key-id/--key-secret replace the first account's key: its line goes, the other account keeps its key and line", async () => {
        const key = { accessKeyId: 'ZLCLIKEY02', accessKeyPassword: 'cli-secret-password-2' };
        await withCli(['--port', '0', '--key-id', key.accessKeyId, '--key-secret', key.accessKeyPassword, '--quiet'], async (cli) => {
            const lines = startupLines(cli.output());
            assert.deepEqual(lines[0], STAGING_LINE);
            assert.ok(!cli.output().includes(DEMO.accessKeyPassword) && !cli.output().includes(key.accessKeyPassword));
            const custom = await callEmulator(cli.url, { dispatcher: agent, credentials: key, body: { pageSize: 1 } });
            assert.equal((custom.json as { response: { totalCount: number } }).response.totalCount, 40, 'the key opens the demo account');
            assert.equal((await callEmulator(cli.url, { dispatcher: agent, credentials: DEMO })).status, 401);
            assert.equal((await callEmulator(cli.url, { dispatcher: agent, credentials: STAGING })).status, 200);
        });
    });

    it('--images N --instances M serves one generated account of that size', async () => {
        await withCli(['--port', '0', '--images', '300', '--instances', '200', '--quiet'], async (cli) => {
            assert.deepEqual(startupLines(cli.output())[0], DEMO_LINE);
            assert.match(cli.output(), /: account demo \(300 custom images, 200 instances\); /);
            const instances = await callEmulator(cli.url, { dispatcher: agent, action: 'DescribeInstances', body: { pageSize: 1 } });
            assert.equal((instances.json as { response: { totalCount: number } }).response.totalCount, 200);
            assert.equal((await callEmulator(cli.url, { dispatcher: agent, credentials: STAGING })).status, 401, 'no staging account');
        });
    });

    it('--print-seed prints the seed that would be served, as JSON that --seed accepts', async () => {
        const printed = await runCli(['--print-seed']);
        assert.equal(printed.code, 0);
        assert.deepEqual(parseSeed(JSON.parse(printed.stdout)), defaultSeed());
        const generated = await runCli(['--print-seed', '--images', '12', '--instances', '5']);
        assert.deepEqual(JSON.parse(generated.stdout), generateSeed(12, { instances: 5 }));
    });

    it('uses --key-id/--key-secret, --token, --images and --fail-every, and closes on SIGINT', async () => {
        const key = { accessKeyId: 'ZLCLIKEY01', accessKeyPassword: 'cli-secret-password' };
        assert.equal(
            await withCli(
                [
                    '--port=0',
                    '--key-id',
                    key.accessKeyId,
                    '--key-secret',
                    key.accessKeyPassword,
                    '--token',
                    'cli-token',
                    '--images',
                    '120',
                    '--fail-every',
                    '3',
                    '--quiet',
                ],
                async (cli) => {
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
                },
                'SIGINT',
            ),
            0,
        );
    });

    it('loads --seed FILE', async () => {
        const file = path.join(tmp, 'seed.json');
        writeFileSync(
            file,
            JSON.stringify({
                zones: [{ zoneId: 'test-1a', regionId: 'test-1' }],
                images: [{ imageId: 'img-from-file', imageName: 'from-file', regionIdList: ['test-1'] }],
            }),
        );
        await withCli(['--port', '0', '--seed', file, '--quiet'], async (cli) => {
            const result = await callEmulator(cli.url, { dispatcher: agent });
            assert.equal(result.status, 200);
            const response = (result.json as { response: { totalCount: number; dataSet: { imageId: string }[] } }).response;
            assert.equal(response.totalCount, 1);
            assert.equal(response.dataSet[0].imageId, 'img-from-file');
        });
    });

    it('loads a --seed FILE with accounts and prints a credentials line per seeded key', async () => {
        const file = path.join(tmp, 'accounts.json');
        writeFileSync(
            file,
            JSON.stringify({
                zones: [{ zoneId: 'test-1a', regionId: 'test-1' }],
                images: [],
                accounts: [
                    {
                        accountId: 'prod',
                        accessKeys: [{ accessKeyId: 'ZLPRODKEY', accessKeyPassword: 'prod-pw' }],
                        images: [{ imageId: 'img-prod', imageName: 'p', regionIdList: ['test-1'] }],
                        instances: [{ instanceId: 'ins-prod', zoneId: 'test-1a', imageId: 'img-prod' }],
                    },
                    {
                        accountId: 'lab',
                        accessKeys: [
                            { accessKeyId: 'ZLLABKEY1', accessKeyPassword: 'lab-pw-1' },
                            { accessKeyId: 'ZLLABKEY2', accessKeyPassword: 'lab-pw-2' },
                        ],
                    },
                ],
            }),
        );
        await withCli(['--port', '0', '--seed', file, '--quiet'], async (cli) => {
            assert.deepEqual(startupLines(cli.output()).slice(0, 3), [
                'demo credentials (prod): access key ID ZLPRODKEY, access key password prod-pw',
                'demo credentials (lab): access key ID ZLLABKEY1, access key password lab-pw-1',
                'demo credentials (lab): access key ID ZLLABKEY2, access key password lab-pw-2',
            ]);
            const deleted = await callEmulator(cli.url, {
                dispatcher: agent,
                credentials: { accessKeyId: 'ZLPRODKEY', accessKeyPassword: 'prod-pw' },
                action: 'DeleteImages',
                body: { imageIds: ['img-prod'] },
            });
            assert.deepEqual((deleted.json as { response: { imageIds: string[] } }).response.imageIds, ['img-prod'], 'in use by ins-prod');
            const lab = await callEmulator(cli.url, { dispatcher: agent, credentials: { accessKeyId: 'ZLLABKEY2', accessKeyPassword: 'lab-pw-2' }, body: {} });
            assert.equal((lab.json as { response: { totalCount: number } }).response.totalCount, 0);
        });
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
        assert.throws(
            () => parseArgs(['--key-id', 'A']),
            (e: Error) => e instanceof UsageError && /together/.test(e.message),
        );
        assert.throws(() => parseArgs(['--images', '5', '--seed', 'x.json']), /cannot be combined/);
        assert.throws(() => parseArgs(['--instances', '5']), /--instances needs --images/);
        assert.throws(() => parseArgs(['--images', '5', '--instances', 'many']), /--instances must be an integer/);
        assert.equal(parseArgs(['--images', '10', '--instances', '3']).options.seed?.accounts?.[0].instances.length, 3);
        assert.equal(parseArgs(['--images', '10']).options.seed?.accounts?.[0].instances.length, 5);
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
        assert.equal(parseArgs(['--key-id', 'K', '--key-secret', 'S']).demoCredentials, false);
        assert.equal(parseArgs([]).options.port, 8787);
    });
});
