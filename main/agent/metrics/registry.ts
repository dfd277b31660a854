// Fleet metrics, as the POS API contract names them (/metrics): the till_agent_* metrics of one
// agent and the standard process_* and nodejs_* metrics, in a prom-client registry of the agent's
// own (never prom-client's global one). Gauges are read when scraped from what the agent already
// keeps, at no more cost than a few indexed rows (the queue's counts are kept by triggers, see
// db migration 6); counters and the Centegra histogram are fed as things happen. No label carries
// a card number, a secret or scanned text: the only free-form values are the till's own ids and
// the version, from the config and the build.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CentegraOperation } from '../centegra';
import type { AgentEvent, ScannerState } from '../contract';
import type { Logger } from '../logger';
import type { QueueGauges, Settlement } from '../queue';
import { eventLoopLag } from './event-loop';
import type { OtlpConfig, OtlpPush } from './otlp';

/** What the metrics read from the agent when they are scraped. */
export interface MetricsSources {
  version: string;
  till: { siteId: string; tillId: string };
  /** Whether the link to Centegra Plus is ONLINE. */
  online(): boolean;
  queue(): QueueGauges;
  scanners(): ScannerState[];
  storageOk(): boolean;
  now(): Date;
  log: Logger;
}

/** Seconds: from a quick loopback answer to the 8 s default timeout of a call (centegra.timeoutMs). */
const CENTEGRA_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** How long closing waits for the last push to the collector before giving up on it. */
const LAST_PUSH_WAIT_MS = 3000;

const DELIVERY_RESULT = { DELIVERED: 'delivered', FAILED: 'refused', PENDING: 'retry' } as const;

let processRegistry: Registry | undefined;

