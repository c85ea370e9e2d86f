/** The Zenlayer API client: plain TypeScript over undici, no VS Code dependency. */
export { ZenlayerClient, type RequestOptions, type ZenlayerClientOptions } from './client';
export { DEFAULT_ENDPOINT, isLoopbackEndpoint, redactUserInfo, validateEndpoint } from './endpoint';
export * from './errors';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { signZc2, type Zc2Signature, type Zc2SigningInput } from './signer';
export { type ApiCallEvent, ZEC_API_VERSION, type ZenlayerCredentials } from './transport';
export * from './types';
