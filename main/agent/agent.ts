// The agent core: wires configuration, storage, the Centegra adapter, scanning, the sale flow and
// the outbox behind one typed API (the contract) and one event stream. It knows nothing of
// Electron, HTTP servers or React; the hosts (main/electron, main/headless, main/posapi) call
// `call()` and `subscribe()`.
import path from 'node:path';
import type { z } from 'zod';
import { maskCardNumber } from './cards';
import { createCentegraClient, LinkMonitor, type Centegra } from './centegra';
import { settingsEntries, type LoadedConfig } from './config';
import {
  fail,
  ok,
  operations,
  type AgentEvent,
  type Card,
  type CentegraLink,
  type OperationName,
  type OperationOutput,
  type Operations,
  type QueueItem,
  type Result,
} from './contract';
import { openCheckedDatabase, type Db } from './db';
import { EventHub, type EventInput, type EventListener } from './events';
import { acquireLock } from './files';
import { silentLogger, type Logger } from './logger';
import { runChecks } from './diagnostics';
import { makeSupportBundle } from './support';
import { adviceFor, ManagerService, queueCsv } from './manager';
import { backoffRetry, DeliveryWorker, OutboxStore, type RetryPolicy } from './queue';
import { queueItemView, SaleService, type ResolvedCard } from './sale';
import { Scanning, type DeviceBackends } from './scan';
import { ScanStore, type StoredScan } from './scans';
import { loadVaultKey, Vault, type KeyProtector } from './vault';
import type { SecretStore } from './secrets';

export interface AgentOptions {
  loaded: LoadedConfig;
  version: string;
  /** Where Centegra Plus is: the configured service, or the simulator in demo mode. */
  centegra: { baseUrl: string; apiKey: string } | Centegra;
  log?: Logger;
  now?: () => Date;
  /** How often the link is probed while online (tests shorten it). */
  onlineProbeMs?: number;
  /** Scanner device access; tests pass fakes for what cannot exist here (HID hardware). */
  devices?: DeviceBackends;
  /** How often scanners are enumerated for hot-plug (default 1 s). */
  scannerPollMs?: number;
  /** Wraps the vault key with the OS keychain (Electron's safeStorage); without it, an owner-only key file. */
  keyProtector?: KeyProtector;
  /** When a queued item that did not go is tried again. */
  retry?: RetryPolicy;
  /** The vault, when the host opened it already (it also seals the secrets). */
  vault?: Vault;
  /** The sealed secrets; the Settings screen reads and sets them. */
  secrets?: SecretStore;
  /** Problems with how the config holds secrets, for diagnostics and the Settings screen. */
  secretWarnings?: string[];
  /** The log files, newest first, for the support bundle. */
  logFiles?: () => string[];
  /**
   * The queue stays still until the host calls startDelivery() (once it serves the POS): a till
   * starting with a long queue answers the POS first and sends the queue right after.
   */
  holdDelivery?: boolean;
}

type Handlers = {
  [K in OperationName]: (input: z.output<Operations[K]['input']>) => Promise<Result<OperationOutput<K>>>;
};

const DEMO_TILL = { siteId: 'DEMO', tillId: 'T01' };
const FIRST_PROBE_WAIT_MS = 300;

/** Queued items brought forward at a time when Centegra comes back (see wakeQueue). */
const WAKE_SLICE = 2000;

export class Agent {
  readonly demo: boolean;
  readonly dataDir: string;
  /** Where Centegra Plus is (the simulator's address in demo mode), for diagnostics. */
  readonly baseUrl: string;
  private readonly events = new EventHub();
  private readonly scans = new ScanStore();
  private readonly link: LinkMonitor;
  private readonly outbox: OutboxStore;
  private readonly delivery: DeliveryWorker;
  private readonly sale: SaleService;
  private readonly manager: ManagerService;
  private scanning!: Scanning;
  private pruneTimer: NodeJS.Timeout | undefined;
  private readonly handlers: Handlers;
  private readonly now: () => Date;
  private readonly log: Logger;
  private closed = false;

