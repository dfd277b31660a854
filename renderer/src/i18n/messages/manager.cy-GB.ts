// The Manager view's frame: the PIN, the session, approvals, the queue and the audit log, in Welsh.
// First drafts in plain everyday Welsh: a native speaker will review them.
import type { manager as english } from './manager.en-GB';

export const manager: Record<keyof typeof english, string> = {
  // ---- the frame ----
  'manager.heading': 'Rheolwr',
  'manager.lock': 'Cloi',
  'manager.views': 'Dangos',
  'manager.view.queue': 'Ciw',
  'manager.view.day': 'Diwrnod',
  'manager.view.refund': 'Ad-daliad',
  'manager.view.voidSale': 'Dileu gwerthiant',
  'manager.view.audit': 'Archwiliad',
  'manager.view.diagnostics': 'Diagnosteg',
  'manager.view.settings': 'Gosodiadau',
  'manager.view.bundle': 'Pecyn cymorth',
  'manager.kept.heading': 'Cronfa ddata wedi’i difrodi wedi’i chadw o’r neilltu',
  'manager.kept.body':
    'Wedi’i chadw fel <mono>{file}</mono>. Pan fydd TG yn gwybod, cydnabyddwch hi yma; efallai y gellir adfer gwerthiannau heb eu hanfon ohoni.',
  'manager.kept.acknowledge': 'Cydnabod',
  'manager.kept.acknowledging': 'Wrthi’n cydnabod…',
  'manager.notice.retried': 'Bydd {item} yn cael ei anfon eto nawr.',
  'manager.notice.collected': '{item}: wedi’i gasglu gan y cwsmer.',
  'manager.notice.writtenOff': '{item}: wedi’i ddileu o’r cyfrifon.',
  'manager.notice.exported': 'Wedi cadw {filename}.',
  'manager.notice.acknowledged': 'Wedi’i gydnabod: mae TG wedi cael gwybod am y gronfa ddata a gadwyd.',

  // ---- the PIN prompt ----
  'pin.label': 'PIN y rheolwr',
  'pin.demoHint': 'PIN demo: {pin}',
  'pin.open': 'Agor',
  'pin.opening': 'Wrthi’n agor…',
  'pin.format.heading': 'Gwiriwch y PIN',
  'pin.format.message':
    'Mae PIN rheolwr yn 6 i 12 digid (4 neu 5 ar dil lle nad yw TG wedi newid y PIN eto).',
  'pin.idle.message': 'Cloodd y golwg rheolwr ei hun ar ôl 10 munud heb ei ddefnyddio. Rhowch y PIN eto.',
  'pin.notSet.message':
    'Does dim PIN rheolwr wedi’i osod ar y til hwn, felly does dim modd agor y golwg rheolwr. Gofynnwch i TG osod un.',
  'pin.expired.message': 'Mae’r golwg rheolwr wedi cloi ei hun. Rhowch y PIN eto.',
  'pin.wrong.message': 'Mae’r PIN yn anghywir.',
  'pin.wrong.triesLeft':
    'Mae’r PIN yn anghywir. {tries, plural, zero {Dim cynnig} one {# cynnig} two {# gynnig} few {# chynnig} many {# chynnig} other {# cynnig}} ar ôl cyn i’r golwg rheolwr gloi am ychydig.',
  'pin.locked.afterTries':
    'Mae’r PIN yn anghywir, a dyna gynnig rhif {tries}. Mae’r golwg rheolwr wedi cloi am {duration}.',
  'pin.locked.tooMany': 'Gormod o PINau anghywir. Mae’r golwg rheolwr wedi cloi am ychydig.',
  'pin.duration.minutes':
    '{minutes, plural, zero {# munud} one {# munud} two {# funud} few {# munud} many {# munud} other {# munud}}',
  'pin.duration.hours':
    '{hours, plural, zero {# awr} one {# awr} two {# awr} few {# awr} many {# awr} other {# awr}}',
  'pin.duration.hoursMinutes':
    '{hours, plural, zero {# awr} one {# awr} two {# awr} few {# awr} many {# awr} other {# awr}} {minutes, plural, zero {# munud} one {# munud} two {# funud} few {# munud} many {# munud} other {# munud}}',
  'pin.lockedUntil': 'Wedi cloi tan {time}.',
  'pin.status.heading': 'Methu darllen statws y golwg rheolwr',
  'pin.status.retry': 'Rhoi cynnig arall arni',

  // ---- a manager's approval of a large top-up ----
  'approval.heading': 'Rhaid i reolwr gymeradwyo ychwanegu’r arian hwn',
  'approval.reasonOver': 'Mae ychwanegu dros {amount} angen rheolwr: gofynnwch iddyn nhw roi PIN y rheolwr.',
  'approval.reason': 'Mae ychwanegu’r arian hwn angen rheolwr: gofynnwch iddyn nhw roi PIN y rheolwr.',
  'approval.approve': 'Cymeradwyo',
  'approval.checking': 'Wrthi’n gwirio’r PIN…',
  'approval.sending': 'Wedi’i gymeradwyo. Wrthi’n ychwanegu’r arian…',

  // ---- the queue ----
  'managerQueue.heading': 'Gwerthiannau i Factor4',
  'managerQueue.waiting': '{count} yn aros',
  'managerQueue.failed': '{count} wedi methu',
  'managerQueue.oldest': 'Yr hynaf yn aros: {age}',
  'managerQueue.sending': 'Wrthi’n anfon {sent} o {of}',
  'managerQueue.filter': 'Hidlo',
  'managerQueue.filter.all': 'Y cyfan',
  'managerQueue.filter.pending': 'Yn aros',
  'managerQueue.filter.inFlight': 'Yn anfon',
  'managerQueue.filter.failed': 'Wedi methu',
  'managerQueue.filter.delivered': 'Wedi cyrraedd',
  'managerQueue.export': 'Allforio CSV',
  'managerQueue.exporting': 'Wrthi’n allforio…',
  'managerQueue.empty': 'Does dim byd yn y ciw.',
  'managerQueue.emptyFiltered': 'Does dim byd yma gyda’r hidlydd hwn.',
  'managerQueue.list': 'Gwerthiannau yn y ciw',
  'managerQueue.reading': 'Wrthi’n darllen y ciw…',
  'managerQueue.showMore': 'Dangos rhagor',
  'managerQueue.readingMore': 'Wrthi’n darllen…',

  // ---- one queued item ----
  'queueItem.state.pending': 'Yn aros i’w anfon',
  'queueItem.state.inFlight': 'Wrthi’n cael ei anfon',
  'queueItem.state.delivered': 'Wedi cyrraedd Factor4',
  'queueItem.state.failed': 'Heb fynd drwodd',
  'queueItem.state.failedResolved': 'Heb fynd drwodd — wedi’i ddatrys',
  'queueItem.kind.sale': 'Gwerthiant',
  'queueItem.kind.cancelledSale': 'Gwerthiant wedi’i ganslo',
  'queueItem.kind.topUpVoided': 'Ychwanegiad arian wedi’i ddileu',
  'queueItem.kind.refundVoided': 'Ad-daliad wedi’i ddileu',
  'queueItem.kind.refund': 'Ad-daliad',
  'queueItem.kind.holdRelease': 'Daliad wedi’i ryddhau',
  'queueItem.kind.other': 'Eitem yn y ciw',
  'queueItem.reference.refundOfSale': '{refund} (gwerthiant {basket})',
  'queueItem.name': '{kind} {reference}',
  'queueItem.name.holdRelease': 'Daliad wedi’i ryddhau ar gyfer {reference}',
  'queueItem.heading': '{kind} <ref>{reference}</ref>',
  'queueItem.fault': 'Nam',
  'queueItem.whatToDo': 'Beth i’w wneud',
  'queueItem.resolved': 'Wedi’i ddatrys: {resolution}',
  'queueItem.resolution.collected': 'Wedi’i gasglu gan y cwsmer',
  'queueItem.resolution.collectedNote': 'Wedi’i gasglu gan y cwsmer ({note})',
  'queueItem.resolution.writtenOff': 'Wedi’i ddileu o’r cyfrifon',
  'queueItem.resolution.writtenOffNote': 'Wedi’i ddileu o’r cyfrifon ({note})',
  'queueItem.outcomeUnknown': 'Efallai ei fod wedi cyrraedd Factor4 yn barod — caiff ei ail-anfon yn ddiogel',
  'queueItem.made': 'Gwnaed',
  'queueItem.madeAgo': '{time} ({age} yn ôl)',
  'queueItem.cards': 'Cardiau',
  'queueItem.noCards': 'dim',
  'queueItem.attempts': 'Cynigion',
  'queueItem.nextTry': 'Cynnig nesaf',
  'queueItem.delivered': 'Cyrhaeddodd',
  'queueItem.lastError': 'Gwall diwethaf',
  'queueItem.note': 'Nodyn (dewisol)',
  'queueItem.collected': 'Wedi’i gasglu',
  'queueItem.writtenOff': 'Wedi’i ddileu',
  'queueItem.saving': 'Wrthi’n cadw…',
  'queueItem.retry': 'Rhoi cynnig arall nawr',
  'queueItem.retrying': 'Wrthi’n rhoi cynnig arall…',

  // ---- the audit ----
  'audit.heading': 'Archwiliad',
  'audit.refresh': 'Adnewyddu',
  'audit.reading': 'Wrthi’n darllen yr archwiliad…',
  'audit.empty': 'Does dim wedi’i gofnodi eto.',
  'audit.item': 'Eitem {itemId}',
  'audit.action.unlock': 'Golwg rheolwr wedi’i agor',
  'audit.action.lock': 'Golwg rheolwr wedi’i gloi',
  'audit.action.pinWrong': 'PIN anghywir',
  'audit.action.pinLockout': 'Wedi cloi ar ôl gormod o PINau anghywir',
  'audit.action.retry': 'Rhoi cynnig arall nawr',
  'audit.action.collected': 'Wedi’i gasglu gan y cwsmer',
  'audit.action.writtenOff': 'Wedi’i ddileu o’r cyfrifon',
  'audit.action.exportCsv': 'Ciw wedi’i allforio fel CSV',
  'audit.action.ackDamagedDb': 'Cronfa ddata wedi’i difrodi wedi’i chydnabod',
  'audit.action.ackStorageProblem': 'Problem storio wedi’i chydnabod',
  'audit.action.setSecret': 'Cyfrinach wedi’i rhoi',
  'audit.action.revealPosToken': 'Tocyn API y POS wedi’i ddangos',
  'audit.action.supportBundle': 'Pecyn cymorth wedi’i wneud',
  'audit.action.voidSale': 'Gwerthiant wedi’i ddileu',
  'audit.action.voidTopUp': 'Ychwanegiad arian wedi’i ddileu',
  'audit.action.refund': 'Ad-daliad wedi’i roi ar gerdyn',
  'audit.action.voidRefund': 'Ad-daliad wedi’i ddileu',
  'audit.action.approveTopUp': 'Ychwanegiad arian mawr wedi’i gymeradwyo',
  'audit.action.topUp': 'Arian wedi’i ychwanegu at gerdyn',
  'advice.SPENT_ELSEWHERE':
    'Cafodd y cerdyn {cards} ei wario yn rhywle arall cyn i’r gwerthiant hwn gyrraedd Factor4, felly ni chafodd dim ei dynnu. Casglwch {amount} gan y cwsmer, neu dilëwch y ddyled.',
  'advice.CARD_NOT_USABLE':
    'Cafodd y cerdyn {cards} ei rwystro neu daeth i ben cyn i’r gwerthiant hwn gyrraedd Factor4, felly ni chafodd dim ei dynnu. Casglwch {amount} gan y cwsmer, neu dilëwch y ddyled.',
  'advice.CARD_UNKNOWN':
    'Nid yw Factor4 yn adnabod y cerdyn {cards}, felly ni chafodd dim ei dynnu. Casglwch {amount} gan y cwsmer, neu dilëwch y ddyled.',
  'advice.REQUEST_CONFLICT':
    'Nam yn Till Agent: mae gan Centegra y cais hwn eisoes gyda chynnwys gwahanol. Peidiwch â rhoi cynnig arall arni. Anfonwch becyn cymorth at TG.',
  'advice.NOT_ACCEPTED':
    'Ni dderbyniodd Centegra Plus y gwerthiant hwn fel y’i anfonwyd. Anfonwch becyn cymorth at TG; ni fydd rhoi cynnig arall arni’n helpu.',
  'advice.UNREADABLE':
    'Ni all Till Agent ddarllen y gwerthiant hwn yn y ciw (efallai fod ei allwedd ar goll). Ffoniwch TG cyn gwneud dim arall.',
  'advice.REFUSED':
    'Cafodd y gwerthiant hwn ({amount} ar y cerdyn {cards}) ei wrthod. Casglwch {amount} gan y cwsmer, neu dilëwch y ddyled.',
  'advice.KEY_DISABLED':
    'Yn aros i allwedd Cerdyn Rhodd Factor4 gael ei throi’n ôl ymlaen yn Centegra Plus (Company Settings > External Access & FTP > API Secure Keys).',
  'advice.MAY_HAVE_REACHED':
    'Efallai ei fod wedi cyrraedd Factor4 yn barod; caiff ei anfon eto gyda’r un rhif cais, felly ni ellir codi tâl ar y cerdyn ddwywaith. Dim i’w wneud.',
  'advice.WAITING_LONG':
    'Wedi aros {minutes} munud i’w anfon. Gwiriwch gysylltiad y til; os yw Centegra Plus ar gael, pwyswch Rhoi cynnig arall nawr.',
  'advice.cardEnding': 'sy’n gorffen â {last4}',
  'advice.and': '{first} a {last}',
};
