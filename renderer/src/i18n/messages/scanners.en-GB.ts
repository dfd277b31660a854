// The Scanners tab, Diagnostics and the support bundle, in English.
// The agent's own free text (a scanner's problem, why a code is not a gift card, a check's detail
// and fix, IT's warnings) is not here: it is English for IT and `diagnose`, and the screens mark it
// lang="en". Names, paths, ids and bytes the agent reports are shown as they are.
export const scanners = {
  'scanners.heading': 'Scanners',
  'scanners.refresh': 'Refresh',
  'scanners.diagnosticsHint':
    'Gift cards not working? Check the network, Centegra Plus, the key and the queue.',
  'scanners.diagnostics': 'Diagnostics',
  'scanners.backToScanners': 'Back to scanners',
  'scanners.reading': 'Reading the scanners…',
  'scanners.readAt': 'Read at {time}',
  'scanners.problem.heading': "Can't read the scanners",

  'scanners.configured.heading': 'Configured scanners',
  'scanners.configured.none':
    'No scanners are configured. Add them to the config file\'s "scanners" list — see the README.',
  'scanners.configured.keyboardWorks': 'Scanners that type like a keyboard work without being configured.',
  'scanners.connected': 'Connected',
  'scanners.notConnected': 'Not connected',
  'scanners.problem': 'Problem',
  'scanners.lastScan.none': 'none yet',

  'scanners.found.heading': 'Found on this till',
  'scanners.found.none':
    "No scanners found on this till's USB or serial ports. Check the cable, then press Refresh.",
  'scanners.found.unnamed': 'Unnamed device',
  'scanners.found.inConfig': 'In the config as {name}',
  'scanners.found.notInConfig': 'Not in the config',

  'scanners.recent.heading': 'Recent codes',
  'scanners.recent.none': 'No codes scanned yet. Scan a barcode to see exactly what the scanner sends.',
  'scanners.recent.repeat': 'repeat (ignored)',
  /** The title of a control character's mark (CR, LF, GS…) in a scanned code: `code` is `0x0d`. */
  'scanners.recent.control': 'control character {code}',
  'scanners.outcome.giftCard': 'Gift card',
  /** `form` is how the card was written in the code (bare, url, gs1…), as the config names it. */
  'scanners.outcome.giftCardForm': 'Gift card ({form})',
  'scanners.outcome.notGiftCard': 'Not a gift card',

  'scanners.fact.kind': 'Kind',
  'scanners.fact.device': 'Device',
  'scanners.fact.path': 'Path',
  'scanners.fact.usbId': 'USB id',
  'scanners.fact.usagePage': 'Usage page',
  'scanners.fact.lastScan': 'Last scan',
  'scanners.fact.usage': 'Usage',
  'scanners.fact.maker': 'Maker',
  'scanners.fact.product': 'Product',
  'scanners.fact.configEntry': 'Config entry',
  'scanners.fact.aim': 'AIM id',
  'scanners.fact.symbology': 'Symbology',
  'scanners.fact.bytes': 'Bytes (hex)',
  'scanners.fact.text': 'Text',

  'scanners.kind.hid': 'USB HID',
  'scanners.kind.serial': 'Serial',
  'scanners.kind.keyboard': 'Keyboard (types into this window)',
  /** A kind this screen does not know yet, by the agent's name for it. */
  'scanners.kind.other': '{kind}',
  /** Usage pages and usages, as hex figures (`0x8C`), named where IT meets them. */
  'scanners.usagePage.hidPos': '{page} (HID POS)',
  'scanners.usagePage.keyboard': '{page} (keyboard)',
  'scanners.usagePage.vendor': '{page} (vendor-defined)',
  'scanners.usagePage.other': '{page}',
  'scanners.usage.only': 'usage {usage}',
  'scanners.usage.barcode': '{page} / {usage} (HID POS barcode scanner)',
  'scanners.usage.keyboard': '{page} / {usage} (keyboard)',
  'scanners.usage.mouse': '{page} / {usage} (mouse)',
  'scanners.usage.other': '{page} / {usage}',

  'diagnostics.heading': 'Diagnostics',
  'diagnostics.intro': 'Seven checks, in the order Centegra Plus support asks for them. No PIN is needed.',
  'diagnostics.run': 'Run checks',
  'diagnostics.checking': 'Checking…',
  'diagnostics.checkedAt': 'Checked at {time}',
  'diagnostics.problem.heading': "Can't run the checks",
  'diagnostics.warnings.heading': 'Also to fix',
  'diagnostics.checks.label': 'Checks',
  'diagnostics.whatToDo': 'What to do',
  'diagnostics.status.PASS': 'Passed',
  'diagnostics.status.FAIL': 'Failed',
  'diagnostics.status.NOT_CHECKED': 'Not checked',
  'diagnostics.check.online': 'This till can reach Centegra Plus',
  'diagnostics.check.centegra': 'The Centegra Plus API is up',
  'diagnostics.check.factor4': 'Factor4 is up behind Centegra Plus',
  'diagnostics.check.key': 'The Factor4 Gift Card key is enabled',
  'diagnostics.check.scanners': 'The scanners are connected',
  'diagnostics.check.queue': 'The offline queue is draining',
  'diagnostics.check.site': 'Factor4 is configured for this site',
  'diagnostics.summary.allPassed': 'All checks passed',
  'diagnostics.summary.notAllPassed': 'Not every check passed',
  'diagnostics.summary.failed': '{failed, plural, one {# check failed} other {# checks failed}}',
  'diagnostics.summary.notRun':
    '{notChecked, plural, one {# check could not be run} other {# checks could not be run}}',
  'diagnostics.summary.failedNotRun':
    '{failed, plural, one {# check failed} other {# checks failed}}, {notChecked} could not be run',

  'bundle.heading': 'Support bundle',
  'bundle.contents':
    'One zip file for IT or Till Agent support: the logs, the settings (secrets removed), the seven checks, the queue (card numbers masked), the scanners and the versions.',
  'bundle.make': 'Make a support bundle',
  'bundle.making': 'Making the bundle…',
  'bundle.saved': 'Saved {filename}. It holds no card number and no secret.',
  'bundle.problem.heading': "Couldn't make the support bundle",
  'bundle.damaged':
    'The support bundle arrived damaged, so it was not saved. Try again; if it happens again, restart Till Agent.',
} as const;