  private constructor(
    private readonly options: AgentOptions,
    readonly db: Db,
    private readonly centegra: Centegra,
    vault: Vault,
    private readonly releaseLock: () => void,
  ) {
    this.demo = options.loaded.demo;
    this.dataDir = options.loaded.dataDir;
    this.baseUrl =
      'baseUrl' in options.centegra
        ? options.centegra.baseUrl
        : (options.loaded.config.centegra.baseUrl ?? 'http://127.0.0.1/');
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? silentLogger;
    this.link = new LinkMonitor({
      centegra,
      now: this.now,
      onlineProbeMs: options.onlineProbeMs,
      onChange: (link) => this.onLinkChange(link),
    });
    this.outbox = new OutboxStore(db);
    this.delivery = new DeliveryWorker({
      store: this.outbox,
      centegra,
      vault,
      log: this.log,
      retry: options.retry ?? backoffRetry(),
      held: options.holdDelivery,
      online: () => this.link.snapshot().state === 'ONLINE',
      onSettled: (settled) => {
        for (const { result } of settled) {
          if ('ok' in result) this.link.record(result.ok ? { ok: true } : { ok: false, error: result.error });
        }
        this.sale.afterDelivery(settled);
      },
    });
    this.sale = new SaleService({
      db,
      vault,
      config: options.loaded.config,
      centegra,
      outbox: this.outbox,
      delivery: this.delivery,
      scans: this.scans,
      inquire: async (card) => {
        const r = await centegra.inquire(card);
        this.link.record(r);
        return r;
      },
      online: () => this.link.snapshot().state === 'ONLINE',
      probe: () => void this.link.probe(),
      emit: (event) => this.events.emit(event),
      log: this.log,
      now: this.now,
    });
    this.manager = new ManagerService({
      db,
      pinHash: options.loaded.config.manager.pinHash,
      demo: options.loaded.demo,
      lockoutMinutes: options.loaded.config.manager.lockoutMinutes,
      log: this.log,
      now: this.now,
    });
    const s = this.sale;
    const m = this.manager;
    const asManager = async <T>(
      session: string,
      act: () => Result<T> | Promise<Result<T>>,
    ): Promise<Result<T>> => {
      const allowed = m.check(session);
      return allowed.ok ? act() : allowed;
    };
    this.handlers = {
      health: async () => ok(this.health()),
      inquireCard: (input) => this.inquireCard(input),
      listScans: async (input) => ok({ scans: this.scans.list(input.after) }),
      submitKeyboardScan: async (input) => ok(this.scanning.submitKeyboard(input.text, this.now())),
      keyboardWedgeSettings: async () => ok(this.scanning.wedgeSettings()),
      scannersReport: async () => ok(this.scanning.report()),
      putBasket: async (input) => s.putBasket(input),
      getBasket: async (input) => s.getBasket(input.basketId),
      currentBasket: async () => s.currentBasket(),
      applyGiftCard: (input) => s.applyGiftCard(input),
      removeGiftCard: async (input) => s.removeGiftCard(input),
      closeBasket: (input) => s.closeBasket(input),
      voidBasket: async (input) => s.voidBasket(input.basketId),
      topUp: (input) => s.topUp(input),
      listQueue: async (input) => s.listQueue(input),
      retryQueueItem: async (input) => s.retryQueueItem(input.itemId),
      diagnostics: async () => {
        const checks = await runChecks({
          baseUrl: this.baseUrl,
          status: () => this.centegra.status(),
          scanners: () => this.scanning.states().filter((st) => st.kind !== 'keyboard'),
          configuredScanners: this.config.scanners.filter((c) => c.kind !== 'keyboard').length,
          queue: () => this.outbox.summary(),
          now: this.now,
          timeoutMs: Math.min(this.config.centegra.timeoutMs, 5000),
        });
        return ok({
          checks,
          allPassed: checks.every((c) => c.status === 'PASS'),
          at: this.now().toISOString(),
          warnings: options.secretWarnings ?? [],
        });
      },
      managerStatus: async () => ok(m.status()),
      managerUnlock: async (input) => m.unlock(input.pin),
      managerLock: async (input) => {
        m.lock(input.session);
        return ok({});
      },
      managerQueue: (input) => asManager(input.session, () => this.managerQueue(input)),
      managerRetry: (input) =>
        asManager(input.session, () => {
          const r = s.retryQueueItem(input.itemId);
          if (r.ok) m.audit('RETRY', input.itemId);
          return r;
        }),
      managerResolve: (input) =>
        asManager(input.session, () => this.resolveItem(input.itemId, input.resolution, input.note)),
      managerExport: (input) =>
        asManager(input.session, () => {
          const items = this.outbox.list({ state: input.state, limit: 100_000 });
          m.audit('EXPORT_CSV', undefined, `${items.length} items${input.state ? ` (${input.state})` : ''}`);
          return ok({
            filename: `till-agent-queue-${this.config.till ? `${this.config.till.siteId}-${this.config.till.tillId}` : 'demo'}-${this.now().toISOString().slice(0, 10)}.csv`,
            csv: queueCsv(items),
          });
        }),
      managerAcknowledgeStorage: (input) =>
        asManager(input.session, () => {
          const kept = this.keptDatabase();
          if (kept) {
            this.db.prepare("DELETE FROM meta WHERE key = 'damaged_db_kept'").run();
            m.audit('ACK_DAMAGED_DB', undefined, kept.file);
          }
          if (s.storageProblem) m.audit('ACK_STORAGE_PROBLEM', undefined, s.storageProblem.message);
          s.storageProblem = undefined;
          this.events.emit({ type: 'storage', data: this.storageHealth() });
          return ok({});
        }),
      managerAudit: (input) => asManager(input.session, () => ok({ entries: m.auditLog(input.limit) })),
      managerSettings: (input) =>
        asManager(input.session, () => {
          const secrets = options.secrets;
          const held = {
            apiKey: secrets?.get('centegra.apiKey') ?? options.loaded.config.centegra.apiKey,
            token: secrets?.get('posApi.token') ?? options.loaded.config.posApi.token,
          };
          return ok({
            ...(options.loaded.source.file ? { file: options.loaded.source.file } : {}),
            fileKind: options.loaded.source.kind,
            demo: this.demo,
            dataDir: this.dataDir,
            entries: settingsEntries(options.loaded, held),
            warnings: options.secretWarnings ?? [],
          });
        }),
      managerSetSecret: (input) =>
        asManager(input.session, () => {
          if (!options.secrets) return fail('INTERNAL', 'This till keeps no secret store.');
          if (input.name === 'posApi.token' && input.value.length < 24)
            return fail('BAD_REQUEST', 'A POS API token is at least 24 characters.');
          try {
            options.secrets.set(input.name, input.value);
          } catch (e) {
            this.log.error({ err: (e as Error).message }, 'could not store a secret');
            return fail('STORAGE_FAILED', 'The secret could not be stored. Check the disk, then try again.');
          }
          m.audit('SET_SECRET', undefined, input.name);
          if (input.name === 'centegra.apiKey') void this.link.probe();
          return ok({});
        }),
      managerSupportBundle: (input) =>
        asManager(input.session, async () => {
          const bundle = await this.supportBundle();
          m.audit('SUPPORT_BUNDLE', undefined, bundle.filename);
          return ok({ filename: bundle.filename, zipBase64: Buffer.from(bundle.zip).toString('base64') });
        }),
      managerRevealPosToken: (input) =>
        asManager(input.session, () => {
          const token = options.secrets?.get('posApi.token') ?? options.loaded.config.posApi.token;
          if (!token) return fail('NOT_FOUND', 'No POS API token is set yet; it is made at the first start.');
          m.audit('REVEAL_POS_TOKEN');
          return ok({ token });
        }),
    };
  }

