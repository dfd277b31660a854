// The words for every error code, per action (error-words.ts), and the Till screen's other results
// (a card applied or removed, a scan with no answer, a number, PIN or amount typed wrong), in Welsh.
// First drafts in plain everyday Welsh: a native speaker will review them.
// `error.<CODE>.fact` never repeats the agent's English sentence (English does, as `{said}`): it
// says the fact in Welsh, as closely as the code (and the error's figures) tell it.
import type { errors as english } from './errors.en-GB';

export const errors: Record<keyof typeof english, string> = {
  // ---- sentences several codes share ----
  'error.anotherPayment': 'Cymerwch daliad arall; dywedwch wrth eich rheolwr os yw’n parhau.',
  'error.askAnotherWay': 'Gofynnwch am ffordd arall o dalu.',
  'error.moneyBack':
    'Chafodd dim ei roi ar y cerdyn: rhowch eu harian yn ôl i’r cwsmer, neu ychwanegwch at gerdyn arall.',
  'error.moneyBackThenManager':
    'Chafodd dim ei roi ar y cerdyn: rhowch eu harian yn ôl i’r cwsmer. Yna dywedwch wrth eich rheolwr.',
  'error.moneyBackLater':
    'Chafodd dim ei roi ar y cerdyn: rhowch eu harian yn ôl i’r cwsmer, neu rhowch gynnig arall arni ymhen munud.',
  'error.refundAnotherWay':
    'Chafodd dim ei ad-dalu: ad-dalwch mewn ffordd arall, neu rhowch gynnig arall arni wedyn.',
  'error.refundAnotherWayManager':
    'Chafodd dim ei ad-dalu: ad-dalwch mewn ffordd arall, a dywedwch wrth eich rheolwr.',
  'error.refundOtherWay': 'Ad-dalwch mewn ffordd arall.',
  'error.tryAgainManager': 'Rhowch gynnig arall arni; dywedwch wrth eich rheolwr.',

  // ---- the link to Centegra Plus and Factor4 ----
  'error.OFFLINE.heading': 'Methu cyrraedd Centegra Plus',
  'error.OFFLINE.balance.whatToDo':
    'Rhowch gynnig arall arni ymhen munud. Os yw’n parhau, dywedwch wrth eich rheolwr.',
  'error.OFFLINE.manager.whatToDo':
    'Rhowch gynnig arall arni ymhen munud. Mae Diagnosteg (tab Sganwyr) yn dangos beth sydd o’i le.',
  'error.CENTEGRA_KEY_DISABLED.heading': 'Allwedd y cardiau rhodd wedi’i diffodd',
  'error.CENTEGRA_KEY_DISABLED.whatToDo':
    'Cymerwch daliad arall, a dywedwch wrth eich rheolwr: mae Diagnosteg yn dweud sut i’w throi yn ôl ymlaen.',
  'error.CENTEGRA_KEY_DISABLED.balance.whatToDo':
    'Dywedwch wrth eich rheolwr: mae Diagnosteg yn dweud sut i’w throi yn ôl ymlaen.',
  'error.CENTEGRA_KEY_DISABLED.manager.whatToDo':
    'Mae Diagnosteg (tab Sganwyr) yn dweud sut i droi allwedd y cardiau rhodd yn ôl ymlaen.',
  'error.FACTOR4_UNAVAILABLE.heading': 'Dydy Factor4 ddim yn ateb',
  'error.FACTOR4_UNAVAILABLE.whatToDo':
    'Cymerwch daliad arall, neu rhowch gynnig arall arni ymhen ychydig funudau.',
  'error.FACTOR4_UNAVAILABLE.balance.whatToDo':
    'Rhowch gynnig arall arni ymhen ychydig funudau. Os yw’n parhau, dywedwch wrth eich rheolwr.',
  'error.FACTOR4_UNAVAILABLE.manager.whatToDo':
    'Rhowch gynnig arall arni ymhen ychydig funudau. Mae Diagnosteg (tab Sganwyr) yn dangos beth sydd o’i le.',
  'error.RATE_LIMITED.heading': 'Mae Centegra Plus yn brysur',
  'error.RATE_LIMITED.whatToDo': 'Arhoswch ychydig eiliadau, yna rhowch gynnig arall arni.',
  'error.RATE_LIMITED.topUp.whatToDo':
    'Chafodd dim ei roi ar y cerdyn eto: arhoswch ychydig eiliadau, yna pwyswch Ychwanegu eto.',
  'error.RATE_LIMITED.refund.whatToDo':
    'Chafodd dim ei ad-dalu eto: arhoswch ychydig eiliadau, yna rhowch gynnig arall arni.',
  'error.CENTEGRA_ERROR.heading': 'Rhoddodd Centegra Plus wall',
  'error.CENTEGRA_ERROR.whatToDo':
    'Rhowch gynnig arall arni mewn munud. Os yw’n parhau, cymerwch daliad arall a dywedwch wrth eich rheolwr.',
  'error.CENTEGRA_ERROR.balance.whatToDo':
    'Rhowch gynnig arall arni mewn munud. Os yw’n parhau, dywedwch wrth eich rheolwr.',
  'error.SITE_NOT_CONFIGURED.heading': 'Cardiau rhodd heb eu gosod ar gyfer y siop hon',
  'error.SITE_NOT_CONFIGURED.whatToDo':
    'Cymerwch daliad arall, a dywedwch wrth eich rheolwr: mae Diagnosteg yn dweud beth i’w ofyn i Centegra.',
  'error.SITE_NOT_CONFIGURED.balance.whatToDo':
    'Does dim modd defnyddio cardiau rhodd nes eu bod wedi’u gosod; dywedwch wrth eich rheolwr.',
  'error.NOT_SUPPORTED.heading': 'Dydy Centegra Plus ddim yn cynnig hyn yma',
  'error.NOT_SUPPORTED.whatToDo': 'Cymerwch y taliad cerdyn rhodd ar ddiwedd y gwerthiant yn lle hynny.',
  'error.NOT_SUPPORTED.refund.heading': 'Does dim ad-daliadau cerdyn rhodd yma',
  'error.OUTCOME_UNKNOWN.heading': 'Ddim yn siŵr a aeth drwodd',
  'error.OUTCOME_UNKNOWN.whatToDo': 'Gwiriwch cyn rhoi cynnig arall arni: efallai ei fod wedi mynd drwodd.',
  'error.OUTCOME_UNKNOWN.topUp.heading': 'Ychwanegiad heb ei gadarnhau',
  'error.OUTCOME_UNKNOWN.topUp.fact': 'Dydy Centegra Plus ddim wedi cadarnhau a aeth yr ychwanegiad drwodd.',
  'error.OUTCOME_UNKNOWN.topUp.whatToDo':
    'Peidiwch â chymryd yr arian eto: pwyswch Gwirio’r balans yn gyntaf. Ychwanegwch eto dim ond os nad yw’r balans wedi codi.',

  // ---- the card ----
  'error.CARD_NOT_FOUND.heading': 'Rhif y cerdyn neu’r PIN heb ei adnabod',
  'error.CARD_NOT_FOUND.whatToDo':
    'Gwiriwch y rhif (a’r PIN, os oes gan y cerdyn un), yna rhowch gynnig arall arni, neu sganiwch y cerdyn.',
  'error.CARD_NOT_FOUND.topUp.whatToDo':
    'Gwiriwch y rhif (a’r PIN, os oes gan y cerdyn un) a rhowch gynnig arall arni; os nad yw’n cael ei adnabod o hyd, rhowch eu harian yn ôl i’r cwsmer.',
  'error.PIN_REQUIRED.heading': 'Rhowch PIN y cerdyn',
  'error.PIN_REQUIRED.whatToDo':
    'Mae gan y cerdyn hwn PIN: gofynnwch i’r cwsmer amdano, teipiwch ef yn y maes PIN, yna gwiriwch neu rhowch y cerdyn eto.',
  'error.CARD_NOT_ACTIVE.heading': 'Does dim modd defnyddio’r cerdyn hwn',
  'error.CARD_NOT_ACTIVE.fact': 'Mae’r cerdyn wedi’i rwystro, wedi dod i ben, neu heb ei actifadu.',
  'error.CARD_NOT_ACTIVE.topUp.heading': 'Does dim modd ychwanegu at y cerdyn hwn',
  'error.CARD_NOT_ACTIVE.refund.heading': 'Does dim modd ad-dalu i’r cerdyn hwn',
  'error.ZERO_BALANCE.heading': 'Does dim ar ôl ar y cerdyn hwn',
  'error.INSUFFICIENT_FUNDS.heading': 'Dim digon ar y cerdyn',
  'error.INSUFFICIENT_FUNDS.whatToDo': 'Gwiriwch ei falans, yna cymerwch y gweddill mewn ffordd arall.',
  'error.CARD_ALREADY_APPLIED.heading': 'Mae’r cerdyn ar y gwerthiant hwn yn barod',
  'error.CARD_ALREADY_APPLIED.whatToDo': 'I newid faint mae’n ei dalu, tynnwch ef i ffwrdd yn gyntaf.',
  'error.NOT_A_GIFT_CARD.heading': 'Nid cerdyn rhodd',
  'error.NOT_A_GIFT_CARD.fact': 'Dydy hwn ddim yn rhif cerdyn rhodd. Gwiriwch y rhif, neu sganiwch y cerdyn.',
  'error.NOT_A_GIFT_CARD.scanned':
    'Dydy’r cod bar hwnnw ddim yn gerdyn rhodd. Sganiwch y cod bar ar gefn y cerdyn rhodd, neu teipiwch ei rif.',
  'error.NOT_A_GIFT_CARD.scanReason':
    'Dydy’r cod bar hwnnw ddim yn gerdyn rhodd. Sganiwch y cod bar ar gefn y cerdyn rhodd, neu teipiwch ei rif.',
  'error.BAD_REQUEST.heading': 'Gwiriwch y rhif',
  'error.BAD_REQUEST.whatToDo':
    'Gwiriwch y rhif a rhowch gynnig arall arni; os yw’n parhau, dywedwch wrth eich rheolwr.',
  'error.BAD_REQUEST.fact': 'Dydy’r rhif ddim yn iawn.',
  'error.BAD_REQUEST.card.heading': 'Does dim modd defnyddio’r cerdyn hwn yma',
  'error.BAD_REQUEST.card.fact': 'Dydy’r cerdyn hwn ddim yn gweithio ar y til hwn.',
  'error.TOPUP_LIMIT.heading': 'Gormod ar gyfer un ychwanegiad',
  'error.TOPUP_LIMIT.fact':
    'Mae hyn yn fwy nag y gall un ychwanegiad fod yma. Rhowch y gweddill fel ail ychwanegiad, neu gofynnwch i reolwr.',
  'error.TOPUP_LIMIT.factMax':
    'Uchafswm un ychwanegiad yma yw {max}. Rhowch y gweddill fel ail ychwanegiad, neu gofynnwch i reolwr.',
  'error.REFUND_EXCEEDS_ORIGINAL.heading': 'Mwy nag a dalodd y cerdyn',
  'error.REFUND_EXCEEDS_ORIGINAL.whatToDo':
    'Ad-dalwch ddim mwy na’r hyn sydd ar ôl, a’r gweddill mewn ffordd arall.',
  'error.REFUND_EXCEEDS_ORIGINAL.fact': 'Mae hyn yn fwy nag a dalodd y cerdyn yn y gwerthiant hwnnw.',
  'error.REFUND_EXCEEDS_ORIGINAL.factLeft':
    'Dim ond {left} o’r hyn a dalodd y cerdyn y gellir ei ad-dalu o hyd.',
  'error.CARD_NOT_IN_BASKET.heading': 'Wnaeth y cerdyn hwnnw ddim talu am y gwerthiant hwn',
  'error.CARD_NOT_IN_BASKET.whatToDo': 'Gwiriwch y cerdyn a’r dderbynneb.',

  // ---- the sale ----
  'error.NOTHING_DUE.heading': 'Dim i’w dalu',
  'error.NOTHING_DUE.whatToDo': 'Does dim angen cerdyn rhodd ar gyfer y gwerthiant hwn.',
  'error.BASKET_NOT_OPEN.heading': 'Dim gwerthiant ar agor',
  'error.BASKET_NOT_OPEN.fact':
    'Mae’r gwerthiant hwn wedi cau neu wedi’i ganslo, felly does dim modd ei newid. Dechreuwch werthiant newydd.',
  'error.TENDER_MISMATCH.heading': 'Dydy’r symiau ddim yn cyfateb',
  'error.TENDER_MISMATCH.fact':
    'Dydy’r taliadau ddim yn cyfateb i gyfanswm y gwerthiant. Gwiriwch nhw ar y POS.',
  'error.NOT_FOUND.heading': 'Heb ei ganfod',
  'error.NOT_FOUND.fact': 'Dydy Till Agent ddim yn gwybod am hwn.',
  'error.CONFLICT.heading': 'Does dim modd gwneud hyn fel y mae',
  'error.CONFLICT.fact': 'Mae hyn yn groes i rywbeth a wnaed yn barod.',

  // ---- the till and the manager ----
  'error.STORAGE_FAILED.heading': 'Methu cadw ar y til hwn',
  'error.STORAGE_FAILED.whatToDo': 'Cymerwch daliad arall; dywedwch wrth eich rheolwr.',
  'error.STORAGE_FAILED.balance.whatToDo':
    'Rhowch gynnig arall arni; os yw’n parhau, dywedwch wrth eich rheolwr.',
  'error.STORAGE_FAILED.manager.whatToDo': 'Mae’r nodyn storio ar frig y sgrin yn dweud beth i’w wneud.',
  'error.MANAGER_PIN_NOT_SET.heading': 'Dim PIN rheolwr wedi’i osod',
  'error.MANAGER_PIN_NOT_SET.fact': 'Does dim PIN rheolwr ar y til hwn. Gofynnwch i TG ei osod.',
  'error.MANAGER_PIN_INCORRECT.heading': 'PIN anghywir',
  'error.MANAGER_PIN_INCORRECT.fact':
    'Mae’r PIN yn anghywir. Ar ôl gormod o gynigion anghywir, mae golwg y rheolwr yn cloi am ychydig.',
  'error.MANAGER_LOCKED.heading': 'Golwg y rheolwr wedi’i chloi',
  'error.MANAGER_LOCKED.fact': 'Gormod o PINau anghywir: mae golwg y rheolwr wedi’i chloi am ychydig.',
  'error.MANAGER_SESSION_EXPIRED.heading': 'Mae golwg y rheolwr wedi cloi ei hun',
  'error.MANAGER_SESSION_EXPIRED.fact': 'Mae golwg y rheolwr wedi cloi. Rhowch y PIN eto.',
  'error.UNAUTHORIZED.heading': 'Gwrthododd Till Agent y cais',
  'error.FORBIDDEN.heading': 'Dim caniatâd ar y til hwn',
  'error.FORBIDDEN.whatToDo': 'Dywedwch wrth eich rheolwr.',
  'error.PAYLOAD_TOO_LARGE.heading': 'Gormod i’w anfon',
  'error.INTERNAL.heading': 'Aeth rhywbeth o’i le yn Till Agent',
  'error.INTERNAL.whatToDo': 'Rhowch gynnig arall arni. Os yw’n digwydd eto, dywedwch wrth eich rheolwr.',

  // ---- the Till screen's results that are not the agent's errors ----
  'lookup.noAnswer.heading': 'Dim ateb',
  'lookup.noAnswer.message':
    'Dim ateb i’r sgan yna: sganiwch ef eto. Os yw’n digwydd eto, teipiwch rif y cerdyn yn lle hynny.',
  'entryProblem.checkNumber': 'Gwiriwch y rhif',
  'entryProblem.checkPin': 'Gwiriwch y PIN',
  'entryProblem.checkAmount': 'Gwiriwch y swm',
  'entryProblem.numberEmpty':
    'Teipiwch neu sganiwch rif y cerdyn rhodd, yna pwyswch {button, select, apply {Rhoi ar y gwerthiant} topUp {Ychwanegu arian / actifadu} other {Gwirio’r balans}}.',
  'entryProblem.numberTooLong':
    'Mae hynny’n rhy hir i fod yn rhif cerdyn rhodd (dim mwy na {max} nod). Cliriwch ef ag Escape a rhowch gynnig arall arni.',
  'entryProblem.pinFormat': 'Mae PIN yn 4 i 8 digid. Gadewch y PIN yn wag os nad oes gan y cerdyn un.',
  'entryProblem.maxZero':
    'Rhaid i “Cymryd dim mwy na” fod yn fwy na {zero}. Gadewch ef yn wag i gymryd yr hyn sydd ei angen ar y gwerthiant.',
  'notice.applied': 'Cerdyn wedi’i roi ar y gwerthiant',
  'notice.appliedCard': 'Cerdyn yn gorffen {last4} wedi’i roi ar y gwerthiant',
  'notice.appliedMessage': '{taken} wedi’i gymryd ohono; {left} fydd ar ôl arno. {due} i’w dalu o hyd.',
  'notice.removed': 'Cerdyn wedi’i dynnu i ffwrdd',
  'notice.removedCard': 'Cerdyn yn gorffen {last4} wedi’i dynnu i ffwrdd',
  'notice.removedMessage':
    'Fydd dim yn cael ei gymryd ohono. {due} i’w dalu o hyd. I’w ddefnyddio wedi’r cyfan, rhowch ef ar y gwerthiant eto.',
};
