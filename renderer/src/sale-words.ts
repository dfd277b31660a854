// The sale's and the top-up's words in the screen's language (the catalogue's sale.*, saleClosed.*
// and topUp.* messages): where a closed sale's gift cards are, a held or vanished card, the offline
// note and the top-up's question (a manager's approval is in messages/manager, an outcome not
// known in messages/errors). Tone and shape stay with the words' meaning.
import type { Basket } from '../../main/agent/contract';
import type { MessageId } from './i18n/en-GB';
import type { Words } from './i18n/words';
import type { Shape, Tone } from './wording';

export interface StateWording {
  text: string;
  tone: Tone;
  shape: Shape;
}

/** Where a closed sale's gift cards are: with Factor4, waiting to be sent, or refused (or the POS cancelled it). */
export function describeClose(
  words: Words,
  basket: Pick<Basket, 'state' | 'closeState' | 'giftCardTenders'>,
): StateWording {
  const say = (id: MessageId) => words.formatMessage({ id });
  if (basket.state === 'VOIDED') return { text: say('saleClosed.voided'), tone: 'neutral', shape: 'ring' };
  switch (basket.closeState) {
    case 'FAILED':
      return { text: say('saleClosed.failed'), tone: 'danger', shape: 'cross' };
    case 'DELIVERED':
      return basket.giftCardTenders.length === 0
        ? { text: say('saleClosed.noCards'), tone: 'neutral', shape: 'ring' }
        : { text: say('saleClosed.delivered'), tone: 'good', shape: 'circle' };
    default:
      return { text: say('saleClosed.queued'), tone: 'warning', shape: 'triangle' };
  }
}

/** A held tender: Centegra keeps the amount on the card for this sale, until the time shown. */
export function heldNote(words: Words, until: string | undefined): string {
  return until
    ? words.formatMessage({ id: 'sale.heldUntil' }, { time: until })
    : words.formatMessage({ id: 'sale.held' });
}

/** While Centegra Plus is unreachable: cards go on their last known balance. */
export function offlineSaleNote(words: Words): string {
  return words.formatMessage({ id: 'sale.offlineNote' });
}

/** How long before its stated end a vanished hold still counts as lapsed (clocks differ a little). */
const LAPSE_SLACK_MS = 60_000;

/**
 * A held card that left the open sale without the cashier removing it: lapsed when its hold time
 * had come, else the POS (or a change of total) took it off. `amount` is already formatted.
 */
export function goneTenderNote(
  words: Words,
  tender: { holdExpiresAt?: string },
  amount: string,
  last4: string,
  nowMs: number,
): string {
  const ends = tender.holdExpiresAt ? Date.parse(tender.holdExpiresAt) : Number.NaN;
  const lapsed = !Number.isNaN(ends) && ends - LAPSE_SLACK_MS <= nowMs;
  return words.formatMessage({ id: lapsed ? 'sale.goneLapsed' : 'sale.gone' }, { last4, amount });
}

/** The confirm step's question: `Top up the card ending 0045 by £20.00?` (`amount` already formatted). */
export function topUpQuestion(words: Words, last4: string, amount: string): string {
  return words.formatMessage({ id: 'topUp.question' }, { last4, amount });
}
