// A day's top-ups as a spreadsheet for the manager or the office: card numbers masked, amounts
// both formatted and in minor units, and the POS sale that took the money.
import type { TopUp } from '../contract';
import { csvDocument, formatMinor } from '../../common';

const COLUMNS = [
  'topUpId',
  'createdAt',
  'state',
  'amount',
  'amountMinor',
  'currency',
  'card',
  'balanceAfterMinor',
  'posReference',
  'transactionId',
  'error',
] as const;

export function topUpsCsv(topUps: readonly TopUp[]): string {
  return csvDocument(
    COLUMNS,
    topUps.map((t) => [
      t.topUpId,
      t.createdAt,
      t.state,
      formatMinor(t.amountMinor, t.currency),
      t.amountMinor,
      t.currency,
      t.cardNumberMasked,
      t.balanceMinor,
      t.posReference,
      t.transactionId,
      t.error ? `${t.error.code}: ${t.error.message}` : undefined,
    ]),
  );
}
