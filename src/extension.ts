import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { registerAccounts } from './accounts/register';
import { readHooks } from './dev/hooks';
import type { ZenlayerImagesTestApi } from './dev/testApi';
import { registerImages } from './images/register';
import type { DeleteHistoryLookup } from './references/ports';
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
import { DeleteHistory } from './shared/records/deleteHistory';
import { ObservationRecord } from './shared/records/observations';
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
    // Files every window of the profile writes: what was seen of each account's images, and every delete.
    const observations = new ObservationRecord(context.globalStorageUri.fsPath, logger);
    const history = new DeleteHistory(context.globalStorageUri.fsPath, logger);

    // Images offer Configure Credentials; the accounts' status bar reads the images' load state: one is bound late.
    // References read the shown images through a relay the images view publishes to, and link back to its rows.
    let configure = (): Promise<void> => Promise.resolve();
    let revealImage = (_imageId: string): Promise<void> => Promise.resolve();
    // Diagnostics say when an image was deleted from this VS Code, from the delete history the images feature appends to.
    let deletedImages: DeleteHistoryLookup = { deleted: () => undefined };
    const shownImages = new ShownImagesRelay();
    const references = registerReferences(
        { shownImages, revealImage: (imageId) => revealImage(imageId), deleteHistory: { deleted: (imageId) => deletedImages.deleted(imageId) }, logger, ui },
        store,
    );
    const images = registerImages(
        {
            ui,
            logger,
            session,
            account,
            settings,
            workspaceState: context.workspaceState,
            configureCredentials: () => configure(),
            shownImages,
            references,
            records: { observations, history },
        },
        store,
    );
    revealImage = images.revealImage;
    deletedImages = images.records.recorder;
    const accountRecords = {
        forget: async (name: string) => {
            images.records.ages.forget(name);
            await observations.forgetAccount(name);
        },
        rename: async (from: string, to: string) => {
            await Promise.all([observations.renameAccount(from, to), history.renameAccount(from, to)]);
        },
    };
    const accounts = registerAccounts(
        { ui, logger, store: accountStore, session, settings, globalState: context.globalState, shownImages: images.model, records: accountRecords },
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
