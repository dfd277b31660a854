// What went wrong talking to Centegra Plus, as the agent's error codes with messages a cashier
// can act on, and what it tells us about the link. Pure: tested on every status and network error.
import { KEY_FIX, type ErrorCode, type LinkState } from '../contract';
import { paths } from './wire';

export interface CentegraFailure {
  code: ErrorCode;
  message: string;
  /** Centegra's own error code, or the network error's, for logs and diagnostics. */
  cause: string;
  httpStatus?: number;
  /** From Retry-After on 429/503. */
  retryAfterMs?: number;
  /**
   * True when the request may have been applied although we got no answer (timeout, dropped
   * connection, Factor4 timeout). A money-moving call must then be repeated with the same requestId.
   */
  outcomeUnknown: boolean;
  /** What this failure says about the link to Centegra Plus. */
  link: LinkState;
  /** Centegra's `details` (e.g. availableMinor on INSUFFICIENT_FUNDS). */
  details?: Record<string, unknown>;
}

const OFFLINE_MESSAGE =
  "Centegra Plus can't be reached from this till, so gift cards can't be checked. Check the till's network connection, then try again.";

export const FACTOR4_MESSAGE =
  "Factor4, the gift card system behind Centegra Plus, isn't answering, so gift cards can't be used just now. Try again in a few minutes or take another payment method.";

/** Network failures: no HTTP answer at all. */
export function networkFailure(error: unknown, timedOut: boolean): CentegraFailure {
  const code = errorCode(error);
  if (timedOut) {
    return {
      code: 'OFFLINE',
      message: "Centegra Plus didn't answer in time. Check the till's network connection, then try again.",
      cause: 'TIMEOUT',
      outcomeUnknown: true,
      link: 'OFFLINE',
    };
  }
  if (TLS_ERRORS.has(code)) {
    return {
      code: 'OFFLINE',
      message: `Centegra Plus's security certificate could not be verified (${code}), so the till will not talk to it. Check the till's date and time, and that nothing on the network intercepts HTTPS. Till Agent never skips this check.`,
      cause: code,
      outcomeUnknown: false,
      link: 'OFFLINE',
    };
  }
  return {
    code: 'OFFLINE',
    message:
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `${OFFLINE_MESSAGE} (The Centegra Plus address could not be looked up: check the till's internet connection and DNS.)`
        : OFFLINE_MESSAGE,
    cause: code,
    // Refused or unresolvable: nothing was sent. Anything else may have reached Centegra.
    outcomeUnknown: !NOT_SENT_ERRORS.has(code),
    link: 'OFFLINE',
  };
}

const TLS_ERRORS = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_NOT_YET_VALID',
]);
/** Failures before anything reached Centegra: the request was certainly not applied. */
const NOT_SENT_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  ...TLS_ERRORS,
]);

function errorCode(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.name : 'NETWORK_ERROR';
}

export interface HttpAnswer {
  status: number;
  /** Centegra's error envelope, when the body was one. */
  error?: { code: string; message?: string; details?: Record<string, unknown> };
  retryAfter?: string;
  path: string;
}

