// The manager's side of the till: a PIN (scrypt-hashed, locked for a while after 5 wrong tries,
// the count kept on disk so a restart does not reset it), short sessions, and an audit line for
// every action taken.
import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../contract';
import type { Db } from '../db';
import type { Logger } from '../logger';
import { PIN_PATTERN, verifyPin, hashPin } from './pin';

const MAX_FAILURES = 5;
const SESSION_IDLE_MS = 10 * 60_000;
/** Demo mode only, and said so on screen: a newcomer can try the manager view. */
export const DEMO_PIN = '1234';

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

  constructor(private readonly o: ManagerOptions) {
    this.pinHash = o.pinHash ?? (o.demo ? hashPin(DEMO_PIN) : undefined);
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

  unlock(pin: string): Result<{ session: string; expiresAt: string }> {
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
    if (!PIN_PATTERN.test(pin) || !verifyPin(pin, this.pinHash)) {
      const failures = Number(this.meta('manager_failures') ?? '0') + 1;
      this.setMeta('manager_failures', String(failures));
      if (failures >= MAX_FAILURES) {
        const until = new Date(this.o.now().getTime() + this.o.lockoutMinutes * 60_000).toISOString();
        this.setMeta('manager_locked_until', until);
        this.setMeta('manager_failures', '0');
        this.audit('PIN_LOCKOUT', undefined, `${MAX_FAILURES} wrong PINs; locked until ${until}`);
        return fail(
          'MANAGER_LOCKED',
          `That PIN is wrong, and that was the ${MAX_FAILURES}th try. The manager view is locked for ${this.o.lockoutMinutes} minutes.`,
        );
      }
      this.audit('PIN_WRONG');
      return fail(
        'MANAGER_PIN_INCORRECT',
        `That PIN is wrong. ${MAX_FAILURES - failures} ${MAX_FAILURES - failures === 1 ? 'try' : 'tries'} left before the manager view locks for a while.`,
      );
    }
    this.setMeta('manager_failures', '0');
    const session = randomBytes(24).toString('base64url');
    const expires = this.o.now().getTime() + SESSION_IDLE_MS;
    this.sessions.set(session, expires);
    this.audit('UNLOCK');
    return ok({ session, expiresAt: new Date(expires).toISOString() });
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
