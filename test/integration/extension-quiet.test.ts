// Issue 18, quiet at rest, in a real VS Code: a window starting with stored credentials, and a switch of account while
// the images view is hidden, list nothing at Zenlayer; showing the view lists the account then. Also prints how long activate() took in this window.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZenlayerImagesTestApi } from '../../src/dev/testApi';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCOUNTS, type LoggedRequest, type RunningEmulator } from '../emulator';
import { expectNoRequestUntil, imageNodes, ScriptedUi, useSignedInExtension, waitFor } from './extension-support';

const STAGING = DEMO_ACCOUNTS[1];
/** The figure: a hidden view makes no request for at least this long (after start-up or a switch); any request fails at once. */
const QUIET_MS = 10_000;

describe('extension: quiet at rest', () => {
    const fixture = useSignedInExtension();
    let emulator: RunningEmulator;
    let api: ZenlayerImagesTestApi;
    let ui: ScriptedUi;
    beforeEach(() => ({ emulator, api, ui } = fixture.current));

    afterEach(async () => {
        api.setUi(new ScriptedUi().clickNext((call) => (call.buttons.includes('Sign Out') ? 'Sign Out' : undefined)));
        await vscode.commands.executeCommand('zenlayer.signOut');
        await waitFor(() => !api.signedIn(), 'signed out of every account');
    });

    const isListing = (entry: LoggedRequest) => entry.action === 'DescribeCustomImages' || entry.action === 'DescribeInstances';
    const listings = () => emulator.requestLog.filter(isListing);

    it('prints the time activate() took in this window', () => {
        assert.ok(api.activationMs >= 0 && api.activationMs < 10_000, String(api.activationMs));
        console.log(`      activate() took ${api.activationMs.toFixed(1)} ms (measured by the extension around its own activate)`);
    });

    it('a window that starts with stored credentials and never shows the view sends no request at all', async function () {
        this.timeout(QUIET_MS + 30_000);
        await vscode.commands.executeCommand('workbench.view.explorer');
        emulator.clearRequestLog();
        // A new activation with the credentials already in SecretStorage is what a new window does at start-up.
        await api.reactivate();
        await waitFor(() => api.statusBar().text === '$(cloud) Zenlayer: default', 'the status bar to show the stored account');
        await expectNoRequestUntil(emulator, () => true, Date.now() + QUIET_MS, 'no request of any kind while nobody looks at images');

        await vscode.commands.executeCommand('zenlayer.images.focus');
        await waitFor(() => imageNodes(api).length > 0, 'the account to be listed once the view shows');
        assert.deepStrictEqual([...new Set(listings().map((entry) => entry.action))].sort(), ['DescribeCustomImages', 'DescribeInstances']);
    });

    it('a switch while the view is hidden lists nothing until the view is shown again', async function () {
        this.timeout(QUIET_MS + 30_000);
        ui.typeNext('staging')
            .pickNext((labels) => labels.filter((label) => label.includes('AccessKey ID')))
            .typeNext(STAGING.accessKeyId)
            .typeNext(STAGING.accessKeyPassword);
        await vscode.commands.executeCommand('zenlayer.addAccount');
        await waitFor(() => api.viewTitle() === 'Images · staging' && imageNodes(api).length > 0, 'the staging account to show');
        await api.whenIdle();

        await vscode.commands.executeCommand('workbench.view.explorer');
        emulator.clearRequestLog();
        ui.pickNext((labels) => labels.filter((label) => label.endsWith(' default')));
        await vscode.commands.executeCommand('zenlayer.switchAccount');
        await waitFor(() => api.viewTitle() === 'Images · default', 'the switch to reach the (hidden) view');
        await expectNoRequestUntil(emulator, isListing, Date.now() + QUIET_MS, 'no listing while the view is hidden');
        assert.deepStrictEqual(imageNodes(api), [], 'nothing of the staging account stays');
        assert.strictEqual(api.statusBar().text, '$(cloud) Zenlayer: default', 'the status bar follows from SecretStorage alone');

        await vscode.commands.executeCommand('zenlayer.images.focus');
        await waitFor(() => imageNodes(api).length > 0, 'the default account to be listed once the view shows');
        assert.ok(
            listings().some((entry) => entry.action === 'DescribeCustomImages' && entry.accessKeyId === DEMO_ACCESS_KEY_ID),
            'listed with the default key',
        );
    });
});
