// The one mapping from the agent's error codes to what the person at the till reads: every code has
// words for every action, applying a card and checking its balance are headed alike, a top-up never
// tells a customer paying in to pay another way, and no cashier text carries IT's fixes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCodes, KEY_FIX, type ApiError, type ErrorCode } from '../../main/agent/contract';
import { FACTOR4_MESSAGE, httpFailure, networkFailure } from '../../main/agent/centegra';
import {
  errorActions,
  errorField,
  type ErrorAction,
  errorHeading,
  errorWords,
  firstSentence,
  IT_ONLY_WORDS,
  problemWords,
} from '../../renderer/src/error-words';
import { cyGB } from '../../renderer/src/i18n/cy-GB';
import { enGB, type MessageId } from '../../renderer/src/i18n/en-GB';
import { PSEUDO } from '../../renderer/src/i18n/languages';
import { intlFor } from '../../renderer/src/i18n/words';

const en = intlFor('en-GB');

/** What an English screen shows for an error the agent answered. */
const cashierProblem = (error: ApiError, action: ErrorAction) => problemWords(en, error, action);

const cashierActions = errorActions.filter((a) => a !== 'manager');
const itWords = (text: string) => IT_ONLY_WORDS.filter((w) => text.includes(w));

/** What the agent really says for the faults a cashier meets, IT's fixes and all. */
const agentMessages: Array<{ code: ErrorCode; message: string }> = [
  httpFailure({ status: 403, error: { code: 'KEY_DISABLED' }, path: '/cards/inquiry' }),
  httpFailure({ status: 401, error: { code: 'KEY_INVALID' }, path: '/cards/inquiry' }),
  httpFailure({ status: 403, error: { code: 'SITE_NOT_CONFIGURED' }, path: '/cards/inquiry' }),
  httpFailure({ status: 503, error: { code: 'FACTOR4_UNAVAILABLE' }, path: '/cards/inquiry' }),
  httpFailure({ status: 429, retryAfter: '12', path: '/cards/inquiry' }),
  httpFailure({ status: 500, error: { code: 'INTERNAL', message: 'boom' }, path: '/cards/inquiry' }),
  httpFailure({ status: 404, path: '/cards/inquiry' }),
  httpFailure({ status: 404, error: { code: 'CARD_NOT_FOUND' }, path: '/cards/inquiry' }),
  httpFailure({ status: 422, error: { code: 'PIN_REQUIRED' }, path: '/cards/inquiry' }),
  networkFailure(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), false),
  networkFailure(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), false),
  networkFailure(new Error('timeout'), true),
].map(({ code, message }) => ({ code, message }));

describe('errorWords: one mapping for every code and every action', () => {
  it('gives every error code a heading, and every action a heading and what to do', () => {
    for (const code of errorCodes)
      for (const action of errorActions) {
        const words = errorWords(en, code, action);
        expect(words.heading, `${code} ${action}`).toMatch(/^[A-Z]/);
        expect(typeof words.whatToDo).toBe('string');
        expect(cashierProblem({ code, message: 'The agent said so.' }, action).message).not.toBe('');
      }
  });

  it('heads applying a card and checking its balance alike, whatever the fault', () => {
    for (const code of errorCodes) {
      if (code === 'BAD_REQUEST') continue; // a card in another currency: "Can't use this card here"
      expect(errorWords(en, code, 'apply').heading, code).toBe(errorWords(en, code, 'balance').heading);
    }
  });

  it('puts no IT-only words in any heading or instruction, for any code and action', () => {
    fc.assert(
      fc.property(fc.constantFrom(...errorCodes), fc.constantFrom(...cashierActions), (code, action) => {
        const { heading, whatToDo } = errorWords(en, code, action);
        expect(itWords(`${heading} ${whatToDo}`)).toEqual([]);
      }),
    );
  });

  it("shows none of the agent's IT fixes to a cashier, for the messages the agent really sends", () => {
    expect(agentMessages.some((m) => m.message.includes(KEY_FIX))).toBe(true);
    for (const error of agentMessages)
      for (const action of cashierActions) {
        const shown = cashierProblem(error, action);
        expect(itWords(`${shown.heading} ${shown.message}`), `${error.code} ${action}`).toEqual([]);
      }
    const linkDetails = (Object.keys(enGB) as MessageId[]).filter((id) => id.startsWith('linkDetail.'));
    expect(linkDetails.length).toBeGreaterThan(0);
    for (const id of linkDetails) expect(itWords(`${enGB[id]} ${cyGB[id]}`)).toEqual([]);
  });

  it('never tells a customer paying in to pay another way', () => {
    for (const code of errorCodes) {
      const shown = cashierProblem(
        { code, message: "This gift card can't be used. Ask for another way to pay." },
        'topUp',
      );
      const said = `${shown.heading} ${shown.message}`.replace("This gift card can't be used.", '');
      expect(said, code).not.toMatch(/another way to pay|take another payment|rest another way/i);
    }
  });

  it('does not say "check the network" for a Centegra that is down: Diagnostics may show the network is fine', () => {
    for (const action of cashierActions)
      expect(cashierProblem({ code: 'OFFLINE', message: 'x' }, action).message).not.toMatch(/network/i);
  });
});

