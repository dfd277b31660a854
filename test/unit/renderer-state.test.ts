// The cashier screen's reducer: what the screen shows after each answer, event and keypress.
import { describe, expect, it } from 'vitest';
import type { AgentEvent, ApiError, Card, Health, Scan, ScannerState } from '../../main/agent/contract';
import {
  initialState,
  LOOKUP_TIMEOUT_MS,
  readEntry,
  reduce,
  type Action,
  type ViewState,
} from '../../renderer/src/state';
import { intlFor } from '../../renderer/src/i18n/words';
import { sayResult } from '../../renderer/src/result-words';

/** The result as an English screen says it. */
const say = (state: ViewState) => sayResult(intlFor('en-GB'), state.result);

const health: Health = {
  status: 'OK',
  version: '0.1.0',
  demo: true,
  centegra: { state: 'ONLINE', lastOkAt: '2025-03-03T14:00:00Z' },
  queue: { pending: 0, failed: 0 },
  scanners: [],
  till: { siteId: '42', tillId: '3' },
  currency: 'GBP',
  storage: { ok: true },
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

  it('changes nothing for an event it does not show, even one a newer agent invents', () => {
    const before = run({ type: 'healthRead', result: { ok: true, value: health } });
    const unknown = { id: '3a', type: 'somethingNew', data: {} } as unknown as AgentEvent;
    expect(reduce(before, event(unknown))).toBe(before);
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

  it('shows an error under its heading with what the cashier does (IT’s fix stays on Diagnostics)', () => {
    const message = 'The Factor4 key is switched off. Ask a manager to enable it.';
    const state = run(
      { type: 'checkStarted', checkId: 1 },
      {
        type: 'checkFinished',
        checkId: 1,
        result: { ok: false, error: { code: 'CENTEGRA_KEY_DISABLED', message } },
      },
    );
    expect(say(state)).toEqual({
      kind: 'problem',
      heading: 'Gift card key switched off',
      message: 'Tell your manager: Diagnostics says how to switch it back on.',
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
    expect(say(state)).toMatchObject({ kind: 'problem', heading: 'Something went wrong in Till Agent' });
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
    expect(say(state)).toMatchObject({
      kind: 'problem',
      heading: 'Not a gift card',
      message: 'That is a product barcode (EAN-13), not a gift card.',
    });
  });

  it('shows Looking up… for a valid scan, with the masked number, until its card arrives', () => {
    const state = run(event({ id: '6', type: 'scan', data: validScan('s2') }));
    expect(state.result).toEqual({ kind: 'lookingUp', scanId: 's2', cardNumberMasked: '•••• 0011' });
    expect(state.resultSeq).toBe(1);
    const after = reduce(state, event({ id: '7', type: 'card', data: { ...card, scanId: 's2' } }));
    expect(after.result).toEqual({ kind: 'card', card: { ...card, scanId: 's2' }, scanned: true });
  });
});

function validScan(scanId: string): Scan {
  return {
    scanId,
    at: '2025-03-03T14:32:00Z',
    source: { kind: 'keyboard', deviceId: 'keyboard' },
    valid: true,
    cardNumberMasked: '•••• 0011',
  };
}

const offline: ApiError = {
  code: 'OFFLINE',
  message: 'Centegra Plus cannot be reached. Check the shop’s internet, then scan again.',
};

describe('a keyboard scan', () => {
  it('shows Looking up… from the agent’s answer, and once only when the scan event says the same', () => {
    const answered = run({ type: 'keyboardScanAnswered', result: { ok: true, value: validScan('k1') } });
    expect(answered.result).toMatchObject({ kind: 'lookingUp', scanId: 'k1' });
    const again = reduce(answered, event({ id: '8', type: 'scan', data: validScan('k1') }));
    expect(again).toBe(answered);
  });

  it('does not go back to Looking up… when the answer comes after the card', () => {
    const state = run(
      event({ id: '9', type: 'scan', data: validScan('k2') }),
      event({ id: '10', type: 'card', data: { ...card, scanId: 'k2' } }),
      { type: 'keyboardScanAnswered', result: { ok: true, value: validScan('k2') } },
    );
    expect(state.result).toMatchObject({ kind: 'card', scanned: true });
  });

  it('shows Not a gift card with the reason for an invalid keyboard scan', () => {
    const state = run({
      type: 'keyboardScanAnswered',
      result: { ok: true, value: { ...validScan('k3'), valid: false, reason: 'Too short for a gift card.' } },
    });
    expect(say(state)).toMatchObject({
      kind: 'problem',
      heading: 'Not a gift card',
      message: 'Too short for a gift card.',
    });
  });

  it('shows why the agent refused the keyboard scan', () => {
    const state = run({ type: 'keyboardScanAnswered', result: { ok: false, error: offline } });
    expect(say(state)).toMatchObject({ kind: 'problem', heading: "Centegra Plus can't be reached" });
  });
});

describe('cardError', () => {
  it('ends Looking up… with the error box: heading for its code, what to do', () => {
    const state = run(
      event({ id: '11', type: 'scan', data: validScan('s3') }),
      event({ id: '12', type: 'cardError', data: { scanId: 's3', error: offline } }),
    );
    expect(say(state)).toEqual({
      kind: 'problem',
      heading: "Centegra Plus can't be reached",
      message: 'Try again in a minute. If it keeps happening, tell your manager.',
      code: 'OFFLINE',
    });
    expect(state.resultSeq).toBe(2);
  });

  it('shows an error for a scan the screen never saw (its scan event was missed)', () => {
    const state = run(event({ id: '13', type: 'cardError', data: { scanId: 'hid-9', error: offline } }));
    expect(say(state)).toMatchObject({ kind: 'problem', code: 'OFFLINE' });
  });

  it('drops a late answer about an older scan while a newer one is looked up', () => {
    const state = run(
      event({ id: '14', type: 'scan', data: validScan('old') }),
      event({ id: '15', type: 'scan', data: validScan('new') }),
    );
    expect(
      reduce(state, event({ id: '16', type: 'cardError', data: { scanId: 'old', error: offline } })),
    ).toBe(state);
    expect(reduce(state, event({ id: '17', type: 'card', data: { ...card, scanId: 'old' } }))).toBe(state);
  });

  it('drops the answer to a scan the cashier cleared with Escape, or keyed over', () => {
    const cleared = run(event({ id: '18', type: 'scan', data: validScan('s4') }), { type: 'cleared' });
    expect(cleared.result).toEqual({ kind: 'idle' });
    expect(reduce(cleared, event({ id: '19', type: 'card', data: { ...card, scanId: 's4' } }))).toBe(cleared);

    const keyed = run(event({ id: '20', type: 'scan', data: validScan('s5') }), {
      type: 'checkStarted',
      checkId: 1,
    });
    expect(
      reduce(keyed, event({ id: '21', type: 'cardError', data: { scanId: 's5', error: offline } })),
    ).toBe(keyed);
  });

  it('remembers only the last 32 scans', () => {
    const scans = Array.from({ length: 40 }, (_, i) =>
      event({ id: `e${i}`, type: 'scan', data: validScan(`s${i}`) }),
    );
    const state = run(...scans);
    expect(state.scans.seen).toHaveLength(32);
    expect(state.scans.current).toBe('s39');
  });
});

describe('looking up times out', () => {
  it('says there was no answer after LOOKUP_TIMEOUT_MS (15 s)', () => {
    expect(LOOKUP_TIMEOUT_MS).toBe(15_000);
    const state = run(event({ id: '22', type: 'scan', data: validScan('s6') }), {
      type: 'lookupTimedOut',
      scanId: 's6',
    });
    expect(say(state)).toMatchObject({ kind: 'problem', heading: 'No answer' });
    expect(say(state)).toHaveProperty(
      'message',
      expect.stringContaining('No answer for that scan: scan it again'),
    );
  });

  it('ignores a timeout for a scan no longer on screen', () => {
    const answered = run(
      event({ id: '23', type: 'scan', data: validScan('s7') }),
      event({ id: '24', type: 'card', data: { ...card, scanId: 's7' } }),
    );
    expect(reduce(answered, { type: 'lookupTimedOut', scanId: 's7' })).toBe(answered);
    const newer = run(
      event({ id: '25', type: 'scan', data: validScan('s8') }),
      event({ id: '26', type: 'scan', data: validScan('s9') }),
    );
    expect(reduce(newer, { type: 'lookupTimedOut', scanId: 's8' })).toBe(newer);
  });

  it('still shows the card if it arrives after the timeout', () => {
    const state = run(
      event({ id: '27', type: 'scan', data: validScan('s10') }),
      { type: 'lookupTimedOut', scanId: 's10' },
      event({ id: '28', type: 'card', data: { ...card, scanId: 's10' } }),
    );
    expect(state.result).toMatchObject({ kind: 'card', scanned: true });
  });
});

describe('scanners events', () => {
  it('keep the scanners in health current', () => {
    const scanners: ScannerState[] = [
      { deviceId: 'serial:COM3', kind: 'serial', connected: false, problem: 'Plug the scanner back in.' },
    ];
    const state = run(
      { type: 'healthRead', result: { ok: true, value: health } },
      event({ id: '29', type: 'scanners', data: { scanners } }),
    );
    expect(state.health?.scanners).toEqual(scanners);
    expect(state.result).toEqual({ kind: 'idle' });
    expect(run(event({ id: '30', type: 'scanners', data: { scanners } })).health).toBeUndefined();
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
    expect(readEntry('   ', '')).toEqual({
      ok: false,
      problem: { kind: 'numberEmpty', button: 'check' },
      field: 'cardNumber',
    });
    expect(readEntry('', '', 'apply')).toMatchObject({ problem: { kind: 'numberEmpty', button: 'apply' } });
    expect(readEntry('1'.repeat(65), '')).toMatchObject({ ok: false, field: 'cardNumber' });
  });

  it('accepts only a PIN of 4 to 8 digits', () => {
    expect(readEntry('62800012', '12')).toMatchObject({
      ok: false,
      problem: { kind: 'pinFormat' },
      field: 'pin',
    });
    expect(readEntry('62800012', '12a4')).toMatchObject({ ok: false, field: 'pin' });
    expect(readEntry('62800012', '123456789')).toMatchObject({ ok: false, field: 'pin' });
    expect(readEntry('62800012', '12345678').ok).toBe(true);
  });

  it('shows a rejected entry as a problem on its field', () => {
    const state = run({
      type: 'entryRejected',
      problem: { kind: 'pinFormat' },
      field: 'pin',
    });
    expect(say(state)).toEqual({
      kind: 'problem',
      heading: 'Check the PIN',
      message: 'A PIN is 4 to 8 digits. Leave the PIN empty if the card has none.',
      field: 'pin',
    });
    expect(state.resultSeq).toBe(1);
  });
});

describe('the result is kept as what happened, and worded when drawn', () => {
  const cy = intlFor('cy-GB');

  it('words one refusal in English or Welsh from the same state, never with the agent’s English in Welsh', () => {
    const state = run(event({ id: '40', type: 'cardError', data: { scanId: 'x', error: offline } }));
    expect(state.result).toMatchObject({ kind: 'problem', problem: { kind: 'agent', action: 'balance' } });
    expect(say(state)).toMatchObject({ heading: "Centegra Plus can't be reached" });
    expect(sayResult(cy, state.result)).toMatchObject({
      heading: 'Methu cyrraedd Centegra Plus',
      message: 'Rhowch gynnig arall arni ymhen munud. Os yw’n parhau, dywedwch wrth eich rheolwr.',
    });
  });

  it('words a scan that is no gift card, no answer, and a typing slip in Welsh', () => {
    const scanned = run({
      type: 'keyboardScanAnswered',
      result: { ok: true, value: { ...validScan('k9'), valid: false, reason: 'Too short for a gift card.' } },
    });
    const welsh = sayResult(cy, scanned.result);
    expect(welsh).toMatchObject({ heading: 'Nid cerdyn rhodd' });
    expect(welsh.message).not.toContain('Too short');
    const timedOut = run(event({ id: '41', type: 'scan', data: validScan('s9') }), {
      type: 'lookupTimedOut',
      scanId: 's9',
    });
    expect(sayResult(cy, timedOut.result)).toMatchObject({ heading: 'Dim ateb' });
    const empty = readEntry('', '', 'topUp');
    if (empty.ok) throw new Error('an empty number is refused');
    const slip = run({ type: 'entryRejected', problem: empty.problem, field: empty.field });
    expect(say(slip).message).toBe('Type or scan the gift card number, then press Top up / activate.');
    expect(sayResult(cy, slip.result).message).toBe(
      'Teipiwch neu sganiwch rif y cerdyn rhodd, yna pwyswch Ychwanegu arian / actifadu.',
    );
  });
});
