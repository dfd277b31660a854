// Activating or topping up a card (Factor4 Gift Issuance) while the customer waits. It moves
// money, so one requestId is used for every try: an unclear answer is asked again with it and
// Centegra applies it once; if it stays unclear, the cashier is told to check the balance.
import { randomUUID } from 'node:crypto';
import { retryWhile } from '../backoff';
import { maskCardNumber, type CardInquiry } from '../cards';
import type { Centegra } from '../centegra';
import { fail, ok, type Card, type Result } from '../contract';
import type { Logger } from '../logger';
import { formatMinor } from '../../common';

export interface TopUpDeps {
  /** The Centegra client whose answers the link records. */
  centegra: Pick<Centegra, 'issue'>;
  cards: CardInquiry;
  currency: string;
  online(): boolean;
  probe(): void;
  log: Logger;
  now(): Date;
}

/** Three tries in all, about a quarter and half a second apart: the customer is at the till. */
const UNCLEAR_ANSWER_RETRY = { tries: 3, policy: { floorMs: 250, baseMs: 250, capMs: 1000 } };

export async function topUp(
  deps: TopUpDeps,
  input: {
    scanId?: string;
    cardNumber?: string;
    pin?: string;
    amountMinor: number;
    currency: string;
    requestId?: string;
  },
): Promise<Result<Card>> {
  if (input.currency !== deps.currency)
    return fail('BAD_REQUEST', `This till tops up in ${deps.currency}, not ${input.currency}.`);
  const card = deps.cards.resolve(input);
  if (!card.ok) return card;
  if (!deps.online()) {
    deps.probe();
    return fail(
      'OFFLINE',
      "Centegra Plus can't be reached, so cards can't be topped up or activated now. Try again when the till is back online.",
    );
  }
  const requestId = input.requestId ?? randomUUID();
  const masked = maskCardNumber(card.value.cardNumber);
  const result = await retryWhile(
    () => deps.centegra.issue(requestId, card.value, input.amountMinor, input.currency),
    (r) => !r.ok && r.error.outcomeUnknown,
    UNCLEAR_ANSWER_RETRY,
  );
  if (!result.ok) {
    const { code, cause, outcomeUnknown } = result.error;
    deps.log.warn({ card: masked, code, cause, unknown: outcomeUnknown }, 'top-up not confirmed');
    if (outcomeUnknown) {
      return fail(
        'OUTCOME_UNKNOWN',
        `It is not known whether the top-up of ${formatMinor(input.amountMinor, input.currency)} reached the card ending ${masked.slice(-4)}. Check the card's balance before trying again.`,
      );
    }
    return fail(code, result.error.message);
  }
  const t = result.value;
  deps.log.info({ card: masked, amountMinor: t.amountMinor, replayed: result.replayed }, 'card topped up');
  return ok({
    ...(card.value.scanId ? { scanId: card.value.scanId } : {}),
    cardNumberMasked: masked,
    status: 'ACTIVE',
    balanceMinor: t.balanceAfterMinor,
    currency: t.currency,
    checkedAt: deps.now().toISOString(),
  });
}
