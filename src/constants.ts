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
} as const;

/** Context keys for `when` clauses. */
export const CONTEXT_KEYS = {
    signedIn: 'zenlayer.signedIn',
    filtered: 'zenlayer.filtered',
} as const;

/** The single SecretStorage key; the value is JSON of ZenlayerCredentials. */
export const SECRET_KEY = 'zenlayer.credentials';

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

/** URI scheme of the read-only documents (image details, delete failures). */
export const DETAILS_SCHEME = 'zenlayer-details';

/** Environment hook of the `npm start` demo: credentials stored into SecretStorage at activation. */
export const DEMO_ENV = {
    accessKeyId: 'ZENLAYER_IMAGES_DEMO_ACCESS_KEY_ID',
    accessKeyPassword: 'ZENLAYER_IMAGES_DEMO_ACCESS_KEY_PASSWORD',
} as const;

/** Variables of the official `zeno` CLI that the import offer reads. */
export const CLI_ENV = {
    accessKeyId: 'ZENLAYER_ACCESS_KEY_ID',
    accessKeySecret: 'ZENLAYER_ACCESS_KEY_SECRET',
    profile: 'ZENLAYER_PROFILE',
} as const;

export const TEST_MODE_ENV = 'ZENLAYER_IMAGES_TEST_MODE';
