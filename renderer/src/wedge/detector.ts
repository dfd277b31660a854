// Tells a keyboard-wedge scanner from a person at the keyboard, one keydown at a time, with no DOM:
// a scanner "types" a whole code with a few milliseconds between keys and usually ends it with Enter.
//
// The first key of a scan looks exactly like a person's first key, so the detector HOLDS every key
// that could start a burst and keeps holding while the gaps stay scanner-fast (≤ maxKeyGapMs). The
// run then ends one of three ways:
//   - a suffix key (Enter or Tab, from the settings' suffix list) or any other key that is not text;
//   - a gap longer than maxKeyGapMs (the caller calls `tick(now)` once the deadline has passed);
//   - the run no longer matches the configured prefix.
// A run of at least minLength characters (after the prefix, which must be there and is removed) is a
// scan; anything shorter is REPLAYED, i.e. handed back to the field it was meant for. So a person's
// keystroke reaches its field at most maxKeyGapMs late (40 ms by default, below what anyone notices).
//
// Trade-offs, accepted on purpose:
//   - Someone who types minLength (6) or more characters in a row with every gap under 40 ms is taken
//     for a scanner: practically never (fast typists average 100 ms or more per key; onScan.js and
//     Odoo draw the same line at 30 to 55 ms).
//   - minLength is never taken below 3 (Odoo's floor): at 1 or 2, a single keystroke or a fast
//     two-key roll would be a "scan" and nobody could type into the screen.
//   - Ctrl+] is how a keyboard-wedge scanner types GS (0x1D), the GS1 field separator; it counts as
//     GS inside a run but is passed (a shortcut) when it would start one. Every other Ctrl/Alt/Meta
//     combination is a shortcut, never captured; Ctrl+Alt+<character> is AltGr on Windows, so text.
//   - A run longer than MAX_BURST characters is a stuck or flooding device: it is dropped whole, and
//     only counted (not kept) until it ends, so memory stays bounded.
//   - Alt+numpad codes are not understood: set such a scanner to send plain keys.
// Keys are read from `KeyboardEvent.key`, never keyCode/which: keyCode is layout-blind (onScan.js reads
// '-' as '½' through it), `key` is the character the keyboard layout produced.

import { MAX_SCAN_BYTES } from '../../../main/common';

/** What the detector needs of a keydown. Callers may pass richer objects; replays give them back as they came. */
export interface WedgeKey {
  key: string;
  timeStamp: number;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/** As the agent's `keyboardWedgeSettings` gives them. Suffixes are text: "\r", "\n", "\r\n", "\t". */
export interface WedgeSettings {
  maxKeyGapMs: number;
  minLength: number;
  prefix?: string;
  suffix: readonly string[];
}

export const defaultWedgeSettings: WedgeSettings = {
  maxKeyGapMs: 40,
  minLength: 6,
  suffix: ['\r\n', '\r', '\n', '\t'],
};

/** The longest code a scan may be (the agent refuses more); a longer run is dropped. */
export const MAX_BURST = MAX_SCAN_BYTES;
/** Never fewer than this many characters make a scan, whatever the settings say (see above). */
export const MIN_LENGTH_FLOOR = 3;
/** GS, the GS1 field separator a scanner types as Ctrl+]. */
export const GS = '\u001d';

export type BurstEnd<K extends WedgeKey = WedgeKey> =
  /** A scanner's code: send `text` to the agent. `keys` are every key the run swallowed, suffix included. */
  | { kind: 'scan'; text: string; keys: K[] }
  /** Typed by a person after all: give these keys back to the field they were meant for, in order. */
  | { kind: 'replay'; keys: K[] }
  /** Longer than MAX_BURST: thrown away; `count` keys were swallowed. */
  | { kind: 'dropped'; count: number };

export interface Decision<K extends WedgeKey = WedgeKey> {
  /** 'pass': let the key do what it does. 'hold': swallow it (held in a run, or the suffix of a scan). */
  action: 'pass' | 'hold';
  /** A run that ended on this key, or had timed out before it: settle it BEFORE acting on the key. */
  ended?: BurstEnd<K>;
}

/** Keys that only modify others: they neither break a run nor type anything. */
const MODIFIER_KEYS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'FnLock',
  'Hyper',
  'Super',
  'Symbol',
  'SymbolLock',
]);

