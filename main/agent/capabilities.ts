// What this site's Centegra Plus offers beyond 1.0 (holds, refunds), as its /status last said.
// Kept on disk too, so a till that starts while Centegra is away still knows what it may queue.
import type { Capability } from './centegra';
import type { Db } from './db';

export class Capabilities {
  private known: ReadonlySet<Capability>;
  /** What the file holds: learnt again until a write has taken (one refused at start-up, say). */
  private saved: string;
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare("SELECT value FROM meta WHERE key = 'centegra_capabilities'"),
      set: db.prepare(
        "INSERT INTO meta (key, value) VALUES ('centegra_capabilities', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
    };
    const row = this.s.get.get() as { value: string } | undefined;
    this.known = new Set(row ? (JSON.parse(row.value) as Capability[]) : []);
    this.saved = row?.value ?? '';
  }

  has(capability: Capability): boolean {
    return this.known.has(capability);
  }

  /** A call found the feature gone (an older Centegra answered): not used until /status lists it again. */
  lost(capability: Capability): void {
    this.learn([...this.known].filter((c) => c !== capability));
  }

  /** What a /status answer listed: written only when it differs from what the file holds. */
  learn(capabilities: readonly Capability[]): void {
    const next = new Set(capabilities);
    this.known = next;
    const value = JSON.stringify([...next].sort());
    if (value === this.saved) return;
    try {
      this.s.set.run(value);
      this.saved = value;
    } catch {
      // Kept in memory all the same; the next /status writes it again.
    }
  }
}
