import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { callEmulator, DEMO_ACCOUNTS, defaultSeed, startEmulator } from '../index';
import type { CallOptions, CallResult, Credential, EmulatorOptions, RunningEmulator } from '../index';

type Json = Record<string, unknown>;
interface Page {
    totalCount: number;
    dataSet: Json[];
}

const [DEMO, STAGING] = DEMO_ACCOUNTS.map((a): Credential => ({ accessKeyId: a.accessKeyId, accessKeyPassword: a.accessKeyPassword }));

describe('emulator accounts', () => {
    let emu: RunningEmulator;
    let agent: Agent;

    const call = (credentials: Credential | undefined, options: CallOptions): Promise<CallResult> =>
        callEmulator(emu.url, { dispatcher: agent, credentials, ...options });
    async function ok(credentials: Credential, options: CallOptions): Promise<Json> {
        const result = await call(credentials, options);
        assert.equal(result.status, 200, result.text);
        return (result.json as { response: Json }).response;
    }
    const list = async (credentials: Credential, action: string, body: Json = {}): Promise<Page> =>
        (await ok(credentials, { action, body: { pageSize: 1000, ...body } })) as unknown as Page;
    const ids = (page: Page, key = 'imageId'): string[] => page.dataSet.map((item) => item[key] as string);

    async function restart(options: EmulatorOptions = {}): Promise<void> {
        await emu.close();
        emu = await startEmulator({ deleteDelayMs: 100, ...options });
    }

    before(async () => {
        agent = new Agent();
        emu = await startEmulator({ deleteDelayMs: 100 });
    });
    after(async () => {
        await emu.close();
        await agent.close();
    });
    afterEach(() => emu.reset());

    it('the default seed serves two accounts: demo (the first, emu.state) and staging', () => {
        assert.deepEqual(
            emu.accounts.map((a) => [a.accountId, a.accountName]),
            [
                ['demo', 'Demo'],
                ['staging', 'Staging'],
            ],
        );
        assert.equal(emu.state, emu.accounts[0]);
        assert.equal(emu.account('staging'), emu.accounts[1]);
        assert.throws(() => emu.account('production'), /no account production; accounts: demo, staging/);
        assert.deepEqual(emu.account('staging').accessKeys(), [STAGING]);
    });

    it("each key lists only its own account's custom images and instances; zones and public images are shared", async () => {
        const staging = emu.account('staging');
        assert.deepEqual(
            ids(await list(DEMO, 'DescribeCustomImages')),
            emu.state.images().map((i) => i.imageId),
        );
        assert.deepEqual(
            ids(await list(STAGING, 'DescribeCustomImages')),
            staging.images().map((i) => i.imageId),
        );
        assert.equal(staging.images().length, 6);
        assert.deepEqual(
            ids(await list(STAGING, 'DescribeInstances'), 'instanceId'),
            staging.instances().map((i) => i.instanceId),
        );
        assert.equal((await list(DEMO, 'DescribeInstances')).totalCount, 25);
        const zonesOf = async (key: Credential): Promise<unknown> => (await ok(key, { action: 'DescribeZones' })).zoneSet;
        assert.deepEqual(await zonesOf(STAGING), await zonesOf(DEMO));
        const hongKong = await list(STAGING, 'DescribeImages', { zoneId: 'asia-east-1a' });
        const publicIds = emu.state.publicImages().map((i) => i.imageId);
        assert.deepEqual(ids(hongKong), [
            ...publicIds,
            ...staging
                .images()
                .filter((i) => i.regionIdList.includes('asia-east-1'))
                .map((i) => i.imageId),
        ]);
    });

    it('an image name says nothing about the account: app-server-base has an ID in each', async () => {
        const mine = ids(await list(DEMO, 'DescribeCustomImages', { imageName: 'app-server-base' }));
        const theirs = ids(await list(STAGING, 'DescribeCustomImages', { imageName: 'app-server-base' }));
        assert.equal(mine.length, 1);
        assert.equal(theirs.length, 1);
        assert.notEqual(mine[0], theirs[0]);
    });

    it("another account's IDs match nothing in any filter", async () => {
        const demoImage = emu.state.findByName('web-frontend-2026-11')!.imageId;
        const demoInstance = emu.state.findInstanceByName('web-1')!;
        assert.equal((await list(STAGING, 'DescribeCustomImages', { imageIds: [demoImage] })).totalCount, 0);
        assert.equal((await list(STAGING, 'DescribeImages', { zoneId: 'asia-east-1a', imageIds: [demoImage] })).totalCount, 0);
        assert.equal((await list(STAGING, 'DescribeInstances', { instanceIds: [demoInstance.instanceId] })).totalCount, 0);
        assert.equal((await list(STAGING, 'DescribeInstances', { imageId: demoInstance.imageId })).totalCount, 0);
        assert.equal((await list(DEMO, 'DescribeInstances', { imageId: demoInstance.imageId })).totalCount, 2);
    });

    it("DeleteImages of another account's image reports it failed exactly as an unknown ID, and changes nothing", async () => {
        const demoImage = emu.state.findByName('web-frontend-2026-11')!.imageId;
        const stagingImage = emu.account('staging').findByName('staging-db-golden')!.imageId;
        const result = await ok(STAGING, { action: 'DeleteImages', body: { imageIds: [demoImage, 'img-0123456789abcdef', stagingImage] } });
        assert.deepEqual(result.imageIds, [demoImage, 'img-0123456789abcdef']);
        assert.equal(emu.state.getImage(demoImage)?.imageStatus, 'AVAILABLE');
        assert.equal(emu.account('staging').getImage(stagingImage)?.imageStatus, 'DELETING');
        assert.equal(emu.state.pendingDeletions, 0);
        // The account that owns it can delete it.
        assert.deepEqual((await ok(DEMO, { action: 'DeleteImages', body: { imageIds: [demoImage] } })).imageIds, []);
    });

    it("with unknownIdMode notFoundError another account's image is a 404 like an unknown one", async () => {
        await restart({ unknownIdMode: 'notFoundError' });
        const demoImage = emu.state.findByName('web-frontend-2026-11')!.imageId;
        for (const id of [demoImage, 'img-0123456789abcdef']) {
            const result = await call(STAGING, { action: 'DeleteImages', body: { imageIds: [id] } });
            assert.equal(result.status, 404, result.text);
            assert.equal((result.json as Json).code, 'INVALID_IMAGE_NOT_FOUND');
            assert.match((result.json as Json).message as string, new RegExp(id));
        }
        assert.equal(emu.state.getImage(demoImage)?.imageStatus, 'AVAILABLE');
        await restart();
    });

    it('the request log records the account and key ID of each request, never a secret or a token', async () => {
        await restart({ seed: { ...defaultSeed(), accounts: defaultSeed().accounts.map((a) => ({ ...a, tokens: [`tok-${a.accountId}-secret`] })) } });
        await ok(DEMO, { action: 'DescribeZones' });
        await ok(STAGING, { action: 'DescribeCustomImages' });
        const byToken = await callEmulator(emu.url, { dispatcher: agent, token: 'tok-staging-secret', action: 'DescribeInstances' });
        assert.equal(byToken.status, 200);
        assert.equal((byToken.json as { response: Page }).response.totalCount, emu.account('staging').instances().length);
        const refused = await call({ accessKeyId: STAGING.accessKeyId, accessKeyPassword: 'wrong' }, { action: 'DescribeZones' });
        assert.equal(refused.status, 401);
        assert.deepEqual(
            emu.requestLog.map((e) => [e.action, e.accountId, e.accessKeyId, e.authScheme]),
            [
                ['DescribeZones', 'demo', DEMO.accessKeyId, 'ZC2-HMAC-SHA256'],
                ['DescribeCustomImages', 'staging', STAGING.accessKeyId, 'ZC2-HMAC-SHA256'],
                ['DescribeInstances', 'staging', undefined, 'Bearer'],
                ['DescribeZones', undefined, undefined, undefined],
            ],
        );
        const logged = JSON.stringify(emu.requestLog);
        for (const secret of [DEMO.accessKeyPassword, STAGING.accessKeyPassword, 'tok-staging-secret', 'wrong']) {
            assert.ok(!logged.includes(secret), `the log holds ${secret}`);
        }
        await restart();
    });

    it("credentials and tokens given to startEmulator are the first account's; the other accounts keep theirs", async () => {
        const custom = { accessKeyId: 'ZLCUSTOMKEY0001', accessKeyPassword: 'custom-password' };
        await restart({ credentials: [custom], tokens: ['first-account-token'] });
        assert.equal((await call(DEMO, { action: 'DescribeZones' })).status, 401, 'the demo key no longer opens the demo account');
        assert.equal((await list(custom, 'DescribeCustomImages')).totalCount, 40);
        assert.equal((await list(STAGING, 'DescribeCustomImages')).totalCount, 6);
        const byToken = await callEmulator(emu.url, { dispatcher: agent, token: 'first-account-token', body: { pageSize: 1 } });
        assert.equal((byToken.json as { response: Page }).response.totalCount, 40);
        emu.reset();
        assert.equal((await list(custom, 'DescribeCustomImages')).totalCount, 40, 'reset keeps the configured keys');
        await assert.rejects(startEmulator({ credentials: [STAGING] }), /ZLDEMOACCESSKEY02 already belongs to account staging/);
        await assert.rejects(startEmulator({ credentials: [{ accessKeyId: 'X', accessKeyPassword: '' }] }), /non-empty/);
        await restart();
    });

    it('a seed without accounts is one account, as before', async () => {
        await restart({ seed: { zones: defaultSeed().zones, images: [{ ...defaultSeed().accounts[0].images[0] }] } });
        assert.deepEqual(
            emu.accounts.map((a) => a.accountId),
            ['default'],
        );
        assert.equal((await list(DEMO, 'DescribeCustomImages')).totalCount, 1);
        assert.equal((await call(STAGING, { action: 'DescribeZones' })).status, 401);
        await restart();
    });

    it('keys and tokens can be added and revoked per account while running', async () => {
        const staging = emu.account('staging');
        const extra = { accessKeyId: 'ZLSTAGINGKEY0003', accessKeyPassword: 'third-key-password' };
        staging.addAccessKey(extra);
        assert.equal((await list(extra, 'DescribeCustomImages')).totalCount, 6);
        assert.throws(() => emu.state.addAccessKey(extra), /already belongs to an account/);
        assert.equal(staging.removeAccessKey(STAGING.accessKeyId), true);
        const revoked = await call(STAGING, { action: 'DescribeZones' });
        assert.equal(revoked.status, 401);
        assert.equal((revoked.json as Json).code, 'AUTHFAILURE_INVALID_ACCESS_KEY');
        staging.addToken('staging-runtime-token');
        assert.throws(() => emu.state.addToken('staging-runtime-token'), /already belongs to an account/);
        const byToken = await callEmulator(emu.url, { dispatcher: agent, token: 'staging-runtime-token', body: { pageSize: 1 } });
        assert.equal((byToken.json as { response: Page }).response.totalCount, 6);
        staging.removeToken('staging-runtime-token');
        const expired = await callEmulator(emu.url, { dispatcher: agent, token: 'staging-runtime-token' });
        assert.equal((expired.json as Json).code, 'AUTHFAILURE_INVALID_TOKEN');
    });

    it('reset() brings every account back to its seed, clears the log and the faults; an account can reset alone', async () => {
        const staging = emu.account('staging');
        const stagingImage = staging.findByName('qa-windows-2022')!.imageId;
        await ok(STAGING, { action: 'DeleteImages', body: { imageIds: [stagingImage] } });
        staging.removeInstance(staging.instances()[0].instanceId);
        staging.removeAccessKey(STAGING.accessKeyId);
        emu.state.addImage({ imageName: 'added-before-reset' });
        emu.state.addInstance({ imageId: 'debian12_20240715', instanceName: 'added-before-reset' });
        emu.faults.failNext('internalError', 3);
        emu.reset();
        assert.equal(emu.requestLog.length, 0);
        assert.equal(emu.faults.pending, 0);
        assert.equal(staging.getImage(stagingImage)?.imageStatus, 'AVAILABLE');
        assert.equal(staging.pendingDeletions, 0);
        assert.equal(staging.instances().length, 4);
        assert.equal(emu.state.findByName('added-before-reset'), undefined);
        assert.equal(emu.state.findInstanceByName('added-before-reset'), undefined);
        assert.equal((await list(STAGING, 'DescribeCustomImages')).totalCount, 6);

        emu.state.removeImage(emu.state.images()[0].imageId);
        staging.removeImage(staging.images()[0].imageId);
        staging.reset();
        assert.equal(staging.images().length, 6);
        assert.equal(emu.state.images().length, 39, 'resetting staging leaves demo as it is');
    });

    it("deletions run per account: staging's image goes, the demo account is untouched", async () => {
        const staging = emu.account('staging');
        const image = staging.findByName('staging-db-golden')!.imageId;
        await ok(STAGING, { action: 'DeleteImages', body: { imageIds: [image] } });
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(staging.getImage(image), undefined);
        assert.equal((await list(STAGING, 'DescribeCustomImages')).totalCount, 5);
        assert.equal((await list(DEMO, 'DescribeCustomImages')).totalCount, 40);
    });
});
