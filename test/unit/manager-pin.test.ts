// Manager PIN hashes and lockouts: the hash carries its own scrypt cost (OWASP's N=2^17, r=8,
// p=1 today), a hash made by an older Till Agent still verifies, and each further lockout is
// twice as long as the last, up to a day.
import { describe, expect, it } from 'vitest';
import {
  belowCurrentCost,
  costOf,
  describeMinutes,
  hashPin,
  lockoutMinutes,
  PIN_COST,
  PIN_PATTERN,
  verifyPin,
} from '../../main/agent/manager';

/** Made by hash-pin before issue 15 (N=16384, PIN 4862): such hashes are in tills' configs today. */
const OLD_HASH = 'scrypt$16384$8$1$c2FsdC1mb3ItdGhlLXRlc3Q=$mkOLWho4Vbq9l2sL/8/FzW8+T/RLcdSXUslS7LlYRrE=';

describe('manager PIN hashes', () => {
  it('a new hash is scrypt at N=2^17, r=8, p=1, its cost written in it, and verifies', async () => {
    const hash = hashPin('482913');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(costOf(hash)).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(PIN_COST).toEqual({ N: 131072, r: 8, p: 1 });
    expect(belowCurrentCost(hash)).toBe(false);
    expect(await verifyPin('482913', hash)).toBe(true);
    expect(await verifyPin('482914', hash)).toBe(false);
  });

  it('a hash made by an older Till Agent (N=16384) still verifies, and is known to be below today’s cost', async () => {
    expect(await verifyPin('4862', OLD_HASH)).toBe(true);
    expect(await verifyPin('4863', OLD_HASH)).toBe(false);
    expect(costOf(OLD_HASH)).toEqual({ N: 16384, r: 8, p: 1 });
    expect(belowCurrentCost(OLD_HASH)).toBe(true);
  });

  it('the cost can be raised later: a hash at another cost verifies by the cost it names', async () => {
    const cheaper = hashPin('731904', { N: 2 ** 12, r: 8, p: 2 });
    expect(cheaper.startsWith('scrypt$4096$8$2$')).toBe(true);
    expect(await verifyPin('731904', cheaper)).toBe(true);
  });

  it.each([
    ['not scrypt', 'bcrypt$1$2$3$4$5'],
    ['too few parts', 'scrypt$16384$8$1$salt'],
    ['N not a power of two', OLD_HASH.replace('$16384$', '$16000$')],
    ['N beyond what a till may spend', OLD_HASH.replace('$16384$', '$2097152$')],
    ['r out of range', OLD_HASH.replace('$8$1$', '$64$1$')],
    ['a key of the wrong length', 'scrypt$16384$8$1$c2FsdA==$c2hvcnQ='],
  ])('a stored value that is no usable hash (%s) never verifies', async (_name, stored) => {
    expect(await verifyPin('4862', stored)).toBe(false);
  });

  it('a new PIN is 6 to 12 digits', () => {
    for (const pin of ['482913', '123456789012']) expect(PIN_PATTERN.test(pin)).toBe(true);
    for (const pin of ['4862', '48291', '1234567890123', '48 291', 'abcdef'])
      expect(PIN_PATTERN.test(pin)).toBe(false);
  });
});

describe('lockouts', () => {
  it('the base, then twice as long after each further 5 wrong tries, at most 24 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 9, 30].map((n) => lockoutMinutes(5, n))).toEqual([
      5, 10, 20, 40, 80, 160, 1280, 1440,
    ]);
    expect(lockoutMinutes(1440, 3)).toBe(1440);
  });

  it('says a lockout in hours and minutes', () => {
    expect(describeMinutes(5)).toBe('5 minutes');
    expect(describeMinutes(1)).toBe('1 minute');
    expect(describeMinutes(160)).toBe('2 hours 40 minutes');
    expect(describeMinutes(1440)).toBe('24 hours');
  });
});
