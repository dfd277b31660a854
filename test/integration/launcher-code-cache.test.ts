// The launcher (scripts/agent.mjs) compiles the bundle with V8's code cache: the first `serve` of
// a build keeps the cache once it has started, the next one uses it, a cache V8 refuses (damaged,
// or made by another V8 or with other flags) is made again, and the other commands neither read
// nor write one. Real `serve --demo` processes; the cache in a folder of the test's own
// (TILL_AGENT_CODE_CACHE_DIR), so tests running beside it do not share it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli';
import { until } from '../helpers/money';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const READY = /Press Ctrl\+C to stop/;

/**
 * Starts `serve --demo` until it is ready, stops it, and says what it did with the code cache. Its
 * config names a serial scanner (not there), so the agent loads serialport as it starts: a package
 * outside the bundle, which a script compiled from a code cache once could not import.
 */
async function serveOnce(cacheDir: string): Promise<string[]> {
  const data = tempDir();
  cleanups.push(data.remove);
  const config = path.join(data.dir, 'till-agent.json');
  fs.writeFileSync(
    config,
    JSON.stringify({ scanners: [{ kind: 'serial', path: '/dev/ttyNOPE0', name: 'Counter scanner' }] }),
  );
  const args = [
    'serve',
    '--demo',
    '--config',
    config,
    '--port',
    '0',
    '--data-dir',
    path.join(data.dir, 'data'),
  ];
  const served = await startCli(args, READY, {
    TILL_AGENT_CODE_CACHE_DIR: cacheDir,
    TILL_AGENT_CODE_CACHE_REPORT: '1',
  });
  // Reported on stderr, which may arrive after the banner on stdout.
  await until(() => /code cache: (used|written)/.test(served.output()), 'the code cache used or written');
  await served.stop();
  expect(served.output()).not.toMatch(/could not start|dynamic import/i);
  return served.output().match(/code cache: \w+( \w+)?/g) ?? [];
}

const cachesIn = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.cache'));

describe("the launcher's code cache", () => {
  it('is made by the first serve of a build, once it has started, and used by the next', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    expect(await serveOnce(dir.dir)).toEqual(['code cache: not used', 'code cache: written']);
    const [file] = cachesIn(dir.dir);
    // Named by the build it was made from: the id at the end of the bundle.
    const bundle = fs.readFileSync(
      path.join(import.meta.dirname, '..', '..', 'dist', 'cli', 'agent.cjs'),
      'latin1',
    );
    const id = /till-agent build ([0-9a-f]{16})/.exec(bundle.slice(-100))![1];
    expect(file).toBe(`agent.${id}.demo.cache`); // a demo's own: a till's holds only what a till runs
    expect(fs.statSync(path.join(dir.dir, file!)).size).toBeGreaterThan(100_000);
    expect(await serveOnce(dir.dir)).toEqual(['code cache: used']);
  }, 120_000);

  it('made again when V8 refuses it (a damaged file), and the agent starts all the same', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    await serveOnce(dir.dir);
    const [file] = cachesIn(dir.dir);
    const damaged = crypto.randomBytes(fs.statSync(path.join(dir.dir, file!)).size);
    fs.writeFileSync(path.join(dir.dir, file!), damaged);
    expect(await serveOnce(dir.dir)).toEqual(['code cache: not used', 'code cache: written']);
    expect(fs.readFileSync(path.join(dir.dir, file!)).equals(damaged)).toBe(false);
    expect(await serveOnce(dir.dir)).toEqual(['code cache: used']);
  }, 120_000);

  it('is neither read nor made by the other commands', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const r = await runCli(['config-schema'], {
      TILL_AGENT_CODE_CACHE_DIR: dir.dir,
      TILL_AGENT_CODE_CACHE_REPORT: '1',
    });
    expect(r.code).toBe(0);
    expect(cachesIn(dir.dir)).toEqual([]);
  }, 60_000);
});
