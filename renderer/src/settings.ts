// The manager's Settings and Support bundle sub-views, pure: where the config came from, each
// setting grouped by its first key segment with where its value came from, the two secrets (entered,
// never shown; the POS API token shown on demand for a minute), and the support bundle's bytes.
import type { ApiError, OperationInput, OperationOutput, Result } from '../../main/agent/contract';
import { safeFilename } from './filename';
import { errorHeadings, type Tone } from './wording';

export type Settings = OperationOutput<'managerSettings'>;
export type SettingsEntry = Settings['entries'][number];
export type FileKind = Settings['fileKind'];
export type Source = SettingsEntry['source'];
export type SecretName = OperationInput<'managerSetSecret'>['name'];
export type SupportBundle = OperationOutput<'managerSupportBundle'>;

/** How long a revealed POS API token stays on screen before it hides itself. */
export const REVEAL_MS = 60_000;

// ---- where the config came from ----

export const fileKindLabels: Record<FileKind, string> = {
  machine: 'machine-wide file',
  merged: "machine-wide file, IT's policy",
  user: 'your own file',
  flag: 'from --config',
  env: 'from TILL_AGENT_CONFIG',
  defaults: 'no file: defaults',
};

/** The config file's kind in words; one this screen does not know yet as the agent wrote it. */
export function describeFileKind(kind: string): string {
  return Object.hasOwn(fileKindLabels, kind) ? fileKindLabels[kind as FileKind] : kind;
}

export interface SourceWording {
  text: string;
  tone: Tone | 'badge';
}

export const sourceWording: Record<Source, SourceWording> = {
  file: { text: 'file', tone: 'badge' },
  default: { text: 'default', tone: 'neutral' },
  'command line': { text: 'command line', tone: 'badge' },
  'secret store': { text: 'secret store', tone: 'good' },
  simulator: { text: 'simulator', tone: 'neutral' },
  'set by IT': { text: 'set by IT', tone: 'badge' },
  'your file': { text: 'your file', tone: 'badge' },
  environment: { text: 'environment', tone: 'badge' },
  'host name': { text: 'host name', tone: 'badge' },
};

export function describeSource(source: string): SourceWording {
  return Object.hasOwn(sourceWording, source)
    ? sourceWording[source as Source]
    : { text: source, tone: 'neutral' };
}

// ---- the settings, grouped ----

export interface SettingsGroup {
  id: string;
  title: string;
  entries: SettingsEntry[];
}

/** The config file's sections in the order IT meets them; settings outside a section come first. */
export const groupTitles: Readonly<Record<string, string>> = {
  general: 'General',
  centegra: 'Centegra Plus',
  till: 'This till',
  posApi: 'POS API',
  scanners: 'Scanners',
  cards: 'Gift card numbers',
  offline: 'Offline',
  ui: 'Screen',
  desktop: 'Desktop',
  log: 'Logs',
  queue: 'Queue',
  manager: 'Manager',
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
export function groupEntries(entries: readonly SettingsEntry[]): SettingsGroup[] {
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
      title: Object.hasOwn(groupTitles, id) ? (groupTitles[id] as string) : id,
      entries: list,
    }));
}

/**
 * A value as IT reads it: a JSON string without its quotes, anything else (numbers, lists,
 * `(not set)`) as the agent wrote it. A secret is only ever the masked value the agent gave.
 */
export function displayValue(entry: Pick<SettingsEntry, 'value' | 'secret'>): string {
  if (entry.secret) return entry.value;
  try {
    const parsed: unknown = JSON.parse(entry.value);
    if (typeof parsed === 'string') return parsed;
  } catch {
    // not JSON: shown as it is
  }
  return entry.value;
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
  min: number;
  /** What the screen says once the agent has stored it. */
  saved: string;
}

export const secretWording: Record<SecretName, SecretWording> = {
  'centegra.apiKey': {
    name: 'Factor4 Gift Card key',
    action: 'Enter the Factor4 Gift Card key',
    field: 'Factor4 Gift Card key',
    hint: 'Copy it from Centegra Plus: Company Settings > External Access & FTP > API Secure Keys > "Factor4 Gift Card". At least 8 characters.',
    save: 'Save the key',
    min: 8,
    saved: 'Saved, sealed on this till. Checking Centegra Plus…',
  },
  'posApi.token': {
    name: 'POS API token',
    action: 'Set a new POS API token',
    field: 'New POS API token',
    hint: 'The token the POS sends with every request. At least 24 characters: make it long and random.',
    save: 'Save the token',
    // The agent takes 8, but the config file asks 24 of a POS API token: a shorter one is refused at the next start.
    min: 24,
    saved:
      'Saved, sealed on this till. The POS must be given the new token; Till Agent uses it after a restart.',
  },
};

