// Framing: what a scanner wraps around a code (a configured prefix, a suffix such as CR) and the
// byte-level gates every scan passes before any parsing (size, UTF-8).

/** What scanners end a code with when nothing is configured: CRLF, CR, LF or Tab. */
export const DEFAULT_SUFFIXES: readonly string[] = ['\r\n', '\r', '\n', '\t'];

/**
 * Removes the device's prefix from the start and one suffix from the end, each at most once.
 * Of the suffixes, the longest that matches wins, so CRLF is taken whole rather than leaving a CR.
 * `suffixes` undefined means the defaults; an empty list means the device sends none.
 */
export function stripAffixes(
  text: string,
  prefix: string | undefined,
  suffixes: readonly string[] | undefined,
): string {
  let out = text;
  if (prefix && out.startsWith(prefix)) out = out.slice(prefix.length);
  let longest = '';
  for (const suffix of suffixes ?? DEFAULT_SUFFIXES) {
    if (suffix.length > longest.length && out.endsWith(suffix)) longest = suffix;
  }
  return longest ? out.slice(0, out.length - longest.length) : out;
}

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
