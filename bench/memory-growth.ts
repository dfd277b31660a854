// Memory growth over 100,000 scans and 10,000 sales in one process: memory-growth-child.ts in a
// child started with --expose-gc (so it can force collections), heapUsed (and RSS) after forced
// GCs at the end against after its warm-up.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './agent-process';
import { round, type Row } from './lib';

interface Reading {
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

export async function memoryGrowth(): Promise<Row[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join('bench', 'memory-growth-child.ts')],
    { cwd: repoRoot, maxBuffer: 16 * 2 ** 20, timeout: 15 * 60_000 },
  );
  const line = stdout.trim().split('\n').pop()!;
  const r = JSON.parse(line) as {
    afterWarmUp: Reading;
    atEnd: Reading;
    scans: number;
    sales: number;
    inquiries: number;
    seconds: number;
  };
  const MB = 2 ** 20;
  const heap = (r.atEnd.heapUsed - r.afterWarmUp.heapUsed) / MB;
  const rss = (r.atEnd.rss - r.afterWarmUp.rss) / MB;
  const external = (r.atEnd.external - r.afterWarmUp.external) / MB;
  return [
    {
      figure: '100,000 scans + 10,000 sales in one process: heap growth after GC',
      value: round(heap, 2),
      unit: 'MB',
      budget: 10,
      detail: `heapUsed ${round(r.afterWarmUp.heapUsed / MB, 1)} -> ${round(r.atEnd.heapUsed / MB, 1)} MB; external ${external >= 0 ? '+' : ''}${round(external, 2)} MB; ${r.inquiries} inquiries; ${round(r.seconds, 0)} s`,
    },
    {
      figure: '100,000 scans + 10,000 sales in one process: RSS growth after GC',
      value: round(rss, 1),
      unit: 'MB',
      budget: 10,
      detail: `RSS ${round(r.afterWarmUp.rss / MB, 1)} -> ${round(r.atEnd.rss / MB, 1)} MB (includes SQLite's page cache and the allocator's free lists)`,
    },
  ];
}
