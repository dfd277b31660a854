// The local API's gatekeeping, as pure functions: the Host check against DNS rebinding, the
// Origin check against drive-by web pages, and the bearer token compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface Listen {
  host: string;
  port: number;
}

const LOCAL_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function bracket(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The Host header values a legitimate client on this till sends. */
export function allowedHosts(listen: Listen): Set<string> {
  const names = new Set([...LOCAL_NAMES, bracket(listen.host)]);
  const out = new Set<string>();
  for (const name of names) {
    out.add(`${name}:${listen.port}`.toLowerCase());
    if (listen.port === 80) out.add(name.toLowerCase());
  }
  return out;
}

export function hostAllowed(hostHeader: string | undefined, hosts: Set<string>): boolean {
  return hostHeader !== undefined && hosts.has(hostHeader.toLowerCase());
}

/** The agent's own pages (the headless UI) are same-origin. */
export function selfOrigins(listen: Listen): Set<string> {
  return new Set([...allowedHosts(listen)].map((h) => `http://${h}`));
}

/** No Origin (a native POS, curl) is fine; a browser page must be the agent's own or configured. */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  return origin === undefined || allowed.has(origin.toLowerCase());
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares `Authorization: Bearer <token>` in constant time (hashing first evens out the lengths). */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  if (!authorization) return false;
  const m = /^Bearer +(\S+)\s*$/i.exec(authorization);
  const presented = m?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}

/** Constant-time comparison of two secrets of any length. */
export function secretEquals(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}
