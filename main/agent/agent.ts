// The agent core, wired: configuration, storage, the Centegra adapter, scanning, card inquiries,
// the sale flow, top-ups, the queue and the manager's operations behind one typed API (the
// contract) and one event stream. It knows nothing of Electron, HTTP servers or React; the hosts
// (main/electron, main/headless, main/posapi) call `call()` and `subscribe()`.
import path from 'node:path';
import { BalanceBook, CardInquiry } from './cards';
import { LinkMonitor, recordingLink, type Centegra } from './centegra';
import {
  dispatch,
  fail,
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
import { answeredWhileChecking, cannotStart, ifStarted } from './start-check';

const FIRST_PROBE_WAIT_MS = 300;

/** The read-only connection held while the start-up check runs alongside (OpenedDatabase). */
type CheckGuard = { open: boolean; close(): unknown };

export class Agent {
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
  private readonly ownMetrics: AgentMetrics;
  private readonly stopMetrics: () => void;
  private closed = false;
  /** Its services stopped and its database closed (by close(), or when it was replaced). */
  private ownClosed = false;
  /** Whether the database's start-up check has passed (see db/integrity.ts: it may run alongside). */
  private checked = true;
  /** While the check runs alongside: settles when it has passed, or the agent has been replaced. */
  private checking: Promise<void> | undefined;
  /** The check found the file damaged: the agent that took over, on a fresh file. */
  private replacement: Promise<Agent> | undefined;
  private successor: Agent | undefined;
  /** The host has let the queue go (startDelivery), before the check had passed, say. */
  private deliveryAsked = false;
  /** The read-only connection held while the check runs, closed after the database (OpenedDatabase). */
  private guard: CheckGuard | undefined;

  private constructor(
    private readonly options: AgentOptions,
    private readonly ownDb: Db,
    private readonly centegra: Centegra,
    vault: Vault,
    private readonly releaseLock: () => void,
    /** Shared with a replacement, so the screens' and the POS's subscriptions carry over. */
    private readonly events: EventHub,
  ) {
    const db = ownDb;
    const { loaded } = options;
    const config = loaded.config;
    const now = options.now ?? (() => new Date());
    const log = (this.log = options.log ?? silentLogger);
    const emit = (event: EventInput) => void this.events.emit(event);
    // Read from the agent when scraped; the counters are fed below (Centegra calls, deliveries, scans).
    const metrics = (this.ownMetrics = new AgentMetrics({
      version: options.version,
      till: config.till ?? DEMO_TILL,
      online: () => this.link.snapshot().state === 'ONLINE',
      queue: () => outbox.gauges(),
      scanners: () => this.scanning.states(),
      storageOk: () => this.storage.health().ok,
      now,
      log,
    }));
    this.stopMetrics = this.events.subscribe(metrics.onEvent);
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

  /**
   * Takes the data folder's lock, opens the database and the vault, and starts scanners, link and
   * delivery. A large file is checked alongside (db/integrity.ts): the agent answers what writes
   * nothing meanwhile, and starts writing and sending once the check has passed.
   */
  static start(options: AgentOptions): Promise<Agent> {
    return Agent.startOnce(options, undefined, new EventHub());
  }

  private static async startOnce(
    options: AgentOptions,
    knownProblem: string | undefined,
    events: EventHub,
  ): Promise<Agent> {
    const { loaded } = options;
    const release = acquireLock(loaded.dataDir);
    let db: Db | undefined;
    /** Closed after db when the start fails (see OpenedDatabase.alongside). */
    let guard: CheckGuard | undefined;
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
      const a = (agent = new Agent(options, db, centegra, vault, release, events));
      a.guard = guard;
      if (opened.kept) {
        // The damaged file is kept aside, untouched; a manager acknowledges it once IT knows.
        a.storage.recordKept(opened.kept, new Date());
        a.log.error(
          { kept: opened.kept.file, problem: opened.kept.problem },
          'the database was damaged: kept aside, a new one opened',
        );
        a.emit({ type: 'storage', data: a.storage.health() });
      }
      await a.scanning.start();
      // Wait briefly for the first probe so the first health answer is a fact, not a guess;
      // a slow Centegra must not hold up start-up, so the probe carries on in the background.
      const probed = Promise.race([
        a.link.start(),
        new Promise((resolve) => setTimeout(resolve, FIRST_PROBE_WAIT_MS).unref()),
      ]);
      if (opened.alongside) {
        // Until it has passed, nothing writes (SQLite refuses it on this connection: query_only)
        // or is sent; what writes waits (call()). The probe goes on the wire first (a turn).
        const { check } = opened.alongside;
        a.checked = false;
        a.checking = new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => check())
          .then(
            (problem) => (problem === null ? a.checkPassed() : a.replace(problem)),
            (e: unknown) => a.uncheckable(e),
          )
          .catch((e: unknown) => a.uncheckable(e));
      }
      await probed;
      if (a.checked) a.begin();
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

  /** Once the database is known sound: the queue, held money and the rest of what writes start. */
  private begin(): void {
    this.storage.checkpointAtPauses(this.options.checkpointTickMs);
    this.delivery.start();
    if (this.deliveryAsked) this.delivery.release();
    // Old sales go once the POS API answers (startDelivery, when held), not before it.
    if (!this.options.holdDelivery || this.deliveryAsked) this.queue.startPruning();
    // Money left half-way by the last stop: holds asked for, top-ups not confirmed, holds to lapse.
    void this.holds.recover();
    void this.topUps.settlePending();
    this.sale.keepHolds();
    const { otlp } = this.options.loaded.config.metrics;
    if (otlp) this.ownMetrics.push(otlp);
  }

  private checkPassed(): void {
    this.checking = undefined;
    if (this.ownClosed) return;
    this.ownDb.pragma('query_only = 0');
    this.guard?.close();
    this.checked = true;
    this.begin();
    // What the link's coming online did not do while the check ran: the queue brought forward.
    if (this.link.snapshot().state === 'ONLINE') this.queue.wake();
  }

  /**
   * The check found the file damaged. Nothing was written to it: it is closed as found, set aside
   * whole, and an agent on a fresh file takes over (the same event stream; what waited is answered
   * by it). The POS sees a till that stops answering for the moment that takes.
   */
  private replace(problem: string): void {
    this.checking = undefined;
    if (this.ownClosed) return;
    this.log.error({ problem }, 'the start-up check found the database damaged: starting on a fresh one');
    const next = this.closeOwn().then(() => Agent.startOnce(this.options, problem, this.events));
    this.replacement = next.then((a) => {
      this.successor = a;
      if (this.deliveryAsked) a.startDelivery();
      return a;
    });
    this.replacement.catch((e: unknown) =>
      this.log.error({ err: e }, 'could not start again on a fresh database'),
    );
  }

  /** The check could not read the file at all (not damage): nothing is written or sent; IT must look. */
  private uncheckable(e: unknown): void {
    this.checking = undefined;
    if (this.ownClosed) return;
    this.log.error({ err: e }, 'the start-up check could not read the database');
    void ifStarted((this.replacement = this.closeOwn().then(() => Promise.reject(e))));
  }

  /** The database in use (the replacement's, once the check has found the first one damaged). */
  get db(): Db {
    return this.successor?.db ?? this.ownDb;
  }

  /** Fleet metrics (GET /v1/metrics, metrics.otlp). */
  get metrics(): AgentMetrics {
    return this.successor?.metrics ?? this.ownMetrics;
  }

  /** Validates the input against the contract, runs the operation, and never throws. */
  call<K extends OperationName>(op: K, input: unknown): Promise<Result<OperationOutput<K>>>;
  call(op: string, input: unknown): Promise<Result<unknown>>;
  call(op: string, input: unknown): Promise<Result<unknown>> {
    if (this.replacement)
      return this.replacement.then(
        (a) => a.call(op, input),
        (e: unknown) => fail('STORAGE_FAILED', cannotStart(e)),
      );
    if (this.checking && !answeredWhileChecking(op)) return this.checking.then(() => this.call(op, input));
    return dispatch(this.handlers, op, input, this.log);
  }

  /** One zip for support: logs, config (secrets redacted), diagnostics, queue, scanners, versions. */
  supportBundle(): Promise<{ filename: string; zip: Uint8Array }> {
    if (this.replacement) return this.replacement.then((a) => a.supportBundle());
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

  /** Lets a held queue go and starts the daily prune (holdDelivery), once the database is checked. */
  startDelivery(): void {
    this.deliveryAsked = true;
    if (this.replacement) void ifStarted(this.replacement).then((a) => a?.startDelivery());
    else if (this.checked) {
      this.delivery.release();
      this.queue.startPruning();
    }
  }

  emit(event: EventInput): AgentEvent {
    return this.events.emit(event);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.closeOwn();
    if (this.replacement) await (await ifStarted(this.replacement))?.close();
  }

  private async closeOwn(): Promise<void> {
    if (this.ownClosed) return;
    this.ownClosed = true;
    // First, while everything it reads is open: the last push of metrics (metrics.otlp).
    await this.ownMetrics.close();
    this.stopMetrics();
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
    this.ownDb.close();
    // After the database: a file the check has not passed is closed exactly as it was found.
    if (this.guard?.open) this.guard.close();
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
