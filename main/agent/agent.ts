// The agent core, wired: configuration, storage, the Centegra adapter, scanning, card inquiries,
// the sale flow, top-ups, the queue and the manager's operations behind one typed API (the
// contract) and one event stream. It knows nothing of Electron, HTTP servers or React; the hosts
// (main/electron, main/headless, main/posapi) call `call()` and `subscribe()`.
import path from 'node:path';
import { BalanceBook, CardInquiry } from './cards';
import { LinkMonitor, recordingLink, type Centegra } from './centegra';
import {
  dispatch,
  ok,
  type AgentEvent,
  type CentegraLink,
  type Handlers,
  type OperationName,
  type OperationOutput,
  type Result,
} from './contract';
import { bindSealedCards, openCheckedDatabase, sqliteVersion, Storage, type Db } from './db';
import { diagnosticsReport, SITE_PROBE_CARD } from './diagnostics';
import { EventHub, type EventInput, type EventListener } from './events';
import { claimDataFolder } from './data-mode';
import { acquireLock } from './lock';
import { silentLogger, type Logger } from './logger';
import { managerOperations, ManagerService } from './manager';
import { backoffRetry, DeliveryWorker, OutboxStore, QueueService } from './queue';
import { Sale } from './sale';
import { centegraAddress, centegraFor, DEMO_TILL, healthOf, type AgentOptions } from './options';
import { Scanning } from './scan';
import { makeSupportBundle } from './support';
import { TopUps } from './topups';
import { Refunds } from './refunds';
import { Holds } from './holds';
import { DayReports } from './reports';
import { Capabilities } from './capabilities';
import { loadVaultKey, Vault } from './vault';
import { AgentMetrics } from './metrics';

const FIRST_PROBE_WAIT_MS = 300;

/** The start-up check, run alongside, found the database damaged (Agent.start starts again). */
class DamagedAlongside extends Error {
  constructor(readonly problem: string) {
    super(`the database is damaged: ${problem}`);
  }
}

export class Agent {
  private readonly events = new EventHub();
  private readonly storage: Storage;
  private readonly link: LinkMonitor;
  private readonly delivery: DeliveryWorker;
  private readonly queue: QueueService;
  private readonly balances: BalanceBook;
  private readonly sale: Sale;
  private readonly holds: Holds;
  private readonly topUps: TopUps;
  private readonly refunds: Refunds;
  private readonly scanning: Scanning;
  private readonly handlers: Handlers;
  private readonly log: Logger;
  /** Fleet metrics (GET /v1/metrics, metrics.otlp). */
  readonly metrics: AgentMetrics;
  private closed = false;
  /** Whether the database's start-up check has passed (see db/integrity.ts: it may run alongside). */
  private checked = true;

