// Factor4 Adjustment as the simulator plays it: money back on a card for returned goods, capped
// by what the basket close it names took from that card.
import { badRequest, errorAnswer, last4, type Answer } from './answers';
import { cardNotActive, cardNotFound, currencyMismatch, tooMuchOnCard, type StoreState } from './store-state';
import type { RefundBody } from './validate';

/**
 * Against a basket close, the card may get back at most what that close took from it, less its
 * other refunds not voided.
 */
export function refund(state: StoreState, body: RefundBody): Answer {
  if (body.amount.amountMinor < 1) return badRequest('amount.amountMinor: a refund must be at least 1');
  // Like a top-up, money going onto the card needs no PIN; a wrong one given is still refused.
  const card = state.findCard(body.card, false);
  if (!card) return cardNotFound();
  if (body.amount.currency !== card.currency) return currencyMismatch('amount.currency', card);
  // The contract names BLOCKED and EXPIRED; an INACTIVE card is activated by it, as by an issuance.
  if (card.status === 'BLOCKED' || card.status === 'EXPIRED') return cardNotActive(card);
  if (body.originalRequestId !== undefined) {
    const original = state.operations.get(body.originalRequestId);
    if (original?.operation !== 'close') {
      return errorAnswer(
        404,
        'TRANSACTION_NOT_FOUND',
        `No basket close with requestId "${body.originalRequestId}" was applied.`,
      );
    }
    const refundableMinor = refundable(state, body.originalRequestId, card.cardNumber);
    if (body.amount.amountMinor > refundableMinor) {
      return errorAnswer(
        422,
        'REFUND_EXCEEDS_ORIGINAL',
        `At most ${refundableMinor} may still be refunded to the card ending ${last4(card.cardNumber)} for "${body.originalRequestId}".`,
        { refundableMinor, cardNumberLast4: last4(card.cardNumber) },
      );
    }
  }
  if (state.wouldOverflow(card, body.amount.amountMinor)) return tooMuchOnCard();

  const transaction = state.credit(card, 'refund', body, {
    refundId: body.refundId,
    ...(body.originalRequestId !== undefined ? { originalRequestId: body.originalRequestId } : {}),
  });
  return { status: 200, body: transaction };
}

/** What a close took from this card, less its refunds not voided; nothing once the close is voided. */
function refundable(state: StoreState, closeRequestId: string, cardNumber: string): number {
  const close = state.operations.get(closeRequestId);
  if (!close || close.voided) return 0;
  const redeemedMinor = close.movements
    .filter((m) => m.cardNumber === cardNumber)
    .reduce((sum, m) => sum - m.deltaMinor, 0);
  let refundedMinor = 0;
  for (const op of state.operations.values()) {
    if (op.operation !== 'refund' || op.voided || op.originalRequestId !== closeRequestId) continue;
    for (const m of op.movements) if (m.cardNumber === cardNumber) refundedMinor += m.deltaMinor;
  }
  return Math.max(0, redeemedMinor - refundedMinor);
}
