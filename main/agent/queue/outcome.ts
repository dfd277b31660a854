// What Centegra's answer to a queued item means for the item, pure: delivered, failed for good
// (a business refusal, or a defect), or to be sent again with the same requestId.
import type { ErrorCode } from '../contract';
import type { CentegraResult, GiftCardTransaction } from '../centegra';
import type { ItemKind } from './store';

export type Outcome =
  | { kind: 'delivered'; transactions: GiftCardTransaction[]; replayed: boolean; note?: string }
  | {
      kind: 'failed';
      code: ErrorCode | 'IDEMPOTENCY_CONFLICT';
      cause: string;
      message: string;
      defect: boolean;
      details?: Record<string, unknown>;
    }
  | {
      kind: 'retry';
      code: ErrorCode;
      cause: string;
      message: string;
      unknown: boolean;
      retryAfterMs?: number;
      needsFix: boolean;
    };

const REFUSALS = new Set([
  'CARD_NOT_FOUND',
  'PIN_REQUIRED',
  'CARD_NOT_ACTIVE',
  'INSUFFICIENT_FUNDS',
  'BAD_REQUEST',
  'REFUND_EXCEEDS_ORIGINAL',
  'TRANSACTION_NOT_FOUND',
  // A close naming a hold another sale already captured: resending answers the same.
  'HOLD_CAPTURED',
]);

/** A hold release whose hold is already gone has nothing left to do: why, for the item's note. */
const NOTHING_TO_RELEASE: Record<string, string> = {
  HOLD_NOT_FOUND: 'Centegra Plus has no such hold any more: nothing was left to release.',
  HOLD_CAPTURED: 'The hold had already paid for its sale: nothing was left to release.',
  NOT_SUPPORTED: 'Centegra Plus no longer offers holds, so it keeps none: nothing was left to release.',
};

export function classify(item: { kind: ItemKind }, result: CentegraResult<GiftCardTransaction[]>): Outcome {
  if (result.ok) return { kind: 'delivered', transactions: result.value, replayed: result.replayed ?? false };
  const e = result.error;
  if (e.cause === 'IDEMPOTENCY_CONFLICT') {
    return {
      kind: 'failed',
      code: 'IDEMPOTENCY_CONFLICT',
      cause: e.cause,
      defect: true,
      message:
        'Centegra Plus already has this request id with different contents. This is a fault in Till Agent: nothing was resent. Send a support bundle to IT.',
    };
  }
  if (item.kind === 'HOLD_RELEASE') {
    const note =
      e.code === 'NOT_SUPPORTED' ? NOTHING_TO_RELEASE['NOT_SUPPORTED'] : NOTHING_TO_RELEASE[e.cause];
    if (note) return { kind: 'delivered', transactions: [], replayed: false, note };
  }
  if (item.kind === 'VOID' && e.cause === 'ALREADY_VOIDED') {
    return {
      kind: 'delivered',
      transactions: [],
      replayed: false,
      note: 'Centegra Plus says it was already voided.',
    };
  }
  if (REFUSALS.has(e.cause) || (e.httpStatus === 404 && e.cause !== 'HTTP_404')) {
    return {
      kind: 'failed',
      code: e.code,
      cause: e.cause,
      defect: e.cause === 'BAD_REQUEST',
      message: e.message,
      details: e.details,
    };
  }
  // The key switched off or the site not set up: nothing is wrong with the item; it goes once fixed.
  const needsFix = e.code === 'CENTEGRA_KEY_DISABLED' || e.code === 'SITE_NOT_CONFIGURED';
  return {
    kind: 'retry',
    code: e.code,
    cause: e.cause,
    message: e.message,
    unknown: e.outcomeUnknown,
    needsFix,
    ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
  };
}
