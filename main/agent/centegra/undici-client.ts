// undici's connection pool without the rest of undici. Its index (`from 'undici'`) loads all of
// it: fetch, WebSocket, EventSource, cookies, the request/stream APIs, the mocks and the caches,
// 716 KB of the agent's bundle, and its web parts touch Node's own fetch globals, which load Node's
// copy of undici as well. The client sends through the pool's dispatch() (client.ts), so the pool
// is all it needs: undici's own module, as its index exports it, with undici's types.
import type { Agent as UndiciAgent } from 'undici';
import AgentModule from 'undici/lib/dispatcher/agent.js';

/** undici's Agent: a pool of keep-alive connections per origin. */
export const Agent = AgentModule as typeof UndiciAgent;
export type Agent = UndiciAgent;
