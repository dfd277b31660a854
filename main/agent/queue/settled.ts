// What a settlement makes of an item, built from the item as claimed rather than read back: the
// same fields the outbox's UPDATE for that state writes (see OutboxStore.exchange).
import type { OutboxItem, Settlement } from './store';

/**
 * The item as a settlement leaves it: what the UPDATE for that state writes. Built by assignment
 * (every delivered item passes here; a rest-spread and a spread per optional field were most of its
 * cost); a field the UPDATE leaves NULL is absent, as a read would have it.
 */
export function settledItem(item: OutboxItem & { cardKeys?: string[] }, s: Settlement): OutboxItem {
  const out: OutboxItem = {
    seq: item.seq,
    itemId: item.itemId,
    kind: item.kind,
    basketId: item.basketId,
    requestId: item.requestId,
    state: s.state,
    createdAt: item.createdAt,
    attempts: item.attempts,
    nextAttemptMs: s.state === 'PENDING' ? s.nextAttemptMs : item.nextAttemptMs,
    outcomeUnknown: s.state === 'PENDING' ? s.unknown : false,
    defect: s.state === 'FAILED' ? s.defect : item.defect,
    giftCardTotalMinor: item.giftCardTotalMinor,
    currency: item.currency,
    cardsMasked: item.cardsMasked,
  };
  if (item.afterItemId !== undefined) out.afterItemId = item.afterItemId;
  if (item.topUpId !== undefined) out.topUpId = item.topUpId;
  if (item.refundId !== undefined) out.refundId = item.refundId;
  if (item.resolution !== undefined) out.resolution = item.resolution;
  if (item.resolvedAt !== undefined) out.resolvedAt = item.resolvedAt;
  if (s.state === 'DELIVERED') {
    // Delivered: the request (body) and the error code go; a note (why nothing was sent) is kept.
    out.transactions = s.transactions;
    out.deliveredAt = s.at;
    if (s.note) out.lastError = s.note;
    if (item.lastErrorDetails !== undefined) out.lastErrorDetails = item.lastErrorDetails;
    return out;
  }
  if (item.transactions !== undefined) out.transactions = item.transactions;
  if (item.deliveredAt !== undefined) out.deliveredAt = item.deliveredAt;
  if (item.body !== undefined) out.body = item.body;
  out.lastError = s.message;
  out.lastErrorCode = s.code;
  if (s.state === 'FAILED') {
    if (s.details) out.lastErrorDetails = s.details;
  } else if (item.lastErrorDetails !== undefined) out.lastErrorDetails = item.lastErrorDetails;
  return out;
}