  private constructor(
    private readonly options: AgentOptions,
    readonly db: Db,
    private readonly centegra: Centegra,
    vault: Vault,
    private readonly releaseLock: () => void,
  ) {
    const { loaded } = options;
    const config = loaded.config;
    const now = options.now ?? (() => new Date());
    const log = (this.log = options.log ?? silentLogger);
    const emit = (event: EventInput) => void this.events.emit(event);
    // Read from the agent when scraped; the counters are fed below (Centegra calls, deliveries, scans).
    const metrics = (this.metrics = new AgentMetrics({
      version: options.version,
      till: config.till ?? DEMO_TILL,
      online: () => this.link.snapshot().state === 'ONLINE',
      queue: () => outbox.gauges(),
      scanners: () => this.scanning.states(),
      storageOk: () => this.storage.health().ok,
      now,
      log,
    }));
    this.events.subscribe(metrics.onEvent);
    // What this Centegra offers (holds, refunds) is learnt from every /status the link asks.
    const capabilities = new Capabilities(db);
    const learning: Centegra = {
      ...centegra,
      status: async () => {
        const r = await recorded.status();
        if (r.ok) capabilities.learn(r.value.capabilities);
        return r;
      },
    };
    this.link = new LinkMonitor({
      centegra: learning,
      now,
      onlineProbeMs: options.onlineProbeMs,
      onChange: (l) => this.onLinkChange(l),
    });
    // Every service gets the client whose answers the link records.
    const recorded = recordingLink(centegra, this.link, metrics.centegraCall);
    const online = () => this.link.snapshot().state === 'ONLINE';
    const probe = () => void this.link.probe();
    /** Why Centegra cannot be asked now, as the code and words an operation refused for it carries. */
    const linkRefusal = () => this.link.refusal();
    this.storage = new Storage(db, { announce: (data) => emit({ type: 'storage', data }), log, now });
    const outbox = new OutboxStore(db);
    this.delivery = new DeliveryWorker({
      store: outbox,
      centegra: recorded,
      vault,
      log,
      retry: options.retry ?? backoffRetry(),
      held: options.holdDelivery,
      online,
      onSettled: (settled) => {
        metrics.delivered(settled);
        this.sale.afterDelivery(settled);
        this.topUps.afterDelivery(settled);
        this.refunds.afterDelivery(settled);
      },
    });
    const { storage, delivery } = this;
    const base = { log, now, emit, online, probe, linkRefusal };
    this.queue = new QueueService({
      ...base,
      outbox,
      delivery,
      storage,
      retentionDays: config.queue.retentionDays,
    });
    const balances = (this.balances = new BalanceBook(db, (e) =>
      log.warn({ err: e.message }, 'could not write the noted card balances; will try again'),
    ));
    const cards = new CardInquiry({
      ...base,
      centegra: recorded,
      fingerprint: (cardNumber) => vault.fingerprint(cardNumber),
      balances,
      scheme: config.cards,
      findScan: (scanId) => this.scanning.findScan(scanId),
    });
    this.scanning = new Scanning({
      ...base,
      config,
      inquire: (stored) => cards.inquireScanned(stored),
      devices: options.devices,
      pollMs: options.scannerPollMs,
    });
    const { queue } = this;
    const queueing = { storage, vault, outbox, delivery, queue };
    const holds = (this.holds = new Holds({
      ...base,
      ...queueing,
      centegra: recorded,
      capabilities,
      config: config.holds,
    }));
    const sale = (this.sale = new Sale({
      ...base,
      ...queueing,
      config,
      cards,
      balances,
      holds,
      liveRefunds: (basketId) => this.refunds.liveFor(basketId),
    }));
    const { pinHash, lockoutMinutes } = config.manager;
    const manager = new ManagerService({ db, pinHash, demo: loaded.demo, lockoutMinutes, log, now });
    const topUps = (this.topUps = new TopUps({
      ...base,
      ...queueing,
      centegra: recorded,
      cards,
      currency: config.currency,
      limits: config.topUps,
      manager,
    }));
    const refunds = (this.refunds = new Refunds({
      ...base,
      ...queueing,
      capabilities,
      cards,
      originalSale: (basketId) => sale.originalSale(basketId),
      currency: config.currency,
      closeWaitMs: config.closeWaitMs,
    }));
    const days = new DayReports(db, config.till ?? DEMO_TILL, config.currency);
    this.handlers = {
      health: async () =>
        ok(
          healthOf({
            centegra: this.link.snapshot(),
            queue: queue.summary(),
            storage: storage.health(),
            scanners: this.scanning.states(),
            version: options.version,
            loaded,
          }),
        ),
      inquireCard: (input) => cards.inquire(input),
      ...this.scanning.handlers,
      ...this.sale.handlers,
      ...topUps.handlers,
      ...refunds.handlers,
      dayReport: async (input) => ok(days.report(input.date, now())),
      ...queue.handlers,
      diagnostics: async () =>
        ok(
          await diagnosticsReport({
            baseUrl: centegraAddress(options),
            status: () => centegra.status(),
            scanners: () => this.scanning.states().filter((st) => st.kind !== 'keyboard'),
            configuredScanners: config.scanners.filter((c) => c.kind !== 'keyboard').length,
            queue: () => queue.summary(),
            site: {
              siteId: (config.till ?? DEMO_TILL).siteId,
              enquire: () => centegra.inquire({ cardNumber: SITE_PROBE_CARD, entryType: 'KEYED' }),
            },
            now,
            timeoutMs: Math.min(config.centegra.timeoutMs, 5000),
            warnings: [...(options.secretWarnings ?? []), ...manager.warnings()],
          }),
        ),
      ...managerOperations({
        ...base,
        manager,
        queue,
        storage,
        loaded,
        secrets: options.secrets,
        secretWarnings: options.secretWarnings ?? [],
        probeLink: probe,
        supportBundle: () => this.supportBundle(),
        money: {
          voidBasket: (basketId) => sale.handlers.voidBasket({ basketId }),
          topUps,
          refunds,
          dayReport: (date) => days.report(date, now()),
        },
      }),
    };
  }

  /** Takes the data folder's lock, opens the database and the vault, and starts scanners, link and delivery. */
  static async start(options: AgentOptions): Promise<Agent> {
    try {
      return await Agent.startOnce(options);
    } catch (e) {
      // The check that ran alongside found the file damaged: nothing was written to it or answered
      // from it; everything opened on it is closed. Started again, it goes aside for a fresh one.
      if (!(e instanceof DamagedAlongside)) throw e;
      return Agent.startOnce(options, e.problem);
    }
  }