export const secretNames: readonly SecretName[] = ['centegra.apiKey', 'posApi.token'];
const MAX_SECRET = 512;

/** What was typed, trimmed, if the agent will take it; otherwise what to fix, in words. */
export function checkSecret(
  name: SecretName,
  typed: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const value = typed.trim();
  const wording = secretWording[name];
  if (value === '') return { ok: false, message: `Enter the ${wording.name} first.` };
  if (value.length < wording.min)
    return { ok: false, message: `A ${wording.name} is at least ${wording.min} characters.` };
  if (value.length > MAX_SECRET)
    return { ok: false, message: `A ${wording.name} is at most ${MAX_SECRET} characters.` };
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
  entry: Pick<SettingsEntry, 'source' | 'secret'> | undefined,
  fileKind: FileKind,
): string | undefined {
  if (!entry?.secret || entry.source !== 'file' || fileKind !== 'machine') return undefined;
  return 'The machine-wide file also holds this, and wins at every start: remove it from the file, or a value entered here is replaced at the next start.';
}

/**
 * A secret IT's machine-wide file sets: this screen will not change it (the agent refuses too),
 * and says who can. Undefined for any other.
 */
export function secretPolicyNote(
  entry: Pick<SettingsEntry, 'source' | 'secret'> | undefined,
  settings: Pick<Settings, 'file'>,
): string | undefined {
  if (!entry?.secret || entry.source !== 'set by IT') return undefined;
  return `Set by IT in ${settings.file ?? 'the machine-wide file'}; ask IT to change it.`;
}

// ---- the sub-view's state ----

export interface Message {
  heading: string;
  message: string;
}

export type SettingsBusy = 'save' | 'reveal';

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
  /** What the last action did, for the live region. */
  notice?: string;
  problem?: Message;
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

function headed(heading: string, error: ApiError): Message {
  return { heading, message: error.message || errorHeadings[error.code] };
}

export function reduceSettings(state: SettingsState, action: SettingsAction): SettingsState {
  switch (action.type) {
    case 'readStarted':
      return { ...state, reading: action.seq, lastRead: action.seq };
    case 'readAnswered':
      if (action.seq !== state.lastRead || state.reading === undefined) return state;
      if (!action.result.ok)
        return {
          ...state,
          reading: undefined,
          problem: headed("Can't read the settings", action.result.error),
        };
      return { ...state, reading: undefined, settings: action.result.value, problem: undefined };
    case 'formOpened':
      if (state.busy) return state;
      return { ...state, form: action.name, formProblem: undefined, notice: undefined, problem: undefined };
    case 'formClosed':
      return state.busy === 'save' ? state : { ...state, form: undefined, formProblem: undefined };
    case 'secretRefused':
      return state.form ? { ...state, formProblem: action.message } : state;
    case 'saveStarted':
      if (!state.form || state.busy) return state;
      return { ...state, busy: 'save', formProblem: undefined, notice: undefined, problem: undefined };
    case 'saveAnswered': {
      if (state.busy !== 'save') return state;
      const wording = secretWording[action.name];
      if (!action.result.ok)
        return {
          ...state,
          busy: undefined,
          problem: headed(`The ${wording.name} was not saved`, action.result.error),
        };
      return { ...state, busy: undefined, form: undefined, notice: wording.saved };
    }
    case 'revealStarted':
      if (state.busy) return state;
      return { ...state, busy: 'reveal', notice: undefined, problem: undefined, copied: undefined };
    case 'revealAnswered':
      if (state.busy !== 'reveal') return state;
      if (!action.result.ok)
        return {
          ...state,
          busy: undefined,
          problem: headed("Can't show the POS API token", action.result.error),
        };
      return { ...state, busy: undefined, revealed: action.result.value.token, copied: undefined };
    case 'hidden':
      return state.revealed === undefined ? state : { ...state, revealed: undefined, copied: undefined };
    case 'copied':
      return state.revealed === undefined ? state : { ...state, copied: action.how };
  }
}

export const copiedWording: Record<'copied' | 'selected', string> = {
  copied: 'Copied. Paste it into the POS, then press Hide.',
  selected: 'Selected: press Ctrl+C to copy it, then press Hide.',
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

export function bundleSavedMessage(filename: string): string {
  return `Saved ${filename}. It holds no card number and no secret.`;
}

export const bundleProblemHeading = "Couldn't make the support bundle";
export const bundleDamagedMessage =
  'The support bundle arrived damaged, so it was not saved. Try again; if it happens again, restart Till Agent.';

export const bundleContents =
  'One zip file for IT or Till Agent support: the logs, the settings (secrets removed), the seven checks, the queue (card numbers masked), the scanners and the versions.';
