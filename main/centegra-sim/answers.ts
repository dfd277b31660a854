// What the simulator answers: a status and a JSON body, and the error envelope Centegra uses
// (`{ error: { code, message, details? } }`), so every module builds errors the same way.

/** Centegra's error codes (the YAML enum), plus the few it lacks, marked below. */
export type CentegraErrorCode =
  | 'KEY_INVALID'
  | 'KEY_DISABLED'
  | 'SITE_NOT_CONFIGURED'
  | 'BAD_REQUEST'
  | 'CARD_NOT_FOUND'
  | 'CARD_NOT_ACTIVE'
  | 'PIN_REQUIRED'
  | 'INSUFFICIENT_FUNDS'
  | 'IDEMPOTENCY_CONFLICT'
  | 'ALREADY_VOIDED'
  | 'RATE_LIMITED'
  | 'FACTOR4_UNAVAILABLE'
  | 'FACTOR4_TIMEOUT'
  | 'INTERNAL'
  // 1.1
  | 'HOLD_NOT_FOUND'
  | 'HOLD_CAPTURED'
  | 'REFUND_EXCEEDS_ORIGINAL'
  | 'CENTEGRA_UNAVAILABLE'
  | 'TRANSACTION_NOT_FOUND'
  // Not in the YAML:
  | 'NOT_FOUND' // an endpoint the contract does not have (or a 1.1 one this Centegra does not offer)
  | 'FORBIDDEN'; // the admin API, asked from outside this machine

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function errorAnswer(
  status: number,
  code: CentegraErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Answer {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

export const badRequest = (message: string, details?: Record<string, unknown>): Answer =>
  errorAnswer(400, 'BAD_REQUEST', message, details);

/** Last four characters of a card number: enough for a receipt or a log, never the whole number. */
export const last4 = (cardNumber: string): string => cardNumber.slice(-4);
