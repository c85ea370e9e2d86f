import { DEMO_ACCOUNTS_ENV, TEST_MODE_ENV } from '../constants';
import type { Logger } from '../platform/logger';
import type { UserInterface } from '../platform/userInterface';
import type { AccountStore } from '../shared/session/accountStore';
import { parseDemoAccounts, storeDemoAccounts } from './demoAccounts';
import { type TestApiParts, testApiFor, type ZenlayerImagesTestApi } from './testApi';

/** How many log lines the test API keeps; none outside test mode. */
const TEST_LOG_LINES = 500;

/** The only reader of the test and demo switches: production paths take what this returns and read no environment. */
export interface Hooks {
    /** Log lines kept in memory for the test API. */
    readonly keptLogLines: number;
    /** The test API, when the integration tests run; undefined otherwise. */
    testApi(parts: TestApiParts): ZenlayerImagesTestApi | undefined;
    /** `npm start`: stores the emulator's demo accounts. Returns whether anything new was stored. */
    storeDemoAccounts(store: AccountStore, endpoint: string, logger: Logger, ui: UserInterface): Promise<boolean>;
}

export function readHooks(env: NodeJS.ProcessEnv): Hooks {
    const testMode = env[TEST_MODE_ENV] === '1';
    const demo = parseDemoAccounts(env[DEMO_ACCOUNTS_ENV]);
    return {
        keptLogLines: testMode ? TEST_LOG_LINES : 0,
        testApi: (parts) => (testMode ? testApiFor(parts) : undefined),
        storeDemoAccounts: (store, endpoint, logger, ui) => (demo.length > 0 ? storeDemoAccounts(demo, store, endpoint, logger, ui) : Promise.resolve(false)),
    };
}