type KeyClass =
  { kind: 'text'; text: string } | { kind: 'suffix' } | { kind: 'modifier' } | { kind: 'other' };

interface Resolved {
  maxKeyGapMs: number;
  minLength: number;
  prefix: string;
  /** Key names that end a run: 'Enter' for CR/LF/CRLF, 'Tab' for Tab. */
  suffixKeys: ReadonlySet<string>;
  /** Suffixes that are ordinary characters (e.g. "#"): typed into the run, cut off its end. */
  textSuffixes: readonly string[];
}

function resolve(settings: Partial<WedgeSettings>): Resolved {
  const gap = settings.maxKeyGapMs;
  const min = settings.minLength;
  const suffixes = settings.suffix ?? defaultWedgeSettings.suffix;
  const suffixKeys = new Set<string>();
  const textSuffixes: string[] = [];
  for (const s of suffixes) {
    if (s === '') continue;
    if (/^[\r\n]+$/.test(s)) suffixKeys.add('Enter');
    else if (s === '\t') suffixKeys.add('Tab');
    else if (![...s].some(isControlCharacter)) textSuffixes.push(s);
  }
  return {
    maxKeyGapMs:
      typeof gap === 'number' && Number.isFinite(gap) && gap > 0 ? gap : defaultWedgeSettings.maxKeyGapMs,
    minLength: Math.max(
      MIN_LENGTH_FLOOR,
      typeof min === 'number' && Number.isFinite(min) ? Math.floor(min) : defaultWedgeSettings.minLength,
    ),
    prefix: settings.prefix ?? '',
    suffixKeys,
    textSuffixes,
  };
}

const isSingleCharacter = (key: string): boolean =>
  key.length === 1 || (key.length === 2 && [...key].length === 1);
function isControlCharacter(key: string): boolean {
  const code = key.length === 1 ? key.charCodeAt(0) : -1;
  return (code >= 0 && code < 0x20) || code === 0x7f;
}

/** The text a key types, or '' for a key that types none (GS excepted: it only exists inside a run). */
export function keyText(key: WedgeKey): string {
  const c = classify(key, new Set());
  return c.kind === 'text' && c.text !== GS ? c.text : '';
}

function classify(k: WedgeKey, suffixKeys: ReadonlySet<string>): KeyClass {
  const { key, ctrlKey, altKey, metaKey } = k;
  if (MODIFIER_KEYS.has(key)) return { kind: 'modifier' };
  if (metaKey) return { kind: 'other' };
  if (ctrlKey && !altKey && key === ']') return { kind: 'text', text: GS };
  if (key === GS) return { kind: 'text', text: GS };
  if (ctrlKey !== altKey) return { kind: 'other' }; // Ctrl+C, Alt+F4…; Ctrl+Alt+x is AltGr
  if (isSingleCharacter(key) && !isControlCharacter(key)) return { kind: 'text', text: key };
  if (!ctrlKey && suffixKeys.has(key)) return { kind: 'suffix' };
  return { kind: 'other' };
}

export class WedgeDetector<K extends WedgeKey = WedgeKey> {
  private settings: Resolved;
  private held: K[] = [];
  private text = '';
  private lastAt = 0;
  /** Keys swallowed since the run passed MAX_BURST; 0 when not flooding. */
  private flooded = 0;

  constructor(settings: Partial<WedgeSettings> = defaultWedgeSettings) {
    this.settings = resolve(settings);
  }

  /** New settings (the agent's answer came): they apply from the next key. */
  configure(settings: Partial<WedgeSettings>): void {
    this.settings = resolve(settings);
  }

  /** Whether a run is being held (keys swallowed, waiting to become a scan or a replay). */
  get holding(): boolean {
    return this.held.length > 0 || this.flooded > 0;
  }

  /** How many keys are held now: never more than 2 × MAX_BURST (characters, plus a Shift before each). */
  get heldCount(): number {
    return this.held.length;
  }

