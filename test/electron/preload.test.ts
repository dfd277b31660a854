// The preload: window.tillAgent is exactly the contract's operations plus onEvent, over one
// IPC channel each way; nothing of Electron itself reaches the page.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_EVENT, operationNames, type AgentEvent, type TillAgentApi } from '../../main/agent';
import { electron, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const event: AgentEvent = { id: 'b.1', type: 'centegra', data: { state: 'OFFLINE', detail: 'No network.' } };

async function loadPreload(): Promise<TillAgentApi> {
  await import('../../preload/preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]! as [string, TillAgentApi];
  expect(name).toBe('tillAgent');
  return api;
}

let api: TillAgentApi;

beforeAll(async () => {
  resetFakeElectron();
  api = await loadPreload();
});

beforeEach(() => {
  vi.clearAllMocks();
  electron.ipcRenderer.events.listeners.clear();
});

describe('the preload', () => {
  it('exposes exactly the operations the contract names, plus onEvent, all functions', () => {
    expect(Object.keys(api).sort()).toEqual([...operationNames, 'onEvent'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('invokes IPC_CALL with the operation and its input, and returns the answer', async () => {
    const answer = await api.inquireCard({ cardNumber: '6280390000000011' });
    expect(answer).toEqual({ ok: true, value: 'answered' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_CALL, 'inquireCard', {
      cardNumber: '6280390000000011',
    });
  });

  it('sends {} when an operation is called without input', async () => {
    await (api.health as (input?: unknown) => Promise<unknown>)();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_CALL, 'health', {});
  });

  it('uses no channel but IPC_CALL for every operation', async () => {
    for (const op of operationNames) await (api[op] as (input: unknown) => Promise<unknown>)({});
    const channels = new Set(electron.ipcRenderer.invoke.mock.calls.map((call) => call[0]));
    expect([...channels]).toEqual([IPC_CALL]);
  });

  it('delivers events to a listener, without the IPC event object, until unsubscribed', () => {
    const listener = vi.fn();
    const unsubscribe = api.onEvent(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledOnce();
    expect(electron.ipcRenderer.on.mock.calls[0]![0]).toBe(IPC_EVENT);

    electron.ipcRenderer.events.emit(IPC_EVENT, { sender: 'the IPC event' }, event);
    expect(listener).toHaveBeenCalledExactlyOnceWith(event);

    unsubscribe();
    electron.ipcRenderer.events.emit(IPC_EVENT, {}, event);
    expect(listener).toHaveBeenCalledOnce();
    expect(electron.ipcRenderer.events.listenerCount(IPC_EVENT)).toBe(0);
  });

  it('removes only the listener it added', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = api.onEvent(first);
    api.onEvent(second);
    stopFirst();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(
      IPC_EVENT,
      electron.ipcRenderer.on.mock.calls[0]![1],
    );
    electron.ipcRenderer.events.emit(IPC_EVENT, {}, event);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith(event);
  });
});
