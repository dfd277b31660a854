// Which basket the cashier screen follows: the one the POS touched last. An earlier sale comes
// back when the POS goes back to it (an open basket); news of an earlier sale closed or voided (the
// queue delivering it, a manager voiding it) leaves the screen where it is. A practice sale the
// cashier cancels is voided and the screen says so.
import { describe, expect, it } from 'vitest';
import type { Basket } from '../../main/agent/contract';
import {
  initialSale,
  reduceSale,
  type SaleAction,
  type SaleState,
  type SharedAction,
} from '../../renderer/src/sale-state';
import { initialState, reduce, type Action, type ViewState } from '../../renderer/src/state';

function basket(overrides: Partial<Basket> = {}): Basket {
  const state = overrides.state ?? 'OPEN';
  const totalMinor = overrides.totalMinor ?? 3300;
  return {
    basketId: 'b-1',
    state,
    currency: 'GBP',
    totalMinor,
    lines: [],
    giftCardTenders: [],
    giftCardTotalMinor: 0,
    dueMinor: state === 'OPEN' ? totalMinor : 0,
    ...overrides,
  };
}

let eventId = 0;
const basketEvent = (data: Basket): SharedAction => ({
  type: 'event',
  event: { id: `f${++eventId}`, type: 'basket', data },
});
const sale = (...actions: (SaleAction | SharedAction)[]): SaleState =>
  actions.reduce(reduceSale, initialSale);
const screen = (...actions: Action[]): ViewState => actions.reduce(reduce, initialState);

const b1 = basket();
const b2 = basket({ basketId: 'b-2', totalMinor: 1250 });

describe('following the basket the POS touched last', () => {
  it('goes back to an earlier basket the POS changes while it is open', () => {
    const recalled = basket({ totalMinor: 4100 });
    const state = sale(basketEvent(b1), basketEvent(b2), basketEvent(recalled));
    expect(state.basket).toEqual(recalled);
    expect(state.seen).toEqual(['b-1', 'b-2']);
  });

  it('stays on the current basket when an earlier one is closed, delivered or voided', () => {
    for (const news of [
      basket({ state: 'CLOSED', closeState: 'QUEUED' }),
      basket({ state: 'CLOSED', closeState: 'DELIVERED' }),
      basket({ state: 'CLOSED', closeState: 'FAILED' }),
      basket({ state: 'VOIDED' }),
    ]) {
      const state = sale(basketEvent(b1), basketEvent(b2), basketEvent(news));
      expect(state.basket, news.closeState ?? news.state).toEqual(b2);
      expect(state.basketEvents).toBe(3);
    }
  });
});

describe('cancelling a practice sale', () => {
  const practice = basket({ basketId: 'practice-1' });
  const voided = basket({ basketId: 'practice-1', state: 'VOIDED' });

  it('is one call at a time, on the open basket shown', () => {
    const busy = sale(basketEvent(practice), { type: 'voidStarted' });
    expect(busy.busy).toEqual({ kind: 'void', basketId: 'practice-1' });
    expect(reduceSale(busy, { type: 'closeStarted' })).toBe(busy);
    expect(sale({ type: 'voidStarted' }).busy).toBeUndefined();
  });

  it('shows the voided basket and hands the keyboard back (a new result step), or the refusal', () => {
    const asked = screen(
      { type: 'event', event: { id: 'p1', type: 'basket', data: practice } },
      { type: 'voidStarted' },
    );
    const done = reduce(asked, { type: 'voidAnswered', result: { ok: true, value: voided } });
    expect(done.sale.basket).toEqual(voided);
    expect(done.sale.busy).toBeUndefined();
    expect(done.result).toEqual({ kind: 'idle' });
    expect(done.resultSeq).toBe(asked.resultSeq + 1);

    const refused = reduce(asked, {
      type: 'voidAnswered',
      result: { ok: false, error: { code: 'STORAGE_FAILED', message: 'The till could not store it.' } },
    });
    expect(refused.sale.basket).toEqual(practice);
    expect(refused.result.kind).toBe('problem');
  });

  it('starting and closing a practice sale hand the keyboard back too', () => {
    const started = reduce(screen({ type: 'practiceStarted' }), {
      type: 'practiceAnswered',
      result: { ok: true, value: practice },
    });
    expect(started.resultSeq).toBe(1);
    const closing = reduce(started, { type: 'closeStarted' });
    const closed = reduce(closing, {
      type: 'closeAnswered',
      result: {
        ok: true,
        value: {
          state: 'QUEUED',
          basket: basket({ basketId: 'practice-1', state: 'CLOSED', closeState: 'QUEUED' }),
          itemId: 'q1',
        },
      },
    });
    expect(closed.resultSeq).toBe(2);
    expect(closed.result).toEqual({ kind: 'idle' });
  });
});
