/**
 * The parts of undici the extension uses: the Agent, the proxy agents and `Dispatcher#request`. undici's index also
 * loads fetch, WebSocket, EventSource, cache stores, mocks and cookies, which are most of its size and load time
 * and which nothing here uses, so these come from undici's own modules instead. Those paths are undici internals:
 * package.json pins undici exactly, and test/unit/zenlayer/undici-parts.test.ts fails when an upgrade moves them.
 * esbuild.js points every `import … from 'undici'` of the bundle at this module.
 */
import type * as Undici from 'undici';
import api from 'undici/lib/api';
import AgentClass from 'undici/lib/dispatcher/agent';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher';
import EnvHttpProxyAgentClass from 'undici/lib/dispatcher/env-http-proxy-agent';
import ProxyAgentClass from 'undici/lib/dispatcher/proxy-agent';

// What undici's index does on load: every dispatcher gets request/stream/pipeline/upgrade/connect. The client calls
// `request`, and ProxyAgent opens its CONNECT tunnel with `connect`.
Object.assign(DispatcherClass.prototype, api);

export const Agent = AgentClass;
export type Agent = Undici.Agent;
export const ProxyAgent = ProxyAgentClass;
export type ProxyAgent = Undici.ProxyAgent;
export const EnvHttpProxyAgent = EnvHttpProxyAgentClass;
export type EnvHttpProxyAgent = Undici.EnvHttpProxyAgent;
export const Dispatcher = DispatcherClass;
export type Dispatcher = Undici.Dispatcher;
