// The state of the link to Centegra Plus (ONLINE / OFFLINE / KEY_DISABLED / FACTOR4_DOWN), from
// the outcome of every call plus a /status probe: often while the link is down or calls fail,
// rarely while all is well. A call that fails for the link's sake changes the state at once.
import type { CentegraLink, ErrorCode, LinkState } from '../contract';
import type { Centegra, CentegraResult, CentegraStatus } from './client';
import { FACTOR4_MESSAGE, type CentegraFailure } from './failures';
import { backoffDelay, type BackoffPolicy } from '../backoff';

/** Why a call cannot be made now, as the error a refused operation carries. */
export interface LinkRefusal {
  code: ErrorCode;
  message: string;
}

const NOT_CHECKED: LinkRefusal = {
  code: 'OFFLINE',
  message:
    "Till Agent hasn't reached Centegra Plus yet, so gift cards can't be checked. Try again in a moment.",
};

export function linkFromStatus(result: CentegraResult<CentegraStatus>): {
  state: LinkState;
  detail?: string;
  why?: LinkRefusal;
} {
  if (!result.ok)
    return {
      state: result.error.link,
      detail: result.error.message,
      why: { code: result.error.code, message: result.error.message },
    };
  if (result.value.factor4 === 'DOWN')
    return {
      state: 'FACTOR4_DOWN',
      detail: 'Centegra Plus reports Factor4 is down.',
      why: { code: 'FACTOR4_UNAVAILABLE', message: FACTOR4_MESSAGE },
    };
  if (result.value.factor4 === 'DEGRADED')
    return { state: 'ONLINE', detail: 'Centegra Plus reports Factor4 is running slowly.' };
  return { state: 'ONLINE' };
}

/** Failures that say something about Centegra itself (not about the card or the request). */
const LINK_CODES = new Set<ErrorCode>([
  'OFFLINE',
  'FACTOR4_UNAVAILABLE',
  'CENTEGRA_KEY_DISABLED',
  'RATE_LIMITED',
  'CENTEGRA_ERROR',
]);

export interface LinkMonitorOptions {
  centegra: Centegra;
  onChange: (link: CentegraLink) => void;
  /** Probe interval while ONLINE and calls answer. */
  onlineProbeMs?: number;
  /** Probe interval while /status says ONLINE but real calls fail, or Centegra asked us to slow down. */
  suspectProbeMs?: number;
  backoff?: BackoffPolicy;
  now?: () => Date;
  random?: () => number;
}

export class LinkMonitor {
  private state: LinkState = 'OFFLINE';
  private detail: string | undefined = 'Not checked yet.';
  private why: LinkRefusal = NOT_CHECKED;
  private lastOkAt: string | undefined;
  /** Centegra answered 429: it is up, but the till must wait until then (ms since the epoch). */
  private busyUntilMs: number | undefined;
  /** The last real call failed for the link's sake; cleared by the next one that answers. */
  private suspect = false;
  private failures = 0;
  /** What the last onChange told, so a repeat of it is not told again. */
  private shown = 'OFFLINE|Not checked yet.|';
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: LinkMonitorOptions) {}

  snapshot(): CentegraLink {
    const busy = this.busy();
    return {
      state: this.state,
      ...(this.lastOkAt ? { lastOkAt: this.lastOkAt } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
      ...(busy ? { busyUntil: new Date(busy).toISOString() } : {}),
    };
  }

  /** What an operation refused for the link's sake says: the code and words of the last failure. */
  refusal(): LinkRefusal {
    if (this.state === 'ONLINE' && this.busy() && this.why.code === 'RATE_LIMITED') return this.why;
    return this.state === 'ONLINE' ? NOT_CHECKED : this.why;
  }

  /** Probes now, then keeps probing on its own schedule until stop(). */
  start(): Promise<void> {
    return this.probe();
  }

  probe(): Promise<void> {
    this.probing ??= (async () => {
      const result = await this.options.centegra.status();
      if (this.stopped) return;
      if (!result.ok && result.error.code === 'RATE_LIMITED') {
        this.slowDown(result.error);
      } else {
        const { state, detail, why } = linkFromStatus(result);
        if (state === 'ONLINE') this.busyUntilMs = undefined;
        this.set(state, detail, why);
      }
      this.schedule();
    })().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  /**
   * Any call's outcome is evidence too: a card inquiry that answered means we are online, and one
   * that met a network failure, a 5xx or a timeout means we are not, from that moment.
   */
  record(outcome: { ok: true } | { ok: false; error: CentegraFailure }): void {
    const before = { state: this.state, suspect: this.suspect, busy: this.busy() };
    if (outcome.ok) {
      this.suspect = false;
      this.busyUntilMs = undefined;
      this.set('ONLINE', undefined, undefined);
    } else {
      const { error } = outcome;
      this.suspect = LINK_CODES.has(error.code);
      if (error.code === 'RATE_LIMITED') this.slowDown(error);
      else if (error.link !== 'ONLINE')
        this.set(error.link, error.message, { code: error.code, message: error.message });
      // A refusal about the card or the request: Centegra answered, so it is up.
      else this.set('ONLINE', undefined, undefined);
    }
    // A steady flow of answers must not push the next /status back for ever: it is also how the
    // till learns what Centegra offers (holds, refunds). The schedule changes with the state only.
    const after = { state: this.state, suspect: this.suspect, busy: this.busy() };
    if (JSON.stringify(after) !== JSON.stringify(before) || !this.timer) this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private nowMs(): number {
    return (this.options.now ?? (() => new Date()))().getTime();
  }

  private busy(): number | undefined {
    return this.busyUntilMs !== undefined && this.busyUntilMs > this.nowMs() ? this.busyUntilMs : undefined;
  }

  /** 429: Centegra is up but asked the till to wait (Retry-After, else a few seconds). */
  private slowDown(error: CentegraFailure): void {
    this.busyUntilMs = this.nowMs() + Math.max(1000, error.retryAfterMs ?? 5000);
    this.set('ONLINE', undefined, { code: error.code, message: error.message });
  }

  private set(state: LinkState, detail: string | undefined, why: LinkRefusal | undefined): void {
    const now = new Date(this.nowMs()).toISOString();
    if (state === 'ONLINE') {
      this.lastOkAt = now;
      this.failures = 0;
    } else {
      this.failures++;
    }
    this.state = state;
    this.detail = detail;
    if (why) this.why = why;
    // Told when what the screen shows changes: the state, its words, or a rate limit starting or ending.
    const shown = `${state}|${detail ?? ''}|${this.busy() ? 'busy' : ''}`;
    if (shown !== this.shown) {
      this.shown = shown;
      this.options.onChange(this.snapshot());
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const busy = this.busy();
    const suspectMs = this.options.suspectProbeMs ?? 3000;
    const delay = busy
      ? Math.max(suspectMs, busy - this.nowMs())
      : this.state === 'ONLINE'
        ? this.suspect
          ? suspectMs
          : (this.options.onlineProbeMs ?? 60_000)
        : Math.max(
            1000,
            backoffDelay(
              this.failures,
              this.options.backoff ?? { baseMs: 1000, capMs: 15_000 },
              this.options.random,
            ),
          );
    this.timer = setTimeout(() => void this.probe(), delay);
    this.timer.unref();
  }
}