  private static async startOnce(options: AgentOptions, knownProblem?: string): Promise<Agent> {
    const { loaded } = options;
    const release = acquireLock(loaded.dataDir);
    let db: Db | undefined;
    /** Closed after db when the start fails (see OpenedDatabase.alongside). */
    let guard: { open: boolean; close(): unknown } | undefined;
    let centegra: Centegra | undefined;
    let agent: Agent | undefined;
    try {
      const now = options.now ?? (() => new Date());
      const opened = openCheckedDatabase(path.join(loaded.dataDir, 'till-agent.db'), now(), {
        alongside: true,
        ...(options.checkAlongsideAboveBytes !== undefined
          ? { alongsideAboveBytes: options.checkAlongsideAboveBytes }
          : {}),
        ...(knownProblem !== undefined ? { knownProblem } : {}),
        ...(options.checkAlongside ? { checkAlongside: options.checkAlongside } : {}),
      });
      db = opened.db;
      guard = opened.alongside?.guard;
      // Before anything of the folder is used: a demo never runs on a real till's data, nor the reverse.
      claimDataFolder(db, loaded.dataDir, {
        demo: loaded.demo,
        sealedApiKey: options.secrets?.get('centegra.apiKey') !== undefined,
      });
      const vault = options.vault ?? new Vault(loadVaultKey(loaded.dataDir, options.keyProtector).key);
      // Before anything reads a card: cards sealed before they were bound to their rows are re-sealed.
      bindSealedCards(db, vault, options.log ?? silentLogger);
      centegra = centegraFor(options);
      const a = (agent = new Agent(options, db, centegra, vault, release));
      // Checked alongside: nothing that writes (the queue, held money) starts until it has passed.
      a.checked = opened.alongside === undefined;
      if (opened.kept) {
        // The damaged file is kept aside, untouched; a manager acknowledges it once IT knows.
        a.storage.recordKept(opened.kept, new Date());
        a.log.error(
          { kept: opened.kept.file, problem: opened.kept.problem },
          'the database was damaged: kept aside, a new one opened',
        );
      }
      await a.scanning.start();
      // Wait briefly for the first probe so the first health answer is a fact, not a guess;
      // a slow Centegra must not hold up start-up, so the probe carries on in the background.
      const probed = Promise.race([
        a.link.start(),
        new Promise((resolve) => setTimeout(resolve, FIRST_PROBE_WAIT_MS).unref()),
      ]);
      const checkedFirst = opened.alongside === undefined;
      if (opened.alongside) {
        // The probe on the wire first (a turn of the loop), then the check while Centegra answers.
        await new Promise((resolve) => setImmediate(resolve));
        const problem = await opened.alongside.check();
        if (problem !== null) throw new DamagedAlongside(problem);
        db.pragma('query_only = 0');
        opened.alongside.guard.close();
        a.checked = true;
      }
      await probed;
      a.delivery.start();
      // What the link's coming online did not do while the check ran: the queue brought forward.
      if (!checkedFirst && a.link.snapshot().state === 'ONLINE') a.queue.wake();
      // Old sales go once the POS API answers (startDelivery, when held), not before it.
      if (!options.holdDelivery) a.queue.startPruning();
      // Money left half-way by the last stop: holds asked for, top-ups not confirmed, holds to lapse.
      void a.holds.recover();
      void a.topUps.settlePending();
      a.sale.keepHolds();
      if (loaded.config.metrics.otlp) a.metrics.push(loaded.config.metrics.otlp);
      return a;
    } catch (e) {
      await agent?.scanning.close();
      agent?.link.stop();
      db?.close();
      if (guard?.open) guard.close();
      await centegra?.close();
      release();
      throw e;
    }
  }

  /** Validates the input against the contract, runs the operation, and never throws. */
  call<K extends OperationName>(op: K, input: unknown): Promise<Result<OperationOutput<K>>>;
  call(op: string, input: unknown): Promise<Result<unknown>>;
  call(op: string, input: unknown): Promise<Result<unknown>> {
    return dispatch(this.handlers, op, input, this.log);
  }

  /** One zip for support: logs, config (secrets redacted), diagnostics, queue, scanners, versions. */
  supportBundle(): Promise<{ filename: string; zip: Uint8Array }> {
    (this.log as { flush?: () => void }).flush?.();
    return makeSupportBundle({
      ask: (op, input) => this.call(op, input),
      sqliteVersion: sqliteVersion(this.db),
      loaded: this.options.loaded,
      secrets: this.options.secrets,
      version: this.options.version,
      logFiles: this.options.logFiles?.() ?? [],
    });
  }

  subscribe(listener: EventListener, lastEventId?: string): () => void {
    return this.events.subscribe(listener, lastEventId);
  }

  /** Lets a held queue go and starts the daily prune (holdDelivery); does nothing otherwise. */
  startDelivery(): void {
    this.delivery.release();
    this.queue.startPruning();
  }

  emit(event: EventInput): AgentEvent {
    return this.events.emit(event);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // First, while everything it reads is open: the last push of metrics (metrics.otlp).
    await this.metrics.close();
    this.link.stop();
    this.queue.close();
    this.sale.close();
    this.holds.close();
    this.topUps.close();
    await this.delivery.stop();
    await this.scanning.close();
    await this.centegra.close();
    // Last before the database: an inquiry answered while the others closed still gets noted.
    this.balances.close();
    await this.storage.close();
    this.db.close();
    this.releaseLock();
  }

  private onLinkChange(link: CentegraLink): void {
    this.log.info({ state: link.state, detail: link.detail }, 'Centegra Plus link');
    this.events.emit({ type: 'centegra', data: link });
    // Before the database's check has passed, start() does this once it has.
    if (link.state !== 'ONLINE' || !this.checked) return;
    this.queue.wake();
    void this.holds.recover();
    void this.topUps.settlePending();
  }
}
