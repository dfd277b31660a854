// The manager's Settings and Support bundle sub-views, pure: where the config came from, each
// setting grouped by its first key segment with where its value came from, the two secrets (entered,
// never shown; the POS API token shown on demand for a minute), and the support bundle's bytes.
// Every sentence comes from the catalogue (settings.* messages) through `words`.
import type { ApiError, OperationInput, OperationOutput, Result } from '../../main/agent/contract';
import { noAnswerMessage } from './agent';
import { errorHeading } from './error-words';
import { safeFilename } from './filename';
import type { MessageId } from './i18n/en-GB';
import type { Words } from './i18n/words';
import type { Tone } from './wording';

export type Settings = OperationOutput<'managerSettings'>;
export type SettingsEntry = Settings['entries'][number];
export type FileKind = Settings['fileKind'];
export type Source = SettingsEntry['source'];
export type SecretName = OperationInput<'managerSetSecret'>['name'];
export type SupportBundle = OperationOutput<'managerSupportBundle'>;

/** How long a revealed POS API token stays on screen before it hides itself. */
export const REVEAL_MS = 60_000;

// ---- where the config came from ----

export const fileKindMessages: Record<FileKind, MessageId> = {
  machine: 'settings.fileKind.machine',
  merged: 'settings.fileKind.merged',
  user: 'settings.fileKind.user',
  flag: 'settings.fileKind.flag',
  env: 'settings.fileKind.env',
  defaults: 'settings.fileKind.defaults',
};

/** The config file's kind in words; one this screen does not know yet as the agent wrote it. */
export function describeFileKind(words: Words, kind: string): string {
  return Object.hasOwn(fileKindMessages, kind)
    ? words.formatMessage({ id: fileKindMessages[kind as FileKind] })
    : kind;
}

export interface SourceWording {
  text: string;
  tone: Tone | 'badge';
}

export const sourceWording: Record<Source, { id: MessageId; tone: SourceWording['tone'] }> = {
  file: { id: 'settings.source.file', tone: 'badge' },
  default: { id: 'settings.source.default', tone: 'neutral' },
  'command line': { id: 'settings.source.commandLine', tone: 'badge' },
  'secret store': { id: 'settings.source.secretStore', tone: 'good' },
  simulator: { id: 'settings.source.simulator', tone: 'neutral' },
  'set by IT': { id: 'settings.source.setByIt', tone: 'badge' },
  'your file': { id: 'settings.source.yourFile', tone: 'badge' },
  environment: { id: 'settings.source.environment', tone: 'badge' },
  'host name': { id: 'settings.source.hostName', tone: 'badge' },
};

/** Where a value came from, in words, and the badge's tone; a source this screen does not know yet as the agent wrote it. */
export function describeSource(words: Words, source: string): SourceWording {
  if (!Object.hasOwn(sourceWording, source)) return { text: source, tone: 'neutral' };
  const { id, tone } = sourceWording[source as Source];
  return { text: words.formatMessage({ id }), tone };
}

// ---- the settings, grouped ----

export interface SettingsGroup {
  id: string;
  title: string;
  entries: SettingsEntry[];
}

/** The config file's sections in the order IT meets them; settings outside a section come first. */
export const groupTitles: Readonly<Record<string, MessageId>> = {
  general: 'settings.group.general',
  centegra: 'settings.group.centegra',
  till: 'settings.group.till',
  posApi: 'settings.group.posApi',
  scanners: 'settings.group.scanners',
  cards: 'settings.group.cards',
  offline: 'settings.group.offline',
  ui: 'settings.group.ui',
  desktop: 'settings.group.desktop',
  log: 'settings.group.log',
  queue: 'settings.group.queue',
  manager: 'settings.group.manager',
};
const groupOrder = Object.keys(groupTitles);

/** A key's group: its first segment when that is a known section (`scanners` is one), else `general` for a key without a dot. */
export function groupOf(key: string): string {
  const dot = key.indexOf('.');
  const first = dot === -1 ? key : key.slice(0, dot);
  if (Object.hasOwn(groupTitles, first) && first !== 'general') return first;
  return dot === -1 ? 'general' : first;
}

