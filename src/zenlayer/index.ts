/** The Zenlayer API client: plain TypeScript over undici, no VS Code dependency. */
export { ZenlayerClient, type RequestOptions, type ZenlayerClientOptions } from './client';
export { DEFAULT_ENDPOINT, isLoopbackEndpoint, redactUserInfo, validateEndpoint } from './endpoint';
export * from './errors';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { signZc2, type Zc2Signature, type Zc2SigningInput } from './signer';
export { ZEC_API_VERSION } from './transport';
export * from './types';
