// What a scanner wraps around a code: a configured prefix, and a suffix such as CR or CRLF.

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
