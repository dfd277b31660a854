// The state of the link to Centegra Plus (ONLINE / OFFLINE / KEY_DISABLED / FACTOR4_DOWN), from
// the outcome of every call plus a /status probe: often while the link is down, rarely while up.
import type { CentegraLink, LinkState } from '../contract';
import type { Centegra, CentegraResult, CentegraStatus } from './client';
import type { CentegraFailure } from './failures';
import { backoffDelay, type BackoffPolicy } from '../backoff';

export function linkFromStatus(result: CentegraResult<CentegraStatus>): {
  state: LinkState;
  detail?: string;
} {
  if (!result.ok) return { state: result.error.link, detail: result.error.message };
  if (result.value.factor4 === 'DOWN')
    return { state: 'FACTOR4_DOWN', detail: 'Centegra Plus reports Factor4 is down.' };
  if (result.value.factor4 === 'DEGRADED')
    return { state: 'ONLINE', detail: 'Centegra Plus reports Factor4 is running slowly.' };
  return { state: 'ONLINE' };
}

export interface LinkMonitorOptions {
  centegra: Centegra;
  onChange: (link: CentegraLink) => void;
  /** Probe interval while ONLINE. */
  onlineProbeMs?: number;
  backoff?: BackoffPolicy;
  now?: () => Date;
  random?: () => number;
}

export class LinkMonitor {
  private state: LinkState = 'OFFLINE';
  private detail: string | undefined = 'Not checked yet.';
  private lastOkAt: string | undefined;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: LinkMonitorOptions) {}

  snapshot(): CentegraLink {
    return {
      state: this.state,
      ...(this.lastOkAt ? { lastOkAt: this.lastOkAt } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }

  /** Probes now, then keeps probing on its own schedule until stop(). */
  start(): Promise<void> {
    return this.probe();
  }

  probe(): Promise<void> {
    this.probing ??= (async () => {
      const result = await this.options.centegra.status();
      if (this.stopped) return;
      const { state, detail } = linkFromStatus(result);
      this.set(state, detail);
      this.schedule();
    })().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  /** Any call's outcome is evidence too: a card inquiry that answered means we are online. */
  record(outcome: { ok: true } | { ok: false; error: CentegraFailure }): void {
    const before = this.state;
    if (outcome.ok) this.set('ONLINE', undefined);
    else this.set(outcome.error.link, outcome.error.link === 'ONLINE' ? undefined : outcome.error.message);
    // A steady flow of answers must not push the next /status back for ever: it is also how the
    // till learns what Centegra offers (holds, refunds). The schedule changes with the state only.
    if (this.state !== before || !this.timer) this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private set(state: LinkState, detail: string | undefined): void {
    const now = (this.options.now ?? (() => new Date()))().toISOString();
    if (state === 'ONLINE') {
      this.lastOkAt = now;
      this.failures = 0;
    } else {
      this.failures++;
    }
    const changed = state !== this.state || detail !== this.detail;
    this.state = state;
    this.detail = detail;
    if (changed) this.options.onChange(this.snapshot());
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const delay =
      this.state === 'ONLINE'
        ? (this.options.onlineProbeMs ?? 60_000)
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