  /** Takes the data folder's lock, opens the database and the vault, and starts scanners, link and delivery. */
  static async start(options: AgentOptions): Promise<Agent> {
    const { loaded } = options;
    const release = acquireLock(loaded.dataDir);
    let db: Db | undefined;
    let centegra: Centegra | undefined;
    let agent: Agent | undefined;
    try {
      const opened = openCheckedDatabase(
        path.join(loaded.dataDir, 'till-agent.db'),
        (options.now ?? (() => new Date()))(),
      );
      db = opened.db;
      if (opened.kept) {
        // The damaged file is kept aside, untouched; a manager acknowledges it once IT knows.
        db.prepare(
          "INSERT INTO meta (key, value) VALUES ('damaged_db_kept', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ).run(JSON.stringify({ ...opened.kept, at: new Date().toISOString() }));
        options.log?.error(
          { kept: opened.kept.file, problem: opened.kept.problem },
          'the database was damaged: kept aside, a new one opened',
        );
      }
      const vault = options.vault ?? new Vault(loadVaultKey(loaded.dataDir, options.keyProtector).key);
      const endpoint = options.centegra;
      centegra =
        'inquire' in endpoint
          ? endpoint
          : createCentegraClient({
              baseUrl: endpoint.baseUrl,
              // Read at each call: a key entered on the Settings screen takes effect at once.
              apiKey: () =>
                loaded.demo ? endpoint.apiKey : (options.secrets?.get('centegra.apiKey') ?? endpoint.apiKey),
              timeoutMs: loaded.config.centegra.timeoutMs,
              till: loaded.config.till ?? DEMO_TILL,
              userAgent: `till-agent/${options.version}`,
            });
      agent = new Agent(options, db, centegra, vault, release);
      const a = agent;
      a.scanning = await Scanning.start({
        config: loaded.config,
        scans: a.scans,
        emit: (event) => a.events.emit(event),
        inquire: (stored) => a.inquireScanned(stored),
        log: a.log,
        devices: options.devices,
        pollMs: options.scannerPollMs,
      });
      // Wait briefly for the first probe so the first health answer is a fact, not a guess;
      // a slow Centegra must not hold up start-up, so the probe carries on in the background.
      await Promise.race([
        a.link.start(),
        new Promise((resolve) => setTimeout(resolve, FIRST_PROBE_WAIT_MS).unref()),
      ]);
      a.delivery.start();
      a.prune();
      return a;
    } catch (e) {
      await agent?.scanning?.close();
      agent?.link.stop();
      db?.close();
      await centegra?.close();
      release();
      throw e;
    }
  }

  get config(): LoadedConfig['config'] {
    return this.options.loaded.config;
  }

  /** Validates the input against the contract, runs the operation, and never throws. */
  async call<K extends OperationName>(op: K, input: unknown): Promise<Result<OperationOutput<K>>>;
  async call(op: string, input: unknown): Promise<Result<unknown>>;
  async call(op: string, input: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(operations, op))
      return fail('NOT_FOUND', `There is no operation called ${JSON.stringify(op.slice(0, 40))}.`);
    const name = op as OperationName;
    const parsed = operations[name].input.safeParse(input ?? {});
    if (!parsed.success) return fail('BAD_REQUEST', describeInputProblem(parsed.error));
    try {
      const handler = this.handlers[name] as (input: unknown) => Promise<Result<unknown>>;
      const result = await handler(parsed.data);
      if (!result.ok) return result;
      // The contract is checked on the way out too: a shape bug is ours, never the POS's to find.
      const out = operations[name].output.safeParse(result.value);
      if (out.success) return { ok: true, value: out.data };
      this.log.error({ op, issues: out.error.issues.slice(0, 5) }, 'operation answered outside the contract');
      return fail(
        'INTERNAL',
        'Till Agent made a mistake answering this. Try again; if it keeps happening, send a support bundle to IT.',
      );
    } catch (e) {
      this.log.error({ op, err: e }, 'operation failed');
      return fail(
        'INTERNAL',
        'Till Agent made a mistake handling this. Try again; if it keeps happening, send a support bundle to IT.',
      );
    }
  }

