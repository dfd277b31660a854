// The agent core: wires configuration, storage, the Centegra adapter, scanning, the sale flow and
// the outbox behind one typed API (the contract) and one event stream. It knows nothing of
// Electron, HTTP servers or React; the hosts (main/electron, main/headless, main/posapi) call
// `call()` and `subscribe()`.
import path from 'node:path';
import type { z } from 'zod';
import { maskCardNumber } from './cards';
import { createCentegraClient, LinkMonitor, type Centegra } from './centegra';
import type { LoadedConfig } from './config';
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
  type Result,
} from './contract';
import { openDatabase, type Db } from './db';
import { EventHub, type EventInput, type EventListener } from './events';
import { acquireLock } from './files';
import { silentLogger, type Logger } from './logger';
import { backoffRetry, DeliveryWorker, OutboxStore, type RetryPolicy } from './queue';
import { SaleService, type ResolvedCard } from './sale';
import { Scanning, type DeviceBackends } from './scan';
import { ScanStore, type StoredScan } from './scans';
import { loadVaultKey, Vault, type KeyProtector } from './vault';

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
}

type Handlers = {
  [K in OperationName]: (input: z.output<Operations[K]['input']>) => Promise<Result<OperationOutput<K>>>;
};

const DEMO_TILL = { siteId: 'DEMO', tillId: 'T01' };
const FIRST_PROBE_WAIT_MS = 300;

export class Agent {
  readonly demo: boolean;
  readonly dataDir: string;
  private readonly events = new EventHub();
  private readonly scans = new ScanStore();
  private readonly link: LinkMonitor;
  private readonly outbox: OutboxStore;
  private readonly delivery: DeliveryWorker;
  private readonly sale: SaleService;
  private scanning!: Scanning;
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
      onSettled: (settled) => {
        for (const { item, result } of settled) {
          if ('ok' in result) this.link.record(result.ok ? { ok: true } : { ok: false, error: result.error });
          // Factor4 has the closure: the basket's own sealed copies of the cards are no longer needed.
          if (item.kind === 'CLOSE' && item.state === 'DELIVERED')
            this.sale.baskets.forgetCards(item.basketId);
        }
        this.sale.announceQueue();
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
    const s = this.sale;
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
      db = openDatabase(path.join(loaded.dataDir, 'till-agent.db'));
      const vault = new Vault(loadVaultKey(loaded.dataDir, options.keyProtector).key);
      centegra =
        'inquire' in options.centegra
          ? options.centegra
          : createCentegraClient({
              baseUrl: options.centegra.baseUrl,
              apiKey: options.centegra.apiKey,
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

  subscribe(listener: EventListener, lastEventId?: string): () => void {
    return this.events.subscribe(listener, lastEventId);
  }

  emit(event: EventInput): AgentEvent {
    return this.events.emit(event);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.link.stop();
    await this.delivery.stop();
    await this.scanning?.close();
    await this.centegra.close();
    this.db.close();
    this.releaseLock();
  }

  private health(): z.input<Operations['health']['output']> {
    const centegra = this.link.snapshot();
    const queue = this.outbox.summary();
    return {
      status: centegra.state === 'ONLINE' && queue.failed === 0 ? 'OK' : 'DEGRADED',
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
    const result = await this.centegra.inquire(card);
    this.link.record(result);
    const masked = maskCardNumber(card.cardNumber);
    if (!result.ok) {
      this.log.info(
        { card: masked, code: result.error.code, cause: result.error.cause },
        'card inquiry refused',
      );
      return fail(result.error.code, result.error.message);
    }
    this.log.info({ card: masked, status: result.value.status, entryType: card.entryType }, 'card inquiry');
    return ok({
      ...(card.scanId ? { scanId: card.scanId } : {}),
      cardNumberMasked: masked,
      status: result.value.status,
      balanceMinor: result.value.balanceMinor,
      currency: result.value.currency,
      ...(result.value.expiresOn ? { expiresOn: result.value.expiresOn } : {}),
      checkedAt: this.now().toISOString(),
    });
  }

  private onLinkChange(link: CentegraLink): void {
    this.log.info({ state: link.state, detail: link.detail }, 'Centegra Plus link');
    this.events.emit({ type: 'centegra', data: link });
    if (link.state === 'ONLINE') {
      // Centegra is back: what waited goes now, not at its next backoff time.
      this.outbox.wakeAll();
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
