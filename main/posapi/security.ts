// The local API's gatekeeping, as pure functions: the Host check against DNS rebinding, the
// Origin check against drive-by web pages, and the bearer token compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface Listen {
  host: string;
  port: number;
  /** Served over HTTPS (posApi.tls). */
  secure?: boolean;
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
    if (listen.port === (listen.secure ? 443 : 80)) out.add(name.toLowerCase());
  }
  return out;
}

export function hostAllowed(hostHeader: string | undefined, hosts: Set<string>): boolean {
  return hostHeader !== undefined && hosts.has(hostHeader.toLowerCase());
}

/** The agent's own pages (the headless UI) are same-origin. */
export function selfOrigins(listen: Listen): Set<string> {
  const scheme = listen.secure ? 'https' : 'http';
  return new Set([...allowedHosts(listen)].map((h) => `${scheme}://${h}`));
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

/** Addresses that only this machine can reach: 127.0.0.0/8, ::1 and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}

/** The warning logged (and printed) when the API is reachable from other machines. */
export function exposedWarning(listen: Listen): string {
  return `THE POS API IS LISTENING ON ${bracket(listen.host)}:${listen.port}, WHICH OTHER MACHINES CAN REACH. It answers over HTTPS only (posApi.tls), still with the token, Host and Origin checks. If the POS runs on this till, set posApi.host to 127.0.0.1.`;
}

/**
 * The first number in a JSON text that JavaScript would not hold exactly, or undefined. JSON.parse
 * rounds silently (9007199254740993 becomes ...992, 1e400 becomes Infinity), which for money or a
 * card number is a different value: such a body is refused instead. Integers must be safe
 * (|n| < 2^53); a number with a fraction or exponent may have at most 15 significant digits, the
 * most a double always gives back. Linear; the text must already be valid JSON.
 */
export function inexactNumber(json: string): string | undefined {
  const number = /-?(\d+)(\.\d+)?([eE][+-]?\d+)?/y;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, escapes included.
      for (i++; i < json.length && json.charCodeAt(i) !== 0x22; i++) if (json.charCodeAt(i) === 0x5c) i++;
      continue;
    }
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue;
    number.lastIndex = i;
    const m = number.exec(json);
    if (!m) continue;
    const token = m[0];
    i += token.length - 1;
    const value = Number(token);
    if (m[2] === undefined && m[3] === undefined) {
      if (!Number.isSafeInteger(value)) return token;
      continue;
    }
    const significant = `${m[1]}${(m[2] ?? '').slice(1)}`.replace(/^0+/, '').replace(/0+$/, '');
    if (!Number.isFinite(value) || significant.length > 15 || (value === 0 && significant !== ''))
      return token;
  }
  return undefined;
}

/** A remote address as one key: IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d. */
export function clientKey(address: string | undefined): string {
  return (address ?? 'unknown').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

export interface ThrottleOptions {
  /** Wrong tokens from one address within windowMs answered 401; the next is 429 (for windowMs). */
  maxFailures?: number;
  windowMs?: number;
  /** Addresses remembered at once; past this the longest-quiet one is forgotten. */
  maxClients?: number;
  now?: () => number;
}

interface Strikes {
  count: number;
  windowStart: number;
  blockedUntil: number;
}

/**
 * Slows down token guessing: after maxFailures wrong tokens from one address within windowMs,
 * that address's further wrong tokens are answered 429 for the next windowMs. A right token is
 * never held back (the POS shares 127.0.0.1 with every other local process), so this bounds the
 * noise and work a guesser causes; the token's length (32 random bytes) is what makes guessing
 * hopeless. Memory is bounded by maxClients.
 */
export class AuthThrottle {
  private readonly strikes = new Map<string, Strikes>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: ThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxClients = options.maxClients ?? 1024;
    this.now = options.now ?? (() => Date.now());
  }

  /** Milliseconds until this address may try again, or 0 when it is not held back. */
  retryAfterMs(client: string): number {
    const s = this.strikes.get(client);
    return s ? Math.max(0, s.blockedUntil - this.now()) : 0;
  }

  /**
   * Counts a wrong token. `burst` is true for the one failure that starts a hold, so the caller
   * logs once per burst rather than once per guess.
   */
  fail(client: string): { retryAfterMs: number; burst: boolean } {
    const now = this.now();
    let s = this.strikes.get(client);
    if (!s || (s.blockedUntil <= now && now - s.windowStart >= this.windowMs))
      s = { count: 0, windowStart: now, blockedUntil: 0 };
    // Re-inserted so the Map's order is least recently failed first, for eviction.
    this.strikes.delete(client);
    this.strikes.set(client, s);
    if (this.strikes.size > this.maxClients) {
      const oldest = this.strikes.keys().next().value;
      if (oldest !== undefined) this.strikes.delete(oldest);
    }
    s.count++;
    if (s.blockedUntil > now) return { retryAfterMs: s.blockedUntil - now, burst: false };
    if (s.count <= this.maxFailures) return { retryAfterMs: 0, burst: false };
    s.blockedUntil = now + this.windowMs;
    return { retryAfterMs: this.windowMs, burst: true };
  }

  /** Addresses currently remembered (for tests: the bound on memory). */
  get size(): number {
    return this.strikes.size;
  }
}