/** The entries by group: known groups in their order, others after them by name; entries keep the agent's order. */
export function groupEntries(words: Words, entries: readonly SettingsEntry[]): SettingsGroup[] {
  const groups = new Map<string, SettingsEntry[]>();
  for (const entry of entries) {
    const id = groupOf(entry.key);
    const list = groups.get(id);
    if (list) list.push(entry);
    else groups.set(id, [entry]);
  }
  const rank = (id: string): number => {
    const i = groupOrder.indexOf(id);
    return i === -1 ? groupOrder.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([id, list]) => ({
      id,
      // A section this screen does not know yet is named as the config file names it.
      title: Object.hasOwn(groupTitles, id) ? words.formatMessage({ id: groupTitles[id] as MessageId }) : id,
      entries: list,
    }));
}

/**
 * A value as IT reads it: a JSON string without its quotes, anything else (numbers, lists) as the
 * agent wrote it, and no value in words. A secret is only ever the masked value the agent gave,
 * in words (`set (ends …a1b2)`, `not set`).
 */
export function displayValue(words: Words, entry: Pick<SettingsEntry, 'value' | 'secret'>): string {
  if (entry.secret) return maskedValue(words, entry.value);
  if (entry.value === '(not set)') return words.formatMessage({ id: 'settings.value.unset' });
  try {
    const parsed: unknown = JSON.parse(entry.value);
    if (typeof parsed === 'string') return parsed;
  } catch {
    // not JSON: shown as it is
  }
  return entry.value;
}

const MASK = /^set \(ends …(.+)\)$/;

/** Whether a value is shown in the catalogue's words (a secret's mask, no value), not as data. */
export function valueInWords(entry: Pick<SettingsEntry, 'value' | 'secret'>): boolean {
  return entry.secret
    ? entry.value === 'not set' || entry.value === 'set' || MASK.test(entry.value)
    : entry.value === '(not set)';
}

/** A secret's masked value as the agent writes it (`set (ends …a1b2)`, `set`, `not set`), in words; anything else as written. */
export function maskedValue(words: Words, value: string): string {
  if (value === 'not set') return words.formatMessage({ id: 'settings.secret.notSet' });
  if (value === 'set') return words.formatMessage({ id: 'settings.secret.set' });
  const ending = MASK.exec(value)?.[1];
  return ending === undefined ? value : words.formatMessage({ id: 'settings.secret.setEnding' }, { ending });
}

// ---- the two secrets ----

export interface SecretWording {
  /** The setting's name as the screen calls it. */
  name: string;
  /** The button that opens the form. */
  action: string;
  /** The password field's label. */
  field: string;
  hint: string;
  save: string;
  /** What the screen says once the agent has stored it. */
  saved: string;
}

/** Each secret's messages: `settings.<prefix>.<what>`. */
const secretPrefix: Record<SecretName, 'apiKey' | 'posToken'> = {
  'centegra.apiKey': 'apiKey',
  'posApi.token': 'posToken',
};

type SecretMessage =
  'name' | 'action' | 'field' | 'hint' | 'save' | 'saved' | 'empty' | 'tooShort' | 'tooLong';

/** One of a secret's messages (every pair of secret and message is in the catalogue, or this does not compile). */
function secretId(name: SecretName, what: SecretMessage | 'notSaved' | 'forbidden'): MessageId {
  const id: `settings.${(typeof secretPrefix)[SecretName]}.${typeof what}` = `settings.${secretPrefix[name]}.${what}`;
  return id;
}

/** The fewest characters each secret takes. */
export const secretMin: Record<SecretName, number> = {
  'centegra.apiKey': 8,
  // The agent takes 8, but the config file asks 24 of a POS API token: a shorter one is refused at the next start.
  'posApi.token': 24,
};
const MAX_SECRET = 512;

export function secretWording(words: Words, name: SecretName): SecretWording {
  const say = (what: SecretMessage): string =>
    words.formatMessage({ id: secretId(name, what) }, { min: secretMin[name], max: MAX_SECRET });
  return {
    name: say('name'),
    action: say('action'),
    field: say('field'),
    hint: say('hint'),
    save: say('save'),
    saved: say('saved'),
  };
}

export const secretNames: readonly SecretName[] = ['centegra.apiKey', 'posApi.token'];

