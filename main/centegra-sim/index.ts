// The Centegra Plus simulator's public face: start one (in process, or from the CLI), switch its
// faults, read what it saw. Demo mode, every integration test and `centegra-sim --port N` use it.
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { checkedCard } from './admin';
import { demoCards } from './demo-cards';
import { DEFAULT_SEED, type Faults } from './faults';
import type { RecordedRequest } from './recorder';
import { API_BASE, buildServer } from './server';
import { Simulation } from './simulation';
import { bodyValidators } from './validate';
import type { LedgerEntry, LedgerFilter, LedgerTotals } from './ledger';
import type { MoneyOperation, SimCard, SimHold } from './store';

export {
  demoCards,
  formatDemoCards,
  formatMoney,
  isLuhnValid,
  luhnCheckDigit,
  type DemoCard,
} from './demo-cards';
export { apiPaths, defaultFaults, FaultsError, type ApiPath, type Capability, type Faults } from './faults';
export type { RecordedRequest } from './recorder';
export type { CardStatus, HoldState, MoneyOperation, SimCard, SimHold } from './store';
export {
  ledgerOperations,
  type LedgerEntry,
  type LedgerFilter,
  type LedgerOperation,
  type LedgerTotals,
} from './ledger';
export { API_BASE } from './server';
export { ADMIN_BASE } from './admin';

/** The "Factor4 Gift Card" API key the simulator accepts unless told otherwise. */
export const DEMO_API_KEY = 'demo-factor4-gift-card-key';

export interface Simulator {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** origin + '/giftcards/v1', mirroring https://api.centegraplus.com/giftcards/v1 */
  readonly baseUrl: string;
  readonly port: number;
  readonly apiKey: string;
  /** Merges `patch` into the current faults; throws FaultsError on a bad value. */
  setFaults(patch: Partial<Faults>): Faults;
  clearFaults(): Faults;
  faults(): Faults;
  requests(): RecordedRequest[];
  clearRequests(): void;
  card(cardNumber: string): SimCard | undefined;
  /** Adds or replaces a card; throws RangeError on a value the contract could not carry. */
  setCard(card: SimCard): void;
  /**
   * requestIds of money-moving operations that were APPLIED (state changed), with how many
   * times each was applied (always 1 if idempotency works).
   */
  applied(): Map<string, { operation: MoneyOperation; count: number }>;
  /**
   * What Centegra confirmed, one entry per amount moved, in order: redemptions, issuances, refunds,
   * voids, holds placed / captured / released / expired, and spends at another till.
   */
  ledger(filter?: LedgerFilter): LedgerEntry[];
  /** Count and amount per ledger operation; filter by currency, siteId, tillId. */
  totals(filter?: LedgerFilter): LedgerTotals;
  /** Every hold as it stands now (a lapsed one EXPIRED, its money back on the card), oldest first. */
  holds(): SimHold[];
  hold(holdId: string): SimHold | undefined;
  /**
   * The card spends at another till: from what it can spend, never from money held for a basket.
   * Returns the card after; throws RangeError when it is unknown, not ACTIVE or short.
   */
  spend(cardNumber: string, amountMinor: number): SimCard;
  /** The simulator's clock: real time plus whatever advanceClock added (reset() puts it back). */
  now(): Date;
  /** Moves the clock on (holds lapse by it, /status shows it); returns the new time. */
  advanceClock(ms: number): Date;
  /** Cards back to their seed, faults cleared, requests, books, holds and idempotency store cleared, real time. */
  reset(): void;
  /** Stops listening and destroys every connection, including keep-alive ones. */
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  apiKey?: string;
  /** Seed for the fault dice (rates and jitter), so a run can be repeated exactly. */
  seed?: number;
  /** Default: demoCards. */
  cards?: SimCard[];
  /** No line per request on stdout. In-process users (tests, demo mode) usually want this. */
  quiet?: boolean;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seedCards = (options.cards ?? demoCards).map(checkedCard);
  bodyValidators(); // compile the contract now: a broken YAML fails here, not on the first request
  const sim = new Simulation(options.apiKey ?? DEMO_API_KEY, seedCards, options.seed ?? DEFAULT_SEED);
  const lifetime = new AbortController();
  // Every request waiting in the latency fault listens to this signal; many may wait at once.
  setMaxListeners(0, lifetime.signal);
  const app = buildServer(sim, {
    signal: lifetime.signal,
    logLine: options.quiet ? undefined : (line) => console.log(line),
  });
  try {
    await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  } catch (error) {
    await app.close(); // e.g. EADDRINUSE: leave nothing open behind the error
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    origin,
    baseUrl: `${origin}${API_BASE}`,
    port,
    apiKey: sim.apiKey,
    setFaults: (patch) => sim.setFaults(patch),
    clearFaults: () => sim.clearFaults(),
    faults: () => sim.faults(),
    requests: () => sim.log.list(),
    clearRequests: () => sim.log.clear(),
    card: (cardNumber) => sim.store.card(cardNumber),
    setCard: (card) => sim.store.setCard(checkedCard(card)),
    applied: () => sim.store.applied(),
    ledger: (filter) => sim.store.ledgerEntries(filter),
    totals: (filter) => sim.store.ledgerTotals(filter),
    holds: () => sim.store.holds(),
    hold: (holdId) => sim.store.hold(holdId),
    spend: (cardNumber, amountMinor) => sim.store.spendElsewhere(cardNumber, amountMinor),
    now: () => new Date(sim.now()),
    advanceClock: (ms) => new Date(sim.advanceClock(ms)),
    reset: () => sim.reset(),
    close: () => {
      closing ??= (async () => {
        lifetime.abort(); // wakes requests waiting in the latency fault, which then drop their sockets
        await app.close();
      })();
      return closing;
    },
  };
}
