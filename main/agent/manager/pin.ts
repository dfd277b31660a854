// Manager PINs at rest: scrypt with a random salt, compared in constant time. A four-digit PIN
// is weak on its own; the lockout after repeated failures is what protects it (see manager.ts).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16_384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(pin, salt, KEY_BYTES, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!n || !r || !p || n > 1 << 20 || expected.length !== KEY_BYTES) return false;
  const key = scryptSync(pin, salt, KEY_BYTES, { N: n, r, p, maxmem: 256 * n * r });
  return timingSafeEqual(key, expected);
}

export const PIN_PATTERN = /^[0-9]{4,12}$/;
