// Memory growth over 100,000 scans and 10,000 sales in one process: memory-growth-child.ts in a
// child started with --expose-gc (so it can force collections), heapUsed (and RSS) after forced
// GCs at the end against after its warm-up.
//
// The child runs with V8's young generation at its first size (1 MB semi-spaces), as `serve` runs
// the agent (scripts/agent.mjs). Without that, V8 grows it in a burst of allocation (to 2 x 16 MB)
// and gives it back only once allocation has been slow for a while, at a moment of its choosing,
// so RSS at a reading said more about that moment than about the agent: runs of one build read
// anywhere from -38 to +34 MB. (--semi-space-growth-factor=1 on the command line did not hold it
// here, Node 20.20: the young generation still reached 32 MB; --max-semi-space-size=1 does.) The
// detail names the parts: malloc's main heap ([heap] in smaps: SQLite's page cache is there, V8
// never is) and the pages V8 holds.
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
  /** V8's heap pages held (v8.getHeapStatistics().total_physical_size). */
  v8Heap: number;
  /** V8's young generation (new_space's physical size). */
  youngGeneration: number;
  /** RSS of malloc's main heap ([heap] in /proc/self/smaps; NaN where there is none). */
  mallocMainHeap: number;
}

export async function memoryGrowth(): Promise<Row[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--expose-gc',
      '--max-semi-space-size=1',
      '--import',
      'tsx',
      path.join('bench', 'memory-growth-child.ts'),
    ],
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
  const v8Heap = (r.atEnd.v8Heap - r.afterWarmUp.v8Heap) / MB;
  const mallocMain = (r.atEnd.mallocMainHeap - r.afterWarmUp.mallocMainHeap) / MB;
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${round(x, 1)}`;
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
      budget: 3,
      detail: `RSS ${round(r.afterWarmUp.rss / MB, 1)} -> ${round(r.atEnd.rss / MB, 1)} MB; malloc's main heap (SQLite's page cache) ${signed(mallocMain)} MB; V8's heap held ${signed(v8Heap)} MB (its young generation ${round(r.afterWarmUp.youngGeneration / MB, 0)} -> ${round(r.atEnd.youngGeneration / MB, 0)} MB)`,
    },
  ];
}
