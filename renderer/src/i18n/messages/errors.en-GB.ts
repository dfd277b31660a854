// The words for every error code, per action (error-words.ts picks which id for which code and
// action), and the Till screen's other results: a card applied or removed, a scan that is not a
// gift card or had no answer, a number, PIN or amount typed wrong. In English.
//
// `error.<CODE>.fact` says what happened for the codes whose fact the agent itself states (which
// card, in what state, which number is wrong). In English it is the agent's own sentence, `{said}`:
// the POS API speaks English and its sentence names the card and its state more closely than one
// line per code could. Every other language says the fact in its own words, without the agent's.
export const errors = {
  // ---- sentences several codes share ----
  'error.anotherPayment': 'Take another payment; tell your manager if it keeps happening.',
  'error.askAnotherWay': 'Ask for another way to pay.',
  'error.moneyBack':
    'Nothing was loaded onto the card: give the customer their money back, or top up another card.',
  'error.moneyBackThenManager':
    'Nothing was loaded onto the card: give the customer their money back. Then tell your manager.',
  'error.moneyBackLater':
    'Nothing was loaded onto the card: give the customer their money back, or try again in a minute.',
  'error.refundAnotherWay': 'Nothing was refunded: refund another way, or try again later.',
  'error.refundAnotherWayManager': 'Nothing was refunded: refund another way, and tell your manager.',
  'error.refundOtherWay': 'Refund another way.',
  'error.tryAgainManager': 'Try again; tell your manager.',

  // ---- the link to Centegra Plus and Factor4 ----
  'error.OFFLINE.heading': "Centegra Plus can't be reached",
  'error.OFFLINE.balance.whatToDo': 'Try again in a minute. If it keeps happening, tell your manager.',
  'error.OFFLINE.manager.whatToDo': 'Try again in a minute. Diagnostics (Scanners tab) shows what is wrong.',
  'error.CENTEGRA_KEY_DISABLED.heading': 'Gift card key switched off',
  'error.CENTEGRA_KEY_DISABLED.whatToDo':
    'Take another payment, and tell your manager: Diagnostics says how to switch it back on.',
  'error.CENTEGRA_KEY_DISABLED.balance.whatToDo':
    'Tell your manager: Diagnostics says how to switch it back on.',
  'error.CENTEGRA_KEY_DISABLED.manager.whatToDo':
    'Diagnostics (Scanners tab) says how to switch the gift card key back on.',
  'error.FACTOR4_UNAVAILABLE.heading': "Factor4 isn't answering",
  'error.FACTOR4_UNAVAILABLE.whatToDo': 'Take another payment, or try again in a few minutes.',
  'error.FACTOR4_UNAVAILABLE.balance.whatToDo':
    'Try again in a few minutes. If it keeps happening, tell your manager.',
  'error.FACTOR4_UNAVAILABLE.manager.whatToDo':
    'Try again in a few minutes. Diagnostics (Scanners tab) shows what is wrong.',
  'error.RATE_LIMITED.heading': 'Centegra Plus is busy',
  'error.RATE_LIMITED.whatToDo': 'Wait a few seconds, then try again.',
  'error.RATE_LIMITED.topUp.whatToDo': 'Nothing was loaded yet: wait a few seconds, then press Top up again.',
  'error.RATE_LIMITED.refund.whatToDo': 'Nothing was refunded yet: wait a few seconds, then try again.',
  'error.CENTEGRA_ERROR.heading': 'Centegra Plus gave an error',
  'error.CENTEGRA_ERROR.whatToDo':
    'Try again in a moment. If it keeps happening, take another payment and tell your manager.',
  'error.CENTEGRA_ERROR.balance.whatToDo': 'Try again in a moment. If it keeps happening, tell your manager.',
  'error.SITE_NOT_CONFIGURED.heading': 'Gift cards not set up for this shop',
  'error.SITE_NOT_CONFIGURED.whatToDo':
    'Take another payment, and tell your manager: Diagnostics says what to ask Centegra.',
  'error.SITE_NOT_CONFIGURED.balance.whatToDo':
    "Gift cards can't be used until it is set up; tell your manager.",
  'error.NOT_SUPPORTED.heading': "Centegra Plus doesn't offer this here",
  'error.NOT_SUPPORTED.whatToDo': 'Take the gift card payment at the end of the sale instead.',
  'error.NOT_SUPPORTED.refund.heading': "Gift card refunds aren't available here",
  'error.OUTCOME_UNKNOWN.heading': 'Not sure it went through',
  'error.OUTCOME_UNKNOWN.whatToDo': 'Check before trying again: it may have gone through.',
  'error.OUTCOME_UNKNOWN.topUp.heading': 'Top-up not confirmed',
  'error.OUTCOME_UNKNOWN.topUp.fact': '{said}',
  'error.OUTCOME_UNKNOWN.topUp.whatToDo':
    "Don't take the money again yet: press Check balance first. Top up again only if the balance hasn't gone up.",

  // ---- the card ----
  'error.CARD_NOT_FOUND.heading': 'Card number or PIN not recognised',
  'error.CARD_NOT_FOUND.whatToDo':
    'Check the number (and the PIN, if the card has one), then try again, or scan the card.',
  'error.CARD_NOT_FOUND.topUp.whatToDo':
    "Check the number (and the PIN, if the card has one) and try again; if it still isn't recognised, give the customer their money back.",
  'error.PIN_REQUIRED.heading': "Enter the card's PIN",
  'error.PIN_REQUIRED.whatToDo':
    'This card has a PIN: ask the customer for it, type it in the PIN field, then check or apply the card again.',
  'error.CARD_NOT_ACTIVE.heading': "This card can't be used",
  'error.CARD_NOT_ACTIVE.fact': '{said}',
  'error.CARD_NOT_ACTIVE.topUp.heading': "This card can't be topped up",
  'error.CARD_NOT_ACTIVE.refund.heading': "This card can't take a refund",
  'error.ZERO_BALANCE.heading': 'Nothing left on this card',
  'error.INSUFFICIENT_FUNDS.heading': 'Not enough on the card',
  'error.INSUFFICIENT_FUNDS.whatToDo': 'Check its balance, then take the rest another way.',
  'error.CARD_ALREADY_APPLIED.heading': 'Card already on this sale',
  'error.CARD_ALREADY_APPLIED.whatToDo': 'To change what it pays, remove it first.',
  'error.NOT_A_GIFT_CARD.heading': 'Not a gift card',
  'error.NOT_A_GIFT_CARD.fact': '{said}',
  /** A scan the agent read as no gift card, without saying why. */
  'error.NOT_A_GIFT_CARD.scanned':
    "That barcode isn't a gift card. Scan the barcode on the back of the gift card, or type its number.",
  /** A scan the agent read as no gift card, saying why (English: the agent's words). */
  'error.NOT_A_GIFT_CARD.scanReason': '{said}',
  'error.BAD_REQUEST.heading': 'Check the number',
  'error.BAD_REQUEST.whatToDo': 'Check the number and try again; if it keeps happening, tell your manager.',
  'error.BAD_REQUEST.fact': '{said}',
  'error.BAD_REQUEST.card.heading': "Can't use this card here",
  'error.BAD_REQUEST.card.fact': '{said}',
  'error.TOPUP_LIMIT.heading': 'Too much for one top-up',
  'error.TOPUP_LIMIT.fact': '{said}',
  'error.TOPUP_LIMIT.factMax':
    'A top-up here is at most {max}. Load the rest as a second top-up, or ask a manager.',
  'error.REFUND_EXCEEDS_ORIGINAL.heading': 'More than the card paid',
  'error.REFUND_EXCEEDS_ORIGINAL.whatToDo': 'Refund no more than what is left, and the rest another way.',
  'error.REFUND_EXCEEDS_ORIGINAL.fact': '{said}',
  'error.REFUND_EXCEEDS_ORIGINAL.factLeft': 'Only {left} of what the card paid can still be refunded.',
  'error.CARD_NOT_IN_BASKET.heading': "That card didn't pay for this sale",
  'error.CARD_NOT_IN_BASKET.whatToDo': 'Check the card and the receipt.',

  // ---- the sale ----
  'error.NOTHING_DUE.heading': 'Nothing to pay',
  'error.NOTHING_DUE.whatToDo': 'No gift card is needed for this sale.',
  'error.BASKET_NOT_OPEN.heading': 'No sale open',
  'error.BASKET_NOT_OPEN.fact': '{said}',
  'error.TENDER_MISMATCH.heading': "The amounts don't match",
  'error.TENDER_MISMATCH.fact': '{said}',
  'error.NOT_FOUND.heading': 'Not found',
  'error.NOT_FOUND.fact': '{said}',
  'error.CONFLICT.heading': "Can't be done as it stands",
  'error.CONFLICT.fact': '{said}',

  // ---- the till and the manager ----
  'error.STORAGE_FAILED.heading': "Couldn't save on this till",
  'error.STORAGE_FAILED.whatToDo': 'Take another payment; tell your manager.',
  'error.STORAGE_FAILED.balance.whatToDo': 'Try again; if it keeps happening, tell your manager.',
  'error.STORAGE_FAILED.manager.whatToDo': 'The storage note at the top of the screen says what to do.',
  'error.MANAGER_PIN_NOT_SET.heading': 'No manager PIN set',
  'error.MANAGER_PIN_NOT_SET.fact': '{said}',
  'error.MANAGER_PIN_INCORRECT.heading': 'Wrong PIN',
  'error.MANAGER_PIN_INCORRECT.fact': '{said}',
  'error.MANAGER_LOCKED.heading': 'Manager view locked',
  'error.MANAGER_LOCKED.fact': '{said}',
  'error.MANAGER_SESSION_EXPIRED.heading': 'Manager view locked itself',
  'error.MANAGER_SESSION_EXPIRED.fact': '{said}',
  'error.UNAUTHORIZED.heading': 'Till Agent refused the request',
  'error.FORBIDDEN.heading': 'Not allowed on this till',
  'error.FORBIDDEN.whatToDo': 'Tell your manager.',
  'error.PAYLOAD_TOO_LARGE.heading': 'Too much to send',
  'error.INTERNAL.heading': 'Something went wrong in Till Agent',
  'error.INTERNAL.whatToDo': 'Try again. If it happens again, tell your manager.',

  // ---- the Till screen's results that are not the agent's errors ----
  'lookup.noAnswer.heading': 'No answer',
  'lookup.noAnswer.message':
    'No answer for that scan: scan it again. If it happens again, type the card number instead.',
  'entryProblem.checkNumber': 'Check the number',
  'entryProblem.checkPin': 'Check the PIN',
  'entryProblem.checkAmount': 'Check the amount',
  'entryProblem.numberEmpty':
    'Type or scan the gift card number, then press {button, select, apply {Apply to sale} topUp {Top up / activate} other {Check balance}}.',
  'entryProblem.numberTooLong':
    'That is too long for a gift card number (at most {max} characters). Clear it with Escape and try again.',
  'entryProblem.pinFormat': 'A PIN is 4 to 8 digits. Leave the PIN empty if the card has none.',
  'entryProblem.maxZero':
    'Take at most must be more than {zero}. Leave it empty to take what the sale needs.',
  'notice.applied': 'Card applied',
  'notice.appliedCard': 'Card ending {last4} applied',
  'notice.appliedMessage': '{taken} taken from it; {left} will be left on it. {due} still to pay.',
  'notice.removed': 'Card removed',
  'notice.removedCard': 'Card ending {last4} removed',
  'notice.removedMessage':
    'Nothing will be taken from it. {due} still to pay. To use it after all, apply it again.',
} as const;
