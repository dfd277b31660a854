// The Settings view, in Welsh.
// First drafts: a native Welsh speaker will review these before they reach a till. Centegra's own
// menu names (Company Settings > …) stay in English, as Centegra Plus shows them.
import type { settings as english } from './settings.en-GB';

export const settings: Record<keyof typeof english, string> = {
  'settings.heading': 'Gosodiadau',
  'settings.reading': 'Wrthi’n darllen y gosodiadau…',
  'settings.warnings': 'Angen eu trwsio',
  'settings.configFile': 'Ffeil ffurfweddu',
  'settings.fileKindAfterPath': '({kind})',
  'settings.userFile': 'Eich ffeil chi',
  'settings.userFileNote': '(yn ychwanegu dim ond yr hyn nad yw ffeil TG yn ei osod)',
  'settings.dataDir': 'Ffolder data',
  'settings.mode': 'Modd',
  'settings.demo': 'Demo: efelychydd sydd wedi’i gynnwys yw Centegra Plus',
  'settings.secrets': 'Cyfrinachau',

  'settings.fileKind.machine': 'ffeil y peiriant cyfan',
  'settings.fileKind.merged': 'ffeil y peiriant cyfan, polisi TG',
  'settings.fileKind.user': 'eich ffeil eich hun',
  'settings.fileKind.flag': 'o --config',
  'settings.fileKind.env': 'o TILL_AGENT_CONFIG',
  'settings.fileKind.defaults': 'dim ffeil: rhagosodiadau',

  'settings.sourceBadge': '<hidden>ffynhonnell: </hidden>{source}',
  'settings.source.file': 'ffeil',
  'settings.source.default': 'rhagosodiad',
  'settings.source.commandLine': 'llinell orchymyn',
  'settings.source.secretStore': 'storfa gyfrinachau',
  'settings.source.simulator': 'efelychydd',
  'settings.source.setByIt': 'wedi’i osod gan TG',
  'settings.source.yourFile': 'eich ffeil',
  'settings.source.environment': 'amgylchedd',
  'settings.source.hostName': 'enw’r cyfrifiadur',

  'settings.group.general': 'Cyffredinol',
  'settings.group.centegra': 'Centegra Plus',
  'settings.group.till': 'Y til hwn',
  'settings.group.posApi': 'POS API',
  'settings.group.scanners': 'Sganwyr',
  'settings.group.cards': 'Rhifau cardiau rhodd',
  'settings.group.offline': 'All-lein',
  'settings.group.ui': 'Sgrin',
  'settings.group.desktop': 'Bwrdd gwaith',
  'settings.group.log': 'Logiau',
  'settings.group.queue': 'Ciw',
  'settings.group.manager': 'Rheolwr',

  'settings.value.unset': '(heb ei osod)',
  'settings.secret.notSet': 'heb ei osod',
  'settings.secret.set': 'wedi’i osod',
  'settings.secret.setEnding': 'wedi’i osod (yn gorffen …{ending})',
  'settings.secret.fileNote':
    'Mae ffeil y peiriant cyfan yn cadw hwn hefyd, ac mae’n ennill bob tro mae’r til yn cychwyn: tynnwch ef o’r ffeil, neu bydd gwerth a roddir yma yn cael ei newid y tro nesaf.',
  'settings.secret.policy': 'Wedi’i osod gan TG yn {file}; gofynnwch i TG ei newid.',
  'settings.secret.policyNoFile': 'Wedi’i osod gan TG yn ffeil y peiriant cyfan; gofynnwch i TG ei newid.',
  'settings.secret.saving': 'Wrthi’n cadw…',
  'settings.secret.cancel': 'Canslo',

  'settings.apiKey.name': 'Allwedd Cerdyn Rhodd Factor4',
  'settings.apiKey.action': 'Rhoi’r allwedd Cerdyn Rhodd Factor4',
  'settings.apiKey.field': 'Allwedd Cerdyn Rhodd Factor4',
  'settings.apiKey.hint':
    'Copïwch hi o Centegra Plus: Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card". O leiaf {min} nod.',
  'settings.apiKey.save': 'Cadw’r allwedd',
  'settings.apiKey.saved': 'Wedi’i chadw a’i selio ar y til hwn. Wrthi’n gwirio Centegra Plus…',
  'settings.apiKey.empty': 'Rhowch yr allwedd Cerdyn Rhodd Factor4 yn gyntaf.',
  'settings.apiKey.tooShort': 'Rhaid i’r allwedd Cerdyn Rhodd Factor4 fod yn {min} nod o leiaf.',
  'settings.apiKey.tooLong': 'Ni all yr allwedd Cerdyn Rhodd Factor4 fod yn fwy na {max} nod.',
  'settings.apiKey.notSaved': 'Ni chafodd yr allwedd Cerdyn Rhodd Factor4 ei chadw',
  'settings.apiKey.forbidden':
    'Mae’r allwedd Cerdyn Rhodd Factor4 wedi’i gosod gan TG yn {file}; gofynnwch i TG ei newid.',

  'settings.posToken.name': 'Tocyn POS API',
  'settings.posToken.action': 'Gosod tocyn POS API newydd',
  'settings.posToken.field': 'Tocyn POS API newydd',
  'settings.posToken.hint':
    'Y tocyn mae’r POS yn ei anfon gyda phob cais. O leiaf {min} nod: gwnewch ef yn hir ac ar hap.',
  'settings.posToken.save': 'Cadw’r tocyn',
  'settings.posToken.saved':
    'Wedi’i gadw a’i selio ar y til hwn. Rhaid rhoi’r tocyn newydd i’r POS; bydd Till Agent yn ei ddefnyddio ar ôl ailgychwyn.',
  'settings.posToken.empty': 'Rhowch y tocyn POS API yn gyntaf.',
  'settings.posToken.tooShort': 'Rhaid i’r tocyn POS API fod yn {min} nod o leiaf.',
  'settings.posToken.tooLong': 'Ni all y tocyn POS API fod yn fwy na {max} nod.',
  'settings.posToken.notSaved': 'Ni chafodd y tocyn POS API ei gadw',
  'settings.posToken.forbidden': 'Mae’r tocyn POS API wedi’i osod gan TG yn {file}; gofynnwch i TG ei newid.',

  'settings.token.show': 'Dangos y tocyn POS API',
  'settings.token.showing': 'Wrthi’n dangos…',
  'settings.token.label': 'Tocyn POS API (yn cuddio ar ôl munud)',
  'settings.token.copy': 'Copïo',
  'settings.token.hide': 'Cuddio',
  'settings.token.copied': 'Wedi’i gopïo. Gludwch ef yn y POS, yna pwyswch Cuddio.',
  'settings.token.selected': 'Wedi’i ddewis: pwyswch Ctrl+C i’w gopïo, yna pwyswch Cuddio.',

  'settings.problem.read': 'Methu darllen y gosodiadau',
  'settings.problem.reveal': 'Methu dangos y tocyn POS API',
  'settings.problem.noAnswer':
    'Wnaeth Till Agent ddim ateb. Rhowch gynnig arall arni; os yw’n dal i ddigwydd, caewch Till Agent a’i agor eto.',
  'settings.problem.noStore': 'Does dim storfa gyfrinachau ar y til hwn.',
  'settings.problem.storageFailed': 'Methu cadw’r gyfrinach. Gwiriwch y ddisg, yna rhowch gynnig arall arni.',
  'settings.problem.tokenNotSet':
    'Does dim tocyn POS API wedi’i osod eto; caiff ei wneud y tro cyntaf i’r til gychwyn.',
};
