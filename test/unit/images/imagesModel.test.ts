import * as assert from 'assert';
import type { ImagesApi } from '../../../src/shared/session/session';
import { FakeAccount } from '../../support/fakeAccount';
import type { ImageFilter } from '../../../src/images/model/filter';
import { ImagesModel } from '../../../src/images/model/imagesModel';
import { POLL_GIVE_UP_MS, pollDelayMs } from '../../../src/images/model/polling';
import type { DeleteFailure } from '../../../src/images/model/images';
import type { ImageNode, MessageNode, TreeNode } from '../../../src/images/model/tree';
import { FakeClock, settle } from '../../support/fakeClock';
import { image } from '../../support/fixtures';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function setup(options: { filter?: ImageFilter; account?: FakeAccount } = {}) {
    const account = options.account ?? new FakeAccount();
    const clock = new FakeClock();
    const saved: ImageFilter[] = [];
    const gaveUp: (readonly string[])[] = [];
    const logged: string[] = [];
    let changes = 0;
    const model = new ImagesModel({
        api: () => Promise.resolve(account.signedIn ? account.api : undefined),
        logger: { ...silent, info: (line: string) => logged.push(line), warn: (line: string) => logged.push(line) },
        describeError: (error) => (error instanceof Error ? error.message : String(error)),
        classify: {
            isClockSkew: (error) => error instanceof Error && error.message === 'skew',
            isAuthFailure: (error) => error instanceof Error && error.message === 'auth',
            isUnreachable: (error) => error instanceof Error && error.message === 'offline',
        },
        withProgress: (task) => task(),
        saveFilter: (filter) => {
            saved.push(filter);
            return Promise.resolve();
        },
        scheduler: clock,
        pollIntervalMs: () => 5000,
        onPollingGaveUp: (remaining) => gaveUp.push(remaining),
        initial: { groupBy: 'none', filter: options.filter ?? {} },
    });
    model.onDidChange(() => changes++);
    model.setViewVisible(true);
    return { account, clock, model, saved, gaveUp, logged, changes: () => changes };
}

/** A delete as the flow runs it: marked as sending, then answered. */
function sent(model: ImagesModel, accepted: readonly string[], failures: ReadonlyMap<string, DeleteFailure>): void {
    model.deleteStarted([...accepted, ...failures.keys()]);
    model.deleteSettled(accepted, failures);
}

const names = (model: ImagesModel): string[] => model.rootNodes().flatMap((node: TreeNode) => (node.kind === 'image' ? [node.image.name] : []));
const rows = (model: ImagesModel): string[] =>
    model.rootNodes().map((node) => (node.kind === 'message' ? `message:${node.message}` : node.kind === 'image' ? node.image.name : `group:${node.key}`));
const status = (model: ImagesModel, name: string): string | undefined =>
    model.rootNodes().find((node): node is ImageNode => node.kind === 'image' && node.image.name === name)?.image.status;

describe('ImagesModel: loading', () => {
    it('shows "loading" until the first listing, then the images sorted by name, from one call', async () => {
        const { model, account } = setup();
        assert.deepStrictEqual(rows(model), ['message:loading']);
        assert.strictEqual(model.signedIn, true, 'not known to be signed out yet: the welcome must not flash');
        assert.strictEqual(await model.refresh(), 'loaded');
        assert.deepStrictEqual(names(model), ['alpha', 'beta', 'gamma']);
        assert.strictEqual(account.listCalls.length, 1);
    });

    it('shows no rows when signed out (the welcome view takes over) and says so', async () => {
        const account = new FakeAccount();
        account.signedIn = false;
        const { model } = setup({ account });
        assert.strictEqual(await model.refresh(), 'signedOut');
        assert.deepStrictEqual(model.rootNodes(), []);
        assert.strictEqual(model.signedIn, false);
    });

    it('turns a failed listing into one row that says what to do, and keeps the error for the palette delete', async () => {
        const { model, account } = setup();
        for (const [message, kind] of [
            ['skew', 'clockSkew'],
            ['auth', 'credentialsRejected'],
            ['offline', 'unreachable'],
            ['boom', 'loadFailed'],
        ] as const) {
            account.failNextList = new Error(message);
            assert.strictEqual(await model.refresh(), 'failed');
            const [row] = model.rootNodes() as MessageNode[];
            assert.strictEqual(row.message, kind, message);
            assert.strictEqual(row.detail, message);
            assert.strictEqual((model.loadError as Error).message, message);
        }
        await model.refresh();
        assert.strictEqual(model.loadError, undefined);
    });

    it('says "no images" for an empty account and "no matches" when a filter hides everything', async () => {
        const account = new FakeAccount();
        account.images = [];
        const { model } = setup({ account });
        await model.refresh();
        assert.deepStrictEqual(rows(model), ['message:noImages']);
        account.images = [image('alpha')];
        await model.setFilter({ name: 'zzz' });
        assert.deepStrictEqual(rows(model), ['message:noMatches']);
    });

    it('a newer refresh aborts the older one, which changes nothing', async () => {
        const { model, account } = setup();
        let release: () => void = () => undefined;
        account.holdList = new Promise((resolve) => (release = resolve));
        const first = model.refresh();
        account.images = [image('newest')];
        const second = model.refresh();
        account.holdList = undefined;
        release();
        assert.deepStrictEqual(await Promise.all([first, second]), ['superseded', 'loaded']);
        assert.deepStrictEqual(names(model), ['newest']);
        await model.whenIdle();
    });

    it('sets the filter for the server, persists it, and regroups without fetching', async () => {
        const { model, account, saved } = setup();
        await model.refresh();
        await model.setFilter({ status: 'FAILED' });
        assert.deepStrictEqual(account.listCalls.at(-1), { status: 'FAILED' });
        assert.deepStrictEqual(saved, [{ status: 'FAILED' }]);
        assert.deepStrictEqual(names(model), ['gamma']);
        const calls = account.listCalls.length;
        model.setGroupBy('status');
        assert.deepStrictEqual(rows(model), ['group:FAILED']);
        assert.strictEqual(account.listCalls.length, calls, 'grouping is done on the cached list');
    });
});