describe('the wording the issue asks for', () => {
  it('heads a blocked or expired card by what it is, not "Card not activated"', () => {
    const blocked = {
      code: 'CARD_NOT_ACTIVE' as const,
      message: 'The card ending 0051 is blocked: do not accept it. Take another way to pay.',
    };
    expect(cashierProblem(blocked, 'apply')).toEqual({
      heading: "This card can't be used",
      message: 'The card ending 0051 is blocked: do not accept it. Ask for another way to pay.',
    });
    expect(cashierProblem(blocked, 'topUp')).toEqual({
      heading: "This card can't be topped up",
      message:
        'The card ending 0051 is blocked: do not accept it. Nothing was loaded onto the card: give the customer their money back, or top up another card.',
    });
  });

  it('says "Card number or PIN not recognised", and asks for the PIN when Centegra says one is needed', () => {
    expect(errorWords(en, 'CARD_NOT_FOUND', 'apply').heading).toBe('Card number or PIN not recognised');
    expect(cashierProblem({ code: 'PIN_REQUIRED', message: 'x' }, 'apply')).toMatchObject({
      heading: "Enter the card's PIN",
      field: 'pin',
    });
  });

  it('tells a cashier what to do about a switched-off key, and where the fix is', () => {
    const keyOff = agentMessages[0]!;
    expect(cashierProblem(keyOff, 'apply')).toEqual({
      heading: 'Gift card key switched off',
      message: 'Take another payment, and tell your manager: Diagnostics says how to switch it back on.',
    });
  });

  it('reads Factor4, a rate limit and an HTTP 500 apart when a card is applied', () => {
    const headings = [
      { code: 'FACTOR4_UNAVAILABLE' as const, message: FACTOR4_MESSAGE },
      agentMessages[4]!,
      agentMessages[5]!,
    ].map((e) => cashierProblem(e, 'apply').heading);
    expect(headings).toEqual([
      "Factor4 isn't answering",
      'Centegra Plus is busy',
      'Centegra Plus gave an error',
    ]);
  });

  it('a code from a newer agent still gets words', () => {
    expect(cashierProblem({ code: 'SOMETHING_NEW' as ErrorCode, message: 'x' }, 'apply').heading).toBe(
      'Something went wrong in Till Agent',
    );
  });
});

describe('firstSentence', () => {
  it('keeps the fact and drops the advice, not splitting money or ids', () => {
    expect(
      firstSentence('There is nothing left on the card ending 0039 (£0.00). Take another way to pay.'),
    ).toBe('There is nothing left on the card ending 0039 (£0.00).');
    expect(firstSentence('Just one sentence')).toBe('Just one sentence');
  });
});

