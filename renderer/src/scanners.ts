// The Scanners panel's state and words, pure: the agent's report in, what IT reads out (ids in hex as
// the config and lsusb write them, usage pages named, each recent code's bytes beside its reading).
import type { ApiError, OperationOutput, Result, ScannerState } from '../../main/agent/contract';
import type { Words } from './i18n/words';

export type ScannersReport = OperationOutput<'scannersReport'>;
export type FoundDevice = ScannersReport['found'][number];
export type ScanTrace = ScannersReport['recent'][number];

export interface PanelState {
  report?: ScannersReport;
  /** A request is out; the newest one's id, so an older, slower answer is dropped. */
  loading: boolean;
  lastRequest: number;
  /** Why the last read failed (the report shown, if any, is older). */
  problem?: ApiError;
  /** When the report shown was read (ISO 8601). */
  readAt?: string;
}

export type PanelAction =
  | { type: 'requested'; requestId: number }
  | { type: 'answered'; requestId: number; result: Result<ScannersReport>; at: string }
  | { type: 'scannersChanged'; scanners: ScannerState[] };

export const initialPanel: PanelState = { loading: false, lastRequest: 0 };

export function reducePanel(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'requested':
      return { ...state, loading: true, lastRequest: action.requestId };
    case 'answered':
      if (action.requestId !== state.lastRequest) return state;
      if (!action.result.ok) return { ...state, loading: false, problem: action.result.error };
      return {
        report: action.result.value,
        loading: false,
        lastRequest: state.lastRequest,
        readAt: action.at,
      };
    case 'scannersChanged':
      // The event's states are newer than the report's; the rest comes with the next read.
      return state.report ? { ...state, report: { ...state.report, scanners: action.scanners } } : state;
  }
}

/** 0x0c2e → `0c2e`: a USB vendor or product id as lsusb and Device Manager show it. */
export function hex4(id: number): string {
  return id.toString(16).padStart(4, '0');
}

/** `0c2e:0b61`, or undefined when either id is unknown. */
export function usbId(vendorId?: number, productId?: number): string | undefined {
  return vendorId === undefined || productId === undefined
    ? undefined
    : `${hex4(vendorId)}:${hex4(productId)}`;
}

const hex2 = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

/** 0x8C → `0x8C (HID POS)`, 0x01 → `0x01 (keyboard)`; others by number. */
export function describeUsagePage(words: Words, usagePage: number): string {
  const page = hex2(usagePage);
  if (usagePage === 0x8c) return words.formatMessage({ id: 'scanners.usagePage.hidPos' }, { page });
  if (usagePage === 0x01) return words.formatMessage({ id: 'scanners.usagePage.keyboard' }, { page });
  if (usagePage >= 0xff00) return words.formatMessage({ id: 'scanners.usagePage.vendor' }, { page });
  return words.formatMessage({ id: 'scanners.usagePage.other' }, { page });
}

/** Usage page and usage together: `0x8C / 0x02 (HID POS barcode scanner)`. */
export function describeUsage(words: Words, usagePage?: number, usage?: number): string | undefined {
  if (usagePage === undefined)
    return usage === undefined
      ? undefined
      : words.formatMessage({ id: 'scanners.usage.only' }, { usage: hex2(usage) });
  if (usage === undefined) return describeUsagePage(words, usagePage);
  const values = { page: hex2(usagePage), usage: hex2(usage) };
  if (usagePage === 0x8c && usage === 0x02)
    return words.formatMessage({ id: 'scanners.usage.barcode' }, values);
  if (usagePage === 0x01 && usage === 0x06)
    return words.formatMessage({ id: 'scanners.usage.keyboard' }, values);
  if (usagePage === 0x01 && usage === 0x02)
    return words.formatMessage({ id: 'scanners.usage.mouse' }, values);
  return words.formatMessage(
    { id: 'scanners.usage.other' },
    { page: describeUsagePage(words, usagePage), usage: values.usage },
  );
}

