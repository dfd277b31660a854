// The queue as a spreadsheet for a manager or the office: one row per item, card numbers masked,
// amounts both formatted and in minor units.
import { formatMinor } from '../../common';
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
] as const;

/** A cell as a spreadsheet must read it: quoted, and never taken for a formula. */
function cell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function queueCsv(items: readonly OutboxItem[]): string {
  const rows = items.map((i) =>
    [
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
    ]
      .map(cell)
      .join(','),
  );
  // A byte-order mark so spreadsheet software reads "£" as UTF-8.
  return '\uFEFF' + [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
