// Several accounts in a real VS Code against the emulator's two demo accounts: add, import every zeno CLI profile,
// switch (the tree, the view, the status bar and the poller follow), rename, remove, sign out of all, the migration
// of version 0.1's single credential set, and the status bar turning to error when Zenlayer rejects the active key.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { ACCOUNTS_SECRET_KEY, LEGACY_CREDENTIALS_SECRET_KEY } from '../../src/constants';
import { pollDelayMs } from '../../src/images/model/polling';
import { accountFilePath } from '../../src/shared/records/accountFiles';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, DEMO_ACCOUNTS, type RunningEmulator } from '../emulator';
import {
    deleteRequests,
    expectNoRequestUntil,
    findImage,
    imageNodes,
    isPollOf,
    pollIntervalMs,
    ScriptedUi,
    useSignedInExtension,
    waitFor,
} from './extension-support';

const STAGING = DEMO_ACCOUNTS[1];

describe('extension: accounts', () => {
    // Deleted images stay DELETING for 15 s: a switch happens while the first account's deletes are still followed.
    const fixture = useSignedInExtension({ deleteDelayMs: 15_000 });
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(() => ({ emulator, api, ui } = fixture.current));

    // Back to the fixture's one account "default": sign out of all; the next beforeEach signs in again.
    afterEach(async () => {
        emulator.faults.reset();
        if (
            !emulator
                .account('staging')
                .accessKeys()
                .some((key) => key.accessKeyId === STAGING.accessKeyId)
        ) {
            emulator.account('staging').addAccessKey({ accessKeyId: STAGING.accessKeyId, accessKeyPassword: STAGING.accessKeyPassword });
        }
        api.setUi(new ScriptedUi().clickNext((call) => (call.buttons.includes('Sign Out') ? 'Sign Out' : undefined)));
        await vscode.commands.executeCommand('zenlayer.signOut');
        await waitFor(() => !api.signedIn(), 'signed out of every account');
    });

    function stagingNames(): string[] {
        return emulator
            .account('staging')
            .customImages()
            .map((image) => image.imageName)
            .sort();
    }

    function treeNames(): string[] {
        return imageNodes(api)
            .map((node) => node.image.name)
            .sort();
    }

    async function addStaging(): Promise<void> {
        ui.typeNext('staging')
            .pickNext((labels) => labels.filter((label) => label.includes('AccessKey ID')))
            .typeNext(STAGING.accessKeyId)
            .typeNext(STAGING.accessKeyPassword);
        await vscode.commands.executeCommand('zenlayer.addAccount');
        await waitFor(() => api.viewTitle() === 'Images · staging' && treeNames().join() === stagingNames().join(), 'the tree to show the staging account');
        await api.whenIdle();
    }

    async function switchTo(name: string): Promise<void> {
        ui.pickNext((labels) => labels.filter((label) => label.endsWith(` ${name}`)));
        await vscode.commands.executeCommand('zenlayer.switchAccount');
        await waitFor(() => api.viewTitle() === `Images · ${name}` && api.signedIn() && imageNodes(api).length > 0, `the view to show ${name}`);
        await api.whenIdle();
    }

    it('Add Account checks the key, switches to the new account: its images, its name in the view and the status bar', async () => {
        assert.strictEqual(api.statusBar().text, '$(cloud) Zenlayer: default');
        await addStaging();
        assert.deepStrictEqual(treeNames(), stagingNames());
        assert.ok(!treeNames().includes('web-frontend-2026-09'), 'nothing of the demo account');
        assert.ok(
            emulator.requestLog.some((entry) => entry.action === 'DescribeZones' && entry.accessKeyId === STAGING.accessKeyId && entry.status === 200),
            'checked first',
        );
        const bar = api.statusBar();
        assert.strictEqual(bar.text, '$(cloud) Zenlayer: staging');
        assert.match(bar.tooltip, /AccessKey ID ••••••••EY02/);
        assert.ok(!bar.tooltip.includes(STAGING.accessKeyId), 'the key ID is masked');
        assert.ok(bar.tooltip.replace(/\\/g, '').includes(emulator.url), bar.tooltip);
        assert.strictEqual(bar.background, undefined);
    });

    it("a switch shows the other account at once and forgets the first account's deletions: nothing is polled with its key", async () => {
        await addStaging();
        await switchTo('default');
        const node = findImage(api, 'monitoring-stack');
        ui.clickNext('Delete');
        await vscode.commands.executeCommand('zenlayer.deleteImage', node, [node]);
        assert.deepStrictEqual(api.pollingIds(), [node.image.id]);

        // The image stays DELETING for 15 s: the poller checks it with the first account's key until the switch.
        await waitFor(
            () => emulator.requestLog.some((entry) => isPollOf(entry, node.image.id) && entry.accessKeyId === DEMO_ACCESS_KEY_ID),
            'the first poll of the deleted image',
        );

        await switchTo('staging');
        assert.deepStrictEqual(treeNames(), stagingNames());
        assert.deepStrictEqual(api.pollingIds(), [], 'the poller forgot the first account');
        // Had it kept the image, its next check would come pollDelayMs(n) after its last one (n checks so far, backing
        // off from the fixture's interval); one interval more allows for a late timer. Watched until then: no call at all
        // with the first account's key, and no check of its image with any key.
        const polls = emulator.requestLog.filter((entry) => isPollOf(entry, node.image.id));
        const interval = pollIntervalMs();
        const nextCheckDue = (polls.at(-1)?.time ?? 0) + pollDelayMs(polls.length, interval) + interval;
        emulator.clearRequestLog();
        await expectNoRequestUntil(
            emulator,
            (entry) => entry.accessKeyId === DEMO_ACCESS_KEY_ID || isPollOf(entry, node.image.id),
            nextCheckDue,
            'a call for the first account after the switch',
        );
        assert.ok(!ui.messages('info').some((message) => message.message.startsWith('Deleted')), 'no "Deleted" for the other account');
    });

    it("a delete running while the account switches sends every remaining chunk with the first account's key", async () => {
        for (let index = 0; index < 230; index++) {
            emulator.state.addImage({ imageName: `switch-chunk-${String(index).padStart(3, '0')}` });
        }
        await addStaging();
        await switchTo('default');
        emulator.faults.setLatency(700);
        ui.pickNext((labels) => labels.filter((label) => label.startsWith('switch-chunk-')))
            .clickNext('Delete')
            .typeNext('230');
        // While "Deleting 230 images…" shows, the person switches to staging.
        ui.duringProgress = () => {
            ui.duringProgress = undefined;
            ui.pickNext((labels) => labels.filter((label) => label.endsWith(' staging')));
            void vscode.commands.executeCommand('zenlayer.switchAccount');
        };
        await vscode.commands.executeCommand('zenlayer.deleteImages');
        const deletes = emulator.requestLog.filter((entry) => entry.action === 'DeleteImages');
        assert.deepStrictEqual(
            deleteRequests(emulator).map((ids) => ids.length),
            [100, 100, 30],
        );
        assert.deepStrictEqual([...new Set(deletes.map((entry) => entry.accessKeyId))], [DEMO_ACCESS_KEY_ID]);
        // The switch landed while the delete ran: the staging listing reached the emulator before the last chunk.
        const log = emulator.requestLog;
        const firstChunk = log.indexOf(deletes[0]);
        const stagingListed = log.findIndex(
            (entry, index) => index > firstChunk && entry.action === 'DescribeCustomImages' && entry.accessKeyId === STAGING.accessKeyId,
        );
        assert.ok(stagingListed !== -1 && stagingListed < log.indexOf(deletes[deletes.length - 1]), 'the switch happened during the delete');
        await waitFor(() => api.viewTitle() === 'Images · staging', 'the switch to land');
        await api.whenIdle();
        assert.deepStrictEqual(treeNames(), stagingNames(), 'the staging account lost nothing');
        assert.deepStrictEqual(api.pollingIds(), [], "the first account's accepted images are not polled in the second");
    });

    it('Import Accounts from the zeno CLI adds every profile Zenlayer accepts, and lists the rejected one with its reason', async () => {
        const home = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-home-'));
        const originalHome = process.env.HOME;
        fs.mkdirSync(path.join(home, '.zenlayer'));
        fs.writeFileSync(
            path.join(home, '.zenlayer', 'credentials.json'),
            JSON.stringify({
                default: { access_key_id: DEMO_ACCESS_KEY_ID, access_key_secret: DEMO_ACCESS_KEY_PASSWORD },
                staging: { access_key_id: STAGING.accessKeyId, access_key_secret: STAGING.accessKeyPassword },
                revoked: { access_key_id: 'ZLREVOKEDKEY01', access_key_secret: 'nope' },
            }),
        );
        fs.writeFileSync(path.join(home, '.zenlayer', 'config.json'), JSON.stringify({ current_profile: 'staging' }));
        process.env.HOME = home;
        try {
            await vscode.commands.executeCommand('zenlayer.importCliAccounts');
        } finally {
            process.env.HOME = originalHome;
            fs.rmSync(home, { recursive: true, force: true });
        }
        const [warning] = ui.messages('warning');
        assert.ok(warning, JSON.stringify(ui.calls));
        assert.match(
            warning.message,
            /^Imported 1 account\(s\) from the zeno CLI: staging\. Already added: default\. Not imported: revoked \(AUTHFAILURE_INVALID_ACCESS_KEY/,
        );
        assert.strictEqual(api.viewTitle(), 'Images · default', 'the account shown stays the one that was active');
        ui.pickNext(() => undefined);
        await vscode.commands.executeCommand('zenlayer.switchAccount');
        const [pick] = ui.of('pick');
        assert.deepStrictEqual(pick.labels.slice(0, 2), ['$(check) default', '$(account) staging']);
        assert.ok(!pick.labels.some((label) => label.includes('revoked')));
    });

    it('Rename keeps the account shown without listing again; Remove asks, and keeps everything on Cancel', async () => {
        // What the extension observed of each account's images: moved by a rename, forgotten by a remove.
        const observed = (account: string) => fs.existsSync(accountFilePath(path.join(api.storage().folders[0].fsPath, 'observations'), account));
        await addStaging();
        await waitFor(() => observed('default') && observed('staging'), "both accounts' observation records");
        emulator.clearRequestLog();
        ui.pickNext(() => ['staging']).typeNext('staging-eu');
        await vscode.commands.executeCommand('zenlayer.renameAccount');
        await waitFor(() => api.viewTitle() === 'Images · staging-eu', 'the view to show the new name');
        assert.strictEqual(api.statusBar().text, '$(cloud) Zenlayer: staging-eu');
        assert.strictEqual(emulator.requestLog.filter((entry) => entry.action === 'DescribeCustomImages').length, 0, 'a rename lists nothing again');
        assert.ok(observed('staging-eu') && !observed('staging'), 'the record moved with the rename');

        ui.pickNext(() => ['default']);
        await vscode.commands.executeCommand('zenlayer.removeAccount');
        assert.strictEqual(ui.messages('warning').at(-1)?.modal, true);
        ui.pickNext(() => ['default']).clickNext('Remove');
        await vscode.commands.executeCommand('zenlayer.removeAccount');
        assert.strictEqual(api.viewTitle(), 'Images · staging-eu', 'removing another account changes nothing shown');
        assert.ok(!observed('default'), "the removed account's observation record is forgotten");
        ui.pickNext(() => undefined);
        await vscode.commands.executeCommand('zenlayer.switchAccount');
        assert.deepStrictEqual(ui.of('pick').at(-1)?.labels.slice(0, 1), ['$(check) staging-eu']);
        assert.ok(
            !ui
                .of('pick')
                .at(-1)
                ?.labels.some((label) => label.endsWith(' default')),
        );
    });

    it('Sign Out of All Accounts asks when there are several, then the view signs out and the status bar says so', async () => {
        await addStaging();
        await vscode.commands.executeCommand('zenlayer.signOut');
        assert.strictEqual(ui.messages('warning').at(-1)?.message, 'Sign out of all 2 Zenlayer accounts?');
        assert.ok(api.signedIn(), 'dismissed: still signed in');
        ui.clickNext('Sign Out');
        await vscode.commands.executeCommand('zenlayer.signOut');
        await waitFor(() => !api.signedIn(), 'signed out');
        assert.strictEqual(api.statusBar().text, '$(cloud) Zenlayer: no account');
        assert.strictEqual(api.viewTitle(), 'Images');
    });

    it('on activation, moves the single credential set of version 0.1 to the account "default": the view shows it, the old key is gone', async () => {
        ui.clickNext('Sign Out');
        await vscode.commands.executeCommand('zenlayer.signOut');
        await waitFor(() => !api.signedIn(), 'signed out');
        // What version 0.1 left in SecretStorage, then the extension starts as it does after an update.
        await api.secrets.store(
            LEGACY_CREDENTIALS_SECRET_KEY,
            JSON.stringify({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeyPassword: DEMO_ACCESS_KEY_PASSWORD }),
        );
        emulator.clearRequestLog();
        await api.reactivate();
        await waitFor(() => api.signedIn() && api.viewTitle() === 'Images · default' && imageNodes(api).length > 0, 'the view to show the migrated account');
        assert.ok(
            emulator.requestLog.some((entry) => entry.action === 'DescribeCustomImages' && entry.accessKeyId === DEMO_ACCESS_KEY_ID),
            'listed with the migrated key',
        );
        assert.strictEqual(await api.secrets.get(LEGACY_CREDENTIALS_SECRET_KEY), undefined, 'the old key is gone');
        assert.ok((await api.secrets.get(ACCOUNTS_SECRET_KEY))?.includes(DEMO_ACCESS_KEY_ID), 'the account is stored under the new key');
        assert.strictEqual(api.statusBar().text, '$(cloud) Zenlayer: default');
    });

    it("turns the status bar item to the error background when Zenlayer rejects the active account's key", async () => {
        await addStaging();
        emulator.account('staging').removeAccessKey(STAGING.accessKeyId);
        await vscode.commands.executeCommand('zenlayer.refresh');
        await api.whenIdle();
        const bar = api.statusBar();
        assert.strictEqual(bar.background, 'statusBarItem.errorBackground');
        assert.match(bar.tooltip, /rejects these credentials: AUTHFAILURE\\_INVALID\\_ACCESS\\_KEY/);
        await switchTo('default');
        assert.strictEqual(api.statusBar().background, undefined, 'the other account is fine');
    });
});
