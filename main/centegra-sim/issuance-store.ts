// Factor4 issuance as the simulator plays it: a new card activated with its first value, or a
// top-up of one already active.
import { badRequest, type Answer } from './answers';
import { cardNotActive, cardNotFound, currencyMismatch, tooMuchOnCard, type StoreState } from './store-state';
import type { IssuanceBody } from './validate';

export function issue(state: StoreState, body: IssuanceBody): Answer {
  if (body.amount.amountMinor < 1) return badRequest('amount.amountMinor: an issuance must be at least 1');
  // A top-up needs no PIN (the customer hands over cash, not the card's value); a wrong one given is still refused.
  const card = state.findCard(body.card, false);
  if (!card) return cardNotFound();
  if (body.amount.currency !== card.currency) return currencyMismatch('amount.currency', card);
  if (card.status !== 'ACTIVE' && card.status !== 'INACTIVE') return cardNotActive(card);
  if (state.wouldOverflow(card, body.amount.amountMinor)) return tooMuchOnCard();
  return { status: 200, body: state.credit(card, 'issuance', body) };
}