/** What was typed, trimmed, if the agent will take it; otherwise what to fix, in words. */
export function checkSecret(
  words: Words,
  name: SecretName,
  typed: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const value = typed.trim();
  const refuse = (what: 'empty' | 'tooShort' | 'tooLong') => ({
    ok: false as const,
    message: words.formatMessage({ id: secretId(name, what) }, { min: secretMin[name], max: MAX_SECRET }),
  });
  if (value === '') return refuse('empty');
  if (value.length < secretMin[name]) return refuse('tooShort');
  if (value.length > MAX_SECRET) return refuse('tooLong');
  return { ok: true, value };
}

/** The entry for a secret, if the agent listed it. */
export function secretEntry(
  settings: Pick<Settings, 'entries'>,
  name: SecretName,
): SettingsEntry | undefined {
  return settings.entries.find((e) => e.key === name);
}

/**
 * A secret the machine-wide file also holds is copied from the file at every start, so a value
 * entered here lasts only until then: the manager must know before typing one.
 */
export function secretFileNote(
  words: Words,
  entry: Pick<SettingsEntry, 'source' | 'secret'> | undefined,
  fileKind: FileKind,
): string | undefined {
  if (!entry?.secret || entry.source !== 'file' || fileKind !== 'machine') return undefined;
  return words.formatMessage({ id: 'settings.secret.fileNote' });
}

/**
 * A secret IT's machine-wide file sets: this screen will not change it (the agent refuses too),
 * and says who can. Undefined for any other.
 */
export function secretPolicyNote(
  words: Words,
  entry: Pick<SettingsEntry, 'source' | 'secret'> | undefined,
  settings: Pick<Settings, 'file'>,
): string | undefined {
  if (!entry?.secret || entry.source !== 'set by IT') return undefined;
  return settings.file
    ? words.formatMessage({ id: 'settings.secret.policy' }, { file: settings.file })
    : words.formatMessage({ id: 'settings.secret.policyNoFile' });
}

// ---- the sub-view's state ----

export interface Message {
  heading: string;
  message: string;
}

export type SettingsBusy = 'save' | 'reveal';

/** A call the agent refused: which one, and its error (put into words by `settingsProblem`). */
export type SettingsProblem =
  | { during: 'read'; error: ApiError }
  | { during: 'reveal'; error: ApiError }
  | { during: 'save'; name: SecretName; error: ApiError };

export interface SettingsState {
  settings?: Settings;
  /** The read whose answer counts; undefined when none is out. */
  reading?: number;
  lastRead: number;
  /** The secret form that is open, if any. */
  form?: SecretName;
  /** Why what was typed in the form was refused here, before it went to the agent. */
  formProblem?: string;
  busy?: SettingsBusy;
  /** The secret the last action saved, for the live region. */
  saved?: SecretName;
  problem?: SettingsProblem;
  /** The POS API token while it is shown; gone on Hide, after REVEAL_MS, and when the view closes. */
  revealed?: string;
  /** How the token went to the clipboard: copied, or selected for Ctrl+C where copying is not allowed. */
  copied?: 'copied' | 'selected';
}

export type SettingsAction =
  | { type: 'readStarted'; seq: number }
  | { type: 'readAnswered'; seq: number; result: Result<Settings> }
  | { type: 'formOpened'; name: SecretName }
  | { type: 'formClosed' }
  | { type: 'secretRefused'; message: string }
  | { type: 'saveStarted' }
  | { type: 'saveAnswered'; name: SecretName; result: Result<object> }
  | { type: 'revealStarted' }
  | { type: 'revealAnswered'; result: Result<{ token: string }> }
  | { type: 'hidden' }
  | { type: 'copied'; how: 'copied' | 'selected' };

export const initialSettings: SettingsState = { lastRead: 0 };

