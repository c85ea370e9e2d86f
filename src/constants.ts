/** Identifiers shared by the manifest (package.json) and the code; test/unit/manifest.test.ts keeps them in step. */

export const EXTENSION_ID = 'zenlayer-community.zenlayer-images';
export const VIEW_CONTAINER_ID = 'zenlayer';
export const IMAGES_VIEW_ID = 'zenlayer.images';

export const COMMANDS = {
    configureCredentials: 'zenlayer.configureCredentials',
    signOut: 'zenlayer.signOut',
    refresh: 'zenlayer.refresh',
    deleteImages: 'zenlayer.deleteImages',
    deleteImage: 'zenlayer.deleteImage',
    filter: 'zenlayer.filter',
    clearFilter: 'zenlayer.clearFilter',
    groupBy: 'zenlayer.groupBy',
    copyImageId: 'zenlayer.copyImageId',
    copyImageName: 'zenlayer.copyImageName',
    viewDetails: 'zenlayer.viewDetails',
    showLog: 'zenlayer.showLog',
    deleteUnusedImages: 'zenlayer.deleteUnusedImages',
    showInstances: 'zenlayer.showInstances',
    addAccount: 'zenlayer.addAccount',
    importCliAccounts: 'zenlayer.importCliAccounts',
    switchAccount: 'zenlayer.switchAccount',
    renameAccount: 'zenlayer.renameAccount',
    removeAccount: 'zenlayer.removeAccount',
    showReferences: 'zenlayer.showReferences',
    rescanReferences: 'zenlayer.rescanReferences',
    /** The hover's link to the images view; not in the palette. */
    revealImage: 'zenlayer.revealImage',
    showDeleteHistory: 'zenlayer.showDeleteHistory',
    exportDeleteHistory: 'zenlayer.exportDeleteHistory',
    renameImage: 'zenlayer.renameImage',
    copyImageToRegions: 'zenlayer.copyImageToRegions',
    removeImageCopy: 'zenlayer.removeImageCopy',
    createImage: 'zenlayer.createImage',
    planCleanup: 'zenlayer.planCleanup',
    applyPlan: 'zenlayer.applyPlan',
} as const;

/** Context keys for `when` clauses. */
export const CONTEXT_KEYS = {
    /** Set once the extension knows whether credentials are stored; until then the view says it is loading. */
    ready: 'zenlayer.ready',
    signedIn: 'zenlayer.signedIn',
    filtered: 'zenlayer.filtered',
} as const;

/** The SecretStorage key of every account and the active one (src/accounts/accounts.ts serializeAccounts). */
export const ACCOUNTS_SECRET_KEY = 'zenlayer.accounts';

/** Version 0.1's single credential set (JSON of ZenlayerCredentials), migrated to the account "default". */
export const LEGACY_CREDENTIALS_SECRET_KEY = 'zenlayer.credentials';

/** globalState key of each account's last credential check (not a secret: a verdict and a time). */
export const ACCOUNT_CHECKS_STATE_KEY = 'zenlayer.accounts.lastChecks';

/** workspaceState key of the active server-side filter (not a secret). */
export const FILTER_STATE_KEY = 'zenlayer.images.filter';

export const SETTINGS = {
    section: 'zenlayer',
    endpoint: 'endpoint',
    requestTimeoutSeconds: 'requestTimeoutSeconds',
    groupBy: 'images.groupBy',
    confirmation: 'delete.confirmation',
    pollIntervalSeconds: 'delete.pollIntervalSeconds',
    protectedImages: 'delete.protectedImages',
} as const;

/** The cleanup's settings under `zenlayer.` (src/images/cleanup/model/rules.ts reads them). */
export const CLEANUP_SETTING_KEYS = ['cleanup.keepNewest', 'cleanup.minAgeDays', 'cleanup.unusedForDays', 'cleanup.families'] as const;

/** URI scheme of the read-only documents (image details, delete failures). */
export const DETAILS_SCHEME = 'zenlayer-details';

/**
 * Environment hook of the `npm start` demo: accounts stored into SecretStorage at activation, as JSON
 * `[{"name", "accessKeyId", "accessKeyPassword"}, ...]` (the first one becomes active).
 */
export const DEMO_ACCOUNTS_ENV = 'ZENLAYER_IMAGES_DEMO_ACCOUNTS';

/** Variables of the official `zeno` CLI that the import offer reads. */
export const CLI_ENV = {
    accessKeyId: 'ZENLAYER_ACCESS_KEY_ID',
    accessKeySecret: 'ZENLAYER_ACCESS_KEY_SECRET',
    profile: 'ZENLAYER_PROFILE',
} as const;

export const TEST_MODE_ENV = 'ZENLAYER_IMAGES_TEST_MODE';
