// The one IPC channel: our own page only, known operations only, answered by the agent.
import { describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { IPC_CALL, operationNames, silentLogger, type Result } from '../../main/agent';
import { createCallHandler, registerIpc, type CallEvent } from '../../main/electron';

const fromApp: CallEvent = { senderFrame: { url: 'app://till-agent/index.html' } };

function fakeAgent(answer: Result<unknown> = { ok: true, value: { status: 'OK' } }) {
  return { call: vi.fn(async (_op: string, _input: unknown) => answer) };
}

describe('the IPC call handler', () => {
  it('passes a known operation and its input to the agent and returns its Result', async () => {
    const answer: Result<unknown> = {
      ok: false,
      error: { code: 'CARD_NOT_FOUND', message: 'No such card.' },
    };
    const agent = fakeAgent(answer);
    const handler = createCallHandler(agent, silentLogger);
    expect(await handler(fromApp, 'inquireCard', { cardNumber: '6280390000000011' })).toBe(answer);
    expect(agent.call).toHaveBeenCalledExactlyOnceWith('inquireCard', { cardNumber: '6280390000000011' });
  });

  it('accepts every operation the contract names', async () => {
    const agent = fakeAgent();
    const handler = createCallHandler(agent, silentLogger);
    for (const op of operationNames) expect((await handler(fromApp, op, {})).ok).toBe(true);
    expect(agent.call).toHaveBeenCalledTimes(operationNames.length);
  });

  it.each([
    ['a web page', { senderFrame: { url: 'https://evil.example/' } }],
    ['a look-alike host', { senderFrame: { url: 'app://till-agent.evil.example/' } }],
    ['a file', { senderFrame: { url: 'file:///tmp/index.html' } }],
    ['a destroyed frame', { senderFrame: null }],
    ['no frame', {}],
  ] as Array<[string, CallEvent]>)(
    'refuses a call from %s with FORBIDDEN, and logs it',
    async (_what, event) => {
      const agent = fakeAgent();
      const log = { ...silentLogger, warn: vi.fn() };
      const result = await createCallHandler(agent, log)(event, 'health', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(agent.call).not.toHaveBeenCalled();
      expect(log.warn).toHaveBeenCalledOnce();
    },
  );

  it.each(['constructor', '__proto__', 'toString', 'dropDatabase', '', 42, undefined, { op: 'health' }])(
    'refuses an operation the contract does not name (%s) with NOT_FOUND',
    async (op) => {
      const agent = fakeAgent();
      const result = await createCallHandler(agent, silentLogger)(fromApp, op, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(agent.call).not.toHaveBeenCalled();
    },
  );
});

describe('registerIpc', () => {
  it('registers exactly one handler, on IPC_CALL, and removes it when disposed', async () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const agent = fakeAgent();
    const dispose = registerIpc(ipcMain as unknown as IpcMain, agent, silentLogger);
    expect(ipcMain.handle).toHaveBeenCalledOnce();
    const [channel, handler] = ipcMain.handle.mock.calls[0]! as [
      string,
      (...args: unknown[]) => Promise<unknown>,
    ];
    expect(channel).toBe(IPC_CALL);
    expect(await handler(fromApp, 'health', {})).toEqual({ ok: true, value: { status: 'OK' } });
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledExactlyOnceWith(IPC_CALL);
  });
});
