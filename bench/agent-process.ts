// The agent as users run it, for the benchmarks that need it in its own process: `serve` through
// the launcher (scripts/agent.mjs, the bundled build), with a till's config pointing at a
// Centegra Plus simulator the benchmark runs, or `serve --demo`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { DEMO_API_KEY } from '../main/centegra-sim';
import { ensureRendererBuilt } from '../main/headless/assets';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const launcher = path.join(repoRoot, 'scripts', 'agent.mjs');

/** Builds what `serve` would otherwise build on its first start (the bundle, the renderer). */
export async function prebuild(): Promise<void> {
  execFileSync(process.execPath, [launcher, '--build-only'], { cwd: repoRoot, stdio: 'inherit' });
  await ensureRendererBuilt();
}

/** A till's config (not demo mode): Centegra Plus is the simulator at `simBaseUrl`. */
export function writeTillConfig(dir: string, simBaseUrl: string, extra: Record<string, unknown> = {}) {
  const token = randomBytes(24).toString('base64url');
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      centegra: { baseUrl: simBaseUrl, apiKey: DEMO_API_KEY },
      till: { siteId: 'BENCH', tillId: 'T01' },
      posApi: { port: 0, token },
      ...extra,
    }),
  );
  return { file, token };
}

export interface AgentProcess {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  uiUrl: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** Spawns `node scripts/agent.mjs serve …` and resolves once it printed its addresses. */
export function spawnAgent(
  args: string[],
  options: { timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<AgentProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), launcher, 'serve', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      if (!/Press Ctrl\+C to stop/.test(out)) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      const api = /POS API: +(http:\/\/\S+)\/v1/.exec(out)?.[1];
      const ui = /Cashier screen: (\S+)/.exec(out)?.[1];
      if (!api || !ui) return reject(new Error(`unexpected serve output:\n${out}`));
      // Keep draining the pipes: a full pipe would block the agent.
      child.stdout!.on('data', () => {});
      resolve({ child, pid: child.pid!, origin: api, uiUrl: ui, output: () => out, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code} before it was ready:\n${out}`));
    });
  });
}

/** Resident memory of a process in bytes, from /proc/<pid>/status (VmRSS). */
export function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

export interface SimulatorProcess {
  pid: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** origin + /giftcards/v1 */
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * `centegra-sim` through the launcher, as its own process, on a free port below Linux's ephemeral
 * range. Its line per request goes to /dev/null: a file or a pipe would put a write (and, for a
 * pipe, this process) inside every request it answers.
 */
export async function spawnSimulator(nodeArgs: string[] = []): Promise<SimulatorProcess> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const child = spawn(process.execPath, [...nodeArgs, launcher, 'centegra-sim', '--port', String(port)], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    const origin = `http://127.0.0.1:${port}`;
    const started = performance.now();
    for (;;) {
      if (child.exitCode !== null) break;
      try {
        const r = await request(`${origin}/__sim/faults`, { headersTimeout: 1000 });
        await r.body.dump();
        if (r.statusCode === 200)
          return {
            pid: child.pid!,
            origin,
            baseUrl: `${origin}/giftcards/v1`,
            stop: () =>
              new Promise((resolve) => {
                if (child.exitCode !== null || child.signalCode !== null) return resolve();
                child.once('exit', () => resolve());
                child.kill('SIGTERM');
              }),
          };
      } catch {
        /* not listening yet */
      }
      if (performance.now() - started > 60_000) {
        child.kill('SIGKILL');
        throw new Error(`centegra-sim did not start:\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if (attempt >= 5 || !/in use|EADDRINUSE/i.test(stderr))
      throw new Error(`centegra-sim exited ${child.exitCode}:\n${stderr}`);
  }
}

/** A bare helper process that prints `listening <port>` once: its origin, and how to stop it. */
export async function listeningProcess(
  child: ChildProcess & { stdout: NodeJS.ReadableStream },
  what: string,
): Promise<{ origin: string; stop: () => Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(/listening (\d+)/.exec(String(d))?.[1])));
    child.once('exit', (code) => reject(new Error(`${what} exited ${code}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
