// Turns boot-keyboard input reports ([modifiers, reserved, k1..k6]) from a keyboard-mode scanner
// into the text it typed, under the till's keyboard layout. New keys are found by diffing against
// the previous report; Enter and Tab end a scan. Never throws: odd keys are counted as problems.

import { MAX_SCAN_BYTES } from '../../contract';
import { KEYBOARD_LAYOUTS, type KeyOutput, type KeyboardLayout, type KeyboardLayoutName } from './keymaps';

export type Terminator = '\r' | '\n' | '\t';

export type KeyboardProblemCode =
  | 'UNKNOWN_KEY'
  | 'NON_TEXT_KEY'
  | 'DEAD_KEY'
  | 'CONTROL_CHARACTER'
  | 'ALT_CODE'
  | 'SHORT_REPORT'
  | 'WRONG_REPORT_ID'
  | 'OVERFLOW';

export interface KeyboardProblem {
  code: KeyboardProblemCode;
  /** The Keyboard page usage involved, when there is one. */
  usage?: number;
}

export interface KeyboardPushResult {
  /** Text typed since the last result, up to (not including) the terminator when `ended`. */
  text: string;
  /** True when Enter (0x28, keypad 0x58) or Tab (0x2B) ended the scan. */
  ended: boolean;
  terminator?: Terminator;
  /** What could not be decoded in this report; also counted in `problemCounts`. */
  problems: KeyboardProblem[];
}

export interface KeyboardDecoderOptions {
  /** Report id when the descriptor numbers the keyboard's reports: then reports are 9 bytes, id first. */
  reportId?: number;
}

/** Control characters a scan may carry (FNC1 as GS, ISO 15434 RS/EOT, FS, US). */
export const ALLOWED_CONTROL_CHARS: ReadonlySet<number> = new Set([0x04, 0x1c, 0x1d, 0x1e, 0x1f]);

const MOD_LCTRL = 0x01;
const MOD_LSHIFT = 0x02;
const MOD_LALT = 0x04;
const MOD_LGUI = 0x08;
const MOD_RCTRL = 0x10;
const MOD_RSHIFT = 0x20;
const MOD_RALT = 0x40;
const MOD_RGUI = 0x80;

const KEY_ENTER = 0x28;
const KEY_TAB = 0x2b;
const KEY_CAPS_LOCK = 0x39;
const KEY_KEYPAD_ENTER = 0x58;

/** Keys that type nothing in a scan: Esc, Backspace, F1-F12, navigation, Application, ... */
function isNonTextKey(usage: number): boolean {
  return usage === 0x29 || usage === 0x2a || (usage >= 0x3a && usage <= 0x52) || usage === 0x65;
}

/** Keypad with Num Lock assumed on (scanners do not send Num Lock; Shift is ignored on the keypad). */
function keypadChar(usage: number, layout: KeyboardLayout): string | undefined {
  if (usage >= 0x59 && usage <= 0x61) return String.fromCharCode(0x31 + usage - 0x59);
  switch (usage) {
    case 0x62:
      return '0';
    case 0x63:
      return layout.keypadDecimal;
    case 0x54:
      return '/';
    case 0x55:
      return '*';
    case 0x56:
      return '-';
    case 0x57:
      return '+';
  }
  return undefined;
}

/** Alt + keypad digit, for Windows "Alt codes". */
function keypadDigit(usage: number): string | undefined {
  if (usage >= 0x59 && usage <= 0x61) return String.fromCharCode(0x31 + usage - 0x59);
  return usage === 0x62 ? '0' : undefined;
}

/**
 * Ctrl + key: the control character Windows generates. Letters go by the letter the layout puts on
 * the key (Ctrl+A is 0x01 wherever A is); punctuation by position, as kbdus/kbduk/kbdgr/kbdfr do:
 * the US "[", "]" and "\" keys give ESC, GS and FS, Shift+6 RS, Shift+"-" US, Shift+2 NUL.
 */
function controlChar(usage: number, shifted: boolean, layout: KeyboardLayout): number | undefined {
  const normal = layout.keys.get(usage)?.normal;
  if (typeof normal === 'string' && /^[a-z]$/.test(normal)) return normal.charCodeAt(0) - 0x60;
  if (usage === 0x2f) return 0x1b;
  if (usage === 0x30) return 0x1d;
  if (usage === 0x31 || usage === 0x32) return 0x1c;
  if (shifted && usage === 0x23) return 0x1e;
  if (shifted && usage === 0x2d) return 0x1f;
  if (shifted && usage === 0x1f) return 0x00;
  return undefined;
}

