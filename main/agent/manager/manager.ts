// The manager's side of the till: a PIN (scrypt-hashed; after 5 wrong tries locked for a while,
// each further lockout twice as long up to a day, all of it kept on disk so a restart does not
// reset it), short sessions, and an audit line for every action taken.
import { createHash, randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../contract';
import type { Db } from '../db';
import type { Logger } from '../logger';
import {
  belowCurrentCost,
  hashPin,
  NEW_PIN_MIN_DIGITS,
  PIN_COST,
  ENTERED_PIN_PATTERN,
  verifyPin,
} from './pin';

const MAX_FAILURES = 5;
const SESSION_IDLE_MS = 10 * 60_000;
/** The longest lockout, however many there have been: a manager can still get in the next day. */
export const MAX_LOCKOUT_MINUTES = 24 * 60;
/** Demo mode only, and said so on screen: a newcomer can try the manager view. */
export const DEMO_PIN = '1234';
/** The demo PIN is printed on screen: a costly hash would protect nothing and slow every demo start. */
const DEMO_PIN_COST = { N: 2 ** 10, r: 8, p: 1 };

/** The lockout after the `lockouts`-th run of 5 wrong tries: the base, doubled each time, at most a day. */
export function lockoutMinutes(baseMinutes: number, lockouts: number): number {
  return Math.min(baseMinutes * 2 ** Math.max(0, Math.min(lockouts - 1, 20)), MAX_LOCKOUT_MINUTES);
}

/** "5 minutes", "2 hours 40 minutes", "24 hours". */
export function describeMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (!hours) return part(rest, 'minute');
  return rest ? `${part(hours, 'hour')} ${part(rest, 'minute')}` : part(hours, 'hour');
}

export interface ManagerOptions {
  db: Db;
  pinHash: string | undefined;
  demo: boolean;
  lockoutMinutes: number;
  log: Logger;
  now: () => Date;
}

export interface AuditEntry {
  at: string;
  action: string;
  itemId?: string;
  detail?: string;
}

