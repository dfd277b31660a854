// Start-up until the POS API answers: `serve --demo` as a real process, polled until /v1/health is 200.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { round, stats, type Row } from './lib';

const root = path.resolve(import.meta.dirname, '..');

async function once(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-bench-'));
  const port = 17_420 + Math.floor(Math.random() * 1000);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/cli/index.ts', 'serve', '--demo', '--port', String(port), '--data-dir', dir],
    { cwd: root, stdio: 'ignore' },
  );
  try {
    for (;;) {
      try {
        const r = await request(`http://127.0.0.1:${port}/v1/health`, { headersTimeout: 1000 });
        await r.body.dump();
        if (r.statusCode === 401) return performance.now() - started; // answering (no token sent)
      } catch {
        /* not listening yet */
      }
      if (performance.now() - started > 30_000) throw new Error('the agent did not start within 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function startup(runs = 7): Promise<Row[]> {
  await once(); // warm the compile cache, as on a till after its first start
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  const s = stats(samples);
  return [
    {
      figure: 'start-up until the POS API answers (empty queue), median',
      value: round(s.p50, 0),
      unit: 'ms',
      budget: 800,
      detail: `n=${s.n}, max ${round(Math.max(...samples), 0)} ms`,
    },
  ];
}
