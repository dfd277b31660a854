// The Till screen's frame, card entry, a card checked, an open sale and a top-up's result, in Welsh.
// First drafts in plain everyday Welsh: a native speaker will review them.
import type { till as english } from './till.en-GB';

export const till: Record<keyof typeof english, string> = {
  'app.name': 'Till Agent',
  'app.footer.tillHint': ' · Esc yn clirio',
  'app.footer.managerHint': ' · Esc yn cloi ac yn mynd yn ôl i’r til',
  'app.footer.otherHint': ' · Esc yn mynd yn ôl i’r til',
  'app.healthProblem.heading': 'Methu darllen statws Till Agent',
  'app.healthProblem.retry': 'Rhoi cynnig arall arni',
  'language.switch': 'English',

  'header.till': 'Safle {siteId} · Til {tillId}',
  'header.linkPrefix': 'Centegra Plus: ',
  'header.lastReached': 'Cysylltwyd ddiwethaf am {time}.',
  'header.nav': 'Sgriniau',
  'header.tab.manager': 'Rheolwr',
  'header.tab.managerFailed':
    '{count, plural, zero {gwerthiant heb fynd drwodd} one {gwerthiant heb fynd drwodd} two {werthiant heb fynd drwodd} few {gwerthiant heb fynd drwodd} many {gwerthiant heb fynd drwodd} other {gwerthiant heb fynd drwodd}}',
  'header.tab.till': 'Til',
  'header.tab.scanners': 'Sganwyr',
  'header.tab.scannersAttention': 'angen sylw',
  'link.ONLINE': 'Ar-lein',
  'link.OFFLINE': 'All-lein',
  'link.KEY_DISABLED': 'Allwedd wedi’i diffodd',
  'link.FACTOR4_DOWN': 'Factor4 i lawr',
  'link.BUSY': 'Prysur — arafwch',
  'link.connecting': 'Yn cysylltu…',
  'link.unknown': 'Statws yn anhysbys',
  'linkDetail.OFFLINE':
    'Does dim modd gwirio cardiau nawr: os caiff un ei wrthod, cymerwch daliad arall. Dywedwch wrth eich rheolwr os yw’n parhau.',
  'linkDetail.KEY_DISABLED':
    'Does dim modd gwirio cardiau: mae allwedd y cardiau rhodd wedi’i diffodd. Os caiff un ei wrthod, cymerwch daliad arall, a dywedwch wrth eich rheolwr.',
  'linkDetail.FACTOR4_DOWN':
    'Dydy Factor4 ddim yn ateb: os caiff cerdyn ei wrthod, cymerwch daliad arall, neu rhowch gynnig arall arni ymhen ychydig funudau.',
  'linkDetail.BUSY': 'Mae Centegra Plus wedi gofyn i’r til arafu: arhoswch ychydig eiliadau rhwng cardiau.',

  'demo.banner':
    '<b>ARDDANGOSIAD</b> — yn defnyddio efelychydd Centegra Plus sydd wedi’i gynnwys. Does dim arian yn cael ei godi ar gardiau go iawn.',
  'storage.heading': 'Mae gan y til hwn broblem storio',
  'storage.fallback':
    'Doedd Till Agent ddim yn gallu cadw i’w ffolder data, felly efallai na fydd gwerthiannau newydd yn cael eu derbyn. Ffoniwch TG.',
  'notConnected.heading': 'Dydy Till Agent ddim wedi’i gysylltu',
  'notConnected.body':
    'Dydy’r sgrin hon ddim yn gallu cyrraedd Till Agent, felly all hi ddim gwirio cardiau rhodd.',
  'notConnected.whatToDo':
    'Caewch y ffenestr hon ac agorwch Till Agent eto. Os yw hyn yn dal i ddigwydd, ffoniwch eich cymorth TG.',
  'queue.pending':
    '{count, plural, zero {Dim gwerthiant yn aros i’w anfon} one {# gwerthiant yn aros i’w anfon} two {# werthiant yn aros i’w hanfon} few {# gwerthiant yn aros i’w hanfon} many {# gwerthiant yn aros i’w hanfon} other {# gwerthiant yn aros i’w hanfon}}',
  'queue.failed':
    '{count, plural, zero {Dim gwerthiant wedi’i wrthod gan Factor4} one {# gwerthiant wedi’i wrthod gan Factor4 — ewch at y rheolwr} two {# werthiant wedi’u gwrthod gan Factor4 — ewch at y rheolwr} few {# gwerthiant wedi’u gwrthod gan Factor4 — ewch at y rheolwr} many {# gwerthiant wedi’u gwrthod gan Factor4 — ewch at y rheolwr} other {# gwerthiant wedi’u gwrthod gan Factor4 — ewch at y rheolwr}}',
  'queue.join': '{first} · {second}',

  'entry.formApply': 'Rhoi cerdyn rhodd ar y gwerthiant neu ei wirio',
  'entry.formCheck': 'Gwirio cerdyn rhodd',
  'entry.cardNumber': 'Rhif y cerdyn rhodd',
  'entry.pin': 'PIN (os oes gan y cerdyn un)',
  'entry.maxAmount': 'Cymryd dim mwy na',
  'entry.optionalHidden': ' (dewisol)',
  'entry.optional': 'dewisol',
  'entry.apply': 'Rhoi ar y gwerthiant',
  'entry.applying': 'Wrthi’n ei roi…',
  'entry.check': 'Gwirio’r balans',
  'entry.checking': 'Wrthi’n gwirio…',
  'entry.topUp': 'Ychwanegu arian / actifadu',

  'result.label': 'Canlyniad',
  'result.hintApply': 'Sganiwch gerdyn rhodd, neu teipiwch ei rif a phwyso Rhoi ar y gwerthiant.',
  'result.hintCheck': 'Sganiwch gerdyn rhodd, neu teipiwch ei rif a phwyso Gwirio’r balans.',
  'result.checking': 'Wrthi’n gwirio’r cerdyn…',

  'result.lookingUp': 'Wrthi’n chwilio…',
  'result.scannedCard': 'Cerdyn wedi’i sganio ',
  'card.label.balance': 'Balans',
  'card.label.card': 'Cerdyn',
  'card.scanned': 'Wedi’i sganio',
  'card.balanceAside': 'Balans {balance}',
  'card.numberHidden': 'Cerdyn ',
  'card.status.active': 'Gweithredol — gellir ei ddefnyddio',
  'card.status.empty': 'Does dim byd ar ôl ar y cerdyn hwn',
  'card.status.inactive': 'Heb ei actifadu — actifadwch ef drwy ychwanegu arian cyn ei ddefnyddio',
  'card.status.blocked':
    'Wedi’i rwystro — peidiwch â’i dderbyn; gofynnwch i’r cwsmer gysylltu â chyhoeddwr y cerdyn',
  'card.status.expiredOn': 'Daeth i ben ar {date}',
  'card.status.expired': 'Wedi dod i ben',
  'card.validUntil': 'Yn ddilys tan {date}',
  'card.checkedAt': 'Gwiriwyd am {time}',
  'card.checkedOn': 'Gwiriwyd ar {day} am {time}',
  'toppedUp.label': 'Balans newydd',
  'toppedUp.added': 'Ychwanegwyd {amount} at y cerdyn sy’n gorffen â {last4}',
  'topUpPending.heading': 'Heb gadarnhau’r arian a ychwanegwyd eto',
  'topUpPending.message':
    'Dydy Centegra Plus ddim wedi cadarnhau’r {amount} a ychwanegwyd at y cerdyn sy’n gorffen â {last4} eto. Mae Till Agent yn dal i ofyn, a fydd byth yn llwytho’r cerdyn ddwywaith.',
  'topUpPending.advice':
    'Peidiwch â chymryd yr arian eto. Bydd hyn yn newid ohono’i hun pan fydd Centegra Plus yn ateb; os nad yw wedi newid ymhen munud, pwyswch Gwirio eto.',
  'topUpPending.check': 'Gwirio eto',

  'sale.label': 'Gwerthiant',
  'sale.none': 'Does dim gwerthiant ar y gweill. Bydd y POS yn agor un pan fydd yn dechrau gwerthiant.',
  'sale.startPractice': 'Dechrau gwerthiant ymarfer',
  'sale.starting': 'Wrthi’n dechrau…',
  'sale.inProgress': 'Gwerthiant ar y gweill',
  'sale.due': 'I’w dalu o hyd',
  'sale.total': 'Cyfanswm {total}',
  'sale.tenders': 'Cardiau rhodd ar y gwerthiant hwn',
  'sale.tenderBalance': 'balans {before}, {after} ar ôl y gwerthiant hwn',
  'sale.takes': 'yn cymryd ',
  'sale.removeCard': 'Tynnu’r cerdyn sy’n gorffen â {last4}',
  'sale.remove': 'Tynnu',
  'sale.removing': 'Wrthi’n tynnu…',
  'sale.giftCards': 'Cardiau rhodd',
  'sale.close': 'Cau’r gwerthiant',
  'sale.closeRestInCash': 'Cau’r gwerthiant (y gweddill mewn arian parod)',
  'sale.closing': 'Wrthi’n cau…',
  'sale.cancelPractice': 'Canslo’r gwerthiant ymarfer',
  'sale.cancelling': 'Wrthi’n canslo…',
  'sale.cardEnding': 'Cerdyn yn gorffen â ',
  'sale.balanceAge': 'balans o {age} yn ôl',
  'sale.takenOffline': 'Cymerwyd all-lein',
  'sale.held': 'Wedi’i gadw ar y cerdyn',
  'sale.heldUntil': 'Wedi’i gadw ar y cerdyn tan {time}',
  'sale.offlineNote': 'All-lein: dim ond ar eu balans diwethaf y gellir cymryd cardiau rhodd',
  'sale.goneLapsed':
    'Mae’r cerdyn sy’n gorffen â {last4} oddi ar y gwerthiant: roedd {amount} wedi’i gadw arno, ond daeth hynny i ben am fod y gwerthiant ar agor yn rhy hir. Rhowch y cerdyn ar y gwerthiant eto os yw’r cwsmer am ei ddefnyddio o hyd.',
  'sale.gone':
    'Dydy’r cerdyn sy’n gorffen â {last4} ({amount}) ddim ar y gwerthiant mwyach. Rhowch ef ar y gwerthiant eto os yw’r cwsmer am ei ddefnyddio o hyd.',

  'saleClosed.heading': 'Gwerthiant wedi’i gau',
  'saleClosed.headingCancelled': 'Gwerthiant wedi’i ganslo',
  'saleClosed.voided': 'Wedi’i ganslo gan y POS',
  'saleClosed.practiceCancelled': 'Gwerthiant ymarfer wedi’i ganslo',
  'saleClosed.failed': 'Wedi’i wrthod gan Factor4 — ewch at y rheolwr',
  'saleClosed.noCards': 'Dim cardiau rhodd ar y gwerthiant hwn',
  'saleClosed.delivered': 'Wedi’i anfon at Factor4',
  'saleClosed.queued': 'Yn y ciw: caiff ei anfon pan fydd Centegra Plus yn ôl',
  'saleClosed.taken': 'Wedi’i gymryd o gardiau rhodd',

  'topUp.heading': 'Ychwanegu arian at y cerdyn sy’n gorffen â {last4}, neu ei actifadu',
  'topUp.amount': 'Swm i’w ychwanegu',
  'topUp.continue': 'Ymlaen',
  'topUp.cancel': 'Canslo',
  'topUp.question': 'Ychwanegu {amount} at y cerdyn sy’n gorffen â {last4}?',
  'topUp.send': 'Ychwanegu {amount}',
  'topUp.sending': 'Wrthi’n ychwanegu…',
  'topUp.changeAmount': 'Newid y swm',

  'moneyEntry.empty': 'Teipiwch swm.',
  'moneyEntry.zero': 'Teipiwch swm sy’n fwy na {zero}.',
  'moneyEntry.format':
    'Teipiwch y swm mewn ffigurau, fel {small} neu {large}, gyda phwynt o flaen y ceiniogau.',
  'moneyEntry.formatWhole': 'Teipiwch y swm mewn ffigurau, fel {small} neu {large}.',
  'moneyEntry.decimals':
    'Dim mwy na {decimals, plural, zero {# digid} one {# digid} two {# ddigid} few {# digid} many {# digid} other {# digid}} ar ôl y pwynt, fel {example}.',
  'moneyEntry.noDecimals': 'Does dim degolion mewn symiau {currency}. Teipiwch rif cyfan.',
  'moneyEntry.tooLarge': 'Mae hynny’n fwy na {max}, y mwyaf mae Till Agent yn ei gymryd ar y tro.',
};
