// The screens' words in English (en-GB), the catalogue every other language is checked against:
// ICU MessageFormat, read by react-intl. An id names where the words are shown; a figure (money,
// a card ending, a time) is a value, formatted for the language by Intl, never part of the words.
export const enGB = {
  'app.name': 'Till Agent',
  'app.footer.tillHint': ' · Esc clears',
  'app.footer.managerHint': ' · Esc locks and goes back to the till',
  'app.footer.otherHint': ' · Esc goes back to the till',
  'app.healthProblem.heading': "Can't read Till Agent's status",
  'app.healthProblem.retry': 'Try again',
  'language.switch': 'Cymraeg',

  'header.till': 'Site {siteId} · Till {tillId}',
  'header.linkPrefix': 'Centegra Plus: ',
  'header.lastReached': 'Last reached at {time}.',
  'header.nav': 'Screens',
  'header.tab.manager': 'Manager',
  'header.tab.managerFailed': 'Manager, {count, plural, one {# sale} other {# sales}} did not go through',
  'header.tab.till': 'Till',
  'header.tab.scanners': 'Scanners',
  'header.tab.scannersAttention': 'Scanners, {count} {count, plural, one {needs} other {need}} attention',
  'link.ONLINE': 'Online',
  'link.OFFLINE': 'Offline',
  'link.KEY_DISABLED': 'Key switched off',
  'link.FACTOR4_DOWN': 'Factor4 down',
  'link.BUSY': 'Busy — slow down',
  'link.connecting': 'Connecting…',
  'link.unknown': 'Status unknown',
  'linkDetail.OFFLINE':
    "Cards can't be checked now: if one is refused, take another payment. Tell your manager if it lasts.",
  'linkDetail.KEY_DISABLED':
    "Cards can't be checked: the gift card key is switched off. If one is refused, take another payment, and tell your manager.",
  'linkDetail.FACTOR4_DOWN':
    "Factor4 isn't answering: if a card is refused, take another payment, or try again in a few minutes.",
  'linkDetail.BUSY': 'Centegra Plus asked the till to slow down: wait a few seconds between cards.',

  'demo.banner': '<b>DEMO</b> — using the built-in Centegra Plus simulator. No real cards are charged.',
  'storage.heading': 'This till has a storage problem',
  'storage.fallback':
    'Till Agent could not save to its data folder, so new sales may not be accepted. Call IT.',
  'notConnected.heading': 'Till Agent is not connected',
  'notConnected.body': "This screen can't reach Till Agent, so it can't check gift cards.",
  'notConnected.whatToDo':
    'Close this window and open Till Agent again. If this keeps happening, call your IT support.',
  'queue.pending': '{count, plural, one {# sale} other {# sales}} waiting to be sent',
  'queue.failed': '{count, plural, one {# sale} other {# sales}} refused by Factor4 — see the manager',
  'queue.join': '{first} · {second}',

  'entry.formApply': 'Apply or check a gift card',
  'entry.formCheck': 'Check a gift card',
  'entry.cardNumber': 'Gift card number',
  'entry.pin': 'PIN (if the card has one)',
  'entry.maxAmount': 'Take at most',
  'entry.optionalHidden': ' (optional)',
  'entry.optional': 'optional',
  'entry.apply': 'Apply to sale',
  'entry.applying': 'Applying…',
  'entry.check': 'Check balance',
  'entry.checking': 'Checking…',
  'entry.topUp': 'Top up / activate',

  'result.label': 'Result',
  'result.hintApply': 'Scan a gift card, or type its number and press Apply to sale.',
  'result.hintCheck': 'Scan a gift card, or type its number and press Check balance.',
  'result.checking': 'Checking the card…',

  'result.lookingUp': 'Looking up…',
  'result.scannedCard': 'Scanned card ',
  'card.label.balance': 'Balance',
  'card.label.card': 'Card',
  'card.scanned': 'Scanned',
  'card.balanceAside': 'Balance {balance}',
  'card.numberHidden': 'Card ',
  'card.status.active': 'Active — can be used',
  'card.status.empty': 'Nothing left on this card',
  'card.status.inactive': 'Not activated — activate it with a top-up before use',
  'card.status.blocked': 'Blocked — do not accept; ask the customer to contact the card issuer',
  'card.status.expiredOn': 'Expired on {date}',
  'card.status.expired': 'Expired',
  'card.validUntil': 'Valid until {date}',
  'card.checkedAt': 'Checked at {time}',
  'card.checkedOn': 'Checked on {day} at {time}',
  'toppedUp.label': 'New balance',
  'toppedUp.added': '{amount} added to the card ending {last4}',
  'topUpPending.heading': 'Top-up not confirmed yet',
  'topUpPending.message':
    "Centegra Plus hasn't confirmed the {amount} top-up to the card ending {last4} yet. Till Agent keeps asking, and never loads the card twice.",
  'topUpPending.advice':
    "Don't take the money again. This changes by itself when Centegra Plus answers; if it hasn't in a minute, press Check again.",
  'topUpPending.check': 'Check again',

  'sale.label': 'Sale',
  'sale.none': 'No sale in progress. The POS opens one when it starts a sale.',
  'sale.startPractice': 'Start a practice sale',
  'sale.starting': 'Starting…',
} as const;

export type MessageId = keyof typeof enGB;
