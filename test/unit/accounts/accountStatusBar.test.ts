import * as assert from 'assert';
import type * as vscode from 'vscode';
import { AccountChecks } from '../../../src/accounts/model/accountChecks';
import { AccountStatusBar } from '../../../src/accounts/statusBar';
import { AccountStore } from '../../../src/shared/session/accountStore';
import type { LoadState } from '../../../src/images/model/loadState';
import { describeError, isAuthFailure } from '../../../src/platform/errorText';
import { ZenlayerApiError } from '../../../src/zenlayer';
import { EventEmitter, type MarkdownString, type ThemeColor } from '../../support/fakeVscode';
import { memoryLogger } from '../../support/imagesFeature';
import { MemoryMemento, MemorySecrets } from '../../support/memoryStorage';

class FakeStatusBarItem {
    text = '';
    shown = false;
    show(): void {
        this.shown = true;
    }
    dispose(): void {
        this.shown = false;
    }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup() {
    const store = new AccountStore(new MemorySecrets(), memoryLogger());
    await store.saveAll(
        [
            { name: 'prod', credentials: { accessKeyId: 'ZLPRODKEY0001', accessKeyPassword: 'secret' } },
            { name: 'ci', credentials: { token: 'tok-secret' } },
        ],
        'prod',
    );
    const item = new FakeStatusBarItem() as unknown as vscode.StatusBarItem;
    const changed = new EventEmitter<void>();
    const images = { onDidChange: changed.event, state: { kind: 'loading' } as LoadState, accountName: 'prod' as string | undefined };
    const checks = new AccountChecks(new MemoryMemento());
    const bar = new AccountStatusBar({
        item,
        store,
        checks,
        images,
        isAuthFailure,
        describeError,
        endpoint: () => 'https://console.zenlayer.com',
        now: () => 1000,
    });
    await settle();
    return { store, item, images, changed, checks, bar };
}

describe('AccountStatusBar', () => {
    it('shows the active account, and a tooltip with the masked key ID and the endpoint; a click switches', async () => {
        const { item } = await setup();
        assert.strictEqual(item.text, '$(cloud) Zenlayer: prod');
        assert.strictEqual(item.command, 'zenlayer.switchAccount');
        assert.ok((item as unknown as FakeStatusBarItem).shown);
        const tooltip = (item.tooltip as unknown as MarkdownString).value;
        assert.match(tooltip, /AccessKey ID ••••••••0001/);
        assert.ok(!tooltip.includes('ZLPRODKEY0001') && !tooltip.includes('secret'), 'neither the key ID nor the password in full');
        assert.match(tooltip, /https:\/\/console\\\.zenlayer\\\.com/);
        assert.strictEqual(item.backgroundColor, undefined);
    });

    it('turns to the error background while Zenlayer rejects the credentials, records the verdict, and recovers', async () => {
        const { item, images, changed, checks } = await setup();
        images.state = {
            kind: 'failed',
            error: new ZenlayerApiError('DescribeCustomImages', 401, 'AUTHFAILURE_SIGNATURE_FAILURE', 'Signature mismatch.', 'req-1'),
        };
        changed.fire();
        await settle();
        assert.strictEqual((item.backgroundColor as unknown as ThemeColor).id, 'statusBarItem.errorBackground');
        assert.match((item.tooltip as unknown as MarkdownString).value, /rejects these credentials: AUTHFAILURE\\_SIGNATURE\\_FAILURE/);
        assert.deepStrictEqual(checks.get('prod'), { ok: false, at: 1000, reason: 'AUTHFAILURE_SIGNATURE_FAILURE: Signature mismatch. (requestId req-1)' });

        images.state = { kind: 'failed', error: new Error('socket hang up') };
        changed.fire();
        await settle();
        assert.strictEqual(item.backgroundColor, undefined, 'a network failure says nothing about the credentials');

        images.state = { kind: 'loaded' };
        changed.fire();
        await settle();
        assert.deepStrictEqual(checks.get('prod'), { ok: true, at: 1000 });
    });

    it('follows a switch and a sign-out', async () => {
        const { item, store, images } = await setup();
        images.accountName = 'ci';
        await store.activate('ci');
        await settle();
        assert.strictEqual(item.text, '$(cloud) Zenlayer: ci');
        assert.match((item.tooltip as unknown as MarkdownString).value, /access token/);
        await store.clear();
        await settle();
        assert.strictEqual(item.text, '$(cloud) Zenlayer: no account');
    });
});
