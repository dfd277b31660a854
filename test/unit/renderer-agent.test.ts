// The screen's link to window.tillAgent: a missing or broken bridge becomes a plain error value.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../main/agent/contract';
import { callAgent, findAgent, noAnswerMessage } from '../../renderer/src/agent';

describe('findAgent', () => {
  it('accepts an object with the calls the screen makes', () => {
    const api = { health: () => {}, inquireCard: () => {}, listScans: () => {}, onEvent: () => () => {} };
    expect(findAgent(api)).toBe(api);
  });

  it('finds nothing when the host set nothing, or something else', () => {
    expect(findAgent(undefined)).toBeUndefined();
    expect(findAgent(null)).toBeUndefined();
    expect(findAgent({ health: () => {} })).toBeUndefined();
  });
});

describe('callAgent', () => {
  it('passes a Result through as it is', async () => {
    const answer: Result<number> = { ok: false, error: { code: 'OFFLINE', message: 'Check the network.' } };
    expect(await callAgent(async () => answer)).toBe(answer);
    expect(await callAgent(async () => ({ ok: true, value: 3 }))).toEqual({ ok: true, value: 3 });
  });

  it('turns a rejection or a nonsense answer into an INTERNAL error the cashier can act on', async () => {
    const failed = { ok: false, error: { code: 'INTERNAL', message: noAnswerMessage } };
    expect(await callAgent(() => Promise.reject(new Error('bridge closed')))).toEqual(failed);
    expect(await callAgent(async () => 'nonsense' as unknown as Result<number>)).toEqual(failed);
    expect(await callAgent(async () => ({ ok: false }) as unknown as Result<number>)).toEqual(failed);
  });
});
