/**
 * Types for the undici modules undiciParts.ts loads directly (undici's own typings only describe its index). Each
 * module exports what the index re-exports under the same name; test/unit/zenlayer/undici-parts.test.ts checks it.
 */
declare module 'undici/lib/dispatcher/dispatcher' {
    import type { Dispatcher } from 'undici';
    const DispatcherClass: typeof Dispatcher;
    export = DispatcherClass;
}

declare module 'undici/lib/dispatcher/agent' {
    import type { Agent } from 'undici';
    const AgentClass: typeof Agent;
    export = AgentClass;
}

declare module 'undici/lib/dispatcher/proxy-agent' {
    import type { ProxyAgent } from 'undici';
    const ProxyAgentClass: typeof ProxyAgent;
    export = ProxyAgentClass;
}

declare module 'undici/lib/dispatcher/env-http-proxy-agent' {
    import type { EnvHttpProxyAgent } from 'undici';
    const EnvHttpProxyAgentClass: typeof EnvHttpProxyAgent;
    export = EnvHttpProxyAgentClass;
}

/** The methods undici's index copies onto Dispatcher.prototype. */
declare module 'undici/lib/api' {
    import type { Dispatcher } from 'undici';
    const api: Pick<Dispatcher, 'request' | 'stream' | 'pipeline' | 'upgrade' | 'connect'>;
    export = api;
}
