// Tools for the chaos test (test/integration/chaos.test.ts): a seeded random source, a loopback
// port outside the ephemeral range that stays ours across restarts, the agent as a real child
// process that can be SIGKILLed and started again on the same data folder and port, a POS client
// that survives the agent dying under it, and a collector that keeps every request the simulator
// saw (the simulator's own log keeps only the last 10,000).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent as HttpAgent, request } from 'undici';
import { luhnCheckDigit, type RecordedRequest, type SimCard, type Simulator } from '../../main/centegra-sim';
import { repoRoot } from './cli';

// ---- random choices, repeatable from a seed ----

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  chance(share: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny and good enough to make the test's choices repeatable from one number. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uniform: (min, max) => min + next() * (max - min),
    chance: (share) => next() < share,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick: no items');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

// ---- cards ----

/** `count` active GBP cards of `balanceMinor` each: 16 Luhn-valid digits, distinct last four. */
export function chaosCards(count: number, balanceMinor: number): SimCard[] {
  if (count > 999) throw new RangeError('chaosCards: at most 999 cards');
  return Array.from({ length: count }, (_, i) => {
    const body = `628039777700${String(i + 1).padStart(3, '0')}`;
    return { cardNumber: body + luhnCheckDigit(body), status: 'ACTIVE', balanceMinor, currency: 'GBP' };
  });
}

// ---- a port that stays ours ----

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A free loopback port below Linux's ephemeral range (32768-60999): the agent is dead for a moment
 * at every restart, and a port the kernel hands out for `listen(0)` or an outgoing connection
 * could be taken by someone else in that moment. Below the range only an explicit bind can take it.
 */
export async function pickFixedPort(rng: Rng): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const port = rng.int(20_000, 32_000);
    if (await portIsFree(port)) return port;
  }
  throw new Error('no free loopback port in 20000-32000');
}

// ---- the POS side of the POS API ----

export interface Answer {
  status: number;
  /** The POS API's JSON, checked by the test. */
  json: any;
  text: string;
}

/** A POS talking to the agent over HTTP with its bearer token. Its own connection pool, closed by close(). */
export class PosClient {
  private readonly dispatcher = new HttpAgent({
    connections: 16,
    keepAliveTimeout: 2000,
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });

  constructor(
    readonly origin: string,
    private readonly token: string,
  ) {}

  async call(method: string, path: string, body?: unknown, timeoutMs = 15_000): Promise<Answer> {
    const r = await request(this.origin + path, {
      method: method as 'GET',
      dispatcher: this.dispatcher,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await r.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.statusCode, json, text };
  }

  /** A GET that is tried again on a network error (the agent may be restarting), up to `withinMs`. */
  async get(path: string, withinMs = 20_000): Promise<Answer> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      try {
        return await this.call('GET', path, undefined, 5000);
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await sleep(100);
      }
    }
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

// ---- the agent as a child process ----

export interface AgentProcessOptions {
  configFile: string;
  dataDir: string;
  port: number;
  pos: PosClient;
}

/** `serve` as IT runs it: one Node process (tsx loads the TypeScript in-process), so a signal reaches the agent itself. */
export class AgentProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  private tail = '';
  /** Start-up times (spawn to a 200 from /v1/health), one per start. */
  readonly startMs: number[] = [];

  constructor(private readonly options: AgentProcessOptions) {}

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last few KB the agent printed, over all its lives. */
  output(): string {
    return this.tail;
  }

  /** Spawns the agent and resolves once /v1/health answers 200; a start-up that fails is tried again twice. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) throw new Error('the agent is already running');
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.startOnce(timeoutMs);
        return;
      } catch (e) {
        lastError = e as Error;
        await this.kill();
        await sleep(500);
      }
    }
    throw lastError ?? new Error('the agent did not start');
  }

  private async startOnce(timeoutMs: number): Promise<void> {
    const started = performance.now();
    const { configFile, dataDir, port, pos } = this.options;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'main/cli/agent.ts',
        'serve',
        '--config',
        configFile,
        '--data-dir',
        dataDir,
        '--port',
        String(port),
      ],
      { cwd: repoRoot, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const keep = (d: Buffer) => {
      this.tail = (this.tail + d.toString('utf8')).slice(-16_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('error', (e) => keep(Buffer.from(`spawn error: ${e.message}\n`)));

    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(`the agent exited before answering /v1/health:\n${this.tail.slice(-4000)}`);
      try {
        const r = await pos.call('GET', '/v1/health', undefined, 2000);
        if (r.status === 200 && this.running) {
          this.startMs.push(performance.now() - started);
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`the agent did not answer /v1/health in ${timeoutMs} ms:\n${this.tail.slice(-4000)}`);
  }

  /** SIGKILL, as a power cut or the task manager would: no clean-up runs in the agent. */
  async kill(): Promise<void> {
    if (!this.child || !this.exited) return;
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if it has not ended within `graceMs`. Answers the exit code (null if killed). */
  async stop(graceMs = 5000): Promise<number | null> {
    if (!this.child || !this.exited) return 0;
    if (!this.running) return (await this.exited).code;
    this.child.kill('SIGTERM');
    const ended = await Promise.race([this.exited, sleep(graceMs).then(() => undefined)]);
    if (ended) return ended.code;
    this.child.kill('SIGKILL');
    await this.exited;
    return null;
  }

  /** For process.on('exit'): synchronous, so nothing outlives the test process. */
  killNow(): void {
    if (this.running) this.child?.kill('SIGKILL');
  }
}

// ---- every request the simulator saw ----

/**
 * Moves the simulator's request log into one array (requests() then clearRequests(): both
 * synchronous in this process, so nothing slips between them). The simulator keeps only the last
 * 10,000 entries; emptied every few hundred ms, it never comes near that, and `gaps()` proves it.
 */
export class RequestCollector {
  readonly all: RecordedRequest[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sim: Simulator) {}

  collect(): RecordedRequest[] {
    const got = this.sim.requests();
    this.sim.clearRequests();
    this.all.push(...got);
    return this.all;
  }

  start(everyMs = 250): void {
    this.timer ??= setInterval(() => this.collect(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.collect();
  }

  /** Sequence numbers missing between the first and the last entry collected (should be none). */
  gaps(): number {
    if (this.all.length === 0) return 0;
    const first = this.all[0]!.seq;
    const last = this.all[this.all.length - 1]!.seq;
    return last - first + 1 - this.all.length;
  }
}
