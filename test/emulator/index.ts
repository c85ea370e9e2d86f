/** Public surface of the Zenlayer API emulator (see README.md). */
export {
    startEmulator,
    DEMO_ACCESS_KEY_ID,
    DEMO_ACCESS_KEY_PASSWORD,
    DEMO_ACCOUNTS,
    API_PATH,
    API_VERSION,
    MAX_BODY_BYTES,
    DEFAULT_DELETE_DELAY_MS,
    DEFAULT_MAX_CLOCK_SKEW_SECONDS,
    isJsonContentType,
    DEFAULT_COPY_PREPARE_MS,
    DEFAULT_COPY_TRANSFER_MS,
    DEFAULT_COPY_PARALLEL,
    DEFAULT_CREATE_DELAY_MS,
    DEFAULT_IMAGE_QUOTA,
} from './server';
export type { EmulatorOptions, RunningEmulator, LoggedRequest } from './server';
export type { Credential } from './auth';
export type { FaultInjector, FaultKind, FailNextOptions, ImageCopyFailureOptions, ImageCreationFailureOptions, RateLimitOptions } from './faults';
export { FAULT_KINDS } from './faults';
export { EmulatorState } from './state';
export type { Border, EmulatorRegion, NewImage, NewInstance, StateImage } from './state';
export type { CopyProgressEntry, CopyTimings } from './tasks';
export { IMAGE_NAME_PATTERN, MAX_REGION_IDS } from './image-actions';
export { defaultSeed, DEFAULT_ACCOUNT_ID, INSTANCE_STATUSES, isGpuInstanceType, MAINLAND_CHINA_COUNTRY_CODE, UNDELETABLE_STATUSES } from './seed';
export type { AccountsSeed, DemoAccount, EmulatorSeed, InstanceStatus, SeedAccount, SeedImage, SeedInstance, SeedZone } from './seed';
export { generateSeed } from './generate';
export type { GenerateOptions } from './generate';
export { parseSeed, SeedError } from './seed-file';
export { ERROR_CODES, DEFAULT_CLOCK_SKEW_CODE } from './errors';
export type { ErrorCode } from './errors';
export { ACTIONS, MAX_IMAGE_IDS, MAX_INSTANCE_IDS, MAX_ZONE_IDS, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from './actions';
export type { ActionName } from './actions';
export { callEmulator } from './client';
export type { CallOptions, CallResult } from './client';
