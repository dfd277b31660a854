// Debian's Prometheus for the monitoring tests: promtool to check rules and configs, and the real
// server scraping a running agent. `.ci/run` installs the `prometheus` package; without it these
// tests are skipped, each saying why.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { request } from 'undici';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export const hasPromtool = onPath('promtool');
export const hasPrometheus = onPath('prometheus');
export const NOT_INSTALLED =
  'Prometheus is not installed (Debian: apt-get install --no-install-recommends prometheus; .ci/run installs it)';

/** Runs promtool; its output is both streams together, as a person at a terminal reads it. */
export function promtool(args: string[], cwd?: string): { code: number | null; output: string } {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

/** A loopback port free a moment ago (Prometheus takes its listen address as a flag). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export interface RunningPrometheus {
  url: string;
  /** An instant query through the HTTP API (/api/v1/query). */
  query(promql: string): Promise<PromSample[]>;
  /** The alerts as /api/v1/alerts lists them (pending and firing). */
  alerts(): Promise<Array<{ labels: Record<string, string>; state: string }>>;
  /** What it printed, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

async function getJson(url: string): Promise<{ status: string; data: any; error?: string }> {
  const r = await request(url);
  return (await r.body.json()) as { status: string; data: any; error?: string };
}

/**
 * Starts `prometheus` on a free loopback port with `config` (YAML text), its database in `dir`,
 * and waits until it is ready. `stop()` ends it (SIGTERM, then SIGKILL) and waits for its exit.
 */
export async function startPrometheus(config: string, dir: string): Promise<RunningPrometheus> {
  const port = await freePort();
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(configFile, config);
  const child = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}:\n${out}`);
    try {
      const r = await request(`${url}/-/ready`);
      await r.body.dump();
      if (r.statusCode === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 15_000) {
      await stop();
      throw new Error(`prometheus not ready in 15 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async query(promql) {
      const j = await getJson(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      if (j.status !== 'success') throw new Error(`query ${promql}: ${j.error}`);
      return (j.data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map(
        (s) => ({
          metric: s.metric,
          value: Number(s.value[1]),
        }),
      );
    },
    async alerts() {
      const j = await getJson(`${url}/api/v1/alerts`);
      return j.data.alerts as Array<{ labels: Record<string, string>; state: string }>;
    },
    output: () => out,
    stop,
  };
}