export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** An HTTP answer that is not a success. */
export function httpFailure(answer: HttpAnswer): CentegraFailure {
  const { status } = answer;
  const cause = answer.error?.code ?? `HTTP_${status}`;
  const base = { cause, httpStatus: status, outcomeUnknown: false, details: answer.error?.details };
  const said = answer.error?.message
    ? ` Centegra Plus said: ${quoted(answer.error.message.slice(0, 200))}`
    : '';
  switch (answer.error?.code) {
    case 'KEY_INVALID':
      return {
        ...base,
        code: 'CENTEGRA_KEY_DISABLED',
        link: 'KEY_DISABLED',
        message: `Centegra Plus doesn't recognise this till's Factor4 Gift Card key, so gift cards can't be used. IT must copy the key into the till's config (centegra.apiKey) from Centegra Plus: Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card", and check it is enabled.`,
      };
    case 'KEY_DISABLED':
      return {
        ...base,
        code: 'CENTEGRA_KEY_DISABLED',
        link: 'KEY_DISABLED',
        message: `The Factor4 Gift Card key is switched off in Centegra Plus, so gift cards can't be used. ${KEY_FIX}`,
      };
    case 'SITE_NOT_CONFIGURED':
      return {
        ...base,
        code: 'SITE_NOT_CONFIGURED',
        link: 'ONLINE',
        message:
          "Factor4 gift cards aren't set up for this site in Centegra Plus. Contact Centegra to configure it; they need the site's Factor4 Client ID, Location ID, Terminal ID, username and password.",
      };
    case 'BAD_REQUEST':
      return {
        ...base,
        code: 'BAD_REQUEST',
        link: 'ONLINE',
        message: `Centegra Plus did not accept the request.${said} Check the card number; if it is right, send a support bundle to IT.`,
      };
    case 'CARD_NOT_FOUND':
      return {
        ...base,
        code: 'CARD_NOT_FOUND',
        link: 'ONLINE',
        message:
          'Card number or PIN not recognised. Check the number (and the PIN, if it has one), or scan it again.',
      };
    case 'PIN_REQUIRED':
      return {
        ...base,
        code: 'PIN_REQUIRED',
        link: 'ONLINE',
        message: 'This card has a PIN. Ask the customer for it, then send it with the card number.',
      };
    case 'CARD_NOT_ACTIVE':
      return {
        ...base,
        code: 'CARD_NOT_ACTIVE',
        link: 'ONLINE',
        message:
          "This gift card can't be used: it is blocked, expired or not activated. Ask for another way to pay.",
      };
    case 'INSUFFICIENT_FUNDS':
      return {
        ...base,
        code: 'INSUFFICIENT_FUNDS',
        link: 'ONLINE',
        message:
          "There isn't enough left on this gift card. Check its balance and take the rest another way.",
      };
    case 'RATE_LIMITED': {
      const retryAfterMs = parseRetryAfter(answer.retryAfter);
      const wait =
        retryAfterMs !== undefined
          ? ` about ${Math.max(1, Math.round(retryAfterMs / 1000))} seconds`
          : ' a moment';
      return {
        ...base,
        retryAfterMs,
        code: 'RATE_LIMITED',
        link: 'ONLINE',
        message: `Centegra Plus is busy and asked the till to wait${wait}. Try again then.`,
      };
    }
    case 'FACTOR4_UNAVAILABLE':
      return {
        ...base,
        retryAfterMs: parseRetryAfter(answer.retryAfter),
        code: 'FACTOR4_UNAVAILABLE',
        link: 'FACTOR4_DOWN',
        message: FACTOR4_MESSAGE,
      };
    case 'FACTOR4_TIMEOUT':
      return {
        ...base,
        code: 'FACTOR4_UNAVAILABLE',
        link: 'FACTOR4_DOWN',
        outcomeUnknown: true,
        message: FACTOR4_MESSAGE,
      };
    case 'CENTEGRA_UNAVAILABLE': {
      // Centegra said so itself: nothing was applied, and the link is unusable until it is back.
      const retryAfterMs = parseRetryAfter(answer.retryAfter);
      return {
        ...base,
        retryAfterMs,
        code: 'OFFLINE',
        link: 'OFFLINE',
        message: `Centegra Plus is down for maintenance or overloaded, so gift cards can't be used just now. The till will try again ${retryAfterMs !== undefined ? `in ${waitWords(retryAfterMs)}` : 'shortly'}; meanwhile take another payment method.`,
      };
    }
    case 'HOLD_NOT_FOUND':
      return {
        ...base,
        code: 'NOT_FOUND',
        link: 'ONLINE',
        message:
          'Centegra Plus has no record of the amount held on this gift card for this sale. Nothing was taken from the card: scan it again to take the payment afresh, or take another payment method.',
      };
    case 'HOLD_CAPTURED':
      return {
        ...base,
        code: 'CONFLICT',
        link: 'ONLINE',
        message:
          'The amount held on this gift card has already paid for the sale, so it cannot be released. To give the money back, a manager must void that gift card payment.',
      };
    case 'REFUND_EXCEEDS_ORIGINAL':
      return {
        ...base,
        code: 'REFUND_EXCEEDS_ORIGINAL',
        link: 'ONLINE',
        message:
          'This is more than the gift card paid in that sale, less what has already been refunded to it, so nothing was refunded. Refund no more than what is left, and the rest another way.',
      };
    case 'TRANSACTION_NOT_FOUND':
      return {
        ...base,
        code: 'NOT_FOUND',
        link: 'ONLINE',
        message:
          'Centegra Plus has no record of the original sale or top-up, so nothing was voided or refunded against it. Check the receipt; if the sale was closed while Centegra Plus was away, wait until it has been sent (see the queue), then try again.',
      };
  }
  // An older Centegra (1.0), or a site whose Factor4 plan lacks holds or refunds, has no such path.
  const feature = OPTIONAL_FEATURES[answer.path];
  if (status === 404 && feature && (!answer.error || answer.error.code === 'NOT_FOUND')) {
    return {
      ...base,
      code: 'NOT_SUPPORTED',
      link: 'ONLINE',
      message: `Centegra Plus at this site doesn't offer ${feature} (an older version, or the site's Factor4 plan lacks it). ${feature === 'gift card refunds' ? 'Refund another way' : 'Take the gift card payment at the end of the sale instead'}; IT can ask Centegra to enable it.`,
    };
  }
  if (status === 401 || status === 403) {
    return httpFailure({ ...answer, error: { code: 'KEY_DISABLED', ...answer.error } });
  }
  if (status === 429) return httpFailure({ ...answer, error: { code: 'RATE_LIMITED' } });
  if (status === 504) return httpFailure({ ...answer, error: { code: 'FACTOR4_TIMEOUT' } });
  if (status === 404 && !answer.error) {
    return {
      ...base,
      code: 'CENTEGRA_ERROR',
      link: 'ONLINE',
      message: `Centegra Plus has no ${answer.path} at the configured address. IT should check centegra.baseUrl in the till's config (expected e.g. https://api.centegraplus.com/giftcards/v1).`,
    };
  }
  return {
    ...base,
    code: 'CENTEGRA_ERROR',
    link: status >= 500 ? 'OFFLINE' : 'ONLINE',
    // A 5xx other than Factor4's may or may not have been applied.
    outcomeUnknown: status >= 500,
    message: `Centegra Plus had a problem (error ${status}${answer.error ? ` ${answer.error.code}` : ''}).${said} Try again in a moment; if it keeps happening, contact Centegra.`,
  };
}

/** Centegra's own words in quotes, ending one sentence: `"Failed."`, not `"Failed.".`. */
function quoted(message: string): string {
  const text = message.trim();
  return /[.!?]$/.test(text) ? `"${text}"` : `"${text}".`;
}

/** The 1.1 paths, by what they offer, for a cashier who meets a Centegra without them. */
const OPTIONAL_FEATURES: Record<string, string> = {
  [paths.hold]: 'holding gift card balances for a sale',
  [paths.releaseHold]: 'holding gift card balances for a sale',
  [paths.refund]: 'gift card refunds',
};

/** '90 seconds', 'about 5 minutes': for a wait the cashier is told about. */
function waitWords(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 120) return `about ${seconds} seconds`;
  return `about ${Math.round(seconds / 60)} minutes`;
}

export function unreadableAnswer(path: string, status: number, why: string): CentegraFailure {
  return {
    code: 'CENTEGRA_ERROR',
    message: `Centegra Plus sent an answer Till Agent can't read (${path}, ${why}). Try again; if it keeps happening, send a support bundle to IT.`,
    cause: 'UNREADABLE_ANSWER',
    httpStatus: status,
    outcomeUnknown: true,
    link: 'ONLINE',
  };
}