/** Windows-1252 for Alt+0128..Alt+0159 (the rest of 0x80-0xFF is Latin-1). */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function isPrintable(code: number): boolean {
  return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0x9f);
}

const MAX_QUEUED_SEGMENTS = 8;

interface Segment {
  text: string;
  terminator?: Terminator;
}

export class KeyboardReportDecoder {
  readonly layout: KeyboardLayout;
  private readonly reportId: number;
  private previousKeys = new Set<number>();
  private previousMods = 0;
  private capsLock = false;
  private altCode = '';
  private queue: Segment[] = [];
  private problems: KeyboardProblem[] = [];
  private readonly counts = new Map<KeyboardProblemCode, number>();

  constructor(layout: KeyboardLayoutName, options: KeyboardDecoderOptions = {}) {
    // The map holds every KeyboardLayoutName; fall back to en-US for a name from untyped config.
    this.layout = KEYBOARD_LAYOUTS.get(layout) ?? (KEYBOARD_LAYOUTS.get('en-US') as KeyboardLayout);
    this.reportId = options.reportId ?? 0;
  }

  /** Problems seen since construction, by code. */
  get problemCounts(): ReadonlyMap<KeyboardProblemCode, number> {
    return this.counts;
  }

  get problemCount(): number {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  get capsLockOn(): boolean {
    return this.capsLock;
  }

  /** Forget held keys, Caps Lock and queued text (on detach). */
  reset(): void {
    this.previousKeys = new Set();
    this.previousMods = 0;
    this.capsLock = false;
    this.altCode = '';
    this.queue = [];
  }

  push(report: Uint8Array): KeyboardPushResult {
    this.problems = [];
    this.decode(report);
    return this.take();
  }

  private decode(input: Uint8Array): void {
    let report = input;
    if (this.reportId !== 0) {
      if (report[0] !== this.reportId) return this.problem('WRONG_REPORT_ID');
      report = report.subarray(1);
    }
    if (report.length < 8) return this.problem('SHORT_REPORT');
    const mods = report[0] ?? 0;
    const slots = Array.from(report.subarray(2, 8));
    // ErrorRollOver / POSTFail / ErrorUndefined: the keyboard can't say which keys are down.
    // Keep the previous state so nothing is typed twice when it recovers.
    if (slots.some((k) => k >= 0x01 && k <= 0x03)) return;

    const wasAlt = this.isPlainAlt(this.previousMods);
    if (wasAlt && !this.isPlainAlt(mods)) this.finishAltCode();

    const current = new Set<number>();
    for (const key of slots) {
      if (key === 0) continue;
      if (!current.has(key) && !this.previousKeys.has(key)) this.press(key, mods);
      current.add(key);
    }
    this.previousKeys = current;
    this.previousMods = mods;
  }

  private isPlainAlt(mods: number): boolean {
    const ctrl = (mods & (MOD_LCTRL | MOD_RCTRL)) !== 0;
    if (this.layout.hasAltGr) return (mods & MOD_LALT) !== 0 && !ctrl;
    return (mods & (MOD_LALT | MOD_RALT)) !== 0 && !ctrl;
  }

  private press(key: number, mods: number): void {
    if (key >= 0xe0 && key <= 0xe7) return; // modifiers also listed as keys by some devices
    if (key === KEY_CAPS_LOCK) {
      this.capsLock = !this.capsLock;
      return;
    }
    if (key === 0x53 || key === 0x47) return; // Num Lock (assumed on), Scroll Lock
    if (key === KEY_ENTER || key === KEY_KEYPAD_ENTER) return this.terminate('\r');
    if (key === KEY_TAB) return this.terminate('\t');

    const shift = (mods & (MOD_LSHIFT | MOD_RSHIFT)) !== 0;
    const ctrl = (mods & (MOD_LCTRL | MOD_RCTRL)) !== 0;
    const lalt = (mods & MOD_LALT) !== 0;
    const ralt = (mods & MOD_RALT) !== 0;
    const gui = (mods & (MOD_LGUI | MOD_RGUI)) !== 0;
    // Windows treats Ctrl+Left Alt as AltGr; some wedge scanners send it that way.
    const altGr = this.layout.hasAltGr && (ralt || (ctrl && lalt));
    const alt = !altGr && (lalt || ralt);

    if (gui) return this.problem('NON_TEXT_KEY', key);

    if (alt && !ctrl) {
      const digit = keypadDigit(key);
      if (digit !== undefined) {
        if (this.altCode.length < 5) this.altCode += digit;
        return;
      }
      return this.problem('NON_TEXT_KEY', key);
    }

    if (ctrl && !altGr) {
      const code = controlChar(key, shift, this.layout);
      if (code === undefined) return this.problem(isNonTextKey(key) ? 'NON_TEXT_KEY' : 'UNKNOWN_KEY', key);
      return this.emitCode(code, key);
    }

    const keypad = keypadChar(key, this.layout);
    if (keypad !== undefined) return this.emit(keypad);

    const def = this.layout.keys.get(key);
    let output: KeyOutput | undefined;
    if (def) {
      if (altGr) {
        output = shift ? def.shiftAltGr : def.altGr;
      } else {
        // Caps Lock acts on letters only: keys whose Shift output is their upper case (ä, but not é/2).
        const normal = def.normal;
        const letterKey =
          typeof normal === 'string' &&
          typeof def.shift === 'string' &&
          normal !== def.shift &&
          normal.toUpperCase() === def.shift;
        const upper = letterKey && this.capsLock ? !shift : shift;
        output = upper ? def.shift : def.normal;
      }
    }
    if (output === undefined)
      return this.problem(isNonTextKey(key) || def ? 'NON_TEXT_KEY' : 'UNKNOWN_KEY', key);
    // Dead keys wait for the next key to compose an accent; scanners avoid them and we don't compose.
    if (typeof output !== 'string') return this.problem('DEAD_KEY', key);
    this.emit(output);
  }

  private finishAltCode(): void {
    const digits = this.altCode;
    this.altCode = '';
    if (digits === '') return;
    const value = Number.parseInt(digits, 10) % 256;
    if (value === 0) return;
    if (value >= 0x80 && !digits.startsWith('0')) {
      // Without a leading zero Windows uses the OEM code page (437/850): not what scanners send.
      return this.problem('ALT_CODE');
    }
    if (value >= 0x80 && value <= 0x9f) {
      const ch = CP1252_80_9F[value - 0x80] ?? '';
      return isPrintable(ch.charCodeAt(0)) ? this.emit(ch) : this.problem('ALT_CODE');
    }
    this.emitCode(value);
  }

  private emitCode(code: number, usage?: number): void {
    if (code === 0x0d) return this.terminate('\r');
    if (code === 0x0a) return this.terminate('\n');
    if (code === 0x09) return this.terminate('\t');
    if (ALLOWED_CONTROL_CHARS.has(code) || isPrintable(code)) return this.emit(String.fromCharCode(code));
    this.problem('CONTROL_CHARACTER', usage);
  }

  private emit(text: string): void {
    const last = this.queue[this.queue.length - 1];
    if (last && last.terminator === undefined) {
      if (last.text.length + text.length > MAX_SCAN_BYTES) return this.problem('OVERFLOW');
      last.text += text;
    } else {
      if (this.queue.length >= MAX_QUEUED_SEGMENTS) return this.problem('OVERFLOW');
      this.queue.push({ text });
    }
  }

  private terminate(terminator: Terminator): void {
    const last = this.queue[this.queue.length - 1];
    if (last && last.terminator === undefined) {
      last.terminator = terminator;
    } else {
      if (this.queue.length >= MAX_QUEUED_SEGMENTS) return this.problem('OVERFLOW');
      this.queue.push({ text: '', terminator });
    }
  }

  /**
   * One result per push: the text up to the first terminator. Keys typed after an Enter in the
   * same report (rare) wait for the next push, so each result is at most one scan.
   */
  private take(): KeyboardPushResult {
    const problems = this.problems;
    const head = this.queue.shift();
    if (!head) return { text: '', ended: false, problems };
    if (head.terminator === undefined) return { text: head.text, ended: false, problems };
    return { text: head.text, ended: true, terminator: head.terminator, problems };
  }

  private problem(code: KeyboardProblemCode, usage?: number): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    this.problems.push(usage === undefined ? { code } : { code, usage });
  }
}
