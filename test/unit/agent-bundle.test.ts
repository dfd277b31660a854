// The bundle `npm run agent` runs (scripts/agent.mjs): V8 keeps its source text for the life of
// the process, so it must be pure ASCII (one non-ASCII character makes all of it a two-byte
// string, twice the memory), and what a till does not use at start (the simulator with its request
// validation and the OpenAPI contract's YAML, the support bundle's zip code, the screen's file
// sender and WebSocket server) must only be loaded by the code that uses it.
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs script, no types
const { agentBuildOptions } = (await import('../../scripts/agent.mjs')) as {
  agentBuildOptions(copies?: Map<string, string>): BuildOptions;
};

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
// Not written anywhere (write: false); the folder only names the outputs.
const outdir = path.join(repoRoot, '.tmp', 'agent-bundle-test');

/**
 * Modules that must not be part of what `serve` evaluates at start, by a piece of their path.
 * (ajv's core and ajv-formats are fastify's own, loaded with it; the 2020 dialect is the simulator's.)
 */
const loadedOnlyWhenUsed = [
  'main/centegra-sim/',
  'node_modules/ajv/dist/2020.js',
  'node_modules/yaml/',
  'node_modules/fflate/',
  // The screen's files (static-assets.ts) and its WebSocket bridge (websocket.ts): on first use.
  'node_modules/@fastify/send/',
  'node_modules/mime/',
  'node_modules/ws/',
];

/**
 * Modules the bundle must not hold at all: @fastify/static (with glob) and @fastify/websocket
 * (with duplexify) made the screen's routes at start.
 */
const notBundled = [
  'node_modules/@fastify/static/',
  'node_modules/glob/',
  'node_modules/@fastify/websocket/',
  'node_modules/duplexify/',
];

describe('the agent bundle', () => {
  it('is pure ASCII, so V8 holds its source as a one-byte string', async () => {
    const result = await build(agentBuildOptions());
    // The entry and every chunk it imports at once or later.
    const code = result.outputFiles!.filter((f) => f.path.endsWith('.mjs'));
    const entry = code.find((f) => path.basename(f.path) === 'agent.mjs')!;
    expect(entry.contents.length).toBeGreaterThan(100_000);
    for (const { path: file, contents } of code) {
      const wide = contents.findIndex((byte) => byte > 0x7f);
      const around = wide < 0 ? '' : Buffer.from(contents.subarray(Math.max(0, wide - 60), wide + 20));
      expect(wide, `${path.basename(file)}, a byte over 0x7F near: ${around.toString('latin1')}`).toBe(-1);
    }
  }, 120_000);

  it("is split, reaches the simulator, ajv, yaml, fflate, the file sender and ws only through import() at the point of use, and holds only undici's client", async () => {
    // Split into chunks (as built), what the entry's own chunk holds is what `serve` evaluates at
    // start; a module also imported statically anywhere on the way would land in it.
    const result = await build({ ...agentBuildOptions(), outdir, sourcemap: false, metafile: true });
    const outputs = (result.metafile as Metafile).outputs;
    const inputsOf = (name: string) =>
      Object.keys(outputs[name]!.inputs).map((i) => i.split(path.sep).join('/'));
    const entry = Object.keys(outputs).find((name) =>
      outputs[name]!.entryPoint?.endsWith('main/cli/agent.ts'),
    );
    expect(entry).toBeDefined();
    expect(Object.keys(outputs).length, 'chunks beside the entry').toBeGreaterThan(1);
    // The entry's chunk and the chunks it imports statically (code it shares with a lazy chunk).
    const startChunks = new Set<string>();
    const visit = (name: string) => {
      if (startChunks.has(name)) return;
      startChunks.add(name);
      for (const i of outputs[name]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
    };
    visit(entry!);
    const atStart = [...startChunks].flatMap(inputsOf);
    const elsewhere = Object.keys(outputs)
      .filter((name) => !startChunks.has(name))
      .flatMap(inputsOf);
    // undici's connection pool only (undici-client.ts), not its index, which brings fetch,
    // WebSocket, EventSource, cookies, the request APIs, the mocks and the caches (twice the code,
    // and Node's own copy of undici loaded through the fetch globals its web parts touch).
    const all = [...atStart, ...elsewhere];
    const notNeeded =
      /node_modules\/undici\/(index\.js|lib\/(api|mock|cache|interceptor)\/|lib\/web\/(websocket|eventsource|cookies)\/|lib\/web\/fetch\/index\.js)/;
    expect(all.filter((i) => notNeeded.test(i))).toEqual([]);
    expect(atStart).toContain('node_modules/undici/lib/dispatcher/agent.js');
    for (const piece of notBundled)
      expect(
        all.filter((i) => i.includes(piece)),
        piece,
      ).toEqual([]);
    for (const piece of loadedOnlyWhenUsed) {
      expect(
        atStart.filter((i) => i.includes(piece)),
        piece,
      ).toEqual([]);
      // Still bundled: the commands that use it find it.
      expect(
        elsewhere.some((i) => i.includes(piece)),
        piece,
      ).toBe(true);
    }
  }, 120_000);
});