export class ManagerService {
  private readonly sessions = new Map<string, number>();
  private readonly pinHash: string | undefined;
  private readonly s;
  /** One PIN checked at a time: each check takes 128 MiB, and a lockout must count every try before the next. */
  private checking: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: ManagerOptions) {
    this.pinHash = o.pinHash ?? (o.demo ? hashPin(DEMO_PIN, DEMO_PIN_COST) : undefined);
    this.s = {
      getMeta: o.db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: o.db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      audit: o.db.prepare('INSERT INTO audit (at, action, item_id, detail) VALUES (?, ?, ?, ?)'),
      auditList: o.db.prepare('SELECT at, action, item_id, detail FROM audit ORDER BY seq DESC LIMIT ?'),
    };
  }

  status(): { pinSet: boolean; demoPin: boolean; lockedUntil?: string } {
    const lockedUntil = this.lockedUntil();
    return {
      pinSet: this.pinHash !== undefined,
      demoPin: this.o.demo && !this.o.pinHash,
      ...(lockedUntil ? { lockedUntil } : {}),
    };
  }

  unlock(pin: string): Promise<Result<{ session: string; expiresAt: string }>> {
    const turn = this.checking.then(() => this.unlockNow(pin));
    this.checking = turn.catch(() => undefined);
    return turn;
  }

  /**
   * What IT should change about the PIN, for Settings and `diagnose`: a PIN shorter than new ones
   * may be (seen when a manager last unlocked), or a hash made at a lower cost than today's.
   */
  warnings(): string[] {
    if (!this.o.pinHash) return [];
    const fix = `Choose a new PIN of ${NEW_PIN_MIN_DIGITS} to 12 digits, make its hash with \`till-agent hash-pin\` and put it in manager.pinHash.`;
    if (this.meta('manager_short_pin') === this.fingerprint())
      return [`The manager PIN is shorter than ${NEW_PIN_MIN_DIGITS} digits, which is easy to guess. ${fix}`];
    if (belowCurrentCost(this.o.pinHash))
      return [
        `manager.pinHash was made by an older Till Agent: hashed at a lower cost (scrypt N=${PIN_COST.N} now), and its PIN may be shorter than ${NEW_PIN_MIN_DIGITS} digits. ${fix}`,
      ];
    return [];
  }

  private async unlockNow(pin: string): Promise<Result<{ session: string; expiresAt: string }>> {
    if (!this.pinHash) {
      return fail(
        'MANAGER_PIN_NOT_SET',
        'No manager PIN is set on this till. IT sets manager.pinHash in the config (npm run agent -- hash-pin).',
      );
    }
    const lockedUntil = this.lockedUntil();
    if (lockedUntil) {
      return fail(
        'MANAGER_LOCKED',
        `Too many wrong PINs. The manager view is locked until ${new Date(lockedUntil).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.`,
      );
    }
    if (!ENTERED_PIN_PATTERN.test(pin) || !(await verifyPin(pin, this.pinHash))) {
      const failures = Number(this.meta('manager_failures') ?? '0') + 1;
      this.setMeta('manager_failures', String(failures));
      if (failures >= MAX_FAILURES) {
        // Each further run of wrong tries locks for twice as long: a guesser gets 5 tries in 5
        // minutes, then 10, 20 … and at most 5 a day, however often the agent restarts.
        const lockouts = Number(this.meta('manager_lockouts') ?? '0') + 1;
        const minutes = lockoutMinutes(this.o.lockoutMinutes, lockouts);
        const until = new Date(this.o.now().getTime() + minutes * 60_000).toISOString();
        this.setMeta('manager_locked_until', until);
        this.setMeta('manager_lockouts', String(lockouts));
        this.setMeta('manager_failures', '0');
        this.audit(
          'PIN_LOCKOUT',
          undefined,
          `${MAX_FAILURES} wrong PINs (lockout ${lockouts}); locked until ${until}`,
        );
        return fail(
          'MANAGER_LOCKED',
          `That PIN is wrong, and that was the ${MAX_FAILURES}th try. The manager view is locked for ${describeMinutes(minutes)}.`,
          // The figures, for a screen to say in its own language.
          { tries: MAX_FAILURES, lockedMinutes: minutes },
        );
      }
      this.audit('PIN_WRONG');
      return fail(
        'MANAGER_PIN_INCORRECT',
        `That PIN is wrong. ${MAX_FAILURES - failures} ${MAX_FAILURES - failures === 1 ? 'try' : 'tries'} left before the manager view locks for a while.`,
        { triesLeft: MAX_FAILURES - failures },
      );
    }
    this.setMeta('manager_failures', '0');
    this.setMeta('manager_lockouts', '0');
    // Only the PIN's length shows it is short (its hash does not): kept for Settings and diagnose.
    if (this.o.pinHash) {
      if (pin.length < NEW_PIN_MIN_DIGITS) this.setMeta('manager_short_pin', this.fingerprint());
      else if (this.meta('manager_short_pin') !== undefined) this.setMeta('manager_short_pin', '');
    }
    const session = randomBytes(24).toString('base64url');
    const expires = this.o.now().getTime() + SESSION_IDLE_MS;
    this.sessions.set(session, expires);
    this.audit('UNLOCK');
    return ok({ session, expiresAt: new Date(expires).toISOString() });
  }

  /** Names the configured hash without holding it: a new hash (a new PIN) clears the short-PIN note. */
  private fingerprint(): string {
    return createHash('sha256')
      .update(this.o.pinHash ?? '')
      .digest('base64url')
      .slice(0, 16);
  }

  /** Checks a session and keeps it alive; every manager operation calls this first. */
  check(session: string): Result<void> {
    const expires = this.sessions.get(session);
    const now = this.o.now().getTime();
    if (expires === undefined || expires < now) {
      this.sessions.delete(session);
      return fail('MANAGER_SESSION_EXPIRED', 'The manager view has locked itself. Enter the PIN again.');
    }
    this.sessions.set(session, now + SESSION_IDLE_MS);
    return ok(undefined);
  }

  lock(session: string): void {
    if (this.sessions.delete(session)) this.audit('LOCK');
  }

  audit(action: string, itemId?: string, detail?: string): void {
    this.s.audit.run(this.o.now().toISOString(), action, itemId ?? null, detail ?? null);
    this.o.log.info({ action, itemId, detail }, 'manager action');
  }

  auditLog(limit: number): AuditEntry[] {
    return (
      this.s.auditList.all(limit) as Array<{
        at: string;
        action: string;
        item_id: string | null;
        detail: string | null;
      }>
    ).map((r) => ({
      at: r.at,
      action: r.action,
      ...(r.item_id ? { itemId: r.item_id } : {}),
      ...(r.detail ? { detail: r.detail } : {}),
    }));
  }

  private lockedUntil(): string | undefined {
    const until = this.meta('manager_locked_until');
    return until && Date.parse(until) > this.o.now().getTime() ? until : undefined;
  }

  private meta(key: string): string | undefined {
    return (this.s.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  private setMeta(key: string, value: string): void {
    this.s.setMeta.run(key, value);
  }
}