  /** After this time (in the keys' clock) the run has timed out: call `tick` then. */
  deadline(): number | undefined {
    return this.holding ? this.lastAt + this.settings.maxKeyGapMs : undefined;
  }

  feed(k: K): Decision<K> {
    const ended =
      this.holding && k.timeStamp - this.lastAt > this.settings.maxKeyGapMs ? this.end() : undefined;
    const decision = this.decide(k);
    return ended ? { ...decision, ended } : decision;
  }

  /** Ends a run whose last key is more than maxKeyGapMs before `now`. */
  tick(now: number): BurstEnd<K> | undefined {
    if (!this.holding || now - this.lastAt <= this.settings.maxKeyGapMs) return undefined;
    return this.end();
  }

  /** Ends the run now, as a timeout would (an IME started, the screen is closing). */
  flush(): BurstEnd<K> | undefined {
    return this.holding ? this.end() : undefined;
  }

  private decide(k: K): Decision<K> {
    const c = classify(k, this.settings.suffixKeys);
    switch (c.kind) {
      case 'text':
        return this.holding ? this.extend(k, c.text) : this.start(k, c.text);
      case 'modifier':
        // Shift before a capital is part of the run; on its own it is nobody's business.
        if (!this.holding) return { action: 'pass' };
        if (this.flooded > 0) this.flooded++;
        else this.keep(k, '');
        return { action: 'hold' };
      case 'suffix': {
        if (!this.holding) return { action: 'pass' };
        const ended = this.end(k);
        return { action: ended.kind === 'replay' ? 'pass' : 'hold', ended };
      }
      case 'other':
        return this.holding ? { action: 'pass', ended: this.end() } : { action: 'pass' };
    }
  }

  private start(k: K, text: string): Decision<K> {
    const { prefix } = this.settings;
    // GS only exists inside a code; a prefix rules out every key that cannot begin it.
    if (text === GS || (prefix !== '' && !prefix.startsWith(text))) return { action: 'pass' };
    this.held = [k];
    this.text = text;
    this.lastAt = k.timeStamp;
    return { action: 'hold' };
  }

  private extend(k: K, text: string): Decision<K> {
    this.lastAt = k.timeStamp;
    if (this.flooded > 0) {
      this.flooded++;
      return { action: 'hold' };
    }
    const { prefix } = this.settings;
    const grown = this.text + text;
    if (
      prefix !== '' &&
      this.text.length < prefix.length &&
      !prefix.startsWith(grown.slice(0, prefix.length))
    ) {
      // Not the scanner's prefix: what was held is a person's; this key may begin a real scan.
      const ended = this.replayAll();
      return { ...this.start(k, text), ended };
    }
    this.keep(k, text);
    return { action: 'hold' };
  }

  /** Adds a key to the run, or turns the run into a flood once it is too long to be a code. */
  private keep(k: K, text: string): void {
    this.held.push(k);
    this.text += text;
    if (this.text.length > MAX_BURST || this.held.length > 2 * MAX_BURST) {
      this.flooded = this.held.length;
      this.held = [];
      this.text = '';
    }
  }

  /** Judges and clears the run; `suffix` is the key that ended it, kept only by a scan. */
  private end(suffix?: K): BurstEnd<K> {
    if (this.flooded > 0) {
      const count = this.flooded + (suffix ? 1 : 0);
      this.flooded = 0;
      return { kind: 'dropped', count };
    }
    const code = this.code();
    if (code !== undefined && code.length >= this.settings.minLength) {
      const keys = suffix ? [...this.held, suffix] : this.held;
      this.held = [];
      this.text = '';
      return { kind: 'scan', text: code, keys };
    }
    return this.replayAll();
  }

  private replayAll(): BurstEnd<K> {
    const keys = this.held;
    this.held = [];
    this.text = '';
    return { kind: 'replay', keys };
  }

  /** The held text without its prefix and one text suffix; undefined when the prefix is missing. */
  private code(): string | undefined {
    const { prefix, textSuffixes } = this.settings;
    if (!this.text.startsWith(prefix)) return undefined;
    let code = this.text.slice(prefix.length);
    const suffix = textSuffixes.find((s) => code.endsWith(s));
    if (suffix) code = code.slice(0, -suffix.length);
    return code;
  }
}
