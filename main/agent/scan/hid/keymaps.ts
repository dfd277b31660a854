// What each boot-keyboard key types under the four keyboard layouts a till is set to, as Windows
// defines them (kbdus, kbduk, kbdgr, kbdfr). Keyed by HID Keyboard page usage (HUT 1.4 §10), which
// names the US key in that position: 0x14 is "q" on en-US and "a" on fr-FR.

export type KeyboardLayoutName = 'en-US' | 'en-GB' | 'de-DE' | 'fr-FR';

export const KEYBOARD_LAYOUT_NAMES: readonly KeyboardLayoutName[] = ['en-US', 'en-GB', 'de-DE', 'fr-FR'];

/** A key's output: a character, or a dead key (an accent waiting for the next key; we don't compose). */
export type KeyOutput = string | { dead: string };

export interface KeyDef {
  normal?: KeyOutput;
  shift?: KeyOutput;
  altGr?: KeyOutput;
  shiftAltGr?: KeyOutput;
}

export interface KeyboardLayout {
  name: KeyboardLayoutName;
  /** Whether Right Alt (or Ctrl+Left Alt, as Windows treats it) is AltGr rather than Alt. */
  hasAltGr: boolean;
  keys: ReadonlyMap<number, KeyDef>;
  /** What the keypad's decimal key (0x63) types with Num Lock on. */
  keypadDecimal: string;
}

const dead = (accent: string): KeyOutput => ({ dead: accent });

function baseKeys(): Map<number, KeyDef> {
  const keys = new Map<number, KeyDef>();
  for (let i = 0; i < 26; i++) {
    const letter = String.fromCharCode(0x61 + i);
    keys.set(0x04 + i, { normal: letter, shift: letter.toUpperCase() });
  }
  keys.set(0x2c, { normal: ' ', shift: ' ' });
  return keys;
}

/** Set keys from `usage → [normal, shift, altGr?, shiftAltGr?]`. */
function setKeys(
  keys: Map<number, KeyDef>,
  entries: ReadonlyArray<readonly [number, ...Array<KeyOutput | undefined>]>,
) {
  for (const [usage, normal, shift, altGr, shiftAltGr] of entries) {
    const def: KeyDef = {};
    if (normal !== undefined) def.normal = normal;
    if (shift !== undefined) def.shift = shift;
    if (altGr !== undefined) def.altGr = altGr;
    if (shiftAltGr !== undefined) def.shiftAltGr = shiftAltGr;
    keys.set(usage, def);
  }
}

function letter(usage: number, lower: string): readonly [number, string, string] {
  return [usage, lower, lower.toUpperCase()];
}

function enUS(): KeyboardLayout {
  const keys = baseKeys();
  setKeys(keys, [
    [0x1e, '1', '!'],
    [0x1f, '2', '@'],
    [0x20, '3', '#'],
    [0x21, '4', '$'],
    [0x22, '5', '%'],
    [0x23, '6', '^'],
    [0x24, '7', '&'],
    [0x25, '8', '*'],
    [0x26, '9', '('],
    [0x27, '0', ')'],
    [0x2d, '-', '_'],
    [0x2e, '=', '+'],
    [0x2f, '[', '{'],
    [0x30, ']', '}'],
    [0x31, '\\', '|'],
    // 0x31 and 0x32 both send PC scan code 0x2B, so Windows types the same for both.
    [0x32, '\\', '|'],
    [0x33, ';', ':'],
    [0x34, "'", '"'],
    [0x35, '`', '~'],
    [0x36, ',', '<'],
    [0x37, '.', '>'],
    [0x38, '/', '?'],
    [0x64, '\\', '|'],
  ]);
  return { name: 'en-US', hasAltGr: false, keys, keypadDecimal: '.' };
}