export function reduceSettings(state: SettingsState, action: SettingsAction): SettingsState {
  switch (action.type) {
    case 'readStarted':
      return { ...state, reading: action.seq, lastRead: action.seq };
    case 'readAnswered':
      if (action.seq !== state.lastRead || state.reading === undefined) return state;
      if (!action.result.ok)
        return { ...state, reading: undefined, problem: { during: 'read', error: action.result.error } };
      return { ...state, reading: undefined, settings: action.result.value, problem: undefined };
    case 'formOpened':
      if (state.busy) return state;
      return { ...state, form: action.name, formProblem: undefined, saved: undefined, problem: undefined };
    case 'formClosed':
      return state.busy === 'save' ? state : { ...state, form: undefined, formProblem: undefined };
    case 'secretRefused':
      return state.form ? { ...state, formProblem: action.message } : state;
    case 'saveStarted':
      if (!state.form || state.busy) return state;
      return { ...state, busy: 'save', formProblem: undefined, saved: undefined, problem: undefined };
    case 'saveAnswered': {
      if (state.busy !== 'save') return state;
      if (!action.result.ok)
        return {
          ...state,
          busy: undefined,
          problem: { during: 'save', name: action.name, error: action.result.error },
        };
      return { ...state, busy: undefined, form: undefined, saved: action.name };
    }
    case 'revealStarted':
      if (state.busy) return state;
      return { ...state, busy: 'reveal', saved: undefined, problem: undefined, copied: undefined };
    case 'revealAnswered':
      if (state.busy !== 'reveal') return state;
      if (!action.result.ok)
        return { ...state, busy: undefined, problem: { during: 'reveal', error: action.result.error } };
      return { ...state, busy: undefined, revealed: action.result.value.token, copied: undefined };
    case 'hidden':
      return state.revealed === undefined ? state : { ...state, revealed: undefined, copied: undefined };
    case 'copied':
      return state.revealed === undefined ? state : { ...state, copied: action.how };
  }
}

/**
 * A refusal in words: what failed, then why, by the error's code (the agent's own message is for
 * the POS, in English). The words for a code these calls meet are the agent's reason as it says it
 * today; any other code reads as its heading.
 */
export function settingsProblem(
  words: Words,
  problem: SettingsProblem,
  settings?: Pick<Settings, 'file'>,
): Message {
  const heading = words.formatMessage({
    id:
      problem.during === 'read'
        ? 'settings.problem.read'
        : problem.during === 'reveal'
          ? 'settings.problem.reveal'
          : secretId(problem.name, 'notSaved'),
  });
  const message = problemReason(words, problem, settings) ?? errorHeading(words, problem.error.code);
  return { heading, message };
}

function problemReason(
  words: Words,
  problem: SettingsProblem,
  settings?: Pick<Settings, 'file'>,
): string | undefined {
  const { code, message } = problem.error;
  const say = (id: MessageId, values?: Record<string, string | number>) =>
    words.formatMessage({ id }, values);
  // The screen's own words when the agent did not answer at all (see callAgent).
  if (code === 'INTERNAL' && message === noAnswerMessage) return say('settings.problem.noAnswer');
  if (problem.during === 'reveal')
    return code === 'NOT_FOUND' ? say('settings.problem.tokenNotSet') : undefined;
  if (problem.during !== 'save') return undefined;
  const name = problem.name;
  switch (code) {
    case 'FORBIDDEN':
      return settings?.file
        ? say(secretId(name, 'forbidden'), { file: settings.file })
        : say('settings.secret.policyNoFile');
    case 'BAD_REQUEST':
      return say(secretId(name, 'tooShort'), { min: secretMin[name] });
    case 'STORAGE_FAILED':
      return say('settings.problem.storageFailed');
    case 'INTERNAL':
      return say('settings.problem.noStore');
    default:
      return undefined;
  }
}

export const copiedWording: Record<'copied' | 'selected', MessageId> = {
  copied: 'settings.token.copied',
  selected: 'settings.token.selected',
};

// ---- the support bundle ----

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Values = new Map([...BASE64].map((c, i) => [c, i]));

/**
 * Standard base64 (as the agent's Buffer writes it, padded or not, line breaks allowed) to its
 * bytes; undefined for anything that is not base64, so a damaged answer is never saved as a zip.
 */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  const clean = text.replace(/[\r\n\t ]+/g, '');
  const data = clean.replace(/={1,2}$/, '');
  if (clean.length !== data.length && clean.length % 4 !== 0) return undefined;
  if (data.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((data.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (const c of data) {
    const value = base64Values.get(c);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  // The bits left over must be zero, as every encoder writes them.
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}

export const FALLBACK_BUNDLE = 'till-agent-support.zip';

export function safeZipFilename(name: string): string {
  return safeFilename(name, 'zip', FALLBACK_BUNDLE);
}
