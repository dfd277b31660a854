// The one IPC channel into the agent: `IPC_CALL (op, input)` from our own page only, for an
// operation the contract names; the core validates the input. Events go the other way on
// IPC_EVENT. No other channel exists.
import type { IpcMain } from 'electron';
import {
  fail,
  IPC_CALL,
  operationNames,
  type Agent,
  type Logger,
  type OperationName,
  type Result,
} from '../agent';
import { isAppUrl } from './security';

/** What the handler reads of Electron's IpcMainInvokeEvent. */
export interface CallEvent {
  senderFrame?: { url: string } | null;
}

export type CallHandler = (event: CallEvent, op: unknown, input: unknown) => Promise<Result<unknown>>;

const known = new Set<string>(operationNames);

export function createCallHandler(agent: Pick<Agent, 'call'>, log: Logger): CallHandler {
  return async (event, op, input) => {
    const url = event.senderFrame?.url;
    if (!isAppUrl(url)) {
      log.warn(
        { url: url?.slice(0, 200) ?? null, op: String(op).slice(0, 40) },
        'refused: IPC call from a page that is not the app',
      );
      return fail('FORBIDDEN', 'Only the Till Agent screen may call the agent.');
    }
    if (typeof op !== 'string' || !known.has(op)) {
      return fail('NOT_FOUND', `There is no operation called ${JSON.stringify(String(op).slice(0, 40))}.`);
    }
    return agent.call(op as OperationName, input);
  };
}

/** Registers the handler; the returned function removes it. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  agent: Pick<Agent, 'call'>,
  log: Logger,
): () => void {
  const handler = createCallHandler(agent, log);
  ipcMain.handle(IPC_CALL, (event, op: unknown, input: unknown) => handler(event, op, input));
  return () => ipcMain.removeHandler(IPC_CALL);
}
