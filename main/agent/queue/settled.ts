// What a settlement makes of an item, built from the item as claimed rather than read back: the
// same fields the outbox's UPDATE for that state writes (see OutboxStore.exchange).
import type { OutboxItem, Settlement } from './store';

/** The item as a settlement leaves it: what the UPDATE for that state writes. */
export function settledItem(item: OutboxItem & { cardKeys?: string[] }, s: Settlement): OutboxItem {
  const { body: _b, lastError: _e, lastErrorCode: _c, lastErrorDetails: _d, cardKeys: _k, ...rest } = item;
  if (s.state === 'DELIVERED')
    return {
      ...rest,
      state: 'DELIVERED',
      transactions: s.transactions,
      deliveredAt: s.at,
      ...(s.note ? { lastError: s.note } : {}),
      ...(item.lastErrorDetails ? { lastErrorDetails: item.lastErrorDetails } : {}),
      outcomeUnknown: false,
    };
  if (s.state === 'FAILED')
    return {
      ...rest,
      ...(item.body ? { body: item.body } : {}),
      state: 'FAILED',
      lastError: s.message,
      lastErrorCode: s.code,
      ...(s.details ? { lastErrorDetails: s.details } : {}),
      defect: s.defect,
      outcomeUnknown: false,
    };
  return {
    ...rest,
    ...(item.body ? { body: item.body } : {}),
    state: 'PENDING',
    lastError: s.message,
    lastErrorCode: s.code,
    ...(item.lastErrorDetails ? { lastErrorDetails: item.lastErrorDetails } : {}),
    outcomeUnknown: s.unknown,
    nextAttemptMs: s.nextAttemptMs,
  };
}
