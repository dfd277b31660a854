// What the whole screen shows of the offline-resilience work outside the Manager tab: the storage
// state behind the red banner (from health and `storage` events) and the offline note on a sale.
import { describe, expect, it } from 'vitest';
import type { AgentEvent, Basket, Health } from '../../main/agent/contract';
import { initialSale, offlineNote, reduceSale } from '../../renderer/src/sale-state';
import { initialState, reduce, type Action, type ViewState } from '../../renderer/src/state';

const health: Health = {
  status: 'OK',
  version: '0.1.0',
  demo: false,
  centegra: { state: 'ONLINE' },
  queue: { pending: 0, failed: 0 },
  scanners: [],
  till: { siteId: '42', tillId: '3' },
  currency: 'GBP',
  storage: { ok: true },
};
const full = { ok: false, problem: "The till's disk is full, so this could not be saved." };
const run = (...actions: Action[]): ViewState => actions.reduce(reduce, initialState);
const event = (e: AgentEvent): Action => ({ type: 'event', event: e });

describe('storage', () => {
  it('comes from health, and a storage event changes it before any health', () => {
    expect(run().storage).toBeUndefined();
    const bad = run(event({ id: '1', type: 'storage', data: full }));
    expect(bad.storage).toEqual(full);
    const fine = reduce(bad, event({ id: '2', type: 'storage', data: { ok: true } }));
    expect(fine.storage).toEqual({ ok: true });
  });

  it('a later health clears a problem an event reported', () => {
    const state = run(
      { type: 'healthRead', result: { ok: true, value: health } },
      event({ id: '1', type: 'storage', data: full }),
      { type: 'healthRead', result: { ok: true, value: health } },
    );
    expect(state.storage).toEqual({ ok: true });
  });

  it('a health that cannot be read leaves the last known storage state', () => {
    const state = run(event({ id: '1', type: 'storage', data: full }), {
      type: 'healthRead',
      result: { ok: false, error: { code: 'INTERNAL', message: 'no answer' } },
    });
    expect(state.storage).toEqual(full);
  });
});

function basket(offline: boolean, state: Basket['state'] = 'OPEN'): Basket {
  return {
    basketId: 'b-1',
    state,
    currency: 'GBP',
    totalMinor: 3300,
    lines: [],
    giftCardTenders: [
      {
        tenderId: 't1',
        cardNumberMasked: '••••••••••••0078',
        amountMinor: 2000,
        balanceBeforeMinor: 25000,
        balanceAfterMinor: 23000,
        balanceCheckedAt: '2025-03-03T14:25:00Z',
        offline,
      },
    ],
    giftCardTotalMinor: 2000,
    dueMinor: state === 'OPEN' ? 1300 : 0,
  };
}
const shown = (b: Basket) =>
  reduceSale(initialSale, { type: 'event', event: { id: '1', type: 'basket', data: b } });

describe('the offline note on a sale', () => {
  it('shows while not online on an open sale, once a card was taken offline (the policy allows it)', () => {
    const sale = shown(basket(true));
    expect(offlineNote(sale, 'OFFLINE')).toBe(true);
    expect(offlineNote(sale, 'FACTOR4_DOWN')).toBe(true);
    expect(offlineNote(sale, 'ONLINE')).toBe(false);
    expect(offlineNote(sale, undefined)).toBe(false);
  });

  it('stays away when no card was ever taken offline (the policy may refuse them)', () => {
    expect(offlineNote(shown(basket(false)), 'OFFLINE')).toBe(false);
  });

  it('remembers the policy for the next sale, and says nothing on a closed one', () => {
    const next = reduceSale(shown(basket(true)), {
      type: 'event',
      event: { id: '2', type: 'basket', data: { ...basket(false), basketId: 'b-2', giftCardTenders: [] } },
    });
    expect(offlineNote(next, 'OFFLINE')).toBe(true);
    expect(offlineNote(shown(basket(true, 'CLOSED')), 'OFFLINE')).toBe(false);
  });
});
