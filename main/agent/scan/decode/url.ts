// Just enough of an http(s) URL to read a scanned link: path segments and query pairs, percent
// decoded. Hand-written rather than `new URL`: it never throws, never normalises the host, and
// keeps the path's "+" and "%2F" as the issuer wrote them.

export interface ScannedUrl {
  /** Raw (still percent-encoded) path segments, without the empty one before the first "/". */
  segments: string[];
  /** Query pairs in order, raw. */
  query: Array<{ key: string; value: string }>;
}

// Scheme case-insensitive: QR alphanumeric mode makes issuers print "HTTPS://ID.EXAMPLE/…".
// Each group stops at a character the next one starts with, so matching is linear.
const HTTP_URL = /^https?:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?(?:#[\s\S]*)?$/i;

export function splitHttpUrl(text: string): ScannedUrl | undefined {
  const match = HTTP_URL.exec(text);
  if (!match) return undefined;
  const path = match[1] ?? '';
  const segments = path === '' || path === '/' ? [] : path.slice(1).replace(/\/$/, '').split('/');
  const query: ScannedUrl['query'] = [];
  for (const pair of (match[2] ?? '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    query.push(eq === -1 ? { key: pair, value: '' } : { key: pair.slice(0, eq), value: pair.slice(eq + 1) });
  }
  return { segments, query };
}

/** Percent-decoding that reports malformed input instead of throwing; in a query "+" is a space. */
export function decodeComponent(raw: string, plusIsSpace: boolean): string | undefined {
  const text = plusIsSpace ? raw.replace(/\+/g, ' ') : raw;
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
