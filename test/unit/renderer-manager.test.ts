// The Manager tab's reducer: the PIN prompt (refusals, lockout, no PIN), the session and its
// expiry, the queue's pages, live counts and filter, and the actions on an item.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiError, Result } from '../../main/agent/contract';
import {
  initialManager,
  noticeWords,
  oldestAgeMs,
  promptState,
  promptWords,
  reduceManager,
  refreshLimit,
  stateOf,
  type ManagerAction,
  type ManagerItem,
  type ManagerPage,
  type ManagerState,
  type QueueFilter,
} from '../../renderer/src/manager';
import { intlFor } from '../../renderer/src/i18n/words';

const en = intlFor('en-GB');
/** What the prompt says, in English, as the screen draws it. */
const said = (state: ManagerState) => (state.prompt ? promptWords(en, state.prompt) : undefined);
const notice = (state: ManagerState) => (state.notice ? noticeWords(en, state.notice) : undefined);

const run = (...actions: ManagerAction[]): ManagerState => actions.reduce(reduceManager, initialManager);
const fail = (code: ApiError['code'], message: string, details?: ApiError['details']): Result<never> => ({
  ok: false,
  error: { code, message, ...(details ? { details } : {}) },
});

const SESSION = 's-1';
const statusOk: ManagerAction = {
  type: 'statusRead',
  result: { ok: true, value: { pinSet: true, demoPin: true } },
};
const unlocking: ManagerAction[] = [
  statusOk,
  { type: 'unlockStarted' },
  {
    type: 'unlockAnswered',
    result: { ok: true, value: { session: SESSION, expiresAt: '2025-03-03T15:10:00Z' } },
  },
];
const expired = fail('MANAGER_SESSION_EXPIRED', 'The manager view has locked itself. Enter the PIN again.');

function item(overrides: Partial<ManagerItem> = {}): ManagerItem {
  return {
    itemId: 'q-1',
    basketId: 'b-1',
    kind: 'CLOSE',
    state: 'FAILED',
    createdAt: '2025-03-03T14:00:00Z',
    attempts: 1,
    giftCardTotalMinor: 3300,
    cardNumbersMasked: ['••••••••••••0078'],
    currency: 'GBP',
    outcomeUnknown: false,
    defect: false,
    advice: 'Collect £33.00 from the customer, or write it off.',
    ...overrides,
  };
}

function page(items: ManagerItem[], summary: Partial<ManagerPage['summary']> = {}, nextCursor?: string) {
  return {
    ok: true as const,
    value: { items, ...(nextCursor ? { nextCursor } : {}), summary: { pending: 0, failed: 1, ...summary } },
  };
}

/** Unlocked, with one page read (seq 1). */
function withPage(items: ManagerItem[], summary: Partial<ManagerPage['summary']> = {}, at = 1_000) {
  return run(
    ...unlocking,
    { type: 'queueRequested', seq: 1, append: false },
    { type: 'queueAnswered', session: SESSION, seq: 1, result: page(items, summary, '9'), at },
  );
}