  /** One zip for support: logs, config (secrets redacted), diagnostics, queue, scanners, versions. */
  supportBundle(): Promise<{ filename: string; zip: Uint8Array }> {
    const o = this.options;
    const secrets = [
      o.secrets?.get('centegra.apiKey') ?? o.loaded.config.centegra.apiKey,
      o.secrets?.get('posApi.token') ?? o.loaded.config.posApi.token,
      o.secrets?.get('ui.session'),
    ].filter((x): x is string => Boolean(x));
    (this.log as { flush?: () => void }).flush?.();
    return makeSupportBundle({
      agent: this,
      loaded: o.loaded,
      version: o.version,
      logFiles: o.logFiles?.() ?? [],
      secrets,
    });
  }

  subscribe(listener: EventListener, lastEventId?: string): () => void {
    return this.events.subscribe(listener, lastEventId);
  }

  /** Lets a held queue go (holdDelivery); does nothing otherwise. */
  startDelivery(): void {
    this.delivery.release();
  }

  emit(event: EventInput): AgentEvent {
    return this.events.emit(event);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.link.stop();
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    await this.delivery.stop();
    await this.scanning?.close();
    await this.centegra.close();
    // Last before the database: an inquiry answered while the others closed still gets noted.
    this.sale.close();
    this.db.close();
    this.releaseLock();
  }

