// The prose of the POS API's OpenAPI document that the route table does not hold: the rules for
// every call, what each error code means, and what some fields mean to the POS integrator.
import type { ErrorCode } from '../agent';

export const TITLE = 'Till agent local API (for the POS on the same till)';
/** The contract version this API implements in full (docs/contracts/pos-api.openapi.yaml is ahead). */
export const VERSION = '1.0.0';

export function rules(limits: { bodyKb: number; maxEventStreams: number }): string {
  return `The POS software on the till talks to the till agent over this API. The agent owns the
scanners, the conversation with Centegra Plus and the offline queue; the POS owns the basket.

Rules that hold for every call:
- Listens on 127.0.0.1 only unless configured otherwise; port from config (default 7420).
  Anywhere else it serves HTTPS only (posApi.tls), and refuses to start without it.
- Every request needs \`Authorization: Bearer <posApi.token>\`; a missing or wrong token is 401.
  After 10 wrong tokens from one address within a minute, its wrong tokens are 429 with
  Retry-After for a minute (extension); the right token is never held back. GET /metrics (1.1)
  also takes \`metrics.token\`, which reads it and nothing else (403 on any other route).
- A request whose Host is not the configured listen address (or localhost) is 403 (DNS
  rebinding), and so is one that carries an Origin not in \`posApi.allowedOrigins\` (a web page
  in the till's browser must not reach the agent).
- Money: integers in minor units (pence) with an ISO 4217 currency; never floats.
- Bodies are UTF-8 JSON of at most ${limits.bodyKb} KB (413 beyond). Invalid UTF-8, a \`__proto__\` or
  \`constructor\` key, or a number JavaScript cannot hold exactly (beyond 2^53, or more than 15
  significant digits) is 400: nothing is silently rounded.
- Card numbers never leave the agent in full: the POS sees \`cardNumberMasked\` (last 4 digits)
  and refers to a scanned card by its \`scanId\`. A keyed-in number may be sent in full.
- Errors: \`{ "error": { "code": "...", "message": "..." } }\`; the message is fit to show a
  cashier, and says what to do next.
- A 2xx on /close means the closure is on disk (fsync'd) before the answer is sent.
- At most ${limits.maxEventStreams} event streams are open at once.
- Answers may carry fields this document does not list (extensions, later versions): a POS
  ignores the ones it does not know.`;
}

/** What each code means to the POS; the document adds its HTTP status from the contract. */
export const errorMeanings: Record<ErrorCode, string> = {
  UNAUTHORIZED: 'no token, or the wrong one',
  FORBIDDEN: 'Host or Origin refused',
  BAD_REQUEST: 'the body or parameters do not match this contract (415 when the body is not JSON)',
  NOT_FOUND: 'no such path, basket, tender, scan or queue item',
  BASKET_NOT_OPEN: 'the basket is already closed or voided',
  TENDER_MISMATCH: 'the tenders do not add up to the total',
  NOT_A_GIFT_CARD: 'the scan is not a gift card (e.g. a product EAN-13)',
  CARD_NOT_ACTIVE: 'INACTIVE, BLOCKED or EXPIRED',
  CARD_NOT_FOUND: 'Factor4 does not know the card',
  ZERO_BALANCE: 'nothing is left on the card',
  NOTHING_DUE: 'nothing is left to pay on the basket',
  INSUFFICIENT_FUNDS: 'at close: the card was spent elsewhere; nothing was redeemed',
  OFFLINE: 'Centegra Plus is unreachable and the offline policy refuses',
  CENTEGRA_KEY_DISABLED: 'the API secure key is disabled (the message says where to enable it)',
  FACTOR4_UNAVAILABLE: 'Factor4 is down behind Centegra Plus',
  STORAGE_FAILED: 'the agent could not write to disk; nothing was accepted',
  TOPUP_LIMIT: 'over topUps.maxMinor (details.maxMinor)',
  REFUND_EXCEEDS_ORIGINAL:
    'more than was taken from that card in that basket, less earlier refunds (details.refundableMinor)',
  CARD_NOT_IN_BASKET: 'the original basket took nothing from this card',
  NOT_SUPPORTED: 'Centegra Plus does not offer this (capabilities)',
  CONFLICT: 'a topUpId or refundId reused with a different body',
  SITE_NOT_CONFIGURED: 'extension: Factor4 is not set up for this site in Centegra Plus',
  CARD_ALREADY_APPLIED: 'extension: the same card is already a tender on this basket',
  PIN_REQUIRED: 'extension: the card has a PIN and none was given; send it with the card',
  OUTCOME_UNKNOWN:
    'extension: a top-up may or may not have reached the card; check its balance before trying again',
  MANAGER_PIN_NOT_SET: 'extension (manager screen only): no manager PIN is set',
  MANAGER_PIN_INCORRECT: 'extension (manager screen only): wrong manager PIN',
  MANAGER_LOCKED: 'extension (manager screen only): too many wrong PINs; wait',
  MANAGER_SESSION_EXPIRED: 'extension (manager screen only): unlock again',
  RATE_LIMITED:
    'extension: Centegra Plus asked the till to slow down, or too many event streams are open; 429 for too many wrong tokens',
  CENTEGRA_ERROR: 'extension: Centegra Plus failed, or answered something unreadable',
  PAYLOAD_TOO_LARGE: 'extension: the request body is over the limit',
  INTERNAL: 'extension: a fault in the agent itself; send a support bundle',
};

/**
 * What some fields of the named schemas mean, by schema and field. They belong beside the fields
 * in the contract (zod's .meta()); until they are there, here. A field that no longer exists
 * fails the document's generation.
 */
export const fieldNotes: Record<string, Record<string, string>> = {
  Scan: {
    symbology: 'e.g. QR, CODE128, EAN13 (from the AIM identifier when present)',
    valid: 'true when a gift card number was found in it',
    cardNumberMasked: 'the last 4 digits, e.g. •••••••••••8515',
    reason: 'why it is not a gift card, when valid is false',
  },
  Card: {
    expiresOn: 'extension: when the card expires, if Factor4 says',
    checkedAt: 'extension: when this balance was read from Factor4 (ISO 8601)',
  },
  Basket: {
    dueMinor: 'what the POS must still take in other tenders',
    closeState:
      'extension: for a CLOSED basket, where its closure is: with Factor4, waiting to be sent, or refused',
  },
  Health: {
    demo: 'true when talking to the built-in simulator',
    till: 'extension: this till as configured',
    currency: "extension: the till's currency",
    storage: 'extension: whether the till can store sales',
  },
};

/** What some query parameters mean, by operation and parameter. */
export const queryNotes: Record<string, Record<string, string>> = {
  listScans: { after: 'only scans newer than this scanId' },
  listQueue: { cursor: 'the nextCursor of the previous page' },
};
