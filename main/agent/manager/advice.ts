// What a manager should do about an item that did not go through, in plain words. Pure.
// Each piece of advice has a code, so a screen can say it in its own language from the item's own
// figures (amount, cards, when it was made); the English text is for the POS API and the CSV.
import { formatMinor } from '../../common';
import type { AdviceCode } from '../contract';
import type { OutboxItem } from '../queue';

export interface Advice {
  code: AdviceCode;
  text: string;
}

/** How long a sale may wait before the manager is told to check the connection. */
export const WAITING_LONG_MINUTES = 60;

function failedAdvice(item: OutboxItem, amount: string, cards: string): Advice {
  switch (item.lastErrorCode) {
    case 'INSUFFICIENT_FUNDS':
      return {
        code: 'SPENT_ELSEWHERE',
        text: `The card ${cards} was spent elsewhere before this sale reached Factor4, so nothing was redeemed. Collect ${amount} from the customer, or write it off.`,
      };
    case 'CARD_NOT_ACTIVE':
      return {
        code: 'CARD_NOT_USABLE',
        text: `The card ${cards} was blocked or expired before this sale reached Factor4, so nothing was redeemed. Collect ${amount} from the customer, or write it off.`,
      };
    case 'CARD_NOT_FOUND':
      return {
        code: 'CARD_UNKNOWN',
        text: `Factor4 does not know the card ${cards}, so nothing was redeemed. Collect ${amount} from the customer, or write it off.`,
      };
    case 'IDEMPOTENCY_CONFLICT':
      return {
        code: 'REQUEST_CONFLICT',
        text: 'A fault in Till Agent: Centegra already has this request with other contents. Do not retry. Send a support bundle to IT.',
      };
    case 'BAD_REQUEST':
      return {
        code: 'NOT_ACCEPTED',
        text: 'Centegra Plus did not accept this sale as sent. Send a support bundle to IT; retrying will not help.',
      };
    case 'INTERNAL':
      return {
        code: 'UNREADABLE',
        text: 'Till Agent cannot read this queued sale (its key may be lost). Call IT before doing anything else.',
      };
    default:
      return {
        code: 'REFUSED',
        text: `This sale (${amount} on the card ${cards}) was refused. Collect ${amount} from the customer, or write it off.`,
      };
  }
}

export function adviceFor(item: OutboxItem, now: Date): Advice | undefined {
  const amount = formatMinor(item.giftCardTotalMinor, item.currency);
  const cards = item.cardsMasked.map((c) => `ending ${c.slice(-4)}`).join(' and ');
  if (item.state === 'FAILED' && item.resolution) return undefined;
  if (item.state === 'FAILED') return failedAdvice(item, amount, cards);
  if (item.state === 'PENDING' || item.state === 'IN_FLIGHT') {
    const waitingMin = Math.floor((now.getTime() - Date.parse(item.createdAt)) / 60_000);
    if (item.lastErrorCode === 'CENTEGRA_KEY_DISABLED')
      return {
        code: 'KEY_DISABLED',
        text: 'Waiting for the Factor4 Gift Card key to be switched back on in Centegra Plus (Company Settings > External Access & FTP > API Secure Keys).',
      };
    if (item.outcomeUnknown)
      return {
        code: 'MAY_HAVE_REACHED',
        text: 'It may already have reached Factor4; it will be sent again with the same request id, so the card cannot be charged twice. Nothing to do.',
      };
    if (waitingMin >= WAITING_LONG_MINUTES)
      return {
        code: 'WAITING_LONG',
        text: `Waiting ${waitingMin} minutes to be sent. Check the till's connection; if Centegra Plus is up, press Retry now.`,
      };
  }
  return undefined;
}
