// `npm run bench`: every benchmark, one table (figure, value, floor, ratio, budget, PASS/FAIL),
// and bench/results.json with the machine it ran on. Exit 1 when a budget is missed. A floor is
// what the machine itself costs for the same work, measured in the same run (see each bench).
//
//   npm run bench [-- NAME]     (NAME: part of a benchmark's name, to run only those)
//
// The agent's bundle and the renderer are built first, so no start is timed with a build in it.
// Each benchmark then runs in a fresh process (bench/run-one.ts, with --expose-gc).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prebuild } from './agent-process';
import { benchmarks } from './benchmarks';
import { passes, resultOf, round, TABLE_HEADER, tableCells, type Row } from './lib';

const only = process.argv[2];
await prebuild();
const loadBefore = os.loadavg()[0]!;
const rows: Row[] = [];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-bench-rows-'));
try {
  for (const [name] of benchmarks) {
    if (only && !name.includes(only)) continue;
    process.stderr.write(`running ${name}…\n`);
    const out = path.join(scratch, 'rows.json');
    fs.rmSync(out, { force: true });
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'run-one.ts'), name, out],
      { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (child.status === 0 && fs.existsSync(out)) {
      rows.push(...(JSON.parse(fs.readFileSync(out, 'utf8')) as Row[]));
      process.stderr.write(`  ${name}: ${round((performance.now() - started) / 1000, 0)} s\n`);
    } else {
      rows.push({
        figure: `${name}: did not complete (exit ${child.status ?? child.signal})`,
        value: NaN,
        unit: '',
        budget: 0,
      });
    }
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}

const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const load = `load average ${round(loadBefore, 1)} at the start, ${round(os.loadavg()[0]!, 1)} at the end`;
const table = rows.map(tableCells);
const header = TABLE_HEADER;
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log(`\n${machine}; ${load}\n`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const t of table) console.log(line(t));

fs.writeFileSync(
  path.join(import.meta.dirname, 'results.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine,
      load,
      rows: rows.map(resultOf),
    },
    null,
    2,
  ) + '\n',
);
process.exitCode = rows.some((r) => passes(r) === false) ? 1 : 0;
