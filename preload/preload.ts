// The sandboxed preload: puts the agent API on the page as `window.tillAgent`, one function per
// operation the contract names, plus onEvent. Nothing else crosses: no ipcRenderer, no other channel.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AgentEvent, TillAgentApi } from '../main/agent/contract';
import { IPC_CALL, IPC_EVENT, operationNames, type OperationName } from '../main/agent/contract/operations';

type Operations = Pick<TillAgentApi, OperationName>;

// One entry per name in the contract, so a new operation needs no change here.
const operations = Object.fromEntries(
  operationNames.map((op) => [op, (input?: unknown) => ipcRenderer.invoke(IPC_CALL, op, input ?? {})]),
) as Operations;

const api = {
  ...operations,
  onEvent(listener: (event: AgentEvent) => void): () => void {
    const wrapper = (_event: IpcRendererEvent, event: AgentEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT, wrapper);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapper);
    };
  },
} satisfies TillAgentApi;

contextBridge.exposeInMainWorld('tillAgent', api);
