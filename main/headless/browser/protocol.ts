// Messages on the UI bridge WebSocket between the browser and the headless host.
import type { AgentEvent, Result } from '../../agent/contract';

export const BRIDGE_PATH = '/ui/bridge';

/** Browser → agent. */
export type BridgeRequest =
  { type: 'call'; id: number; op: string; input: unknown } | { type: 'subscribe'; lastEventId?: string };

/** Agent → browser. */
export type BridgeMessage =
  { type: 'result'; id: number; result: Result<unknown> } | { type: 'event'; event: AgentEvent };
