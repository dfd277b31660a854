// The Scanners tab, Diagnostics and the support bundle, in Welsh.
// First draft: a native Welsh speaker will review these words before they ship.
import type { scanners as english } from './scanners.en-GB';

export const scanners: Record<keyof typeof english, string> = {
  'scanners.heading': 'Sganwyr',
  'scanners.refresh': 'Adnewyddu',
  'scanners.diagnosticsHint':
    'Cardiau rhodd ddim yn gweithio? Gwiriwch y rhwydwaith, Centegra Plus, yr allwedd a’r ciw.',
  'scanners.diagnostics': 'Diagnosteg',
  'scanners.backToScanners': 'Yn ôl i’r sganwyr',
  'scanners.reading': 'Yn darllen y sganwyr…',
  'scanners.readAt': 'Darllenwyd am {time}',
  'scanners.problem.heading': 'Methu darllen y sganwyr',

  'scanners.configured.heading': 'Sganwyr yn y ffurfweddiad',
  'scanners.configured.none':
    'Does dim sganwyr wedi’u ffurfweddu. Ychwanegwch nhw at restr "scanners" y ffeil ffurfweddu — gweler y README.',
  'scanners.configured.keyboardWorks':
    'Mae sganwyr sy’n teipio fel bysellfwrdd yn gweithio heb eu ffurfweddu.',
  'scanners.connected': 'Wedi cysylltu',
  'scanners.notConnected': 'Heb gysylltu',
  'scanners.problem': 'Problem',
  'scanners.lastScan.none': 'dim eto',

  'scanners.found.heading': 'Ar y til hwn',
  'scanners.found.none':
    'Dim sganwyr ar borthau USB na chyfresol y til hwn. Gwiriwch y cebl, yna pwyswch Adnewyddu.',
  'scanners.found.unnamed': 'Dyfais heb enw',
  'scanners.found.inConfig': 'Yn y ffurfweddiad fel {name}',
  'scanners.found.notInConfig': 'Ddim yn y ffurfweddiad',

  'scanners.recent.heading': 'Codau diweddar',
  'scanners.recent.none':
    'Dim codau wedi’u sganio eto. Sganiwch god bar i weld beth yn union mae’r sganiwr yn ei anfon.',
  'scanners.recent.repeat': 'ailadrodd (anwybyddwyd)',
  'scanners.recent.control': 'nod rheoli {code}',
  'scanners.outcome.giftCard': 'Cerdyn rhodd',
  'scanners.outcome.giftCardForm': 'Cerdyn rhodd ({form})',
  'scanners.outcome.notGiftCard': 'Ddim yn gerdyn rhodd',

  'scanners.fact.kind': 'Math',
  'scanners.fact.device': 'Dyfais',
  'scanners.fact.path': 'Llwybr',
  'scanners.fact.usbId': 'ID USB',
  'scanners.fact.usagePage': 'Tudalen defnydd',
  'scanners.fact.lastScan': 'Sgan olaf',
  'scanners.fact.usage': 'Defnydd',
  'scanners.fact.maker': 'Gwneuthurwr',
  'scanners.fact.product': 'Cynnyrch',
  'scanners.fact.configEntry': 'Cofnod ffurfweddu',
  'scanners.fact.aim': 'ID AIM',
  'scanners.fact.symbology': 'Symboleg',
  'scanners.fact.bytes': 'Beitiau (hecs)',
  'scanners.fact.text': 'Testun',

  'scanners.kind.hid': 'USB HID',
  'scanners.kind.serial': 'Cyfresol',
  'scanners.kind.keyboard': 'Bysellfwrdd (yn teipio i’r ffenest hon)',
  'scanners.kind.other': '{kind}',
  'scanners.usagePage.hidPos': '{page} (HID POS)',
  'scanners.usagePage.keyboard': '{page} (bysellfwrdd)',
  'scanners.usagePage.vendor': '{page} (gan y gwneuthurwr)',
  'scanners.usagePage.other': '{page}',
  'scanners.usage.only': 'defnydd {usage}',
  'scanners.usage.barcode': '{page} / {usage} (sganiwr cod bar HID POS)',
  'scanners.usage.keyboard': '{page} / {usage} (bysellfwrdd)',
  'scanners.usage.mouse': '{page} / {usage} (llygoden)',
  'scanners.usage.other': '{page} / {usage}',

  'diagnostics.heading': 'Diagnosteg',
  'diagnostics.intro':
    'Saith gwiriad, yn y drefn mae cymorth Centegra Plus yn gofyn amdanyn nhw. Does dim angen PIN.',
  'diagnostics.run': 'Rhedeg y gwiriadau',
  'diagnostics.checking': 'Yn gwirio…',
  'diagnostics.checkedAt': 'Gwiriwyd am {time}',
  'diagnostics.problem.heading': 'Methu rhedeg y gwiriadau',
  'diagnostics.warnings.heading': 'I’w drwsio hefyd',
  'diagnostics.checks.label': 'Gwiriadau',
  'diagnostics.whatToDo': 'Beth i’w wneud',
  'diagnostics.status.PASS': 'Wedi pasio',
  'diagnostics.status.FAIL': 'Wedi methu',
  'diagnostics.status.NOT_CHECKED': 'Heb ei wirio',
  'diagnostics.check.online': 'Mae’r til hwn yn gallu cyrraedd Centegra Plus',
  'diagnostics.check.centegra': 'Mae API Centegra Plus yn gweithio',
  'diagnostics.check.factor4': 'Mae Factor4 yn gweithio y tu ôl i Centegra Plus',
  'diagnostics.check.key': 'Mae allwedd cardiau rhodd Factor4 ymlaen',
  'diagnostics.check.scanners': 'Mae’r sganwyr wedi cysylltu',
  'diagnostics.check.queue': 'Mae’r ciw all-lein yn cael ei anfon',
  'diagnostics.check.site': 'Mae Factor4 wedi’i osod ar gyfer y safle hwn',
  'diagnostics.summary.allPassed': 'Pob gwiriad wedi pasio',
  'diagnostics.summary.notAllPassed': 'Dydy pob gwiriad ddim wedi pasio',
  'diagnostics.summary.failed':
    '{failed, plural, zero {# gwiriad wedi methu} one {# gwiriad wedi methu} two {# wiriad wedi methu} few {# gwiriad wedi methu} many {# gwiriad wedi methu} other {# gwiriad wedi methu}}',
  'diagnostics.summary.notRun':
    '{notChecked, plural, zero {# gwiriad heb ei redeg} one {# gwiriad heb ei redeg} two {# wiriad heb eu rhedeg} few {# gwiriad heb eu rhedeg} many {# gwiriad heb eu rhedeg} other {# gwiriad heb eu rhedeg}}',
  'diagnostics.summary.failedNotRun':
    '{failed, plural, zero {# gwiriad wedi methu} one {# gwiriad wedi methu} two {# wiriad wedi methu} few {# gwiriad wedi methu} many {# gwiriad wedi methu} other {# gwiriad wedi methu}}, {notChecked, plural, zero {# heb ei redeg} one {# heb ei redeg} two {# heb eu rhedeg} few {# heb eu rhedeg} many {# heb eu rhedeg} other {# heb eu rhedeg}}',

  'bundle.heading': 'Pecyn cymorth',
  'bundle.contents':
    'Un ffeil zip ar gyfer TG neu gymorth Till Agent: y logiau, y gosodiadau (heb gyfrinachau), y saith gwiriad, y ciw (rhifau cardiau wedi’u cuddio), y sganwyr a’r fersiynau.',
  'bundle.make': 'Gwneud pecyn cymorth',
  'bundle.making': 'Yn gwneud y pecyn…',
  'bundle.saved': 'Wedi cadw {filename}. Does dim rhif cerdyn na chyfrinach ynddo.',
  'bundle.problem.heading': 'Methu gwneud y pecyn cymorth',
  'bundle.damaged':
    'Cyrhaeddodd y pecyn cymorth wedi’i ddifrodi, felly chafodd e ddim ei gadw. Rhowch gynnig arall arni; os yw’n digwydd eto, ailgychwynnwch Till Agent.',
};
