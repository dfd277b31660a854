// Factor4 holds as the simulator plays them: money kept on a card for one basket until a close
// captures it, the till releases it, or it lapses on the simulator's clock.
import { badRequest, errorAnswer, type Answer } from './answers';
import {
  cardNotActive,
  cardNotFound,
  currencyMismatch,
  insufficientFunds,
  type HoldState,
  type SimCard,
  type SimHold,
  type StoreState,
} from './store-state';
import type { HoldBody, ReleaseBody, Till } from './validate';

/** The contract's default and limits for ttlSeconds. */
export const HOLD_TTL_DEFAULT_S = 1800;

/** Factor4 Hold: part of what the card can spend is kept for one basket until captured, released or lapsed. */
export function placeHold(state: StoreState, body: HoldBody): Answer {
  if (body.amount.amountMinor < 1) return badRequest('amount.amountMinor: a hold must be at least 1');
  // Holding money is spending it for now: the PIN is wanted as for a redemption.
  const card = state.findCard(body.card, true);
  if (!card) return cardNotFound(state.pinMissing(body.card));
  if (body.amount.currency !== card.currency) return currencyMismatch('amount.currency', card);
  if (card.status !== 'ACTIVE') return cardNotActive(card);
  if (body.amount.amountMinor > card.balanceMinor) return insufficientFunds(card);

  card.balanceMinor -= body.amount.amountMinor;
  state.holdCounter += 1;
  const expiresAtMs = state.now() + (body.ttlSeconds ?? HOLD_TTL_DEFAULT_S) * 1000;
  const hold = {
    holdId: `H-${String(state.holdCounter).padStart(6, '0')}`,
    requestId: body.requestId,
    basketId: body.basketId,
    till: { siteId: body.till.siteId, tillId: body.till.tillId },
    cardNumber: card.cardNumber,
    amountMinor: body.amount.amountMinor,
    currency: card.currency,
    state: 'HELD' as HoldState,
    expiresAt: new Date(expiresAtMs).toISOString(),
    expiresAtMs,
  };
  state.holdsById.set(hold.holdId, hold);
  applyHoldMove(state, 'hold', body, hold, card);
  return { status: 200, body: holdView(hold, card) };
}

/** Factor4 HoldReturn. A hold already given back answers as it stands; a captured one cannot be. */
export function releaseHold(state: StoreState, body: ReleaseBody): Answer {
  const hold = state.holdsById.get(body.holdId);
  if (!hold) return holdNotFound(body.holdId);
  const card = state.cards.get(hold.cardNumber) as SimCard; // cards are replaced, never removed
  if (hold.state === 'CAPTURED') return holdCaptured(hold);
  if (hold.state === 'HELD') {
    hold.state = 'RELEASED';
    card.balanceMinor += hold.amountMinor;
    applyHoldMove(state, 'release', body, hold, card);
  }
  return { status: 200, body: holdView(hold, card) };
}

/** A hold placed or released at a till's request: counted as applied and booked alike. */
function applyHoldMove(
  state: StoreState,
  operation: 'hold' | 'release',
  body: { requestId: string; till: Till },
  hold: SimHold,
  card: SimCard,
): void {
  state.markApplied(body.requestId, operation);
  state.book(operation === 'hold' ? 'HOLD_PLACED' : 'HOLD_RELEASED', card, hold.amountMinor, {
    requestId: body.requestId,
    till: body.till,
    basketId: hold.basketId,
    holdId: hold.holdId,
  });
}

/** Holds past their time lapse, on the simulator's clock; their money goes back to the card. */
export function expireHolds(state: StoreState): void {
  const now = state.now();
  for (const hold of state.holdsById.values()) {
    if (hold.state !== 'HELD' || hold.expiresAtMs > now) continue;
    hold.state = 'EXPIRED';
    const card = state.cards.get(hold.cardNumber) as SimCard;
    card.balanceMinor += hold.amountMinor;
    state.book('HOLD_EXPIRED', card, hold.amountMinor, {
      till: hold.till,
      basketId: hold.basketId,
      holdId: hold.holdId,
    });
  }
}

/** A copy without the internal expiry in ms. */
export const holdCopy = (hold: SimHold & { expiresAtMs?: number }): SimHold => {
  const { expiresAtMs: _internal, ...copy } = hold;
  return { ...copy, till: { ...copy.till } };
};

/** The contract's Hold; balanceAfter is what the card can spend elsewhere while it stands. */
function holdView(hold: SimHold, card: SimCard): Record<string, unknown> {
  return {
    holdId: hold.holdId,
    cardNumber: hold.cardNumber,
    state: hold.state,
    amount: { amountMinor: hold.amountMinor, currency: hold.currency },
    balanceAfter: { amountMinor: card.balanceMinor, currency: card.currency },
    expiresAt: hold.expiresAt,
  };
}

export const holdNotFound = (holdId: string): Answer =>
  errorAnswer(404, 'HOLD_NOT_FOUND', `No hold "${holdId}".`, { holdId });

export const holdCaptured = (hold: SimHold): Answer =>
  errorAnswer(
    409,
    'HOLD_CAPTURED',
    `The hold "${hold.holdId}" was captured by a basket close; void that close instead.`,
    { holdId: hold.holdId },
  );