/**
 * process_* and nodejs_* describe the process, not an agent: made once and shared by every agent
 * in it (tests start many), because prom-client cannot stop the collectors it starts (an event
 * loop delay monitor, a GC observer). Its event loop lag gauges are replaced by ours (event-loop.ts:
 * the same names, without ~240 µs on every scrape), so its own monitor is left to sample hourly;
 * ours samples every 100 ms rather than 10: fewer wake-ups of an idle till, and each sample is
 * still timed to the microsecond.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 3_600_000 });
    eventLoopLag(processRegistry, 100);
  }
  return processRegistry;
}

export class AgentMetrics {
  /** The agent's metrics and the process's, as one registry: what a scrape and a push read. */
  readonly registry: Registry;
  /** When the agent's counters started counting (their start time in OTLP). */
  readonly startedAt: Date;
  private readonly deliveries: Counter<'result'>;
  private readonly scans: Counter<'result'>;
  private readonly centegra: Histogram<'operation'>;

  constructor(private readonly sources: MetricsSources) {
    this.startedAt = sources.now();
    const own = new Registry();
    const registers = [own];
    /** Reads a source for a gauge; a failure (say, storage gone) keeps the last value, not the scrape. */
    const read = <T>(what: string, source: () => T, use: (value: T) => void) => {
      try {
        use(source());
      } catch (e) {
        sources.log.warn({ err: (e as Error).message, metric: what }, 'a metric could not be read');
      }
    };
    new Gauge({
      name: 'till_agent_info',
      help: 'Always 1: which Till Agent version runs on which till (site_id, till_id as in Centegra Plus).',
      labelNames: ['version', 'site_id', 'till_id'] as const,
      registers,
    }).set({ version: sources.version, site_id: sources.till.siteId, till_id: sources.till.tillId }, 1);
    new Gauge({
      name: 'till_agent_centegra_online',
      help: '1 while the link to Centegra Plus is ONLINE; 0 while it is offline, the API key is disabled or Factor4 is down.',
      registers,
      collect() {
        read('till_agent_centegra_online', sources.online, (online) => this.set(online ? 1 : 0));
      },
    });
    new Gauge({
      name: 'till_agent_queue_items',
      help: 'Queued sales, voids, refunds and hold releases by state: pending (waiting to be sent), in_flight (being sent), failed (refused, not yet resolved by a manager).',
      labelNames: ['state'] as const,
      registers,
      collect() {
        read('till_agent_queue_items', sources.queue, (q) => {
          this.set({ state: 'pending' }, q.pending);
          this.set({ state: 'in_flight' }, q.inFlight);
          this.set({ state: 'failed' }, q.failed);
        });
      },
    });
    new Gauge({
      name: 'till_agent_queue_oldest_pending_age_seconds',
      help: 'How long the oldest item still to be sent (pending or in flight) has waited; 0 when none waits.',
      registers,
      collect() {
        read('till_agent_queue_oldest_pending_age_seconds', sources.queue, (q) => {
          const since = q.oldestWaitingAt ? Date.parse(q.oldestWaitingAt) : NaN;
          this.set(Number.isNaN(since) ? 0 : Math.max(0, (sources.now().getTime() - since) / 1000));
        });
      },
    });
    this.deliveries = new Counter({
      name: 'till_agent_deliveries_total',
      help: 'Attempts to send a queued item to Centegra Plus by result: delivered, refused (failed for good), retry (to be sent again).',
      labelNames: ['result'] as const,
      registers,
    });
    for (const result of Object.values(DELIVERY_RESULT)) this.deliveries.inc({ result }, 0);
    this.centegra = new Histogram({
      name: 'till_agent_centegra_request_duration_seconds',
      help: 'How long each call to Centegra Plus took, answered or not, by operation (status, inquire, issue, close_basket, void, hold, release_hold, refund).',
      labelNames: ['operation'] as const,
      buckets: CENTEGRA_BUCKETS,
      registers,
    });
    this.scans = new Counter({
      name: 'till_agent_scans_total',
      help: 'Codes read by the scanners (a repeat of the same card within cards.dedupeMs is not counted): card (a gift card number), refused (not a gift card).',
      labelNames: ['result'] as const,
      registers,
    });
    for (const result of ['card', 'refused']) this.scans.inc({ result }, 0);
    new Gauge({
      name: 'till_agent_scanners_connected',
      help: 'Serial and HID scanners connected now (a keyboard-wedge scanner is read by the screen and not counted).',
      registers,
      collect() {
        read('till_agent_scanners_connected', sources.scanners, (states) =>
          this.set(states.filter((s) => s.kind !== 'keyboard' && s.connected).length),
        );
      },
    });
    new Gauge({
      name: 'till_agent_storage_ok',
      help: '1 while the till can store what it accepts; 0 after a write failed (disk full, permissions) or a damaged database was kept aside, until a manager acknowledges it.',
      registers,
      collect() {
        read('till_agent_storage_ok', sources.storageOk, (ok) => this.set(ok ? 1 : 0));
      },
    });
    this.registry = Registry.merge([processMetrics(), own]);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition (version 0.0.4), made by prom-client. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  /** For recordingLink: how long a call to Centegra Plus took. */
  readonly centegraCall = (operation: CentegraOperation, seconds: number): void => {
    this.centegra.observe({ operation }, seconds);
  };

  /** For the delivery worker's onSettled: one count per item sent. */
  delivered(settled: ReadonlyArray<{ settlement: Pick<Settlement, 'state'> }>): void {
    for (const { settlement } of settled) this.deliveries.inc({ result: DELIVERY_RESULT[settlement.state] });
  }

  /** For the event stream: a scan counts by whether it was a gift card (never by what it said). */
  readonly onEvent = (event: AgentEvent): void => {
    if (event.type === 'scan') this.scans.inc({ result: event.data.valid ? 'card' : 'refused' });
  };

  private pushing: Promise<OtlpPush | undefined> | undefined;

  /** metrics.otlp: loads the exporter (only now, only then) and pushes every intervalS until close(). */
  push(otlp: OtlpConfig): void {
    const { log, version, till } = this.sources;
    this.pushing = import('./otlp')
      .then(({ startOtlpPush }) =>
        startOtlpPush({ registry: this.registry, otlp, version, till, agentStartedAt: this.startedAt, log }),
      )
      .catch((e: unknown) => {
        log.error({ err: (e as Error).message }, 'could not start pushing metrics (metrics.otlp)');
        return undefined;
      });
  }

  /** Pushes the last figures (metrics.otlp), waiting for the collector a few seconds at most. */
  async close(): Promise<void> {
    const push = await this.pushing;
    this.pushing = undefined;
    if (!push) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      push.close().catch((e: unknown) => {
        this.sources.log.warn(
          { err: (e as Error).message },
          'the last push of metrics failed (metrics.otlp)',
        );
      }),
      new Promise((resolve) => (timer = setTimeout(resolve, LAST_PUSH_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }
}
