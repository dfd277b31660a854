// The Manager view's frame: the PIN, the session, approvals, the queue and the audit log, in English.
// The agent's English sentences are not shown where a code says the same: the words here say it.
export const manager = {
  // ---- the frame ----
  'manager.heading': 'Manager',
  'manager.lock': 'Lock',
  /** The sub-views' buttons, as a group. */
  'manager.views': 'Show',
  'manager.view.queue': 'Queue',
  'manager.view.day': 'Day',
  'manager.view.refund': 'Refund',
  'manager.view.voidSale': 'Void a sale',
  'manager.view.audit': 'Audit',
  'manager.view.diagnostics': 'Diagnostics',
  'manager.view.settings': 'Settings',
  'manager.view.bundle': 'Support bundle',
  'manager.kept.heading': 'Damaged database kept aside',
  /** `<mono>` wraps the kept file's name (shown in a fixed-width font). */
  'manager.kept.body':
    'Kept as <mono>{file}</mono>. Once IT knows, acknowledge it here; unsent sales may be recoverable from it.',
  'manager.kept.acknowledge': 'Acknowledge',
  'manager.kept.acknowledging': 'Acknowledging…',
  /** `{item}` is a queued item's name: "Sale b-77". */
  'manager.notice.retried': '{item} will be sent again now.',
  'manager.notice.collected': '{item} marked as collected from the customer.',
  'manager.notice.writtenOff': '{item} marked as written off.',
  'manager.notice.exported': 'Saved {filename}.',
  'manager.notice.acknowledged': 'Acknowledged: IT has been told about the kept database.',

  // ---- the PIN prompt ----
  'pin.label': 'Manager PIN',
  'pin.demoHint': 'Demo PIN: {pin}',
  'pin.open': 'Open',
  'pin.opening': 'Opening…',
  'pin.format.heading': 'Check the PIN',
  'pin.format.message':
    'A manager PIN is 6 to 12 digits (4 or 5 on a till whose PIN IT has not changed yet).',
  'pin.idle.message': 'The manager view locked itself after 10 minutes without use. Enter the PIN again.',
  'pin.notSet.message':
    'No manager PIN is set on this till, so the manager view cannot be opened. Ask IT to set one.',
  'pin.expired.message': 'The manager view has locked itself. Enter the PIN again.',
  'pin.wrong.message': 'That PIN is wrong.',
  'pin.wrong.triesLeft':
    'That PIN is wrong. {tries, plural, one {# try} other {# tries}} left before the manager view locks for a while.',
  'pin.locked.afterTries':
    'That PIN is wrong, and that was the {tries, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} try. The manager view is locked for {duration}.',
  'pin.locked.tooMany': 'Too many wrong PINs. The manager view is locked for a while.',
  'pin.duration.minutes': '{minutes, plural, one {# minute} other {# minutes}}',
  'pin.duration.hours': '{hours, plural, one {# hour} other {# hours}}',
  'pin.duration.hoursMinutes':
    '{hours, plural, one {# hour} other {# hours}} {minutes, plural, one {# minute} other {# minutes}}',
  'pin.lockedUntil': 'Locked until {time}.',
  'pin.status.heading': "Can't read the manager view's status",
  'pin.status.retry': 'Try again',

  // ---- a manager's approval of a large top-up ----
  'approval.heading': 'A manager must approve this top-up',
  /** `{amount}` is the till's approval limit, as the agent gave it. */
  'approval.reasonOver': 'A top-up over {amount} needs a manager: ask them to enter the manager PIN.',
  'approval.reason': 'This top-up needs a manager: ask them to enter the manager PIN.',
  'approval.approve': 'Approve',
  'approval.checking': 'Checking the PIN…',
  'approval.sending': 'Approved. Topping up…',

  // ---- the queue ----
  'managerQueue.heading': 'Sales for Factor4',
  'managerQueue.waiting': '{count} waiting',
  'managerQueue.failed': '{count} failed',
  'managerQueue.oldest': 'Oldest waiting: {age}',
  'managerQueue.sending': 'Sending {sent} of {of}',
  /** The filter's buttons, as a group. */
  'managerQueue.filter': 'Filter',
  'managerQueue.filter.all': 'All',
  'managerQueue.filter.pending': 'Waiting',
  'managerQueue.filter.inFlight': 'Sending',
  'managerQueue.filter.failed': 'Failed',
  'managerQueue.filter.delivered': 'Delivered',
  'managerQueue.export': 'Export CSV',
  'managerQueue.exporting': 'Exporting…',
  'managerQueue.empty': 'Nothing in the queue.',
  'managerQueue.emptyFiltered': 'Nothing here with this filter.',
  /** The list's name, for a screen reader. */
  'managerQueue.list': 'Queued sales',
  'managerQueue.reading': 'Reading the queue…',
  'managerQueue.showMore': 'Show more',
  'managerQueue.readingMore': 'Reading…',

  // ---- one queued item ----
  'queueItem.state.pending': 'Waiting to be sent',
  'queueItem.state.inFlight': 'Being sent now',
  'queueItem.state.delivered': 'Delivered to Factor4',
  'queueItem.state.failed': 'Did not go through',
  'queueItem.state.failedResolved': 'Did not go through — resolved',
  'queueItem.kind.sale': 'Sale',
  'queueItem.kind.cancelledSale': 'Cancelled sale',
  'queueItem.kind.topUpVoided': 'Top-up voided',
  'queueItem.kind.refundVoided': 'Refund voided',
  'queueItem.kind.refund': 'Refund',
  'queueItem.kind.holdRelease': 'Hold given back',
  'queueItem.kind.other': 'Queued item',
  'queueItem.reference.refundOfSale': '{refund} (sale {basket})',
  /** An item named in a sentence: "Sale b-77". */
  'queueItem.name': '{kind} {reference}',
  'queueItem.name.holdRelease': 'Hold given back for {reference}',
  /** The card's heading: `<ref>` wraps the sale's, top-up's or refund's id. */
  'queueItem.heading': '{kind} <ref>{reference}</ref>',
  'queueItem.fault': 'Fault',
  'queueItem.whatToDo': 'What to do',
  'queueItem.resolved': 'Resolved: {resolution}',
  'queueItem.resolution.collected': 'Collected from the customer',
  'queueItem.resolution.collectedNote': 'Collected from the customer ({note})',
  'queueItem.resolution.writtenOff': 'Written off',
  'queueItem.resolution.writtenOffNote': 'Written off ({note})',
  'queueItem.outcomeUnknown': 'May already have reached Factor4 — will be resent safely',
  'queueItem.made': 'Made',
  'queueItem.madeAgo': '{time} ({age} ago)',
  'queueItem.cards': 'Cards',
  'queueItem.noCards': 'none',
  'queueItem.attempts': 'Attempts',
  'queueItem.nextTry': 'Next try',
  'queueItem.delivered': 'Delivered',
  'queueItem.lastError': 'Last error',
  'queueItem.note': 'Note (optional)',
  'queueItem.collected': 'Collected',
  'queueItem.writtenOff': 'Written off',
  'queueItem.saving': 'Saving…',
  'queueItem.retry': 'Retry now',
  'queueItem.retrying': 'Retrying…',

  // ---- the audit ----
  'audit.heading': 'Audit',
  'audit.refresh': 'Refresh',
  'audit.reading': 'Reading the audit…',
  'audit.empty': 'Nothing recorded yet.',
  'audit.item': 'Item {itemId}',
  'audit.action.unlock': 'Manager view opened',
  'audit.action.lock': 'Manager view locked',
  'audit.action.pinWrong': 'Wrong PIN',
  'audit.action.pinLockout': 'Locked after too many wrong PINs',
  'audit.action.retry': 'Retry now',
  'audit.action.collected': 'Collected from the customer',
  'audit.action.writtenOff': 'Written off',
  'audit.action.exportCsv': 'Queue exported as CSV',
  'audit.action.ackDamagedDb': 'Damaged database acknowledged',
  'audit.action.ackStorageProblem': 'Storage problem acknowledged',
  'audit.action.setSecret': 'Secret entered',
  'audit.action.revealPosToken': 'POS API token shown',
  'audit.action.supportBundle': 'Support bundle made',
  'audit.action.voidSale': 'Sale voided',
  'audit.action.voidTopUp': 'Top-up voided',
  'audit.action.refund': 'Refund made onto a card',
  'audit.action.voidRefund': 'Refund voided',
  'audit.action.approveTopUp': 'Large top-up approved',
  'audit.action.topUp': 'Card topped up',
  /** What to do about an item, by the agent's advice code (main/agent/manager/advice.ts); figures from the item. */
  'advice.SPENT_ELSEWHERE':
    'The card {cards} was spent elsewhere before this sale reached Factor4, so nothing was redeemed. Collect {amount} from the customer, or write it off.',
  'advice.CARD_NOT_USABLE':
    'The card {cards} was blocked or expired before this sale reached Factor4, so nothing was redeemed. Collect {amount} from the customer, or write it off.',
  'advice.CARD_UNKNOWN':
    'Factor4 does not know the card {cards}, so nothing was redeemed. Collect {amount} from the customer, or write it off.',
  'advice.REQUEST_CONFLICT':
    'A fault in Till Agent: Centegra already has this request with other contents. Do not retry. Send a support bundle to IT.',
  'advice.NOT_ACCEPTED':
    'Centegra Plus did not accept this sale as sent. Send a support bundle to IT; retrying will not help.',
  'advice.UNREADABLE':
    'Till Agent cannot read this queued sale (its key may be lost). Call IT before doing anything else.',
  'advice.REFUSED':
    'This sale ({amount} on the card {cards}) was refused. Collect {amount} from the customer, or write it off.',
  'advice.KEY_DISABLED':
    'Waiting for the Factor4 Gift Card key to be switched back on in Centegra Plus (Company Settings > External Access & FTP > API Secure Keys).',
  'advice.MAY_HAVE_REACHED':
    'It may already have reached Factor4; it will be sent again with the same request id, so the card cannot be charged twice. Nothing to do.',
  'advice.WAITING_LONG':
    "Waiting {minutes} minutes to be sent. Check the till's connection; if Centegra Plus is up, press Retry now.",
  'advice.cardEnding': 'ending {last4}',
  'advice.and': '{first} and {last}',
} as const;
