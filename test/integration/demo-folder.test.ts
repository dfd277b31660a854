// Demo mode and a real till never share a data folder, through the command line as IT runs it:
// `serve --demo --data-dir <a real till's folder>` is refused (it would open the manager view with
// the demo PIN and reveal the real POS token), and a real till on a demo's folder is refused (it
// would send the simulator's sales to Centegra Plus).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../main/centegra-sim';
import { runCli, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

async function simulator(): Promise<Simulator> {
  const sim = await startSimulator({ quiet: true });
  cleanups.push(() => sim.close());
  return sim;
}

/** A real till's config: its own Centegra (the simulator, as a stand-in), its ids, a free port. */
function realConfig(sim: Simulator): string {
  const file = path.join(folder(), 'till-agent.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
      till: { siteId: 'S1', tillId: 'T1' },
      posApi: { port: 0 },
    }),
  );
  return file;
}

const READY = /Press Ctrl\+C to stop/;

/** Starts `serve` until it is ready, then stops it (what is tested is the start, not the stop). */
async function runOnce(args: string[]): Promise<void> {
  const served = await startCli(args, READY);
  await served.stop();
}

describe('a data folder is a demo’s or a real till’s', () => {
  it('demo mode refuses a real till’s folder, saying why and what to do, and leaves it as it was', async () => {
    const sim = await simulator();
    const data = folder();
    await runOnce(['serve', '--config', realConfig(sim), '--port', '0', '--data-dir', data]);
    const sealed = fs.readFileSync(path.join(data, 'secrets.sealed'));

    const demo = await runCli(['serve', '--demo', '--port', '0', '--data-dir', data]);
    expect(demo.code).toBe(1);
    expect(demo.stderr).toContain(`The data folder ${data} holds a real till's data`);
    expect(demo.stderr).toContain('demo PIN');
    expect(demo.stderr).toContain('another data folder');
    expect(demo.stderr).toContain('without --demo');
    expect(demo.stdout).not.toMatch(/POS API token/);
    expect(fs.readFileSync(path.join(data, 'secrets.sealed')).equals(sealed)).toBe(true);

    // A folder from before the record: its sealed Factor4 key says it is a real till's.
    const db = new Database(path.join(data, 'till-agent.db'));
    db.prepare("DELETE FROM meta WHERE key = 'data_mode'").run();
    db.close();
    const legacy = await runCli(['serve', '--demo', '--port', '0', '--data-dir', data]);
    expect(legacy.code).toBe(1);
    expect(legacy.stderr).toContain("holds a real till's data (its queue or sealed secrets)");

    // Without --demo, the real till starts on it as before.
    await runOnce(['serve', '--config', realConfig(sim), '--port', '0', '--data-dir', data]);
  }, 120_000);

  it('a real till refuses a demo’s folder; the demo keeps running on it', async () => {
    const sim = await simulator();
    const data = folder();
    await runOnce(['serve', '--demo', '--port', '0', '--data-dir', data]);

    const real = await runCli(['serve', '--config', realConfig(sim), '--port', '0', '--data-dir', data]);
    expect(real.code).toBe(1);
    expect(real.stderr).toContain(`The data folder ${data} holds demo data`);
    expect(real.stderr).toContain('sent to Centegra Plus as real sales');
    expect(real.stderr).toContain('another data folder');

    await runOnce(['serve', '--demo', '--port', '0', '--data-dir', data]);
  }, 120_000);
});
