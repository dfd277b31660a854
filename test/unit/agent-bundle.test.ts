// The bundle `npm run agent` runs (scripts/agent.mjs): V8 keeps its source text for the life of
// the process, so it must be pure ASCII (one non-ASCII character makes all of it a two-byte
// string, twice the memory), and what a till does not use at start (the simulator with its request
// validation and the OpenAPI contract's YAML, the support bundle's zip code, the screen's file
// sender and WebSocket server) must only be reached through import() by the code that uses it:
// esbuild evaluates such a module when it is first imported (in the one CommonJS file shipped, a
// lazy wrapper; split into ESM chunks, as the module graph is checked here, a chunk of its own).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs script, no types
const { agentBuildOptions } = (await import('../../scripts/agent.mjs')) as {
  agentBuildOptions(copies?: Map<string, string>): BuildOptions;
};

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The same bundle as ES modules split at every import(), so esbuild's metafile shows what is reached how. */
function splitAtImports(options: BuildOptions): BuildOptions {
  return {
    ...options,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
    footer: {},
    define: {},
  };
}
// Not written anywhere (write: false); the folder only names the outputs.
const outdir = path.join(repoRoot, '.tmp', 'agent-bundle-test');

/**
 * Modules that must not be part of what `serve` evaluates at start, by a piece of their path.
 * (ajv and ajv-formats are the simulator's: fastify's schema compilers are not bundled.)
 */
const loadedOnlyWhenUsed = [
  'main/centegra-sim/',
  'node_modules/ajv/dist/2020.js',
  'node_modules/ajv/dist/core.js',
  'node_modules/ajv-formats/',
  'node_modules/yaml/',
  'node_modules/fflate/',
  // The screen's files (static-assets.ts) and its WebSocket bridge (websocket.ts): on first use.
  'node_modules/@fastify/send/',
  'node_modules/mime/',
  'node_modules/ws/',
];

/**
 * Modules the bundle must not hold at all: @fastify/static (with glob) and @fastify/websocket
 * (with duplexify) made the screen's routes at start; fastify's JSON Schema compilers and
 * inject() load from node_modules should anything ever call them (scripts/agent.mjs).
 */
const notBundled = [
  'node_modules/@fastify/static/',
  'node_modules/glob/',
  'node_modules/@fastify/websocket/',
  'node_modules/duplexify/',
  'node_modules/@fastify/ajv-compiler/',
  'node_modules/@fastify/fast-json-stringify-compiler/',
  'node_modules/fast-json-stringify/index.js',
  'node_modules/light-my-request/',
];

describe('the agent bundle', () => {
  it('is pure ASCII, so V8 holds its source as a one-byte string', async () => {
    const result = await build(agentBuildOptions());
    const code = result.outputFiles!.filter((f) => f.path.endsWith('.cjs'));
    const entry = code.find((f) => path.basename(f.path) === 'agent.cjs')!;
    expect(entry.contents.length).toBeGreaterThan(100_000);
    // No import() left (a require() once reached instead): Node 20 loses a script's dynamic import
    // handler when the script comes from V8's code cache, as the launcher compiles it.
    expect(Buffer.from(entry.contents).toString('latin1')).not.toMatch(/\bimport\(/);
    for (const { path: file, contents } of code) {
      const wide = contents.findIndex((byte) => byte > 0x7f);
      const around = wide < 0 ? '' : Buffer.from(contents.subarray(Math.max(0, wide - 60), wide + 20));
      expect(wide, `${path.basename(file)}, a byte over 0x7F near: ${around.toString('latin1')}`).toBe(-1);
    }
  }, 120_000);

  it("reaches the simulator, ajv, yaml, fflate, the file sender and ws only through import() at the point of use, and holds only undici's client", async () => {
    // Split into chunks, what the entry's own chunk holds is what `serve` evaluates at start; a
    // module also imported statically anywhere on the way would land in it.
    const result = await build({
      ...splitAtImports(agentBuildOptions()),
      outdir,
      sourcemap: false,
      metafile: true,
    });
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
    // zod speaks English only (scripts/agent.mjs): no other language's messages are bundled.
    expect(all.filter((i) => /node_modules\/zod\/.*locales\/(?!en\.js)[^/]+$/.test(i))).toEqual([]);
    expect(atStart).toContain('node_modules/zod/v4/locales/en.js');
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

  it("still validates and serialises with a route's JSON schema, and injects, loading fastify's compilers from node_modules; zod answers in English", async () => {
    // No route of the agent has a schema; should one ever have, fastify in the bundle must behave as before.
    const dir = fs.mkdtempSync(path.join(repoRoot, '.tmp', 'agent-bundle-schema-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'entry.ts'),
        `import Fastify from 'fastify';
import { z } from 'zod';
const app = Fastify();
app.post('/x', {
  schema: {
    body: { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } },
    response: { 200: { type: 'object', properties: { a: { type: 'integer' } } } },
  },
}, async (request) => ({ a: (request.body as { a: number }).a, hidden: true }));
const bad = await app.inject({ method: 'POST', url: '/x', payload: { a: 'no' } });
const good = await app.inject({ method: 'POST', url: '/x', payload: { a: 2 } });
const zodSays = z.string().safeParse(1).error?.issues[0]?.message;
console.log(JSON.stringify([bad.statusCode, good.statusCode, good.body, zodSays, Object.keys(z.locales)]));
await app.close();
`,
      );
      const options = splitAtImports(agentBuildOptions());
      await build({
        ...options,
        entryPoints: [path.join(dir, 'entry.ts')],
        outdir: dir,
        splitting: false,
        sourcemap: false,
        write: true,
      });
      const out = execFileSync(process.execPath, [path.join(dir, 'entry.mjs')], { encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual([
        400,
        200,
        '{"a":2}',
        'Invalid input: expected string, received number',
        ['en'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
