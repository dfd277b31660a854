// Tools for the money tests (holds, top-ups, refunds, the day report): fresh cards on the
// simulator, a basket's lines, waiting for something to become true, and a till whose clock the
// test moves (the agent's `now` option), served over real HTTP on a free loopback port and
// restartable on the same data folder.
import { request } from 'undici';
import { Agent, silentLogger } from '../../main/agent';
import { luhnCheckDigit, startSimulator, type SimCard, type Simulator } from '../../main/centegra-sim';
import { createPosApi } from '../../main/posapi';
import { tillFolder, type TillFolder } from './till-folder';

export const GBP = 'GBP';

/** One line per amount, adding up to their sum (the contract wants lines that add up to the total). */
export function lines(...amounts: number[]) {
  return amounts.map((a, i) => ({
    sku: `SKU${i}`,
    description: `Item ${i}`,
    quantity: 1,
    unitPriceMinor: a,
    lineTotalMinor: a,
  }));
}

let cardSeq = 0;

/** A new active GBP card on the simulator, 16 Luhn-valid digits no other test uses. */
export function newCard(sim: Simulator, balanceMinor: number, extra: Partial<SimCard> = {}): string {
  cardSeq += 1;
  const body = `6280398${String(process.pid % 1000).padStart(3, '0')}${String(cardSeq).padStart(5, '0')}`;
  const cardNumber = body + luhnCheckDigit(body);
  sim.setCard({ cardNumber, status: 'ACTIVE', balanceMinor, currency: GBP, ...extra });
  return cardNumber;
}

export const masked = (cardNumber: string) => `${'•'.repeat(cardNumber.length - 4)}${cardNumber.slice(-4)}`;

/** Polls `check` every 25 ms until it is true; fails naming `what` after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 10_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface ApiAnswer {
  status: number;
  json: any;
  text: string;
}

export type CallApi = (method: string, url: string, options?: { body?: unknown }) => Promise<ApiAnswer>;

/** A POS's HTTP call to `origin` with the bearer token. */
export function posClient(origin: () => string, token: string): CallApi {
  return async (method, url, options = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const r = await request(origin() + url, { method: method as 'GET', headers, body });
    const text = await r.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.statusCode, json, text };
  };
}

/** The agent's clock: real time plus what the test has moved it on by. */
export class TestClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface ClockedTill {
  sim: Simulator;
  agent: Agent;
  clock: TestClock;
  folder: TillFolder;
  port: number;
  token: string;
  api: CallApi;
  /** Stops the agent and its POS API (as a clean shutdown), then starts them again on the same folder. */
  restart(beforeStart?: () => void | Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

const TOKEN = 'money-test-pos-token-0123456789abcdef';

/**
 * The simulator, and an agent on it as a till runs one (not demo mode: till S1/T1), with a clock the
 * test moves, and its POS API on a free loopback port. `stop()` closes all of it and removes the folder.
 */
export async function startClockedTill(options: { config?: object } = {}): Promise<ClockedTill> {
  const sim = await startSimulator({ quiet: true });
  const folder = tillFolder({
    centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey, timeoutMs: 2000 },
    till: { siteId: 'S1', tillId: 'T1' },
    posApi: { port: 0, token: TOKEN },
    closeWaitMs: 1500,
    ...options.config,
  });
  const clock = new TestClock();
  let agent: Agent | undefined;
  let posApi: ReturnType<typeof createPosApi> | undefined;
  let port = 0;

  const start = async () => {
    const loaded = folder.load();
    agent = await Agent.start({
      loaded,
      version: 'test',
      centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
      now: clock.now,
      onlineProbeMs: 500,
    });
    const listen = { host: '127.0.0.1', port: 0, secure: false };
    posApi = createPosApi({ agent, listen, token: TOKEN, allowedOrigins: [], log: silentLogger });
    await posApi.listen({ host: '127.0.0.1', port: 0 });
    port = (posApi.server.address() as { port: number }).port;
  };
  const halt = async () => {
    await posApi?.close();
    await agent?.close();
    posApi = undefined;
    agent = undefined;
  };
  await start();

  return {
    sim,
    clock,
    folder,
    token: TOKEN,
    get agent() {
      return agent!;
    },
    get port() {
      return port;
    },
    api: posClient(() => `http://127.0.0.1:${port}`, TOKEN),
    async restart(beforeStart) {
      await halt();
      await beforeStart?.();
      await start();
    },
    async stop() {
      await halt();
      await sim.close();
      folder.remove();
    },
  };
}

/** The money a ledger operation moved, per basket, from the simulator's books. */
export function ledgerSum(
  sim: Simulator,
  operation: string,
  where: (e: ReturnType<Simulator['ledger']>[number]) => boolean = () => true,
): { count: number; amountMinor: number } {
  const entries = sim.ledger().filter((e) => e.operation === operation && where(e));
  return { count: entries.length, amountMinor: entries.reduce((n, e) => n + e.amountMinor, 0) };
}
