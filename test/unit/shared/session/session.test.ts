import * as assert from 'assert';
import type { AccountStore } from '../../../../src/shared/session/accountStore';
import { readSettings } from '../../../../src/shared/settings/settings';
import { ProxyConfigError } from '../../../../src/platform/proxy';
import { type ImagesApi, Session } from '../../../../src/shared/session/session';
import type { ZenlayerCredentials } from '../../../../src/zenlayer';

const credentials: ZenlayerCredentials = { accessKeyId: 'AK-TEST-0001', accessKeyPassword: 'pw' };
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A stand-in client: deleteImages waits until the test releases it; close() is recorded. */
function fakeApi(log: string[], name: string): ImagesApi & { release: () => void } {
    let release: () => void = () => undefined;
    return {
        listCustomImages: () => Promise.resolve([]),
        listInstances: () => Promise.resolve([]),
        describeImagesByIds: () => Promise.resolve([]),
        describeZones: () => Promise.resolve([]),
        copyImage: () => Promise.resolve({ requestId: undefined }),
        describeImageCopyProgress: () => Promise.resolve([]),
        deleteImageCopy: () => Promise.resolve({ requestId: undefined }),
        renameImage: () => Promise.resolve({ requestId: undefined }),
        createImage: () => Promise.resolve({ imageId: 'img-new', imageName: 'new', requestId: undefined }),
        deleteImages: (ids) =>
            new Promise((resolve) => {
                release = () => resolve({ succeeded: [...ids], failed: [] } as unknown as Awaited<ReturnType<ImagesApi['deleteImages']>>);
            }),
        close: () => {
            log.push(`close ${name}`);
            return Promise.resolve();
        },
        release: () => release(),
    };
}

function session(options: { get: () => Promise<ZenlayerCredentials | undefined>; createDispatcher?: () => undefined; log?: string[] }) {
    const log = options.log ?? [];
    const built: ReturnType<typeof fakeApi>[] = [];
    const store: Pick<AccountStore, 'activeCredentials'> = { activeCredentials: options.get };
    const instance = new Session({
        store,
        logger: silent,
        settings: () => readSettings(() => undefined).settings,
        createDispatcher: options.createDispatcher ?? (() => undefined),
        createApi: () => {
            const api = fakeApi(log, `client${built.length + 1}`);
            built.push(api);
            return api;
        },
    });
    return { session: instance, built, log };
}

describe('Session', () => {
    it('does not keep a failed build: the next api() tries again (keyring locked, then unlocked)', async () => {
        let locked = true;
        const { session: s } = session({ get: () => (locked ? Promise.reject(new Error('keyring locked')) : Promise.resolve(credentials)) });
        await assert.rejects(s.api(), /keyring locked/);
        locked = false;
        assert.ok(await s.api(), 'a client once the keyring answers');
        await s.dispose();
    });

    it('reports a proxy setting it cannot use as a rejection of api(), and recovers once it is fixed', async () => {
        let broken = true;
        const { session: s } = session({
            get: () => Promise.resolve(credentials),
            createDispatcher: () => {
                if (broken) {
                    throw new ProxyConfigError('http.proxy', 'socks5://proxy.corp:1080');
                }
                return undefined;
            },
        });
        await assert.rejects(s.api(), ProxyConfigError);
        broken = false;
        assert.ok(await s.api());
        await s.dispose();
    });

    it('closes an invalidated client only after the calls running on it have finished', async () => {
        const { session: s, built, log } = session({ get: () => Promise.resolve(credentials) });
        const api = await s.api();
        assert.ok(api);
        const deleting = api.deleteImages(['img-1']);
        s.invalidate();
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepStrictEqual(log, [], 'not closed while the delete is still sending');
        const next = await s.api();
        assert.notStrictEqual(next, api, 'new work gets a new client');
        built[0].release();
        await deleting;
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepStrictEqual(log, ['close client1'], 'closed once the delete finished');
        await s.dispose();
        assert.deepStrictEqual(log, ['close client1', 'close client2']);
    });

    it('closes an idle invalidated client at once', async () => {
        const { session: s, log } = session({ get: () => Promise.resolve(credentials) });
        await s.api();
        s.invalidate();
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepStrictEqual(log, ['close client1']);
        await s.dispose();
        assert.deepStrictEqual(log, ['close client1'], 'closed once');
    });
});
