// How many codes one scanner may produce: more than a person can scan is a device flooding (a
// stuck trigger, binary on the line, a hostile USB gadget). The excess is dropped before it is
// decoded, announced or logged, so a flood cannot fill the POS's event stream, the screen or the
// log. Pure: the caller gives the clock.

export interface CodeRateOptions {
  /** Codes per second a device may keep up (a scanner in continuous mode stays well under). */
  perSecond?: number;
  /** Codes it may send at once before the rate applies. */
  burst?: number;
}

export type CodeVerdict =
  | {
      allow: true;
      /** Codes dropped in the burst that has just ended (2 s without a drop), when one has. */
      droppedBefore?: number;
    }
  | {
      allow: false;
      /** True for the first drop of a burst: log once, not once per code. */ burstStart: boolean;
    };

interface Bucket {
  tokens: number;
  atMs: number;
  dropped: number;
  lastDropMs: number;
}

/** A burst ends once a device has gone this long without a code dropped. */
const BURST_QUIET_MS = 2000;

/** A token bucket per device id. Device ids come from the config and the enumeration: few, bounded. */
export class CodeRateLimit {
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: CodeRateOptions = {}) {
    this.perSecond = options.perSecond ?? 25;
    this.burst = options.burst ?? 50;
  }

  take(deviceId: string, nowMs: number): CodeVerdict {
    let b = this.buckets.get(deviceId);
    if (!b) {
      b = { tokens: this.burst, atMs: nowMs, dropped: 0, lastDropMs: 0 };
      this.buckets.set(deviceId, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((nowMs - b.atMs) * this.perSecond) / 1000);
    b.atMs = nowMs;
    if (b.tokens < 1) {
      b.dropped++;
      b.lastDropMs = nowMs;
      return { allow: false, burstStart: b.dropped === 1 };
    }
    b.tokens -= 1;
    // Codes let through mid-flood (the bucket refills) do not end the burst: quiet does.
    if (b.dropped === 0 || nowMs - b.lastDropMs < BURST_QUIET_MS) return { allow: true };
    const droppedBefore = b.dropped;
    b.dropped = 0;
    return { allow: true, droppedBefore };
  }
}

/**
 * For a warning a flooding device would repeat thousands of times a second: the first is logged,
 * then at most one per intervalMs, carrying how many there were since.
 */
export class LogThrottle {
  private lastAtMs: number | undefined;
  private count = 0;

  constructor(private readonly intervalMs = 10_000) {}

  /** The number to log now (this one and those held back since the last), or undefined for silence. */
  hit(nowMs: number): number | undefined {
    this.count++;
    if (this.lastAtMs !== undefined && nowMs - this.lastAtMs < this.intervalMs) return undefined;
    this.lastAtMs = nowMs;
    const count = this.count;
    this.count = 0;
    return count;
  }
}
