// What the Till screen's result area says, put into words when it is drawn: the reducer (state.ts)
// keeps what happened (the agent's error and what the cashier was doing, a card applied or removed,
// a number typed wrong), so switching language re-words whatever is on screen.
import type { ApiError } from '../../main/agent/contract';
import { problemWords, type ErrorAction } from './error-words';
import { formatMoney, lastFour } from './format';
import type { Words } from './i18n/words';
import { describeMoneyProblem, type MoneyProblem } from './money-entry';
import type { ResultView } from './state';
import type { Tone } from './wording';

/** What the cashier typed that can't be sent: which field, and why. */
export type EntryProblem =
  /** Nothing typed; `button` is the one the cashier pressed. */
  | { kind: 'numberEmpty'; button: 'check' | 'apply' | 'topUp' }
  | { kind: 'numberTooLong'; max: number }
  | { kind: 'pinFormat' }
  /** Take at most could not be read, or was nothing. */
  | { kind: 'amount'; problem: MoneyProblem; currency: string }
  | { kind: 'amountZero'; currency: string };

/** A problem shown in the result area, as it happened. */
export type Problem =
  | { kind: 'agent'; error: ApiError; action: ErrorAction }
  /** A scan the agent read as no gift card; `reason` is the agent's (English), when it gave one. */
  | { kind: 'notAGiftCard'; reason?: string }
  /** A scan the agent did not answer in time. */
  | { kind: 'noAnswer' }
  | { kind: 'entry'; entry: EntryProblem };

/** What a sale action did: a card applied (and what it took) or removed. */
export type Notice =
  | {
      kind: 'applied';
      currency: string;
      dueMinor: number;
      /** The tender the apply added, when the answer shows which it was. */
      tender?: { cardNumberMasked: string; amountMinor: number; balanceAfterMinor: number };
    }
  | { kind: 'removed'; currency: string; dueMinor: number; cardNumberMasked?: string };

export interface ResultWords {
  heading: string;
  message: string;
}

/** The words of a problem in the screen's language; `currency` writes money the agent's details give. */
export function problemText(words: Words, problem: Problem, currency?: string): ResultWords {
  switch (problem.kind) {
    case 'agent': {
      const { heading, message } = problemWords(
        words,
        problem.error,
        problem.action,
        currency ? { currency } : {},
      );
      return { heading, message };
    }
    case 'notAGiftCard':
      return {
        heading: words.formatMessage({ id: 'error.NOT_A_GIFT_CARD.heading' }),
        message: problem.reason
          ? words.formatMessage({ id: 'error.NOT_A_GIFT_CARD.scanReason' }, { said: problem.reason })
          : words.formatMessage({ id: 'error.NOT_A_GIFT_CARD.scanned' }),
      };
    case 'noAnswer':
      return {
        heading: words.formatMessage({ id: 'lookup.noAnswer.heading' }),
        message: words.formatMessage({ id: 'lookup.noAnswer.message' }),
      };
    case 'entry':
      return entryText(words, problem.entry);
  }
}

function entryText(words: Words, entry: EntryProblem): ResultWords {
  switch (entry.kind) {
    case 'numberEmpty':
      return {
        heading: words.formatMessage({ id: 'entryProblem.checkNumber' }),
        message: words.formatMessage({ id: 'entryProblem.numberEmpty' }, { button: entry.button }),
      };
    case 'numberTooLong':
      return {
        heading: words.formatMessage({ id: 'entryProblem.checkNumber' }),
        message: words.formatMessage({ id: 'entryProblem.numberTooLong' }, { max: entry.max }),
      };
    case 'pinFormat':
      return {
        heading: words.formatMessage({ id: 'entryProblem.checkPin' }),
        message: words.formatMessage({ id: 'entryProblem.pinFormat' }),
      };
    case 'amount':
      return {
        heading: words.formatMessage({ id: 'entryProblem.checkAmount' }),
        message: describeMoneyProblem(entry.problem, entry.currency, words),
      };
    case 'amountZero':
      return {
        heading: words.formatMessage({ id: 'entryProblem.checkAmount' }),
        message: words.formatMessage(
          { id: 'entryProblem.maxZero' },
          { zero: formatMoney(0, entry.currency, words.locale) },
        ),
      };
  }
}

/** The words of a notice in the screen's language, and its tone. */
export function noticeText(words: Words, notice: Notice): ResultWords & { tone: Tone } {
  const money = (minor: number) => formatMoney(minor, notice.currency, words.locale);
  const due = money(notice.dueMinor);
  if (notice.kind === 'applied') {
    const { tender } = notice;
    if (!tender) return { tone: 'good', heading: words.formatMessage({ id: 'notice.applied' }), message: '' };
    return {
      tone: 'good',
      heading: words.formatMessage(
        { id: 'notice.appliedCard' },
        { last4: lastFour(tender.cardNumberMasked) },
      ),
      message: words.formatMessage(
        { id: 'notice.appliedMessage' },
        { taken: money(tender.amountMinor), left: money(tender.balanceAfterMinor), due },
      ),
    };
  }
  return {
    tone: 'neutral',
    heading: notice.cardNumberMasked
      ? words.formatMessage({ id: 'notice.removedCard' }, { last4: lastFour(notice.cardNumberMasked) })
      : words.formatMessage({ id: 'notice.removed' }),
    message: words.formatMessage({ id: 'notice.removedMessage' }, { due }),
  };
}

/**
 * A problem or notice as the screen says it (heading and message in `words`' language, with what
 * the reducer keeps beside them); any other result as it is.
 */
export function sayResult(
  words: Words,
  result: ResultView,
  currency?: string,
): { kind: ResultView['kind']; heading?: string; message?: string; [part: string]: unknown } {
  if (result.kind === 'problem') {
    const { problem, ...rest } = result;
    return { ...rest, ...problemText(words, problem, currency) };
  }
  if (result.kind === 'notice') return { kind: 'notice' as const, ...noticeText(words, result.notice) };
  return result;
}
