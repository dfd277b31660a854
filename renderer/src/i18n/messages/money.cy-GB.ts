// The Manager view's money: the day report, top-ups, refunds and voided sales, in Welsh.
// First drafts, kept short and plain: a native speaker will review them.
import type { money as english } from './money.en-GB';

export const money: Record<keyof typeof english, string> = {
  // ---- the Day ----
  'day.heading': 'Diwrnod',
  'day.today': 'Heddiw, {day}',
  'day.other': '{day}',
  'day.pick': 'Pa ddiwrnod',
  'day.previous': 'Y diwrnod cynt',
  'day.next': 'Y diwrnod wedyn',
  'day.backToToday': 'Heddiw',
  'day.till': 'Til {siteId}-{tillId}',
  'day.reading': 'Wrthi’n darllen y diwrnod…',
  'day.downloadCsv': 'Lawrlwytho CSV',
  'day.saved': 'Wedi cadw {filename}.',
  'day.figures': 'Ffigurau’r diwrnod',
  'day.figure.redeemed': 'Wedi’u gwario',
  'day.figure.redeemed.definition':
    'Cardiau rhodd a gymerwyd mewn gwerthiannau a gaewyd y diwrnod hwnnw ac a gadarnhawyd gan Factor4, heb y rhai a ganslwyd.',
  'day.figure.pending': 'Yn aros i’w hanfon',
  'day.figure.pending.definition':
    'Cardiau rhodd a gymerwyd mewn gwerthiannau a gaewyd y diwrnod hwnnw nad yw Factor4 wedi’u cadarnhau eto.',
  'day.figure.failed': 'Heb fynd drwodd',
  'day.figure.failed.definition': 'Wedi’u gwrthod gan Factor4 wrth eu hanfon, a heb eu setlo gan reolwr eto.',
  'day.figure.resolved': 'Wedi’u setlo gan reolwr',
  'day.figure.resolved.definition':
    'Gwerthiannau a wrthodwyd y mae rheolwr wedi’u nodi fel arian a gasglwyd gan y cwsmer neu a ddilëwyd.',
  'day.figure.topUps': 'Arian a ychwanegwyd',
  'day.figure.topUps.definition':
    'Arian a roddwyd ar gardiau y diwrnod hwnnw ac a gadarnhawyd, heb y rhai a ganslwyd.',
  'day.figure.refunds': 'Ad-daliadau',
  'day.figure.refunds.definition':
    'Arian a ad-dalwyd ar gardiau y diwrnod hwnnw ac a anfonwyd at Factor4, heb y rhai a ganslwyd.',
  'day.figure.voided': 'Wedi’u canslo',
  'day.figure.voided.definition':
    'Gwerthiannau, arian a ychwanegwyd ac ad-daliadau’r diwrnod hwnnw a ganslwyd.',
  'day.count.payment':
    '{count, plural, zero {# taliad cerdyn} one {# taliad cerdyn} two {# daliad cerdyn} few {# thaliad cerdyn} many {# thaliad cerdyn} other {# taliad cerdyn}}',
  'day.count.topUp':
    '{count, plural, zero {# ychwanegiad} one {# ychwanegiad} two {# ychwanegiad} few {# ychwanegiad} many {# ychwanegiad} other {# ychwanegiad}}',
  'day.count.refund':
    '{count, plural, zero {# ad-daliad} one {# ad-daliad} two {# ad-daliad} few {# ad-daliad} many {# ad-daliad} other {# ad-daliad}}',
  'day.count.item':
    '{count, plural, zero {# eitem} one {# eitem} two {# eitem} few {# eitem} many {# eitem} other {# eitem}}',

  // ---- the day's top-ups ----
  'dayTopUps.heading': 'Arian a ychwanegwyd',
  'dayTopUps.reading': 'Wrthi’n darllen yr arian a ychwanegwyd…',
  'dayTopUps.none': 'Dim arian wedi’i ychwanegu ar y diwrnod hwn.',
  'dayTopUps.downloadCsv': 'Lawrlwytho CSV yr arian a ychwanegwyd',
  'dayTopUps.list': 'Arian a ychwanegwyd ar y diwrnod hwn',
  'dayTopUp.heading': '<hidden>Arian a ychwanegwyd at y </hidden>Cerdyn sy’n gorffen â {last4}',
  'dayTopUp.at': 'Am',
  'dayTopUp.balanceAfter': 'Balans wedyn',
  'dayTopUp.why': 'Pam',
  'dayTopUp.id': 'Cyfeirnod yr ychwanegiad',
  'dayTopUp.state.DONE': 'Wedi’i ychwanegu',
  'dayTopUp.state.PENDING': 'Heb ei gadarnhau eto',
  'dayTopUp.state.FAILED': 'Heb fynd drwodd',
  'dayTopUp.state.VOIDING': 'Wrthi’n canslo: aros am Factor4',
  'dayTopUp.state.VOIDED': 'Wedi’i ganslo',
  'dayTopUp.void': 'Canslo',
  'dayTopUp.voidQuestion':
    'Canslo’r {amount} a ychwanegwyd at y cerdyn sy’n gorffen â {last4}? Bydd Factor4 yn ei dynnu’n ôl oddi ar y cerdyn.',
  'dayTopUp.voided': 'Mae’r {amount} a ychwanegwyd at y cerdyn sy’n gorffen â {last4} wedi’i ganslo.',
  'dayTopUp.voiding':
    'Mae’r {amount} a ychwanegwyd at y cerdyn sy’n gorffen â {last4} yn cael ei ganslo: bydd Factor4 yn ei dynnu’n ôl oddi ar y cerdyn pan fydd y ciw yn ei anfon.',

  // ---- asking before a void ----
  'confirmAction.yes': 'Ie, ei ganslo',
  'confirmAction.busy': 'Wrthi’n canslo…',
  'confirmAction.keep': 'Ei gadw',

  // ---- a refund ----
  'refund.heading': 'Ad-dalu ar gerdyn rhodd',
  'refund.cardNumber': 'Rhif y cerdyn rhodd (neu ei sganio)',
  'refund.scanned': 'Cerdyn wedi’i sganio •••• {last4}',
  'refund.typeInstead': 'Teipio rhif yn lle hynny',
  'refund.amount': 'Swm i’w ad-dalu',
  'refund.originalSale': 'Y gwerthiant gwreiddiol (dewisol)',
  'refund.reason': 'Rheswm (dewisol)',
  'refund.continue': 'Parhau',
  'refund.question': 'Ad-dalu {amount} ar y cerdyn sy’n gorffen â {last4}?',
  'refund.questionForSale': 'Ad-dalu {amount} ar y cerdyn sy’n gorffen â {last4} am werthiant {saleId}?',
  'refund.send': 'Ad-dalu {amount}',
  'refund.sending': 'Wrthi’n ad-dalu…',
  'refund.change': 'Ei newid',
  'refund.typo.cardMissing': 'Teipiwch neu sganiwch rif y cerdyn i ad-dalu arno.',
  'refund.typo.cardTooLong': 'Mae hynny’n rhy hir i fod yn rhif cerdyn rhodd.',
  'refund.typo.amountEmpty': 'Teipiwch swm.',
  'refund.typo.amountFormat':
    'Teipiwch y swm mewn digidau, fel {example} neu {other}, gyda phwynt cyn y ceiniogau.',
  'refund.typo.amountFormatWhole': 'Teipiwch y swm mewn digidau, fel {example} neu {other}.',
  'refund.typo.amountDecimals':
    '{decimals, plural, zero {Dim digid ar ôl y pwynt, fel {example}.} one {Dim mwy nag # digid ar ôl y pwynt, fel {example}.} two {Dim mwy na # ddigid ar ôl y pwynt, fel {example}.} few {Dim mwy na # digid ar ôl y pwynt, fel {example}.} many {Dim mwy na # digid ar ôl y pwynt, fel {example}.} other {Dim mwy na # digid ar ôl y pwynt, fel {example}.}}',
  'refund.typo.amountWhole': 'Does dim degolion mewn symiau {currency}. Teipiwch rif cyfan.',
  'refund.typo.amountTooLarge': 'Mae hynny’n fwy na {most}, y mwyaf y mae Till Agent yn ei gymryd ar y tro.',
  'refund.typo.amountZero': 'Teipiwch swm sy’n fwy na {zero}.',
  'refund.typo.saleId':
    'Mae cyfeirnod gwerthiant yn llythrennau, digidau, _ neu - (64 ar y mwyaf), fel ar y dderbynneb.',
  'refund.typo.reasonTooLong': 'Cadwch y rheswm i 200 nod.',
  'refund.outcome.heading': 'Ad-daliad ar y cerdyn sy’n gorffen â {last4}',
  'refund.state.DELIVERED': 'Wedi’i ad-dalu: ar y cerdyn nawr',
  'refund.state.QUEUED': 'Yn y ciw: bydd yn cyrraedd y cerdyn pan fydd Centegra Plus yn ôl',
  'refund.state.FAILED': 'Heb fynd drwodd',
  'refund.state.VOIDING': 'Wrthi’n canslo: aros am Factor4',
  'refund.state.VOIDED': 'Wedi’i ganslo',
  'refund.balanceNow': 'Balans nawr',
  'refund.fact.sale': 'Gwerthiant',
  'refund.fact.reason': 'Rheswm',
  'refund.fact.why': 'Pam',
  'refund.fact.id': 'Cyfeirnod yr ad-daliad',
  'refund.void': 'Canslo’r ad-daliad hwn',
  'refund.voidQuestion':
    'Canslo’r ad-daliad {amount} ar y cerdyn sy’n gorffen â {last4}? Bydd Factor4 yn ei dynnu’n ôl oddi ar y cerdyn.',
  'refund.another': 'Gwneud ad-daliad arall',
  'findRefund.heading': 'Canslo ad-daliad cynharach',
  'findRefund.label': 'Cyfeirnod yr ad-daliad',
  'findRefund.typo':
    'Teipiwch gyfeirnod yr ad-daliad fel ar ei dderbynneb neu yn y ciw: llythrennau, digidau, _ neu -.',
  'findRefund.find': 'Dod o hyd i’r ad-daliad',
  'findRefund.finding': 'Wrthi’n chwilio am yr ad-daliad…',

  // ---- a refused refund or void ----
  'moneyProblem.REFUND_EXCEEDS_ORIGINAL': 'Mwy nag a dalodd y cerdyn yn y gwerthiant hwnnw',
  'moneyProblem.CARD_NOT_IN_BASKET': 'Wnaeth y cerdyn hwnnw ddim talu yn y gwerthiant hwnnw',
  'moneyProblem.NOT_SUPPORTED': 'Does dim ad-daliadau ar gardiau rhodd ar y safle hwn',
  'moneyProblem.NOT_FOUND': 'Heb ei ganfod ar y til hwn',
  'moneyProblem.BAD_REQUEST': 'Gwiriwch beth a deipiwyd',

  // ---- voiding a sale ----
  'voidSale.heading': 'Canslo gwerthiant',
  'voidSale.intro':
    'Ar gyfer gwerthiant sydd wedi cau: bydd Factor4 yn rhoi’n ôl yr hyn a dalodd ei gardiau rhodd. Gwiriwch y gwerthiant cyn cadarnhau.',
  'voidSale.label': 'Cyfeirnod y gwerthiant',
  'voidSale.typo':
    'Teipiwch gyfeirnod y gwerthiant fel ar y dderbynneb: llythrennau, digidau, _ neu - (64 ar y mwyaf).',
  'voidSale.find': 'Dod o hyd i’r gwerthiant',
  'voidSale.finding': 'Wrthi’n chwilio am y gwerthiant…',
  'voidSale.void': 'Canslo’r gwerthiant',
  'voidSale.voiding': 'Wrthi’n canslo…',
  'voidSale.keep': 'Ei gadw',
  'voidSale.another': 'Canslo gwerthiant arall',
  'voidSale.card': '•••• {last4}',
  'voidSale.question.open':
    'Mae gwerthiant {saleId} yn dal ar agor ar y POS. Ei ganslo? Bydd beth bynnag sydd ar ei gardiau yn mynd yn ôl iddyn nhw.',
  'voidSale.question.voided': 'Mae gwerthiant {saleId} wedi’i ganslo’n barod.',
  'voidSale.question.closed':
    'Canslo gwerthiant {saleId} (cyfanswm {total})? Bydd {amount} yn mynd yn ôl i {cards}.',
  'voidSale.question.closedNoCards':
    'Canslo gwerthiant {saleId} (cyfanswm {total})? Chymerodd e ddim cardiau rhodd.',
  'voidSale.outcome.open':
    'Mae gwerthiant {saleId} wedi’i ganslo. Doedd dim wedi’i gymryd o’i gardiau rhodd; bydd unrhyw swm a ddaliwyd arnyn nhw yn cael ei ryddhau.',
  'voidSale.outcome.nothing':
    'Mae gwerthiant {saleId} wedi’i ganslo. Chafodd dim ei gymryd o gerdyn rhodd, felly does dim yn mynd yn ôl.',
  'voidSale.outcome.back':
    'Mae gwerthiant {saleId} wedi’i ganslo. Bydd {amount} yn mynd yn ôl i’w gardiau rhodd pan fydd Factor4 yn cadarnhau (gweler y ciw).',
};
