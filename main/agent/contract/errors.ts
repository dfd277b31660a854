// Error codes the agent answers with, on every host (POS API, IPC, browser bridge).
// The first block is the shared contract's enum (docs/contracts/pos-api.openapi.yaml); the rest are
// extensions users needed.

export const errorCodes = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'NOT_FOUND',
  'BASKET_NOT_OPEN',
  'TENDER_MISMATCH',
  'NOT_A_GIFT_CARD',
  'CARD_NOT_ACTIVE',
  'CARD_NOT_FOUND',
  'ZERO_BALANCE',
  'NOTHING_DUE',
  'INSUFFICIENT_FUNDS',
  'OFFLINE',
  'CENTEGRA_KEY_DISABLED',
  'FACTOR4_UNAVAILABLE',
  'STORAGE_FAILED',
  // 1.1
  'TOPUP_LIMIT', // over topUps.maxMinor (details.maxMinor)
  'REFUND_EXCEEDS_ORIGINAL', // more than the card paid in that basket, less earlier refunds (details.refundableMinor)
  'CARD_NOT_IN_BASKET', // the original basket took nothing from this card
  'NOT_SUPPORTED', // Centegra Plus does not offer this (capabilities)
  'CONFLICT', // a topUpId or refundId reused with a different body
  // Extensions: each names a fix the codes above cannot.
  'SITE_NOT_CONFIGURED', // Factor4 is not set up for this site in Centegra Plus
  'CARD_ALREADY_APPLIED', // the same card twice on one basket
  'PIN_REQUIRED', // the card has a PIN and none was given: ask the customer for it
  'OUTCOME_UNKNOWN', // a top-up may or may not have gone through: check before trying again
  'MANAGER_PIN_NOT_SET',
  'MANAGER_PIN_INCORRECT', // details.triesLeft
  'MANAGER_LOCKED', // on the try that locks: details.tries, details.lockedMinutes
  'MANAGER_SESSION_EXPIRED', // a screen top-up over the approval limit: details.approvalAboveMinor
  'RATE_LIMITED', // Centegra asked us to slow down (Retry-After)
  'CENTEGRA_ERROR', // Centegra answered, but with a fault or an answer we cannot read
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

const known = new Set<string>(errorCodes);
/** A code recorded as text (a queued item's last error) as one of ours; anything else is Centegra's fault. */
export function asErrorCode(code: string | undefined, otherwise: ErrorCode = 'CENTEGRA_ERROR'): ErrorCode {
  return code !== undefined && known.has(code) ? (code as ErrorCode) : otherwise;
}

/** HTTP status for each code on the POS API. */
export const httpStatusOf: Record<ErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  BASKET_NOT_OPEN: 409,
  TENDER_MISMATCH: 422,
  NOT_A_GIFT_CARD: 422,
  CARD_NOT_ACTIVE: 422,
  CARD_NOT_FOUND: 422,
  ZERO_BALANCE: 422,
  NOTHING_DUE: 422,
  INSUFFICIENT_FUNDS: 422,
  OFFLINE: 503,
  CENTEGRA_KEY_DISABLED: 502,
  FACTOR4_UNAVAILABLE: 502,
  STORAGE_FAILED: 507,
  TOPUP_LIMIT: 422,
  REFUND_EXCEEDS_ORIGINAL: 422,
  CARD_NOT_IN_BASKET: 422,
  NOT_SUPPORTED: 422,
  CONFLICT: 409,
  SITE_NOT_CONFIGURED: 502,
  CARD_ALREADY_APPLIED: 409,
  PIN_REQUIRED: 422,
  OUTCOME_UNKNOWN: 504,
  MANAGER_PIN_NOT_SET: 403,
  MANAGER_PIN_INCORRECT: 403,
  MANAGER_LOCKED: 423,
  MANAGER_SESSION_EXPIRED: 401,
  RATE_LIMITED: 503,
  CENTEGRA_ERROR: 502,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
};

export interface ApiError {
  code: ErrorCode;
  /** Fit to show a cashier: what happened and what to do next. */
  message: string;
  /** Figures a POS can act on without reading the message (TOPUP_LIMIT: maxMinor; REFUND_EXCEEDS_ORIGINAL: refundableMinor). */
  details?: Record<string, number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(
  code: ErrorCode,
  message: string,
  details?: Record<string, number>,
): Result<T> => ({
  ok: false,
  error: { code, message, ...(details ? { details } : {}) },
});

/** Where IT or a manager enables the Factor4 key in Centegra Plus. */
export const KEY_FIX =
  'In Centegra Plus, go to Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card" and enable the key.';
