// Manager PINs at rest: scrypt with a random salt, compared in constant time. The hash string
// carries its own cost (`scrypt$N$r$p$salt$key`), so the cost can be raised later and a hash made
// at an older cost still verifies. A PIN is short whatever its hash costs: the lockout after
// repeated failures (see manager.ts) is what protects it.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's Password Storage Cheat Sheet: scrypt at N=2^17, r=8 (1024-byte blocks), p=1 at least. */
export const PIN_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_BYTES = 32;
/** Refuse a stored cost that would take the till's memory (or seconds of CPU) to check. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** A new PIN, as `hash-pin` makes one: 6 to 12 digits. */
export const PIN_PATTERN = /^[0-9]{6,12}$/;
export const NEW_PIN_MIN_DIGITS = 6;
/** A PIN as typed at the till: any PIN a hash may have been made for (older tills allowed 4 digits). */
export const ENTERED_PIN_PATTERN = /^[0-9]{4,12}$/;

/** scrypt's memory is 128 × N × r bytes (128 MiB at the current cost); Node's default cap is 32 MiB. */
const maxmem = ({ N, r, p }: ScryptCost) => 128 * N * r + 128 * r * p + 1024 * 1024;

export function hashPin(pin: string, cost: ScryptCost = PIN_COST): string {
  const salt = randomBytes(16);
  const key = scryptSync(pin, salt, KEY_BYTES, { ...cost, maxmem: maxmem(cost) });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const key = Buffer.from(parts[5]!, 'base64');
  const whole = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!whole(N, MAX_N) || (N & (N - 1)) !== 0 || N < 2 || !whole(r, MAX_R) || !whole(p, MAX_P))
    return undefined;
  if (key.length !== KEY_BYTES) return undefined;
  return { cost: { N, r, p }, salt: Buffer.from(parts[4]!, 'base64'), key };
}

/** The cost a stored hash was made at, or undefined when it is no hash this agent can check. */
export function costOf(stored: string): ScryptCost | undefined {
  return parseHash(stored)?.cost;
}

/** True when a hash was made at a lower cost than today's: a new hash-pin is advised. */
export function belowCurrentCost(stored: string): boolean {
  const cost = costOf(stored);
  return cost !== undefined && (cost.N < PIN_COST.N || cost.r < PIN_COST.r || cost.p < PIN_COST.p);
}

/** Checks a PIN off the event loop (128 MiB and about a second at the current cost). */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(pin, parsed.salt, KEY_BYTES, { ...parsed.cost, maxmem: maxmem(parsed.cost) }, (e, k) =>
      e ? reject(e) : resolve(k),
    ),
  );
  return timingSafeEqual(key, parsed.key);
}