  private health(): z.input<Operations['health']['output']> {
    const centegra = this.link.snapshot();
    const queue = this.sale.queueSummary();
    const storage = this.storageHealth();
    return {
      status: centegra.state === 'ONLINE' && queue.failed === 0 && storage.ok ? 'OK' : 'DEGRADED',
      storage,
      version: this.options.version,
      demo: this.demo,
      centegra,
      queue,
      scanners: this.scanning.states(),
      till: this.config.till ?? DEMO_TILL,
      currency: this.config.currency,
    };
  }

  private async inquireCard(input: z.output<Operations['inquireCard']['input']>): Promise<Result<Card>> {
    const card = this.sale.resolveCard(input);
    if (!card.ok) return card;
    return this.inquire(card.value);
  }

  /** The inquiry for a scan: refused with the scan's own reason when it is not a gift card. */
  private inquireScanned(stored: StoredScan): Promise<Result<Card>> {
    const card = this.sale.resolveCard({ scanId: stored.scan.scanId });
    return card.ok ? this.inquire(card.value) : Promise.resolve(card);
  }

  private async inquire(card: ResolvedCard): Promise<Result<Card>> {
    const sent = performance.now();
    const result = await this.centegra.inquire(card);
    // How long Centegra Plus took to answer, as this till saw it: IT reads it in the log when
    // cashiers say lookups are slow (and the inquiry benchmark subtracts it).
    const centegraMs = Math.round((performance.now() - sent) * 1000) / 1000;
    this.link.record(result);
    const checkedAt = this.now();
    const masked = maskCardNumber(card.cardNumber);
    if (!result.ok) {
      this.log.info(
        { card: masked, code: result.error.code, cause: result.error.cause, centegraMs },
        'card inquiry refused',
      );
      return fail(result.error.code, result.error.message);
    }
    this.log.info(
      { card: masked, status: result.value.status, entryType: card.entryType, centegraMs },
      'card inquiry',
    );
    this.sale.noteBalance(card.cardNumber, result.value, checkedAt);
    return ok({
      ...(card.scanId ? { scanId: card.scanId } : {}),
      cardNumberMasked: masked,
      status: result.value.status,
      balanceMinor: result.value.balanceMinor,
      currency: result.value.currency,
      ...(result.value.expiresOn ? { expiresOn: result.value.expiresOn } : {}),
      checkedAt: checkedAt.toISOString(),
    });
  }

