// What a manager should do about an item that did not go through, in plain words. Pure.
import { formatMinor } from '../../common';
import type { OutboxItem } from '../queue';

export function adviceFor(item: OutboxItem, now: Date): string | undefined {
  const amount = formatMinor(item.giftCardTotalMinor, item.currency);
  const cards = item.cardsMasked.map((c) => `ending ${c.slice(-4)}`).join(' and ');
  if (item.state === 'FAILED' && item.resolution) return undefined;
  if (item.state === 'FAILED') {
    switch (item.lastErrorCode) {
      case 'INSUFFICIENT_FUNDS':
        return `The card ${cards} was spent elsewhere before this sale reached Factor4, so nothing was redeemed. Collect ${amount} from the customer, or write it off.`;
      case 'CARD_NOT_ACTIVE':
        return `The card ${cards} was blocked or expired before this sale reached Factor4, so nothing was redeemed. Collect ${amount} from the customer, or write it off.`;
      case 'CARD_NOT_FOUND':
        return `Factor4 does not know the card ${cards}, so nothing was redeemed. Collect ${amount} from the customer, or write it off.`;
      case 'IDEMPOTENCY_CONFLICT':
        return 'A fault in Till Agent: Centegra already has this request with other contents. Do not retry. Send a support bundle to IT.';
      case 'BAD_REQUEST':
        return 'Centegra Plus did not accept this sale as sent. Send a support bundle to IT; retrying will not help.';
      case 'INTERNAL':
        return 'Till Agent cannot read this queued sale (its key may be lost). Call IT before doing anything else.';
      default:
        return `This sale (${amount} on the card ${cards}) was refused. Collect ${amount} from the customer, or write it off.`;
    }
  }
  if (item.state === 'PENDING' || item.state === 'IN_FLIGHT') {
    const waitingMin = Math.floor((now.getTime() - Date.parse(item.createdAt)) / 60_000);
    if (item.lastErrorCode === 'CENTEGRA_KEY_DISABLED')
      return 'Waiting for the Factor4 Gift Card key to be switched back on in Centegra Plus (Company Settings > External Access & FTP > API Secure Keys).';
    if (item.outcomeUnknown)
      return 'It may already have reached Factor4; it will be sent again with the same request id, so the card cannot be charged twice. Nothing to do.';
    if (waitingMin >= 60)
      return `Waiting ${waitingMin} minutes to be sent. Check the till's connection; if Centegra Plus is up, press Retry now.`;
  }
  return undefined;
}