/** A scanner's kind in words: `USB HID`, `Serial`, `Keyboard (types into this window)`. */
export function describeKind(words: Words, kind: string): string {
  switch (kind) {
    case 'hid':
      return words.formatMessage({ id: 'scanners.kind.hid' });
    case 'serial':
      return words.formatMessage({ id: 'scanners.kind.serial' });
    case 'keyboard':
      return words.formatMessage({ id: 'scanners.kind.keyboard' });
    default:
      return words.formatMessage({ id: 'scanners.kind.other' }, { kind });
  }
}

/** The entry IT pastes into the config's "scanners" list for a found device (the config is JSON). */
export function configEntry(device: FoundDevice): string {
  const entry: Record<string, string | number> = { kind: device.kind };
  if (device.vendorId !== undefined && device.productId !== undefined) {
    entry.vendorId = device.vendorId;
    entry.productId = device.productId;
    if (device.kind === 'hid' && device.usagePage !== undefined) entry.usagePage = device.usagePage;
  } else {
    entry.path = device.path;
  }
  return JSON.stringify(entry, null, 1).replace(/\n\s*/g, ' ');
}

/** The configured scanner a found device is, if any: same path, or same USB ids (and usage page). */
export function configuredAs(
  device: FoundDevice,
  scanners: readonly ScannerState[],
): ScannerState | undefined {
  return scanners.find(
    (s) =>
      (s.path !== undefined && s.path === device.path) ||
      (s.vendorId !== undefined &&
        s.vendorId === device.vendorId &&
        s.productId === device.productId &&
        (s.usagePage === undefined || device.usagePage === undefined || s.usagePage === device.usagePage)),
  );
}

const controlNames: Record<number, string> = {
  0x00: 'NUL',
  0x02: 'STX',
  0x03: 'ETX',
  0x04: 'EOT',
  0x09: 'TAB',
  0x0a: 'LF',
  0x0d: 'CR',
  0x1b: 'ESC',
  0x1d: 'GS',
  0x1e: 'RS',
  0x1f: 'US',
  0x7f: 'DEL',
};

export type TextPart = { text: string } | { control: string; code: number };

/**
 * The text with its control characters as named marks (CR, LF, GS…), so a wrong suffix or a stray
 * separator is seen at a glance, in any font. Everything else as it came (card digits arrive masked).
 */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plain = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      if (plain) parts.push({ text: plain });
      plain = '';
      parts.push({
        control: controlNames[code] ?? `0x${code.toString(16).toUpperCase().padStart(2, '0')}`,
        code,
      });
    } else {
      plain += c;
    }
  }
  if (plain) parts.push({ text: plain });
  return parts;
}

export interface TraceOutcome {
  text: string;
  /** The text is the agent's own (English, not from the catalogue): shown with lang="en". */
  agentText?: true;
  tone: 'good' | 'warning';
  shape: 'circle' | 'triangle';
}

/** How a code was read: a gift card with its form, or why it is not one. (A repeat is marked apart.) */
export function describeOutcome(
  words: Words,
  trace: Pick<ScanTrace, 'valid' | 'form' | 'reason'>,
): TraceOutcome {
  if (trace.valid) {
    const text = trace.form
      ? words.formatMessage({ id: 'scanners.outcome.giftCardForm' }, { form: trace.form })
      : words.formatMessage({ id: 'scanners.outcome.giftCard' });
    return { text, tone: 'good', shape: 'circle' };
  }
  // The agent's reason is its own English (for IT, as `diagnose` and the log say it): `agentText` marks it.
  if (trace.reason) return { text: trace.reason, agentText: true, tone: 'warning', shape: 'triangle' };
  return {
    text: words.formatMessage({ id: 'scanners.outcome.notGiftCard' }),
    tone: 'warning',
    shape: 'triangle',
  };
}

/** The recent codes newest first, whatever order they came in. */
export function newestFirst(recent: readonly ScanTrace[]): ScanTrace[] {
  const at = (t: ScanTrace): number => {
    const ms = Date.parse(t.at);
    return Number.isNaN(ms) ? -Infinity : ms;
  };
  return [...recent].sort((a, b) => at(b) - at(a));
}
