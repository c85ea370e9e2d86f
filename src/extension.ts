import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { registerAccounts } from './accounts/register';
import { readHooks } from './dev/hooks';
import type { ZenlayerImagesTestApi } from './dev/testApi';
import { registerImages } from './images/register';
import { registerReferences } from './references/register';
import { ShownImagesRelay } from './shared/images/shownImages';
import { DisposableStore } from './platform/disposables';
import { ChannelLogger } from './platform/logger';
import { createDispatcher } from './platform/proxy';
import { SwitchableUi } from './platform/userInterface';
import { createVsCodeUi, ReadOnlyDocuments } from './platform/vscodeUi';
import { AccountStore } from './shared/session/accountStore';
import { ActiveAccount } from './shared/session/activeAccount';
import { Session } from './shared/session/session';
import { SettingsService } from './shared/settings/settingsService';
import { ZenlayerClient } from './zenlayer';

/** What activate() created; deactivate() awaits its disposal so the clients close before VS Code moves on. */
let running: DisposableStore | undefined;

/** The composition root: builds the shared services, then each feature from its entry point. */
export async function activate(context: vscode.ExtensionContext): Promise<ZenlayerImagesTestApi | undefined> {
    const started = performance.now();
    const hooks = readHooks(process.env);
    const store = (running = new DisposableStore());
    context.subscriptions.push({ dispose: () => void store.dispose() }); // a fallback if deactivate does not run

    const channel = store.add(vscode.window.createOutputChannel('Zenlayer', { log: true }));
    const logger = new ChannelLogger(channel, hooks.keptLogLines);
    const ui = new SwitchableUi(createVsCodeUi(channel, store.add(new ReadOnlyDocuments())));
    const settings = store.add(new SettingsService(logger));
    const accountStore = store.add(new AccountStore(context.secrets, logger));
    const session = store.add(
        new Session({
            store: accountStore,
            settings: () => settings.current,
            logger,
            createApi: (options) => new ZenlayerClient(options),
            createDispatcher: () => createDispatcher(settings.proxy, process.env),
        }),
    );
    const account = store.add(new ActiveAccount(accountStore, session, settings));

    // Images offer Configure Credentials; the accounts' status bar reads the images' load state: one is bound late.
    // References read the shown images through a relay the images view publishes to, and link back to its rows.
    let configure = (): Promise<void> => Promise.resolve();
    let revealImage = (_imageId: string): Promise<void> => Promise.resolve();
    const shownImages = new ShownImagesRelay();
    const references = registerReferences({ shownImages, revealImage: (imageId) => revealImage(imageId), logger, ui }, store);
    const images = registerImages(
        { ui, logger, session, account, settings, workspaceState: context.workspaceState, configureCredentials: () => configure(), shownImages, references },
        store,
    );
    revealImage = images.revealImage;
    const accounts = registerAccounts(
        { ui, logger, store: accountStore, session, settings, globalState: context.globalState, shownImages: images.model },
        store,
    );
    configure = accounts.configure;

    // Storing demo accounts fires the store's change event, which loads; otherwise load here.
    if (!(await hooks.storeDemoAccounts(accountStore, settings.current.endpoint, logger, ui))) {
        void account.start();
    }
    const activationMs = performance.now() - started;
    const reactivate = async (): Promise<void> => {
        await deactivate();
        await activate(context);
    };
    return hooks.testApi({ ui, ...images, log: logger, statusBarItem: accounts.statusBarItem, context, activationMs, reactivate });
}

export async function deactivate(): Promise<void> {
    const store = running;
    running = undefined;
    await store?.dispose();
}