  private keptDatabase(): { file: string; problem: string } | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'damaged_db_kept'").get() as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as { file: string; problem: string }) : undefined;
  }

  private storageHealth(): { ok: boolean; problem?: string; keptFile?: string } {
    const kept = this.keptDatabase();
    const failed = this.sale.storageProblem;
    if (!kept && !failed) return { ok: true };
    const problem = failed
      ? failed.message
      : `The sales database was damaged and has been kept aside as ${kept!.file}; a new one was started. Call IT: unsent sales may be recoverable from it. A manager acknowledges this once IT knows.`;
    return { ok: false, problem, ...(kept ? { keptFile: kept.file } : {}) };
  }

  private managerQueue(input: { state?: QueueItem['state']; limit: number; cursor?: string }) {
    const page = this.sale.listQueue(input);
    if (!page.ok) return page;
    const now = this.now();
    const items = page.value.items.map((view) => {
      const item = this.outbox.get(view.itemId)!;
      const advice = adviceFor(item, now);
      return { ...view, ...(advice ? { advice } : {}) };
    });
    const summary = this.sale.queueSummary();
    const oldestPendingAgeMs = summary.oldestPendingAt
      ? Math.max(0, now.getTime() - Date.parse(summary.oldestPendingAt))
      : undefined;
    return ok({
      ...page.value,
      items,
      summary: { ...summary, ...(oldestPendingAgeMs !== undefined ? { oldestPendingAgeMs } : {}) },
    });
  }

  private resolveItem(
    itemId: string,
    resolution: 'COLLECTED' | 'WRITTEN_OFF',
    note: string | undefined,
  ): Result<QueueItem> {
    const item = this.outbox.get(itemId);
    if (!item) return fail('NOT_FOUND', `There is no queued item ${itemId}.`);
    if (item.state !== 'FAILED')
      return fail(
        'BAD_REQUEST',
        'Only an item that did not go through can be marked as collected or written off.',
      );
    const words = resolution === 'COLLECTED' ? 'collected from the customer' : 'written off';
    this.outbox.resolve(
      itemId,
      `${resolution}: ${words}${note ? ` (${note})` : ''}`,
      this.now().toISOString(),
    );
    this.manager.audit(resolution, itemId, note);
    this.sale.announceQueue();
    return ok(queueItemView(this.outbox.get(itemId)!));
  }

  /** Delivered sales older than the retention period go (only masked data was left); daily. */
  private prune(): void {
    try {
      const days = this.config.queue.retentionDays;
      const removed = this.outbox.prune(new Date(this.now().getTime() - days * 86_400_000).toISOString());
      if (removed > 0) this.log.info({ removed, days }, 'pruned delivered sales past the retention period');
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'could not prune old sales');
    }
    this.pruneTimer = setTimeout(() => this.prune(), 86_400_000);
    this.pruneTimer.unref();
  }

  private onLinkChange(link: CentegraLink): void {
    this.log.info({ state: link.state, detail: link.detail }, 'Centegra Plus link');
    this.events.emit({ type: 'centegra', data: link });
    if (link.state === 'ONLINE') this.wakeQueue();
  }

  /**
   * Centegra is back: what waited goes now, not at its next backoff time. Oldest first, a slice at
   * a time between other work (a POS request, the drain itself), so a long queue holds nothing up;
   * the drain starts with the first slice.
   */
  private wakeQueue(afterSeq = 0): void {
    if (this.closed) return;
    try {
      const slice = this.outbox.wakeSlice(afterSeq, WAKE_SLICE);
      this.delivery.wake();
      if (slice.full) setImmediate(() => this.wakeQueue(slice.lastSeq));
    } catch (e) {
      this.log.warn(
        { err: (e as Error).message },
        'could not bring the queue forward; it goes at its own times',
      );
      this.delivery.wake();
    }
  }
}

type Issue = z.ZodError['issues'][number];

/** For a union (scanId or cardNumber), explain the branch the caller meant: the one not missing its key. */
function pickIssue(issues: readonly Issue[]): Issue | undefined {
  const issue = issues[0];
  if (issue?.code !== 'invalid_union') return issue;
  const missingKey = (i: Issue) =>
    i.code === 'invalid_type' && i.path.length === 1 && /received undefined/.test(i.message);
  const branches = [...issue.errors].sort(
    (a, b) => a.filter(missingKey).length - b.filter(missingKey).length,
  );
  const best = branches[0];
  if (!best || best.some(missingKey)) return issue;
  return pickIssue(best);
}

function describeInputProblem(error: z.ZodError): string {
  const issue = pickIssue(error.issues);
  if (!issue) return 'The request does not match the API.';
  if (issue.code === 'invalid_union') return 'Send either a scanId, or a cardNumber (with an optional pin).';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys')
    return `${where}unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}.`;
  return `${where}${issue.message}.`;
}
