// The bytes of a scan as they came, before any parsing: read as UTF-8 (refused, never repaired,
// when they are not) and written as hex for the Scanners panel.

// fatal: a byte sequence that is not UTF-8 is refused, never replaced with U+FFFD (a replaced
// character could turn two different codes into the same text). A stateless one-shot decode, so
// sharing the instance keeps this pure.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex, two digits a byte, no separators (as Buffer#toString('hex')). */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX[byte] ?? '';
  return out;
}