describe('the PIN prompt', () => {
  it('starts closed to nothing: no session, the status unknown', () => {
    expect(initialManager.session).toBeUndefined();
    expect(promptState(initialManager, 0)).toEqual({ disabled: false });
  });

  it('says how many tries are left after a wrong PIN, and stays open for the next', () => {
    const state = run(
      statusOk,
      { type: 'unlockStarted' },
      {
        type: 'unlockAnswered',
        result: fail(
          'MANAGER_PIN_INCORRECT',
          'That PIN is wrong. 3 tries left before the manager view locks.',
          { triesLeft: 3 },
        ),
      },
    );
    expect(state.session).toBeUndefined();
    expect(state.prompt?.code).toBe('MANAGER_PIN_INCORRECT');
    expect(said(state)).toEqual({
      heading: 'Wrong PIN',
      message: 'That PIN is wrong. 3 tries left before the manager view locks for a while.',
    });
    expect(promptState(state, 0).disabled).toBe(false);
  });

  it('refuses a PIN no till can have (not 4 to 12 digits) without asking the agent', () => {
    const state = run(statusOk, { type: 'pinRefused' });
    expect(said(state)?.message).toBe(
      'A manager PIN is 6 to 12 digits (4 or 5 on a till whose PIN IT has not changed yet).',
    );
    expect(state.unlocking).toBe(false);
  });

  it('shuts on a lockout, says until when once the status tells, and opens again when it is over', () => {
    const until = '2025-03-03T14:47:00Z';
    const now = Date.parse('2025-03-03T14:40:00Z');
    const locked = run(
      statusOk,
      { type: 'unlockStarted' },
      { type: 'unlockAnswered', result: fail('MANAGER_LOCKED', 'That was the 5th try.') },
    );
    expect(promptState(locked, now)).toEqual({ disabled: true });
    const told = reduceManager(locked, {
      type: 'statusRead',
      result: { ok: true, value: { pinSet: true, demoPin: false, lockedUntil: until } },
    });
    expect(promptState(told, now)).toEqual({ disabled: true, lockedUntil: until });
    expect(told.prompt?.code).toBe('MANAGER_LOCKED');
    expect(said(told)).toEqual({
      heading: 'Manager view locked',
      message: 'Too many wrong PINs. The manager view is locked for a while.',
    });
    const over = reduceManager(told, statusOk);
    expect(promptState(over, now)).toEqual({ disabled: false });
    expect(over.prompt).toBeUndefined();
  });

  it('is shut from the start when the status says the view is locked out', () => {
    const state = run({
      type: 'statusRead',
      result: { ok: true, value: { pinSet: true, demoPin: false, lockedUntil: '2025-03-03T14:47:00Z' } },
    });
    expect(promptState(state, Date.parse('2025-03-03T14:40:00Z')).disabled).toBe(true);
  });

  it('says there is no PIN to enter when none is set', () => {
    const state = run({ type: 'statusRead', result: { ok: true, value: { pinSet: false, demoPin: false } } });
    expect(state.prompt?.code).toBe('MANAGER_PIN_NOT_SET');
    expect(promptState(state, 0).disabled).toBe(true);
  });

  it('keeps why the status could not be read', () => {
    const state = run({ type: 'statusRead', result: fail('INTERNAL', "Till Agent didn't answer.") });
    expect(state.statusProblem?.message).toBe("Till Agent didn't answer.");
  });

  it('sends one unlock at a time, and ignores an answer nobody asked for', () => {
    const once = run(statusOk, { type: 'unlockStarted' });
    expect(reduceManager(once, { type: 'unlockStarted' })).toBe(once);
    const stray = run(statusOk, {
      type: 'unlockAnswered',
      result: { ok: true, value: { session: 'x', expiresAt: '' } },
    });
    expect(stray.session).toBeUndefined();
  });
});

describe('the session', () => {
  it('opens on the queue, all items, with nothing read yet', () => {
    const state = run(...unlocking);
    expect(state).toMatchObject({ session: SESSION, view: 'queue', filter: 'ALL', loaded: false, items: [] });
    expect(state.prompt).toBeUndefined();
  });

  it('expires back to the PIN prompt from any answer, with the agent’s words and nothing of the queue left', () => {
    const open = withPage([item()], { pending: 2 });
    const answers: ManagerAction[] = [
      { type: 'queueAnswered', session: SESSION, seq: 1, result: expired, at: 0 },
      { type: 'itemAnswered', session: SESSION, result: expired },
      { type: 'exportAnswered', session: SESSION, result: expired },
      { type: 'auditAnswered', session: SESSION, result: expired },
      { type: 'acknowledgeAnswered', session: SESSION, result: expired },
    ];
    for (const answer of answers) {
      const state = reduceManager(open, answer);
      expect(state.session, answer.type).toBeUndefined();
      expect(state.items).toEqual([]);
      expect(state.summary).toBeUndefined();
      expect(state.prompt?.code).toBe('MANAGER_SESSION_EXPIRED');
      expect(said(state)).toEqual({
        heading: 'Manager view locked itself',
        message: 'The manager view has locked itself. Enter the PIN again.',
      });
      expect(state.status).toEqual(open.status);
    }
  });

  it('locks itself after a while without the manager, saying so', () => {
    const open = withPage([item()]);
    const state = reduceManager(open, { type: 'idleLocked' });
    expect(state.session).toBeUndefined();
    expect(state.items).toEqual([]);
    expect(said(state)?.message).toBe(
      'The manager view locked itself after 10 minutes without use. Enter the PIN again.',
    );
    expect(reduceManager(run(statusOk), { type: 'idleLocked' })).toEqual(run(statusOk));
  });

  it('drops answers for a session that has ended (Lock pressed while a read was out)', () => {
    const open = withPage([item()]);
    const lockedNow = reduceManager(open, { type: 'lockPressed' });
    expect(lockedNow.session).toBeUndefined();
    expect(lockedNow.prompt).toBeUndefined();
    expect(
      reduceManager(lockedNow, {
        type: 'queueAnswered',
        session: SESSION,
        seq: 1,
        result: page([item()]),
        at: 0,
      }),
    ).toBe(lockedNow);
    expect(reduceManager(lockedNow, { type: 'itemAnswered', session: SESSION, result: expired })).toBe(
      lockedNow,
    );
  });
});