function enGB(): KeyboardLayout {
  const keys = baseKeys();
  setKeys(keys, [
    [0x1e, '1', '!'],
    [0x1f, '2', '"'],
    [0x20, '3', '£'],
    [0x21, '4', '$', '€'],
    [0x22, '5', '%'],
    [0x23, '6', '^'],
    [0x24, '7', '&'],
    [0x25, '8', '*'],
    [0x26, '9', '('],
    [0x27, '0', ')'],
    [0x2d, '-', '_'],
    [0x2e, '=', '+'],
    [0x2f, '[', '{'],
    [0x30, ']', '}'],
    [0x31, '#', '~'],
    [0x32, '#', '~'],
    [0x33, ';', ':'],
    [0x34, "'", '@'],
    [0x35, '`', '¬', '¦'],
    [0x36, ',', '<'],
    [0x37, '.', '>'],
    [0x38, '/', '?'],
    [0x64, '\\', '|'],
    // AltGr + vowel: acute accents on the UK layout.
    [0x04, 'a', 'A', 'á', 'Á'],
    [0x08, 'e', 'E', 'é', 'É'],
    [0x0c, 'i', 'I', 'í', 'Í'],
    [0x12, 'o', 'O', 'ó', 'Ó'],
    [0x18, 'u', 'U', 'ú', 'Ú'],
  ]);
  return { name: 'en-GB', hasAltGr: true, keys, keypadDecimal: '.' };
}

function deDE(): KeyboardLayout {
  const keys = baseKeys();
  setKeys(keys, [
    // QWERTZ: Y and Z swap places.
    letter(0x1c, 'z'),
    letter(0x1d, 'y'),
    [0x14, 'q', 'Q', '@'],
    [0x08, 'e', 'E', '€'],
    [0x10, 'm', 'M', 'µ'],
    [0x1e, '1', '!'],
    [0x1f, '2', '"', '²'],
    [0x20, '3', '§', '³'],
    [0x21, '4', '$'],
    [0x22, '5', '%'],
    [0x23, '6', '&'],
    [0x24, '7', '/', '{'],
    [0x25, '8', '(', '['],
    [0x26, '9', ')', ']'],
    [0x27, '0', '=', '}'],
    [0x2d, 'ß', '?', '\\'],
    [0x2e, dead('´'), dead('`')],
    [0x2f, 'ü', 'Ü'],
    [0x30, '+', '*', '~'],
    [0x31, '#', "'"],
    [0x32, '#', "'"],
    [0x33, 'ö', 'Ö'],
    [0x34, 'ä', 'Ä'],
    [0x35, dead('^'), '°'],
    [0x36, ',', ';'],
    [0x37, '.', ':'],
    [0x38, '-', '_'],
    [0x64, '<', '>', '|'],
  ]);
  return { name: 'de-DE', hasAltGr: true, keys, keypadDecimal: ',' };
}

function frFR(): KeyboardLayout {
  const keys = baseKeys();
  setKeys(keys, [
    // AZERTY: A/Q and Z/W swap, M sits right of L, and the US "m" key types a comma.
    letter(0x04, 'q'),
    letter(0x14, 'a'),
    letter(0x1a, 'z'),
    letter(0x1d, 'w'),
    [0x08, 'e', 'E', '€'],
    [0x10, ',', '?'],
    letter(0x33, 'm'),
    // The number row types symbols; digits need Shift.
    [0x1e, '&', '1'],
    [0x1f, 'é', '2', dead('~')],
    [0x20, '"', '3', '#'],
    [0x21, "'", '4', '{'],
    [0x22, '(', '5', '['],
    [0x23, '-', '6', '|'],
    [0x24, 'è', '7', dead('`')],
    [0x25, '_', '8', '\\'],
    [0x26, 'ç', '9', '^'],
    [0x27, 'à', '0', '@'],
    [0x2d, ')', '°', ']'],
    [0x2e, '=', '+', '}'],
    [0x2f, dead('^'), dead('¨')],
    [0x30, '$', '£', '¤'],
    [0x31, '*', 'µ'],
    [0x32, '*', 'µ'],
    [0x34, 'ù', '%'],
    [0x35, '²'],
    [0x36, ';', '.'],
    [0x37, ':', '/'],
    [0x38, '!', '§'],
    [0x64, '<', '>'],
  ]);
  return { name: 'fr-FR', hasAltGr: true, keys, keypadDecimal: '.' };
}

export const KEYBOARD_LAYOUTS: ReadonlyMap<KeyboardLayoutName, KeyboardLayout> = new Map([
  ['en-US', enUS()],
  ['en-GB', enGB()],
  ['de-DE', deDE()],
  ['fr-FR', frFR()],
]);
