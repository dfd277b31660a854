// The Manager view's money: the day report, top-ups, refunds and voided sales, in English.
// Money, card endings, ids, dates and times are values (formatted by Intl for the language), never
// words. The day's CSV files are the agent's: their column names are data for spreadsheets and stay
// English whatever the screen's language, so none of them is here.
export const money = {
  // ---- the Day ----
  'day.heading': 'Day',
  'day.today': 'Today, {day}',
  /** Another day: its name alone, by Intl for the language. */
  'day.other': '{day}',
  'day.pick': 'Day shown',
  'day.previous': 'Previous day',
  'day.next': 'Next day',
  'day.backToToday': 'Today',
  'day.till': 'Till {siteId}-{tillId}',
  'day.reading': 'Reading the day…',
  'day.downloadCsv': 'Download CSV',
  'day.saved': 'Saved {filename}.',
  'day.figures': "The day's figures",
  'day.figure.redeemed': 'Redeemed',
  'day.figure.redeemed.definition':
    'Gift cards taken in sales closed that day and confirmed by Factor4, less those voided.',
  'day.figure.pending': 'Waiting to be sent',
  'day.figure.pending.definition':
    'Gift cards taken in sales closed that day that Factor4 has not confirmed yet.',
  'day.figure.failed': 'Did not go through',
  'day.figure.failed.definition': 'Refused by Factor4 when sent, and not yet settled by a manager.',
  'day.figure.resolved': 'Settled by a manager',
  'day.figure.resolved.definition':
    'Refused sales a manager marked as collected from the customer or written off.',
  'day.figure.topUps': 'Top-ups',
  'day.figure.topUps.definition': 'Money loaded onto cards that day and confirmed, less those voided.',
  'day.figure.refunds': 'Refunds',
  'day.figure.refunds.definition':
    'Money refunded onto cards that day and delivered to Factor4, less those voided.',
  'day.figure.voided': 'Voided',
  'day.figure.voided.definition': 'Sales, top-ups and refunds of that day that were voided.',
  'day.count.payment': '{count, plural, one {# card payment} other {# card payments}}',
  'day.count.topUp': '{count, plural, one {# top-up} other {# top-ups}}',
  'day.count.refund': '{count, plural, one {# refund} other {# refunds}}',
  'day.count.item': '{count, plural, one {# item} other {# items}}',

  // ---- the day's top-ups ----
  'dayTopUps.heading': 'Top-ups',
  'dayTopUps.reading': 'Reading the top-ups…',
  'dayTopUps.none': 'No top-ups on this day.',
  'dayTopUps.downloadCsv': 'Download top-ups CSV',
  'dayTopUps.list': 'Top-ups on this day',
  'dayTopUp.heading': '<hidden>Top-up on the </hidden>Card ending {last4}',
  'dayTopUp.at': 'At',
  'dayTopUp.balanceAfter': 'Balance after',
  'dayTopUp.why': 'Why',
  'dayTopUp.id': 'Top-up id',
  'dayTopUp.state.DONE': 'Loaded',
  'dayTopUp.state.PENDING': 'Not confirmed yet',
  'dayTopUp.state.FAILED': 'Did not go through',
  'dayTopUp.state.VOIDING': 'Voiding: waiting for Factor4',
  'dayTopUp.state.VOIDED': 'Voided',
  'dayTopUp.void': 'Void',
  'dayTopUp.voidQuestion':
    'Void the {amount} top-up on the card ending {last4}? Factor4 takes it back off the card.',
  'dayTopUp.voided': 'The {amount} top-up on the card ending {last4} is voided.',
  'dayTopUp.voiding':
    'The {amount} top-up on the card ending {last4} is being voided: Factor4 takes it back off the card when the queue sends it.',

  // ---- asking before a void ----
  'confirmAction.yes': 'Yes, void it',
  'confirmAction.busy': 'Voiding…',
  'confirmAction.keep': 'Keep it',

  // ---- a refund ----
  'refund.heading': 'Refund onto a gift card',
  'refund.cardNumber': 'Gift card number (or scan it)',
  'refund.scanned': 'Scanned card •••• {last4}',
  'refund.typeInstead': 'Type a number instead',
  'refund.amount': 'Amount to refund',
  'refund.originalSale': 'Sale it came from (optional)',
  'refund.reason': 'Reason (optional)',
  'refund.continue': 'Continue',
  'refund.question': 'Refund {amount} onto the card ending {last4}?',
  'refund.questionForSale': 'Refund {amount} onto the card ending {last4} for sale {saleId}?',
  'refund.send': 'Refund {amount}',
  'refund.sending': 'Refunding…',
  'refund.change': 'Change it',
  'refund.typo.cardMissing': 'Type or scan the number of the card to refund onto.',
  'refund.typo.cardTooLong': 'That is too long for a gift card number.',
  'refund.typo.amountEmpty': 'Type an amount.',
  'refund.typo.amountFormat':
    'Type the amount as digits, such as {example} or {other}, with a point before the pence.',
  'refund.typo.amountFormatWhole': 'Type the amount as digits, such as {example} or {other}.',
  'refund.typo.amountDecimals':
    '{decimals, plural, one {At most # digit after the point, such as {example}.} other {At most # digits after the point, such as {example}.}}',
  'refund.typo.amountWhole': '{currency} amounts have no decimals. Type a whole number.',
  'refund.typo.amountTooLarge': 'That is more than {most}, the most Till Agent takes at once.',
  'refund.typo.amountZero': 'Type an amount more than {zero}.',
  'refund.typo.saleId': 'A sale id is letters, digits, _ or - (at most 64), as on the receipt.',
  'refund.typo.reasonTooLong': 'Keep the reason to 200 characters.',
  'refund.outcome.heading': 'Refund onto the card ending {last4}',
  'refund.state.DELIVERED': 'Refunded: on the card now',
  'refund.state.QUEUED': 'Queued: will reach the card when Centegra Plus is back',
  'refund.state.FAILED': 'Did not go through',
  'refund.state.VOIDING': 'Voiding: waiting for Factor4',
  'refund.state.VOIDED': 'Voided',
  'refund.balanceNow': 'Balance now',
  'refund.fact.sale': 'Sale',
  'refund.fact.reason': 'Reason',
  'refund.fact.why': 'Why',
  'refund.fact.id': 'Refund id',
  'refund.void': 'Void this refund',
  'refund.voidQuestion':
    'Void the {amount} refund onto the card ending {last4}? Factor4 takes it back off the card.',
  'refund.another': 'Make another refund',
  'findRefund.heading': 'Void an earlier refund',
  'findRefund.label': 'Refund id',
  'findRefund.typo': 'Type the refund id as on its receipt or in the queue: letters, digits, _ or -.',
  'findRefund.find': 'Find the refund',
  'findRefund.finding': 'Finding the refund…',

  // ---- a refused refund or void: headings said as what the manager does next ----
  'moneyProblem.REFUND_EXCEEDS_ORIGINAL': 'More than the card paid in that sale',
  'moneyProblem.CARD_NOT_IN_BASKET': "That card didn't pay in that sale",
  'moneyProblem.NOT_SUPPORTED': 'Gift card refunds aren’t available at this site',
  'moneyProblem.NOT_FOUND': 'Not found on this till',
  'moneyProblem.BAD_REQUEST': 'Check what was typed',

  // ---- voiding a sale ----
  'voidSale.heading': 'Void a sale',
  'voidSale.intro':
    'For a sale already closed: Factor4 gives back what its gift cards paid. Check the sale before you confirm.',
  'voidSale.label': 'Sale id',
  'voidSale.typo': 'Type the sale id as on the receipt: letters, digits, _ or - (at most 64).',
  'voidSale.find': 'Find the sale',
  'voidSale.finding': 'Finding the sale…',
  'voidSale.void': 'Void sale',
  'voidSale.voiding': 'Voiding…',
  'voidSale.keep': 'Keep it',
  'voidSale.another': 'Void another sale',
  'voidSale.card': '•••• {last4}',
  'voidSale.question.open':
    'Sale {saleId} is still open on the POS. Void it? Whatever its cards hold goes back to them.',
  'voidSale.question.voided': 'Sale {saleId} is already voided.',
  'voidSale.question.closed': 'Void sale {saleId} (total {total})? {amount} goes back to {cards}.',
  'voidSale.question.closedNoCards': 'Void sale {saleId} (total {total})? It took no gift cards.',
  'voidSale.outcome.open':
    'Sale {saleId} is voided. Nothing had been taken from its gift cards; any amount held on them is given back.',
  'voidSale.outcome.nothing':
    'Sale {saleId} is voided. Nothing was taken from a gift card, so nothing goes back.',
  'voidSale.outcome.back':
    'Sale {saleId} is voided. {amount} goes back to its gift cards once Factor4 confirms it (see the queue).',
} as const;