describe('the queue', () => {
  it('shows the page, its cursor and its summary', () => {
    const state = withPage([item()], { pending: 3, oldestPendingAgeMs: 720_000 });
    expect(state.items).toHaveLength(1);
    expect(state.nextCursor).toBe('9');
    expect(state.summary).toMatchObject({ pending: 3, failed: 1 });
    expect(state.loaded).toBe(true);
  });

  it('takes only the answer to the latest read', () => {
    const state = run(
      ...unlocking,
      { type: 'queueRequested', seq: 1, append: false },
      { type: 'queueRequested', seq: 2, append: false },
      { type: 'queueAnswered', session: SESSION, seq: 1, result: page([item({ itemId: 'old' })]), at: 0 },
    );
    expect(state.items).toEqual([]);
    const latest = reduceManager(state, {
      type: 'queueAnswered',
      session: SESSION,
      seq: 2,
      result: page([item({ itemId: 'new' })]),
      at: 0,
    });
    expect(latest.items.map((i) => i.itemId)).toEqual(['new']);
  });

  it('adds the next page after what is shown, each item once', () => {
    const first = withPage([item({ itemId: 'a' }), item({ itemId: 'b' })]);
    const state = [
      { type: 'queueRequested', seq: 2, append: true } as const,
      {
        type: 'queueAnswered',
        session: SESSION,
        seq: 2,
        result: page([item({ itemId: 'b' }), item({ itemId: 'c' })]),
        at: 0,
      } as const,
    ].reduce(reduceManager, first);
    expect(state.items.map((i) => i.itemId)).toEqual(['a', 'b', 'c']);
    expect(state.nextCursor).toBeUndefined();
  });

  it('a new filter starts from an empty, unread list', () => {
    const state = reduceManager(withPage([item()]), { type: 'filterChosen', filter: 'FAILED' });
    expect(state).toMatchObject({ filter: 'FAILED', items: [], loaded: false });
    expect(state.nextCursor).toBeUndefined();
  });

  it('asks the agent for one state per filter, none for All', () => {
    const filters: QueueFilter[] = ['ALL', 'PENDING', 'IN_FLIGHT', 'FAILED', 'DELIVERED'];
    expect(filters.map(stateOf)).toEqual([undefined, 'PENDING', 'IN_FLIGHT', 'FAILED', 'DELIVERED']);
  });

  it('reads again as many as are shown, at least a page and at most 500', () => {
    expect(refreshLimit(0)).toBe(50);
    expect(refreshLimit(120)).toBe(120);
    fc.assert(
      fc.property(fc.nat(10_000), (shown) => {
        const limit = refreshLimit(shown);
        expect(limit).toBeGreaterThanOrEqual(Math.min(shown, 500));
        expect(limit).toBeGreaterThanOrEqual(50);
        expect(limit).toBeLessThanOrEqual(500);
      }),
    );
  });

  it('a queue event changes the counts at once and keeps the oldest waiting sale’s age counting', () => {
    const oldestPendingAt = '2025-03-03T14:00:00Z';
    const state = withPage([], { pending: 3, oldestPendingAt, oldestPendingAgeMs: 600_000 }, 1_000);
    expect(oldestAgeMs(state, 61_000)).toBe(660_000);
    const moved = reduceManager(state, {
      type: 'queueChanged',
      summary: { pending: 2, failed: 1, oldestPendingAt, sending: { sent: 1, of: 3 } },
      at: 31_000,
    });
    expect(moved.summary).toMatchObject({ pending: 2, failed: 1, sending: { sent: 1, of: 3 } });
    expect(oldestAgeMs(moved, 31_000)).toBe(630_000);
    // A different oldest sale: its age from its own time.
    const other = reduceManager(moved, {
      type: 'queueChanged',
      summary: { pending: 1, failed: 1, oldestPendingAt: '2025-03-03T14:30:00Z' },
      at: Date.parse('2025-03-03T14:42:00Z'),
    });
    expect(oldestAgeMs(other, Date.parse('2025-03-03T14:42:00Z'))).toBe(12 * 60_000);
    // Nothing waiting: no age.
    const none = reduceManager(other, { type: 'queueChanged', summary: { pending: 0, failed: 1 }, at: 0 });
    expect(oldestAgeMs(none, 0)).toBeUndefined();
  });

  it('ignores queue events while locked', () => {
    const state = run(statusOk);
    expect(reduceManager(state, { type: 'queueChanged', summary: { pending: 1, failed: 0 }, at: 0 })).toBe(
      state,
    );
  });

  it('the age never runs backwards, whenever events come', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(60_000), { maxLength: 20 }), (gaps) => {
        const oldestPendingAt = '2025-03-03T14:00:00Z';
        let at = 1_000;
        let state = withPage([], { pending: 1, oldestPendingAt, oldestPendingAgeMs: 5_000 }, at);
        let last = oldestAgeMs(state, at)!;
        for (const gap of gaps) {
          at += gap;
          state = reduceManager(state, {
            type: 'queueChanged',
            summary: { pending: 1, failed: 0, oldestPendingAt },
            at,
          });
          const age = oldestAgeMs(state, at)!;
          expect(age).toBeGreaterThanOrEqual(last);
          expect(age).toBe(5_000 + (at - 1_000));
          last = age;
        }
      }),
    );
  });
});

