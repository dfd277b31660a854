// Factor4 basket close as the simulator plays it: every gift card tender redeemed, or none,
// each from its standing hold when it names one, else from what the card can spend.
import { badRequest, last4, type Answer } from './answers';
import { holdCaptured, holdNotFound } from './holds-store';
import {
  cardNotActive,
  cardNotFound,
  currencyMismatch,
  insufficientFunds,
  type GiftCardTransaction,
  type Movement,
  type SimCard,
  type StoreState,
  type StoredHold,
} from './store-state';
import type { CardRef, CloseBody } from './validate';

export function closeBasket(state: StoreState, body: CloseBody): Answer {
  const tenderedMinor = body.tenders.reduce((sum, t) => sum + t.amountMinor, 0);
  if (tenderedMinor !== body.totalMinor) {
    return badRequest(`tenders: add up to ${tenderedMinor}, but totalMinor is ${body.totalMinor}`);
  }
  const linesMinor = body.lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
  if (linesMinor !== body.totalMinor) {
    return badRequest(`lines: lineTotalMinor adds up to ${linesMinor}, but totalMinor is ${body.totalMinor}`);
  }
  const giftTenders: { index: number; card: CardRef; amountMinor: number; holdId?: string }[] = [];
  for (const [index, tender] of body.tenders.entries()) {
    if (tender.kind !== 'GIFT_CARD') {
      if (tender.holdId !== undefined)
        return badRequest(`tenders[${index}].holdId: only a GIFT_CARD tender may carry one`);
      continue;
    }
    if (!tender.card) return badRequest(`tenders[${index}].card: is required when kind is GIFT_CARD`);
    giftTenders.push({ index, card: tender.card, amountMinor: tender.amountMinor, holdId: tender.holdId });
  }

  // All or nothing: check every tender (several on one card count together), then apply them all.
  // A tender on a standing hold is taken from that hold; any other from what the card can spend.
  const wantedMinor = new Map<string, number>();
  const holdsUsed = new Set<string>();
  const resolved: { card: SimCard; amountMinor: number; hold?: StoredHold }[] = [];
  for (const tender of giftTenders) {
    const card = state.findCard(tender.card, true);
    if (!card) return cardNotFound(state.pinMissing(tender.card));
    if (card.currency !== body.currency) return currencyMismatch(`tenders[${tender.index}].card`, card);
    if (card.status !== 'ACTIVE') return cardNotActive(card);
    const field = `tenders[${tender.index}].holdId`;
    const hold = tender.holdId === undefined ? undefined : state.holdsById.get(tender.holdId);
    if (tender.holdId !== undefined) {
      if (!hold) return holdNotFound(tender.holdId);
      if (holdsUsed.has(hold.holdId))
        return badRequest(`${field}: names a hold another tender of this basket takes`);
      holdsUsed.add(hold.holdId);
      if (hold.cardNumber !== card.cardNumber) {
        return badRequest(
          `${field}: the hold is on the card ending ${last4(hold.cardNumber)}, not this tender's`,
        );
      }
      if (hold.basketId !== body.basketId) {
        return badRequest(`${field}: the hold is for basket "${hold.basketId}", not "${body.basketId}"`);
      }
      if (hold.state === 'CAPTURED') return holdCaptured(hold);
    }
    if (hold?.state === 'HELD') {
      if (tender.amountMinor > hold.amountMinor) {
        return badRequest(
          `tenders[${tender.index}].amountMinor: ${tender.amountMinor} is more than the ${hold.amountMinor} held`,
        );
      }
      resolved.push({ card, amountMinor: tender.amountMinor, hold });
      continue;
    }
    // No hold, or one that lapsed or was released: it guarantees nothing, as in 1.0.
    const totalMinor = (wantedMinor.get(card.cardNumber) ?? 0) + tender.amountMinor;
    if (totalMinor > card.balanceMinor) return insufficientFunds(card);
    wantedMinor.set(card.cardNumber, totalMinor);
    resolved.push({ card, amountMinor: tender.amountMinor });
  }

  const transactions: GiftCardTransaction[] = [];
  const movements: Movement[] = [];
  const where = { requestId: body.requestId, till: body.till, basketId: body.basketId };
  for (const { card, amountMinor, hold } of resolved) {
    if (hold) {
      // HoldRedemption: the tender comes out of the hold, and whatever it kept beyond goes back.
      const remainderMinor = hold.amountMinor - amountMinor;
      hold.state = 'CAPTURED';
      hold.capturedMinor = amountMinor;
      card.balanceMinor += remainderMinor;
      state.book('HOLD_CAPTURED', card, amountMinor, { ...where, holdId: hold.holdId });
      if (remainderMinor > 0) {
        state.book('HOLD_RELEASED', card, remainderMinor, { ...where, holdId: hold.holdId, remainder: true });
      }
    } else {
      card.balanceMinor -= amountMinor;
    }
    movements.push({ cardNumber: card.cardNumber, deltaMinor: -amountMinor, activation: false });
    const transaction = state.transaction(card, 'REDEMPTION', amountMinor, hold?.holdId);
    transactions.push(transaction);
    state.book('REDEMPTION', card, amountMinor, {
      ...where,
      transactionId: transaction.transactionId,
      ...(hold ? { holdId: hold.holdId } : {}),
    });
  }
  state.operations.set(body.requestId, { operation: 'close', movements, voided: false });
  state.markApplied(body.requestId, 'close');
  return { status: 200, body: { basketId: body.basketId, transactions } };
}
