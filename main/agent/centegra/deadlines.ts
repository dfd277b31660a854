// One timer for every call's deadline. All calls to Centegra give up after the same timeoutMs, so
// their deadlines fall in the order they start: a timer armed for the oldest call still waiting
// serves them all. (An AbortSignal.timeout per call cost a timer and a signal each, and its timer
// still fired, building an abort event and a DOMException, seconds after the call had ended.)

export interface Deadline {
  /** The call ended in time: its expiry will not run. */
  done(): void;
}

interface Waiting extends Deadline {
  at: number;
  expire(): void;
}

export class Deadlines {
  /** Calls still waiting, oldest first (a Set keeps insertion order, and deletes in O(1)). */
  private readonly waiting = new Set<Waiting>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `expire` runs once, timeoutMs from now, unless done() comes first. */
  start(expire: () => void): Deadline {
    const waiting = this.waiting;
    const entry: Waiting = {
      at: this.now() + this.timeoutMs,
      expire,
      done() {
        waiting.delete(entry);
      },
    };
    waiting.add(entry);
    this.timer ??= this.arm(this.timeoutMs);
    return entry;
  }

  /** How many calls are waiting (for tests). */
  get size(): number {
    return this.waiting.size;
  }

  private arm(ms: number): NodeJS.Timeout {
    // Unref'd, as AbortSignal.timeout's timer is: a deadline never keeps the process alive by itself.
    return setTimeout(() => this.fire(), Math.max(1, Math.ceil(ms))).unref();
  }

  private fire(): void {
    // this.timer stays set while expiries run, so a call started from one cannot arm a second timer.
    const now = this.now();
    for (const entry of this.waiting) {
      if (entry.at > now) {
        this.timer = this.arm(entry.at - now);
        return;
      }
      this.waiting.delete(entry);
      entry.expire();
    }
    this.timer = undefined;
  }
}
