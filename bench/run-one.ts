// One benchmark in a process of its own, started by run.ts with --expose-gc:
//   node --expose-gc --import tsx bench/run-one.ts <name> <rows.json>
// so no benchmark inherits another's heap, timers or sockets. Writes its rows to <rows.json>.
import fs from 'node:fs';
import { benchmarks } from './benchmarks';

const [name, out] = process.argv.slice(2);
const found = benchmarks.find(([n]) => n === name);
if (!found || !out)
  throw new Error(`usage: run-one.ts <${benchmarks.map(([n]) => n).join(' | ')}> <rows.json>`);
const rows = await found[1]();
fs.writeFileSync(out, JSON.stringify(rows));
// Whatever a benchmark left open (a keep-alive socket, a timer) must not hold the run up.
process.exit(0);
