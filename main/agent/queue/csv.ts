// The queue as a spreadsheet for a manager or the office: one row per item, card numbers masked,
// amounts both formatted and in minor units; a refund or a top-up's void names what it is about.
import { csvDocument, formatMinor } from '../../common';
import type { OutboxItem } from './store';

const CSV_COLUMNS = [
  'itemId',
  'kind',
  'basketId',
  'state',
  'createdAt',
  'attempts',
  'giftCardTotal',
  'giftCardTotalMinor',
  'currency',
  'cards',
  'lastErrorCode',
  'lastError',
  'resolution',
  'deliveredAt',
  'topUpId',
  'refundId',
] as const;

export function queueCsv(items: readonly OutboxItem[]): string {
  return csvDocument(
    CSV_COLUMNS,
    items.map((i) => [
      i.itemId,
      i.kind,
      i.basketId,
      i.state,
      i.createdAt,
      i.attempts,
      formatMinor(i.giftCardTotalMinor, i.currency),
      i.giftCardTotalMinor,
      i.currency,
      i.cardsMasked.join(' '),
      i.lastErrorCode,
      i.lastError,
      i.resolution,
      i.deliveredAt,
      i.topUpId,
      i.refundId,
    ]),
  );
}
