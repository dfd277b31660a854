// `npm run bench`: every benchmark, one table (figure, value, budget, PASS/FAIL), and
// bench/results.json with the machine it ran on. Exit 1 when a budget is missed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inquiryOverhead } from './inquiry-overhead';
import { passes, type Row } from './lib';
import { rendererSize } from './renderer-size';
import { closeAccept } from './close-accept';
import { drain } from './drain';
import { scanToCard } from './scan-to-card';
import { startup } from './startup';

const benchmarks: Array<[string, () => Promise<Row[]>]> = [
  ['scan to card', () => scanToCard()],
  ['inquiry overhead', () => inquiryOverhead()],
  ['close accept', () => closeAccept()],
  ['drain', () => drain()],
  ['start-up', () => startup()],
  ['renderer size', () => rendererSize()],
];

const only = process.argv[2];
const rows: Row[] = [];
for (const [name, run] of benchmarks) {
  if (only && !name.includes(only)) continue;
  process.stderr.write(`running ${name}…\n`);
  rows.push(...(await run()));
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const table = rows.map((r) => {
  const verdict = passes(r);
  return [
    r.figure,
    `${r.value} ${r.unit}`,
    r.budget === undefined ? '-' : `${r.atLeast ? '>=' : '<='} ${r.budget} ${r.unit}`,
    verdict === undefined ? '-' : verdict ? 'PASS' : 'FAIL',
    r.detail ?? '',
  ];
});
const header = ['figure', 'value', 'budget', 'result', 'detail'];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log(`\n${machine}\n`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const t of table) console.log(line(t));

fs.writeFileSync(
  path.join(import.meta.dirname, 'results.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine,
      rows: rows.map((r) => ({ ...r, result: passes(r) === undefined ? null : passes(r) ? 'PASS' : 'FAIL' })),
    },
    null,
    2,
  ) + '\n',
);
process.exitCode = rows.some((r) => passes(r) === false) ? 1 : 0;
