/** The Zenlayer API client: plain TypeScript over undici, no VS Code dependency. */
export { ZenlayerClient, type RequestOptions, type ZenlayerClientOptions } from './client';
export { DEFAULT_ENDPOINT, isLoopbackEndpoint, redactUserInfo, validateEndpoint } from './endpoint';
export * from './errors';
export * from './inputError';
export { checkImageName, IMAGE_NAME_MAX_LENGTH, IMAGE_NAME_MIN_LENGTH, MAX_REGION_IDS } from './imageInput';
export { crossesBorder, type RegionBorder, regionBorder, regionsOfZones, type ZenlayerRegion } from './regions';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { signZc2, type Zc2Signature, type Zc2SigningInput } from './signer';
export { ZEC_API_VERSION } from './transport';
export * from './types';
