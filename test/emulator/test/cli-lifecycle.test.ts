/** The CLI options of the image lifecycle: timings, the quota and the failure switches, parsed and working end to end. */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Agent } from 'undici';
import { callEmulator } from '../index';
import { parseArgs, USAGE } from '../cli';

const CLI = path.resolve(__dirname, '..', 'cli.js');

describe('emulator CLI: image lifecycle options', () => {
    it('parses the timings, the quota and the failure switches, and documents each in --help', () => {
        const config = parseArgs([
            '--copy-prepare-delay',
            '100',
            '--copy-transfer-delay=300',
            '--copy-parallel',
            '2',
            '--create-delay',
            '50',
            '--image-quota',
            '0',
            '--fail-copy-to',
            'na-west-1',
            '--fail-copy-to',
            'asia-east-1',
            '--fail-image-creation',
        ]);
        assert.deepEqual(
            [config.options.copyPrepareMs, config.options.copyTransferMs, config.options.copyParallel, config.options.createDelayMs, config.options.imageQuota],
            [100, 300, 2, 50, 0],
        );
        assert.deepEqual(config.failCopyTo, ['na-west-1', 'asia-east-1']);
        assert.equal(config.failImageCreation, true);
        const defaults = parseArgs([]);
        assert.deepEqual(
            [defaults.options.copyPrepareMs, defaults.options.imageQuota, defaults.failCopyTo, defaults.failImageCreation],
            [undefined, undefined, [], false],
        );
        assert.throws(() => parseArgs(['--copy-parallel', '0']), /--copy-parallel/);
        assert.throws(() => parseArgs(['--create-delay', 'soon']), /--create-delay/);
        assert.throws(() => parseArgs(['--fail-copy-to']), /needs a value/);
        assert.throws(() => parseArgs(['--fail-image-creation=yes']), /takes no value/);
        for (const flag of [
            '--copy-prepare-delay',
            '--copy-transfer-delay',
            '--copy-parallel',
            '--create-delay',
            '--image-quota',
            '--fail-copy-to',
            '--fail-image-creation',
        ]) {
            assert.ok(USAGE.includes(flag), flag);
        }
    });

    it('--fail-copy-to makes every copy to that region fail, with the timings given', async function () {
        this.timeout(15_000);
        const child = spawn(
            process.execPath,
            [CLI, '--port', '0', '--quiet', '--copy-prepare-delay', '0', '--copy-transfer-delay', '1000', '--fail-copy-to', 'na-west-1'],
            { stdio: 'pipe' },
        );
        const agent = new Agent();
        try {
            const url = await new Promise<string>((resolve, reject) => {
                let out = '';
                child.stdout.on('data', (chunk: Buffer) => {
                    out += chunk.toString();
                    const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
                    if (match) {
                        resolve(match[1]);
                    }
                });
                child.on('exit', (code) => reject(new Error(`exited ${String(code)}`)));
            });
            const call = async (action: string, body: unknown): Promise<Record<string, unknown>> =>
                ((await callEmulator(url, { dispatcher: agent, action, body })).json as { response: Record<string, unknown> }).response;
            const listed = await call('DescribeCustomImages', { imageName: 'app-server-base' });
            const imageId = (listed.dataSet as { imageId: string }[])[0].imageId;
            await call('CopyImage', { imageId, regionIdList: ['na-west-1'] });
            let status = 'SYNCING';
            let errorInfo: unknown;
            for (let waited = 0; status === 'SYNCING'; waited += 25) {
                assert.ok(waited < 5000, 'the copy did not end');
                const [entry] = (await call('DescribeImageCopyProgress', { imageId })).dataSet as { errorInfo: unknown }[];
                errorInfo = entry?.errorInfo ?? errorInfo;
                status = ((await call('DescribeCustomImages', { imageIds: [imageId] })).dataSet as { imageStatus: string }[])[0].imageStatus;
                await new Promise((resolve) => setTimeout(resolve, 25));
            }
            assert.equal(status, 'FAILED');
            assert.match(String(errorInfo), /na-west-1/);
        } finally {
            child.kill('SIGTERM');
            await agent.close();
        }
    });
});
