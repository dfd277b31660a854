// Factor4 void as the simulator plays it: an issuance, refund or basket close undone whole, by
// the requestId that applied it.
import { errorAnswer, type Answer } from './answers';
import {
  cardNotFound,
  insufficientFunds,
  type GiftCardTransaction,
  type SimCard,
  type StoreState,
} from './store-state';
import type { VoidBody } from './validate';

export function voidOperation(state: StoreState, body: VoidBody): Answer {
  const original = state.operations.get(body.originalRequestId);
  if (!original) {
    return errorAnswer(
      404,
      'TRANSACTION_NOT_FOUND',
      `No issuance, refund or basket close with requestId "${body.originalRequestId}" was applied.`,
    );
  }
  if (original.voided) {
    return errorAnswer(409, 'ALREADY_VOIDED', `The operation "${body.originalRequestId}" is already voided.`);
  }
  // Check everything before changing anything. Undoing an issuance or a refund takes money
  // back, so the card must still hold it (summed per card); a close's credits always fit.
  const neededMinor = new Map<string, number>();
  for (const m of original.movements) {
    const card = state.cards.get(m.cardNumber);
    if (!card) return cardNotFound();
    if (m.deltaMinor <= 0) continue;
    const totalMinor = (neededMinor.get(m.cardNumber) ?? 0) + m.deltaMinor;
    if (totalMinor > card.balanceMinor) return insufficientFunds(card);
    neededMinor.set(m.cardNumber, totalMinor);
  }

  const reverses = ({ issuance: 'ISSUANCE', close: 'REDEMPTION', refund: 'REFUND' } as const)[
    original.operation
  ];
  const transactions: GiftCardTransaction[] = [];
  for (const m of original.movements) {
    const card = state.cards.get(m.cardNumber) as SimCard; // checked above, in the same synchronous call
    card.balanceMinor -= m.deltaMinor;
    if (m.activation) card.status = 'INACTIVE';
    const transaction = state.transaction(card, 'VOID', Math.abs(m.deltaMinor));
    transactions.push(transaction);
    state.book('VOID', card, Math.abs(m.deltaMinor), {
      requestId: body.requestId,
      till: body.till,
      transactionId: transaction.transactionId,
      originalRequestId: body.originalRequestId,
      reverses,
    });
  }
  original.voided = true;
  state.markApplied(body.requestId, 'void');
  return { status: 200, body: { transactions } };
}