describe('ImagesModel: deletes and polling', () => {
    it('marks images while the request runs, shows accepted ones as DELETING, then drops them once Zenlayer no longer lists them', async () => {
        const { model, account, clock } = setup();
        await model.refresh();
        model.deleteStarted(['img-alpha', 'img-beta']);
        assert.strictEqual(model.marks.get('img-alpha')?.phase, 'sending');
        sent(model, ['img-alpha', 'img-beta'], new Map());
        assert.strictEqual(status(model, 'alpha'), 'DELETING', 'accepted reads as DELETING at once');
        assert.deepStrictEqual(model.pollingIds, ['img-alpha', 'img-beta']);

        account.setStatus('img-alpha', 'DELETING');
        account.setStatus('img-beta', 'DELETING');
        await clock.advance(4999);
        assert.strictEqual(account.describeCalls.length, 0);
        await clock.advance(1);
        assert.deepStrictEqual(account.describeCalls, [['img-alpha', 'img-beta']]);
        account.remove('img-alpha');
        await clock.advance(pollDelayMs(1, 5000));
        assert.deepStrictEqual(names(model), ['beta', 'gamma']);
        account.remove('img-beta');
        await clock.advance(pollDelayMs(2, 5000));
        assert.deepStrictEqual(names(model), ['gamma']);
        assert.deepStrictEqual(model.pollingIds, []);
        assert.strictEqual(clock.pending, 0, 'no timer left once everything is gone');
    });

    it('does not call the API while the view is hidden, and checks as soon as it is shown again', async () => {
        const { model, account, clock } = setup();
        await model.refresh();
        model.setViewVisible(false);
        sent(model, ['img-alpha'], new Map());
        await clock.advance(60_000);
        assert.strictEqual(account.describeCalls.length, 0);
        model.setViewVisible(true);
        await settle();
        assert.strictEqual(account.describeCalls.length, 1);
    });

    it('gives up after 10 minutes and says which images are still there', async () => {
        const { model, account, clock, gaveUp } = setup();
        await model.refresh();
        account.setStatus('img-alpha', 'DELETING');
        sent(model, ['img-alpha'], new Map());
        await clock.advance(POLL_GIVE_UP_MS + 60_000);
        assert.deepStrictEqual(gaveUp, [['img-alpha']]);
        assert.deepStrictEqual(model.pollingIds, []);
        assert.strictEqual(clock.pending, 0);
    });

    it('restarts at the short interval when another delete is accepted, and checks both', async () => {
        const { model, account, clock } = setup();
        await model.refresh();
        account.setStatus('img-alpha', 'DELETING');
        account.setStatus('img-beta', 'DELETING');
        sent(model, ['img-alpha'], new Map());
        await clock.advance(5000 + 7500);
        sent(model, ['img-beta'], new Map());
        await clock.advance(5000);
        assert.deepStrictEqual(account.describeCalls, [['img-alpha'], ['img-alpha'], ['img-alpha', 'img-beta']]);
    });

    it('keeps polling after a failed check', async () => {
        const { model, account, clock, logged } = setup();
        await model.refresh();
        account.failNextDescribe = new Error('network');
        sent(model, ['img-alpha'], new Map());
        account.remove('img-alpha');
        await clock.advance(5000 + 7500);
        assert.strictEqual(account.describeCalls.length, 2);
        assert.ok(logged.some((line) => line.includes('Checking deleted images failed: network')));
        assert.deepStrictEqual(names(model), ['beta', 'gamma']);
    });

    it('a full listing that no longer shows an accepted image settles it; a status-filtered one does not', async () => {
        const { model, account, clock } = setup();
        await model.refresh();
        sent(model, ['img-alpha', 'img-beta'], new Map());
        account.setStatus('img-beta', 'DELETING');
        await model.setFilter({ status: 'AVAILABLE' });
        assert.deepStrictEqual(model.pollingIds, ['img-alpha', 'img-beta'], 'a status filter hides DELETING images, so nothing is known');
        account.remove('img-alpha');
        await model.setFilter({});
        assert.deepStrictEqual(model.pollingIds, ['img-beta']);
        await clock.advance(5000);
        assert.deepStrictEqual(account.describeCalls, [['img-beta']]);
    });

    it('an image Zenlayer puts back to AVAILABLE or FAILED is marked failed with that status and no longer watched', async () => {
        const { model, account, clock, gaveUp } = setup();
        await model.refresh();
        sent(model, ['img-alpha', 'img-beta'], new Map());
        account.setStatus('img-beta', 'DELETING');
        await clock.advance(5000);
        assert.deepStrictEqual(model.marks.get('img-alpha'), { phase: 'failed', failure: { kind: 'reverted', status: 'AVAILABLE' } });
        assert.strictEqual(status(model, 'alpha'), 'AVAILABLE');
        assert.deepStrictEqual(model.pollingIds, ['img-beta']);
        await clock.advance(POLL_GIVE_UP_MS + 60_000);
        assert.deepStrictEqual(gaveUp, [['img-beta']], 'only the image still DELETING is given up on');
    });

    it('refused images stay marked until the next refresh', async () => {
        const { model } = setup();
        await model.refresh();
        sent(model, [], new Map([['img-beta', { kind: 'refused', reason: { kind: 'unknown' } }]]));
        assert.strictEqual(model.marks.get('img-beta')?.phase, 'failed');
        await model.refresh();
        assert.strictEqual(model.marks.get('img-beta'), undefined);
    });

    it('after an account change shows nothing of the previous account and ignores a poll answer about it', async () => {
        const { model, account, clock } = setup();
        await model.refresh();
        account.setStatus('img-alpha', 'DELETING');
        sent(model, ['img-alpha'], new Map());
        const other = new FakeAccount();
        other.images = [image('other-account')];
        let release: () => void = () => undefined;
        // The first account's poll answers only after the switch.
        const describe = account.api.describeImagesByIds.bind(account.api);
        (account.api as { describeImagesByIds: ImagesApi['describeImagesByIds'] }).describeImagesByIds = async (ids) => {
            await new Promise<void>((resolve) => (release = resolve));
            return describe(ids);
        };
        await clock.advance(5000);
        account.images = other.images;
        const switched = model.accountChanged('staging');
        assert.deepStrictEqual(rows(model), ['message:loading'], 'no row of the previous account while the new one loads');
        await switched;
        release();
        await settle();
        assert.deepStrictEqual(names(model), ['other-account']);
        assert.deepStrictEqual(model.pollingIds, []);
        assert.strictEqual(model.marks.size, 0);
    });

    it('a delete that answers after an account switch marks nothing and polls nothing in the new account', async () => {
        const { model } = setup();
        await model.refresh();
        model.deleteStarted(['img-alpha']);
        await model.accountChanged('staging');
        model.deleteSettled(['img-alpha'], new Map([['img-beta', { kind: 'refused', reason: { kind: 'unknown' } }]]));
        assert.strictEqual(model.marks.size, 0);
        assert.deepStrictEqual(model.pollingIds, []);
        assert.strictEqual(model.accountName, 'staging');
    });

    it('a rename keeps the images and tells the view the new name', async () => {
        const { model, account } = setup();
        await model.accountChanged('default');
        let changes = 0;
        model.onDidChange(() => changes++);
        const calls = account.listCalls.length;
        model.accountRenamed('production');
        assert.strictEqual(model.accountName, 'production');
        assert.strictEqual(changes, 1);
        assert.strictEqual(account.listCalls.length, calls, 'a rename lists nothing again');
        assert.deepStrictEqual(names(model), ['alpha', 'beta', 'gamma']);
    });

    it('knows whether someone is signed in only once the first load has read the credentials (the view says "Loading…" until then)', async () => {
        const account = new FakeAccount();
        account.signedIn = false;
        const { model } = setup({ account });
        assert.strictEqual(model.knowsSignIn, false);
        let changes = 0;
        model.onDidChange(() => changes++);
        await model.refresh();
        assert.strictEqual(model.knowsSignIn, true);
        assert.strictEqual(model.signedIn, false);
        assert.ok(changes > 0, 'the view hears of it');
    });
});
