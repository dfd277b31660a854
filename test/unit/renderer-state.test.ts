// The cashier screen's reducer: what the screen shows after each answer, event and keypress.
import { describe, expect, it } from 'vitest';
import type { AgentEvent, Card, Health } from '../../main/agent/contract';
import { initialState, readEntry, reduce, type Action, type ViewState } from '../../renderer/src/state';

const health: Health = {
  status: 'OK',
  version: '0.1.0',
  demo: true,
  centegra: { state: 'ONLINE', lastOkAt: '2025-03-03T14:00:00Z' },
  queue: { pending: 0, failed: 0 },
  scanners: [],
  till: { siteId: '42', tillId: '3' },
  currency: 'GBP',
};

const card: Card = {
  cardNumberMasked: '•••• •••• •••• 1234',
  status: 'ACTIVE',
  balanceMinor: 5000,
  currency: 'GBP',
  checkedAt: '2025-03-03T14:32:00Z',
};

const run = (...actions: Action[]): ViewState => actions.reduce(reduce, initialState);
const event = (e: AgentEvent): Action => ({ type: 'event', event: e });

describe('health', () => {
  it('takes the till, demo flag and link from the first answer', () => {
    const state = run({ type: 'healthRead', result: { ok: true, value: health } });
    expect(state.health).toEqual(health);
    expect(state.link?.state).toBe('ONLINE');
  });

  it('keeps the link current from centegra events', () => {
    const state = run(
      { type: 'healthRead', result: { ok: true, value: health } },
      event({ id: '1', type: 'centegra', data: { state: 'OFFLINE', detail: 'No route to Centegra Plus' } }),
    );
    expect(state.link).toEqual({ state: 'OFFLINE', detail: 'No route to Centegra Plus' });
  });

  it('records why health could not be read, and forgets it once it can', () => {
    const failed = run({
      type: 'healthRead',
      result: { ok: false, error: { code: 'INTERNAL', message: 'x' } },
    });
    expect(failed.healthProblem?.code).toBe('INTERNAL');
    expect(
      reduce(failed, { type: 'healthRead', result: { ok: true, value: health } }).healthProblem,
    ).toBeUndefined();
  });

  it('updates the queue from queue events once health is known', () => {
    const state = run(
      { type: 'healthRead', result: { ok: true, value: health } },
      event({ id: '2', type: 'queue', data: { pending: 2, failed: 1 } }),
    );
    expect(state.health?.queue).toEqual({ pending: 2, failed: 1 });
    expect(run(event({ id: '2', type: 'queue', data: { pending: 2, failed: 1 } })).health).toBeUndefined();
  });

  it('changes nothing on resync: the screen reads health again itself', () => {
    const before = run({ type: 'healthRead', result: { ok: true, value: health } });
    expect(reduce(before, event({ id: '3', type: 'resync', data: { reason: 'gap' } }))).toBe(before);
  });
});

