// What a gift card may pay while Centegra Plus cannot be asked (config `offline`). Pure: the
// caller reads what the till knows (the last balance it heard, what it has queued against the
// card, what it has taken offline in all) and this decides. Under "block" nothing; under "allow"
// the last known balance less what is queued against it, within the per-card and till limits.
import { fail, ok, type ErrorCode, type Result } from '../contract';
import { formatMinor } from '../../common';

export interface OfflinePolicy {
  giftCardTender: 'allow' | 'block';
  maxPerCardMinor: number;
  maxTotalMinor: number;
}

export interface OfflineKnowledge {
  /** What Factor4 last said of the card, if this till ever heard. */
  known?: { status: string; balanceMinor: number; currency: string; checkedAt: string };
  /** What this till's queued closures will still take from the card. */
  queuedAgainstMinor: number;
  /** Gift card value this till has taken offline in all, not yet confirmed. */
  offlineExposureMinor: number;
}

export interface OfflineAllowance {
  /** What the card holds as far as the till can tell. */
  minor: number;
  checkedAt: string;
  offline: true;
  /** The most the tender may take, whatever the card holds. */
  capMinor: number;
}

const WHY = "Centegra Plus can't be reached, so the card's balance can't be checked";

/** Why Centegra could not be asked (the failure met, or the link's last one), when it is known. */
export interface OfflineCause {
  code: ErrorCode;
  message: string;
}

export function offlineAllowance(
  policy: OfflinePolicy,
  knowledge: OfflineKnowledge,
  sale: { currency: string; cardEnding: string },
  cause?: OfflineCause,
): Result<OfflineAllowance> {
  const { known } = knowledge;
  const { currency, cardEnding: ending } = sale;
  // A refusal because Centegra can't be asked carries the reason's own code and words (key switched
  // off, Factor4 down, busy…), so the POS and the screen say what really happened; the policy adds why
  // the card can't be taken offline either.
  const unasked = (why: string, then: string) =>
    cause && cause.code !== 'OFFLINE'
      ? fail(cause.code, then ? `${cause.message} ${then}` : cause.message)
      : fail('OFFLINE', `${WHY}${why}`);
  if (policy.giftCardTender === 'block')
    return unasked(
      " and gift cards can't be taken now. Take another way to pay, or try again in a minute.",
      '',
    );
  if (!known)
    return unasked(
      `, and this till has never seen the card ending ${ending}, so it can't be taken offline. Take another way to pay.`,
      '',
    );
  if (known.status !== 'ACTIVE')
    return fail(
      'CARD_NOT_ACTIVE',
      `The card ending ${ending} was not active when last checked. Take another way to pay.`,
    );
  if (known.currency !== currency)
    return fail(
      'BAD_REQUEST',
      `The card ending ${ending} holds ${known.currency}; this sale is in ${currency}.`,
    );
  const available = known.balanceMinor - knowledge.queuedAgainstMinor;
  if (available <= 0) {
    return fail(
      'ZERO_BALANCE',
      `The card ending ${ending} has nothing left to spend offline: this till has already queued sales for all of its last known balance (${formatMinor(known.balanceMinor, currency)}).`,
    );
  }
  const totalLeft = policy.maxTotalMinor - knowledge.offlineExposureMinor;
  if (totalLeft <= 0) {
    const limit = `this till has reached its limit for gift cards taken offline (${formatMinor(policy.maxTotalMinor, currency)}, offline.maxTotalMinor)`;
    return unasked(`, and ${limit}. Take another way to pay.`, `Meanwhile ${limit}.`);
  }
  if (policy.maxPerCardMinor <= 0)
    return unasked(
      ', and offline.maxPerCardMinor allows nothing per card. Take another way to pay.',
      'Meanwhile offline.maxPerCardMinor allows nothing per card.',
    );
  return ok({
    minor: available,
    checkedAt: known.checkedAt,
    offline: true,
    capMinor: Math.min(policy.maxPerCardMinor, totalLeft),
  });
}
