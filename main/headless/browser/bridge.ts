// window.tillAgent in a plain browser: the same API the Electron preload exposes, spoken over a
// WebSocket to the headless host. The operation list comes from the contract, so a new operation
// needs no change here. Reconnects by itself and resumes the event stream where it left off.
import { operationNames } from '../../agent/contract/operations';
import type { AgentEvent, Result, TillAgentApi } from '../../agent/contract';
import { BRIDGE_PATH, type BridgeMessage, type BridgeRequest } from './protocol';

const CALL_TIMEOUT_MS = 30_000;
const NOT_ANSWERING: Result<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message: "Till Agent isn't answering. Wait a moment; if this stays, restart Till Agent.",
  },
};

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

function createBridge(): TillAgentApi {
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: AgentEvent) => void>();
  const queue: string[] = [];
  let socket: WebSocket | undefined;
  let nextId = 1;
  let lastEventId: string | undefined;
  let retry = 0;

  const url = new URL(BRIDGE_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

  function send(message: BridgeRequest): void {
    const text = JSON.stringify(message);
    if (socket?.readyState === WebSocket.OPEN) socket.send(text);
    else queue.push(text);
  }

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      retry = 0;
      ws.send(JSON.stringify({ type: 'subscribe', lastEventId } satisfies BridgeRequest));
      for (const text of queue.splice(0)) ws.send(text);
    });
    ws.addEventListener('message', (e) => {
      let message: BridgeMessage;
      try {
        message = JSON.parse(String(e.data)) as BridgeMessage;
      } catch {
        return;
      }
      if (message.type === 'result') {
        const p = pending.get(message.id);
        if (!p) return;
        pending.delete(message.id);
        clearTimeout(p.timer);
        p.resolve(message.result);
      } else if (message.type === 'event') {
        lastEventId = message.event.id;
        for (const listener of listeners) listener(message.event);
      }
    });
    ws.addEventListener('close', () => {
      socket = undefined;
      // Calls sent on the dead socket will never be answered: answer them now.
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.resolve(NOT_ANSWERING);
        pending.delete(id);
      }
      const delay = Math.min(5000, 250 * 2 ** retry++);
      setTimeout(connect, delay);
    });
  }

  function call(op: string, input: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(NOT_ANSWERING);
      }, CALL_TIMEOUT_MS);
      pending.set(id, { resolve, timer });
      send({ type: 'call', id, op, input });
    });
  }

  connect();
  const api: Record<string, unknown> = {
    onEvent(listener: (event: AgentEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const op of operationNames) api[op] = (input: unknown) => call(op, input ?? {});
  return Object.freeze(api) as TillAgentApi;
}

Object.defineProperty(window, 'tillAgent', { value: createBridge(), writable: false, configurable: false });