describe('actions on an item', () => {
  const failedItem = item();
  const { advice: _advice, ...plain } = failedItem;

  it('Collected: the item shows its resolution and loses its advice; the notice says so', () => {
    const open = withPage([failedItem]);
    const busy = reduceManager(open, { type: 'resolveStarted', itemId: 'q-1', resolution: 'COLLECTED' });
    expect(busy.busy).toEqual({ kind: 'resolve', itemId: 'q-1', resolution: 'COLLECTED' });
    // One action at a time.
    expect(reduceManager(busy, { type: 'retryStarted', itemId: 'q-1' })).toBe(busy);
    const done = reduceManager(busy, {
      type: 'itemAnswered',
      session: SESSION,
      result: { ok: true, value: { ...plain, resolution: 'COLLECTED: collected from the customer' } },
    });
    expect(done.busy).toBeUndefined();
    expect(done.items[0]?.resolution).toBe('COLLECTED: collected from the customer');
    expect(done.items[0]?.advice).toBeUndefined();
    expect(notice(done)).toBe('Sale b-1 marked as collected from the customer.');
  });

  it('Retry now: the item as the agent now has it', () => {
    const open = withPage([failedItem]);
    const done = [
      { type: 'retryStarted', itemId: 'q-1' } as const,
      {
        type: 'itemAnswered',
        session: SESSION,
        result: { ok: true, value: { ...plain, state: 'PENDING' } },
      } as const,
    ].reduce(reduceManager, open);
    expect(done.items[0]?.state).toBe('PENDING');
    expect(notice(done)).toBe('Sale b-1 will be sent again now.');
  });

  it('a refusal is shown under its heading, and the item stays as it was', () => {
    const open = withPage([failedItem]);
    const done = [
      { type: 'resolveStarted', itemId: 'q-1', resolution: 'WRITTEN_OFF' } as const,
      {
        type: 'itemAnswered',
        session: SESSION,
        result: fail('BAD_REQUEST', 'Only an item that did not go through can be marked.'),
      } as const,
    ].reduce(reduceManager, open);
    expect(done.busy).toBeUndefined();
    expect(done.items).toEqual([failedItem]);
    expect(done.problem?.code).toBe('BAD_REQUEST');
    // The heading by its code; the agent's reason, which no code says, as it wrote it (English).
    expect(promptWords(en, done.problem!)).toEqual({
      heading: 'Check the number',
      message: 'Only an item that did not go through can be marked.',
      lang: 'en',
    });
  });

  it('Export: the notice names the file saved, safely', () => {
    const done = [
      { type: 'exportStarted' } as const,
      {
        type: 'exportAnswered',
        session: SESSION,
        result: { ok: true, value: { filename: 'till-agent-queue-demo-2025-03-03.csv', csv: 'a\r\n' } },
      } as const,
    ].reduce(reduceManager, withPage([]));
    expect(notice(done)).toBe('Saved till-agent-queue-demo-2025-03-03.csv.');
  });

  it('the audit is kept as read', () => {
    const entries = [{ at: '2025-03-03T14:00:00Z', action: 'UNLOCK' }];
    const done = [
      { type: 'viewChosen', view: 'audit' } as const,
      { type: 'auditRequested' } as const,
      { type: 'auditAnswered', session: SESSION, result: { ok: true, value: { entries } } } as const,
    ].reduce(reduceManager, withPage([]));
    expect(done).toMatchObject({ view: 'audit', audit: entries, auditLoading: false });
  });

  it('acknowledging a kept database says so', () => {
    const done = [
      { type: 'acknowledgeStarted' } as const,
      { type: 'acknowledgeAnswered', session: SESSION, result: { ok: true, value: {} } } as const,
    ].reduce(reduceManager, withPage([]));
    expect(done.busy).toBeUndefined();
    expect(notice(done)).toMatch(/^Acknowledged/);
  });

  it('no action starts without a session', () => {
    const locked = run(statusOk);
    for (const action of [
      { type: 'retryStarted', itemId: 'q-1' },
      { type: 'resolveStarted', itemId: 'q-1', resolution: 'COLLECTED' },
      { type: 'exportStarted' },
      { type: 'acknowledgeStarted' },
      { type: 'queueRequested', seq: 1, append: false },
    ] as const)
      expect(reduceManager(locked, action), action.type).toBe(locked);
  });
});