describe('problemWords and errorHeading: in the screen’s language', () => {
  const cy = intlFor('cy-GB');
  const pseudo = intlFor(PSEUDO);
  const agentSaid = 'The card ending 0051 is blocked: do not accept it. Take another way to pay.';
  /** English catalogue sentences that Welsh says differently (a Welsh screen must show none). */
  const englishSentences = (Object.keys(enGB) as MessageId[])
    .filter((id) => id.startsWith('error.') && enGB[id] !== cyGB[id] && !enGB[id].includes('{'))
    .map((id) => enGB[id]);

  it('heads each code in English and in Welsh, and a code from a newer agent as an error in Till Agent', () => {
    expect(errorHeading(en, 'OFFLINE')).toBe("Centegra Plus can't be reached");
    expect(errorHeading(cy, 'OFFLINE')).toBe('Methu cyrraedd Centegra Plus');
    expect(errorHeading(cy, 'TOPUP_LIMIT')).toBe('Gormod ar gyfer un ychwanegiad');
    expect(errorHeading(en, 'SOMETHING_NEW')).toBe('Something went wrong in Till Agent');
    expect(errorHeading(cy, 'SOMETHING_NEW')).toBe('Aeth rhywbeth o’i le yn Till Agent');
    for (const code of errorCodes) expect(errorHeading(en, code)).toBe(enGB[`error.${code}.heading`]);
  });

  it('says in English what cashierProblem says, for every code and action', () => {
    for (const code of errorCodes)
      for (const action of errorActions)
        expect(problemWords(en, { code, message: agentSaid }, action)).toEqual(
          cashierProblem({ code, message: agentSaid }, action),
        );
  });

  it('never shows the agent’s English on a Welsh screen, nor an English sentence, for any code and action', () => {
    for (const code of errorCodes)
      for (const action of errorActions) {
        const { heading, message } = problemWords(cy, { code, message: agentSaid }, action);
        const shown = `${heading} ${message}`;
        expect(shown, `${code} ${action}`).not.toContain('0051');
        expect(message, `${code} ${action}`).not.toBe('');
        for (const sentence of englishSentences) expect(shown, `${code} ${action}`).not.toContain(sentence);
      }
  });

  it('marks every word of every problem in the pseudo-locale (no words from outside the catalogue)', () => {
    for (const code of errorCodes)
      for (const action of errorActions) {
        const { heading, message } = problemWords(pseudo, { code, message: agentSaid }, action);
        expect(heading).toMatch(/^⟦[^⟦⟧]*⟧$/);
        expect(message, `${code} ${action}`).toMatch(/^⟦[^⟦⟧]*⟧( ⟦[^⟦⟧]*⟧)*$/);
      }
  });

  it('says a blocked card’s refusal in Welsh, and what to do with the money on a top-up', () => {
    const blocked = { code: 'CARD_NOT_ACTIVE' as const, message: agentSaid };
    expect(problemWords(cy, blocked, 'apply')).toEqual({
      heading: 'Does dim modd defnyddio’r cerdyn hwn',
      message:
        'Mae’r cerdyn wedi’i rwystro, wedi dod i ben, neu heb ei actifadu. Gofynnwch am ffordd arall o dalu.',
    });
    expect(problemWords(cy, blocked, 'topUp').message).toContain('rhowch eu harian yn ôl i’r cwsmer');
    expect(problemWords(cy, blocked, 'topUp').message).not.toContain('ffordd arall o dalu');
    expect(problemWords(cy, { code: 'PIN_REQUIRED', message: 'x' }, 'balance')).toMatchObject({
      heading: 'Rhowch PIN y cerdyn',
      field: 'pin',
    });
  });

  it('says the figures the agent gives in details as money for the language, in both languages', () => {
    const limit = { code: 'TOPUP_LIMIT' as const, message: 'Over the limit.', details: { maxMinor: 25000 } };
    expect(problemWords(en, limit, 'topUp', { currency: 'GBP' }).message).toBe(
      'A top-up here is at most £250.00. Load the rest as a second top-up, or ask a manager. Nothing was loaded onto the card: give the customer their money back, or top up another card.',
    );
    expect(problemWords(cy, limit, 'topUp', { currency: 'GBP' }).message).toMatch(
      /^Uchafswm un ychwanegiad yma yw £250\.00\. /,
    );
    // Without the currency the figure can't be written: English keeps the agent's words, Welsh its own.
    expect(problemWords(en, limit, 'topUp').message).toMatch(/^Over the limit\. Nothing was loaded/);
    expect(problemWords(cy, limit, 'topUp').message).not.toContain('Over the limit');
    const refund = {
      code: 'REFUND_EXCEEDS_ORIGINAL' as const,
      message: 'The card paid £10.00; £4.00 of it can still be refunded. Refund no more than that.',
      details: { refundableMinor: 400 },
    };
    expect(problemWords(en, refund, 'refund', { currency: 'GBP' }).message).toBe(
      'Only £4.00 of what the card paid can still be refunded. Nothing was refunded: refund another way, or try again later.',
    );
    expect(problemWords(cy, refund, 'refund', { currency: 'GBP' }).message).toContain('£4.00');
  });

  it('finds the keyboard’s field by code', () => {
    expect(errorField('PIN_REQUIRED')).toBe('pin');
    expect(errorField('CARD_NOT_FOUND')).toBe('cardNumber');
    expect(errorField('OFFLINE')).toBeUndefined();
  });
});