describe('a keyed check', () => {
  it('shows Checking while it runs and refuses a second one', () => {
    const state = run({ type: 'checkStarted', checkId: 1 });
    expect(state).toMatchObject({ pendingCheck: 1, result: { kind: 'checking' } });
    expect(reduce(state, { type: 'checkStarted', checkId: 2 })).toBe(state);
  });

  it('shows the card it found, as keyed, and asks for focus', () => {
    const state = run(
      { type: 'checkStarted', checkId: 1 },
      { type: 'checkFinished', checkId: 1, result: { ok: true, value: card } },
    );
    expect(state.result).toEqual({ kind: 'card', card, scanned: false });
    expect(state.pendingCheck).toBeUndefined();
    expect(state.resultSeq).toBe(1);
  });

  it('shows an error under its heading with the agent’s message as it is', () => {
    const message = 'The Factor4 key is switched off. Ask a manager to enable it.';
    const state = run(
      { type: 'checkStarted', checkId: 1 },
      {
        type: 'checkFinished',
        checkId: 1,
        result: { ok: false, error: { code: 'CENTEGRA_KEY_DISABLED', message } },
      },
    );
    expect(state.result).toEqual({
      kind: 'problem',
      heading: 'Gift card key switched off',
      message,
      code: 'CENTEGRA_KEY_DISABLED',
    });
  });

  it('drops the answer to a check cleared with Escape', () => {
    const state = run(
      { type: 'checkStarted', checkId: 1 },
      { type: 'cleared' },
      { type: 'checkFinished', checkId: 1, result: { ok: true, value: card } },
    );
    expect(state.result).toEqual({ kind: 'idle' });
    expect(state.pendingCheck).toBeUndefined();
  });

  it('still gives a heading to an error code it does not know', () => {
    const state = run(
      { type: 'checkStarted', checkId: 1 },
      {
        type: 'checkFinished',
        checkId: 1,
        result: { ok: false, error: { code: 'SOMETHING_NEW' as 'INTERNAL', message: 'Do this.' } },
      },
    );
    expect(state.result).toMatchObject({ kind: 'problem', heading: 'Something went wrong in Till Agent' });
  });
});

describe('scans', () => {
  it('shows a scanned card marked as scanned', () => {
    const state = run(event({ id: '4', type: 'card', data: card }));
    expect(state.result).toEqual({ kind: 'card', card, scanned: true });
    expect(state.resultSeq).toBe(1);
  });

  it('shows an invalid scan as "Not a gift card" with its reason', () => {
    const state = run(
      event({
        id: '5',
        type: 'scan',
        data: {
          scanId: 's1',
          at: '2025-03-03T14:32:00Z',
          source: { kind: 'hid', deviceId: 'hid:1' },
          valid: false,
          reason: 'That is a product barcode (EAN-13), not a gift card.',
        },
      }),
    );
    expect(state.result).toMatchObject({
      kind: 'problem',
      heading: 'Not a gift card',
      message: 'That is a product barcode (EAN-13), not a gift card.',
    });
  });

  it('waits for the card event after a valid scan', () => {
    const state = run(
      event({
        id: '6',
        type: 'scan',
        data: {
          scanId: 's2',
          at: '2025-03-03T14:32:00Z',
          source: { kind: 'serial', deviceId: 'COM3' },
          valid: true,
        },
      }),
    );
    expect(state).toEqual(initialState);
  });
});

describe('readEntry', () => {
  it('sends the number as typed, spaces and dashes included, with a PIN only if given', () => {
    expect(readEntry(' 6280 0012-3456 ', '')).toEqual({
      ok: true,
      request: { cardNumber: '6280 0012-3456' },
    });
    expect(readEntry('62800012', '1234')).toEqual({
      ok: true,
      request: { cardNumber: '62800012', pin: '1234' },
    });
  });

  it('asks for a number before asking the agent', () => {
    expect(readEntry('   ', '')).toMatchObject({
      ok: false,
      heading: 'Check the number',
      field: 'cardNumber',
    });
    expect(readEntry('1'.repeat(65), '')).toMatchObject({ ok: false, field: 'cardNumber' });
  });

  it('accepts only a PIN of 4 to 8 digits', () => {
    expect(readEntry('62800012', '12')).toMatchObject({ ok: false, heading: 'Check the PIN', field: 'pin' });
    expect(readEntry('62800012', '12a4')).toMatchObject({ ok: false, field: 'pin' });
    expect(readEntry('62800012', '123456789')).toMatchObject({ ok: false, field: 'pin' });
    expect(readEntry('62800012', '12345678').ok).toBe(true);
  });

  it('shows a rejected entry as a problem on its field', () => {
    const state = run({
      type: 'entryRejected',
      heading: 'Check the PIN',
      message: 'A PIN is 4 to 8 digits.',
      field: 'pin',
    });
    expect(state.result).toMatchObject({ kind: 'problem', field: 'pin' });
    expect(state.resultSeq).toBe(1);
  });
});
