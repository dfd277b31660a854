// The Settings view, in English: where the config came from, each setting grouped with where its
// value came from, and the two secrets (entered here, the POS API token shown on demand).
export const settings = {
  'settings.heading': 'Settings',
  'settings.reading': 'Reading the settings…',
  'settings.warnings': 'Needs fixing',
  'settings.configFile': 'Config file',
  /** After the file's path: what kind of file it is, e.g. "(machine-wide file)". */
  'settings.fileKindAfterPath': '({kind})',
  'settings.userFile': 'Your file',
  'settings.userFileNote': "(adds only what IT's file leaves unset)",
  'settings.dataDir': 'Data folder',
  'settings.mode': 'Mode',
  'settings.demo': 'Demo: Centegra Plus is the built-in simulator',
  'settings.secrets': 'Secrets',

  'settings.fileKind.machine': 'machine-wide file',
  'settings.fileKind.merged': "machine-wide file, IT's policy",
  'settings.fileKind.user': 'your own file',
  'settings.fileKind.flag': 'from --config',
  'settings.fileKind.env': 'from TILL_AGENT_CONFIG',
  'settings.fileKind.defaults': 'no file: defaults',

  /** Where a setting's value came from; "from" is for screen readers only. */
  'settings.sourceBadge': '<hidden>from </hidden>{source}',
  'settings.source.file': 'file',
  'settings.source.default': 'default',
  'settings.source.commandLine': 'command line',
  'settings.source.secretStore': 'secret store',
  'settings.source.simulator': 'simulator',
  'settings.source.setByIt': 'set by IT',
  'settings.source.yourFile': 'your file',
  'settings.source.environment': 'environment',
  'settings.source.hostName': 'host name',

  'settings.group.general': 'General',
  'settings.group.centegra': 'Centegra Plus',
  'settings.group.till': 'This till',
  'settings.group.posApi': 'POS API',
  'settings.group.scanners': 'Scanners',
  'settings.group.cards': 'Gift card numbers',
  'settings.group.offline': 'Offline',
  'settings.group.ui': 'Screen',
  'settings.group.desktop': 'Desktop',
  'settings.group.log': 'Logs',
  'settings.group.queue': 'Queue',
  'settings.group.manager': 'Manager',

  /** A setting with no value. */
  'settings.value.unset': '(not set)',
  /** A secret's value, as the agent masks it. */
  'settings.secret.notSet': 'not set',
  'settings.secret.set': 'set',
  'settings.secret.setEnding': 'set (ends …{ending})',
  'settings.secret.fileNote':
    'The machine-wide file also holds this, and wins at every start: remove it from the file, or a value entered here is replaced at the next start.',
  'settings.secret.policy': 'Set by IT in {file}; ask IT to change it.',
  'settings.secret.policyNoFile': 'Set by IT in the machine-wide file; ask IT to change it.',
  'settings.secret.saving': 'Saving…',
  'settings.secret.cancel': 'Cancel',

  'settings.apiKey.name': 'Factor4 Gift Card key',
  'settings.apiKey.action': 'Enter the Factor4 Gift Card key',
  'settings.apiKey.field': 'Factor4 Gift Card key',
  'settings.apiKey.hint':
    'Copy it from Centegra Plus: Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card". At least {min} characters.',
  'settings.apiKey.save': 'Save the key',
  'settings.apiKey.saved': 'Saved, sealed on this till. Checking Centegra Plus…',
  'settings.apiKey.empty': 'Enter the Factor4 Gift Card key first.',
  'settings.apiKey.tooShort': 'A Factor4 Gift Card key is at least {min} characters.',
  'settings.apiKey.tooLong': 'A Factor4 Gift Card key is at most {max} characters.',
  'settings.apiKey.notSaved': 'The Factor4 Gift Card key was not saved',
  'settings.apiKey.forbidden': 'The Factor4 Gift Card key is set by IT in {file}; ask IT to change it.',

  'settings.posToken.name': 'POS API token',
  'settings.posToken.action': 'Set a new POS API token',
  'settings.posToken.field': 'New POS API token',
  'settings.posToken.hint':
    'The token the POS sends with every request. At least {min} characters: make it long and random.',
  'settings.posToken.save': 'Save the token',
  'settings.posToken.saved':
    'Saved, sealed on this till. The POS must be given the new token; Till Agent uses it after a restart.',
  'settings.posToken.empty': 'Enter the POS API token first.',
  'settings.posToken.tooShort': 'A POS API token is at least {min} characters.',
  'settings.posToken.tooLong': 'A POS API token is at most {max} characters.',
  'settings.posToken.notSaved': 'The POS API token was not saved',
  'settings.posToken.forbidden': 'The POS API token is set by IT in {file}; ask IT to change it.',

  'settings.token.show': 'Show the POS API token',
  'settings.token.showing': 'Showing…',
  'settings.token.label': 'POS API token (hides itself after a minute)',
  'settings.token.copy': 'Copy',
  'settings.token.hide': 'Hide',
  'settings.token.copied': 'Copied. Paste it into the POS, then press Hide.',
  'settings.token.selected': 'Selected: press Ctrl+C to copy it, then press Hide.',

  /** Problems: a heading for what failed, then the agent's reason, by its error code. */
  'settings.problem.read': "Can't read the settings",
  'settings.problem.reveal': "Can't show the POS API token",
  'settings.problem.noAnswer':
    "Till Agent didn't answer. Try again; if it keeps happening, close and reopen Till Agent.",
  'settings.problem.noStore': 'This till keeps no secret store.',
  'settings.problem.storageFailed': 'The secret could not be stored. Check the disk, then try again.',
  'settings.problem.tokenNotSet': 'No POS API token is set yet; it is made at the first start.',
} as const;
