// `npm run agent`: runs the bundled command line (dist/cli/agent.cjs), rebuilding it first when
// any file under main/ (or package.json, package-lock.json, or the build scripts) is newer than the
// bundle. Node then loads one prebuilt file instead of transpiling TypeScript at every start, and
// the agent runs in this very process (signals reach it; its pid is the agent's).
//
//   node scripts/agent.mjs <command> [options]     (the commands of main/cli/agent.ts)
//   node scripts/agent.mjs --build-only             (rebuild if stale and exit; `npm ci` runs this)
//
// The bundle: esbuild, platform node, node20, one CommonJS function expression that runBundle
// compiles with V8's code cache (made by the first `serve` of each build, beside the bundle). What
// is reached only through import() (the simulator, the support bundle's zip code, the screen's
// file sender and WebSocket bridge) is evaluated when first used, not at every start. Native
// addons (and the optional add-ons of bundled packages) and the build tools main/headless/assets.ts
// imports only when it must rebuild the renderer (vite, esbuild) stay external and load from
// node_modules, as do the parts of fastify the agent never calls (its JSON Schema compilers,
// inject()); the other pure JavaScript dependencies are bundled (zod without the messages of
// languages it does not speak). Files a module reads next to its source
// (`new URL('./x.yaml', import.meta.url)`) are copied to dist/cli/assets and the reference rewritten,
// as scripts/build-electron.mjs does for the Electron bundle; a reference that already resolves to
// the same file from dist/cli (../../package.json) is left alone, so both layouts read the same files.
// The build writes to temporary names and renames, so agents started at the same moment never
// load a half-written bundle.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { assetsPlugin, nodeExternals, writeAssets, writeAtomic } from './bundling.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const agentBundle = path.join(repoRoot, 'dist', 'cli', 'agent.cjs');
const bundleDir = path.dirname(agentBundle);

/** Newest mtime under main/ (node_modules skipped), of package.json, package-lock.json and the build scripts. */
function newestSourceMtime() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  visit(path.join(repoRoot, 'main'));
  for (const name of ['package.json', 'package-lock.json']) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(repoRoot, name)).mtimeMs);
    } catch {
      /* no lock file */
    }
  }
  for (const script of [fileURLToPath(import.meta.url), path.join(repoRoot, 'scripts', 'bundling.mjs')])
    newest = Math.max(newest, fs.statSync(script).mtimeMs);
  return newest;
}

export function bundleIsStale() {
  let built;
  try {
    built = fs.statSync(agentBundle).mtimeMs;
  } catch {
    return true;
  }
  return built < newestSourceMtime();
}

/**
 * fastify's JSON Schema compilers (ajv with its formats, fast-json-stringify: ~400 KB of source)
 * from node_modules on first use, not in the bundle: fastify calls their factories when an
 * instance is created, but what the factories return compiles a route's schema, and no route of
 * the agent has one (the contract's zod schemas validate). So fastify gets a factory that loads
 * the real one when first called; `serve` neither compiles nor evaluates their code at start.
 */
const schemaCompilersOnUse = {
  name: 'till-agent-schema-compilers-on-use',
  setup(b) {
    const compilers = /^@fastify\/(ajv-compiler|fast-json-stringify-compiler)$/;
    b.onResolve({ filter: compilers }, (args) =>
      args.namespace === 'compiler-on-use'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'compiler-on-use' },
    );
    b.onLoad({ filter: /.*/, namespace: 'compiler-on-use' }, (args) => ({
      contents: `module.exports = function compilerOnUse(...options) {
  let build;
  return (...args) => (build ??= require(${JSON.stringify(args.path)})(...options))(...args);
};`,
      loader: 'js',
    }));
  },
};

/**
 * zod with its English messages only: `z.locales` re-exports the messages of ~45 languages
 * (290 KB of source, half of zod's share of the bundle), which serve would compile at every start;
 * zod itself uses English (its schemas import locales/en.js), and the agent selects no other.
 */
const zodEnglishOnly = {
  name: 'till-agent-zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * esbuild's options for the bundle, with the asset references collected into `copies`; tests
 * build with them too (their own outdir, write: false).
 */
export function agentBuildOptions(copies = new Map()) {
  const external = [
    ...nodeExternals,
    // Build tools main/headless/assets.ts imports only when the renderer must be rebuilt.
    'vite',
    'esbuild',
    '@vitejs/*',
    'rollup',
    'lightningcss',
    // fastify's inject(), which only tests call (fastify requires it on first use).
    'light-my-request',
  ];
  // Every other dependency is bundled: one file to read and compile instead of the hundreds of
  // small modules fastify, undici and friends are made of.
  return {
    entryPoints: [path.join(repoRoot, 'main', 'cli', 'agent.ts')],
    outdir: bundleDir,
    entryNames: '[name]',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    // CommonJS in one function expression, which the launcher compiles with vm.Script and V8's code
    // cache (see runBundle). Code reached only through import() (the simulator with ajv and yaml,
    // the support bundle's zip code, the screen's file sender and WebSocket bridge) is still only
    // evaluated when first imported (esbuild's lazy module wrappers). No import() is left in it:
    // one of an external package (node-hid, serialport, vite...) becomes a require() when first
    // reached, because Node 20 forgets a script's dynamic import() handler when the script comes
    // from a code cache ("A dynamic import callback was not specified": a till with a serial
    // scanner did not start).
    format: 'cjs',
    supported: { 'dynamic-import': false },
    external,
    banner: {
      js: `(function (exports, require, module, __filename, __dirname) {const __tillAgentImportMetaUrl = require('node:url').pathToFileURL(__filename).href;`,
    },
    footer: { js: '})' },
    define: { 'import.meta.url': '__tillAgentImportMetaUrl' },
    plugins: [
      assetsPlugin({ repoRoot, bundleDir, copies, keepSameFile: true }),
      schemaCompilersOnUse,
      zodEnglishOnly,
    ],
    // V8 keeps the bundle's source text for as long as the agent runs: one non-ASCII character
    // anywhere makes all of it a two-byte string (8.7 MB instead of half that). ASCII only
    // (other characters escaped), comments and layout dropped; names are kept, so a stack trace
    // still reads (and the linked source map gives the lines).
    charset: 'ascii',
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  };
}

export async function buildAgent() {
  const { build } = await import('esbuild');
  const copies = new Map();
  const result = await build(agentBuildOptions(copies));
  // Assets first, the bundle last: the bundle's mtime says the whole build is complete.
  writeAssets(copies, bundleDir);
  const outputs = [...result.outputFiles].sort(
    (a, b) => Number(a.path === agentBundle) - Number(b.path === agentBundle),
  );
  let id;
  for (const out of outputs) {
    if (out.path !== agentBundle) writeAtomic(out.path, out.contents);
    else {
      // The build's id, from its content, at the very end (the source map's lines are unchanged):
      // it names the code cache made from this build, and no other build's is ever used.
      id = createHash('sha256').update(out.contents).digest('hex').slice(0, 16);
      writeAtomic(out.path, Buffer.concat([out.contents, Buffer.from(`\n/* ${BUILD_ID} ${id} */\n`)]));
    }
  }
  pruneEarlierBuilds(id);
  return agentBundle;
}

const BUILD_ID = 'till-agent build';
/** What main/cli/agent.ts emits on `process` once `serve` has started (its SERVING). */
const SERVING = 'till-agent:serving';

/**
 * Removes what earlier builds left: their code caches (a running agent has compiled its bundle
 * already), and the ESM bundle and chunks of builds from before the bundle was one CommonJS file.
 */
function pruneEarlierBuilds(id, keepMs = 3600_000) {
  const current = [codeCacheFile(id, 'serve'), codeCacheFile(id, 'demo')];
  for (const name of fs.readdirSync(bundleDir)) {
    const file = path.join(bundleDir, name);
    try {
      if (/^agent\.[0-9a-f]+\.(serve|demo)\.cache$/.test(name) && !current.includes(file))
        fs.rmSync(file, { force: true });
      // An agent started from an ESM build may still import one of its chunks: gone after an hour.
      else if (
        /^(chunk-.*|agent)\.mjs(\.map)?$/.test(name) &&
        Date.now() - fs.statSync(file).mtimeMs > keepMs
      )
        fs.rmSync(file, { force: true });
    } catch {
      /* removed by a build running beside this one */
    }
  }
}

/**
 * Where V8's code cache of `serve` for this build is kept (undefined for a bundle without an id):
 * beside the bundle, or in TILL_AGENT_CODE_CACHE_DIR (an install whose dist/ the agent's user may
 * not write to; tests).
 */
function codeCacheFile(id, kind) {
  return id && path.join(process.env.TILL_AGENT_CODE_CACHE_DIR || bundleDir, `agent.${id}.${kind}.cache`);
}

/** The id buildAgent wrote at the end of the bundle (undefined for a bundle without one). */
const buildIdOf = (source) => new RegExp(`${BUILD_ID} ([0-9a-f]{16})`).exec(source.slice(-100))?.[1];

/**
 * Runs the bundle in this process. Compiled with vm.Script so that V8's code cache can be used:
 * `serve` keeps the cache V8 makes once it has started (the bytecode of everything it ran so far,
 * ~1.7 MB) beside the bundle, named by the build's id, and the next start deserialises it instead
 * of parsing and compiling 2.3 MB of JavaScript: an empty till answered in 276 ms instead of 378
 * (median, side by side with the ESM build, n=11, load ~1.4), its idle RSS no higher (73.0 vs 73.3
 * MB, with collectOnce). V8 refuses a
 * cache made with other flags or by another V8 (then it compiles, and the cache is made again).
 * The cache is written once, atomically; a folder the agent may not write to just goes without.
 * Only `serve` uses it (a demo its own): the other commands run once and briefly.
 */
async function runBundle(args) {
  const command = args[0];
  const vm = await import('node:vm');
  const { createRequire } = await import('node:module');
  const source = fs.readFileSync(agentBundle, 'latin1'); // ASCII only (agentBuildOptions)
  // A demo runs the simulator too: its cache is its own, so a till's holds only what a till runs.
  const cacheFile =
    command === 'serve'
      ? codeCacheFile(buildIdOf(source), args.includes('--demo') ? 'demo' : 'serve')
      : undefined;
  let cachedData;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    /* none yet */
  }
  // No import() in the bundle (agentBuildOptions), so no dynamic import handler is needed.
  const script = new vm.Script(source, { filename: agentBundle, cachedData });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  if (process.env.TILL_AGENT_CODE_CACHE_REPORT)
    process.stderr.write(`code cache: ${used ? 'used' : 'not used'}\n`);
  if (command === 'serve')
    process.once(SERVING, () => {
      if (cacheFile && !used) {
        try {
          writeAtomic(cacheFile, script.createCachedData());
          if (process.env.TILL_AGENT_CODE_CACHE_REPORT) process.stderr.write('code cache: written\n');
        } catch {
          /* a read-only install: every start compiles */
        }
      }
      setTimeout(() => collectOnce(vm), 1000).unref();
    });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(agentBundle), module, agentBundle, bundleDir);
}

/**
 * One full garbage collection a second after `serve` has started: what the start left behind (the
 * code cache's 1.7 MB buffer, the parser's leftovers) goes back to the OS at once, not whenever V8
 * next collects its old generation (idle RSS 5 s after start 74.3-74.9 MB without it, 73.1-73.2
 * with it; the collection took ~12 ms, once).
 */
function collectOnce(vm) {
  v8.setFlagsFromString('--expose-gc');
  vm.runInNewContext('gc')();
}

export async function ensureAgentBuilt({ log = () => {} } = {}) {
  if (!bundleIsStale()) return false;
  log('Building the agent (dist/cli/agent.cjs; sources changed)…');
  await buildAgent();
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--build-only') {
    try {
      await ensureAgentBuilt({ log: (m) => process.stderr.write(`${m}\n`) });
    } catch (e) {
      process.stderr.write(`Could not build the agent: ${e.message}\n`);
      process.exit(1);
    }
  } else {
    if (bundleIsStale()) {
      // Built in a child process: esbuild's buffers and the build's output would otherwise stay
      // in this process, which becomes the agent (an idle `serve` measured 280 MB instead of 88).
      // node:child_process loaded only here: a start with the bundle up to date does without it (~2 ms).
      const { spawnSync } = await import('node:child_process');
      const built = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--build-only'], {
        stdio: 'inherit',
      });
      if (built.status !== 0) process.exit(built.status ?? 1);
    }
    if (args[0] === 'serve') {
      // The agent runs for days at a modest rate of allocation: V8's young generation stays at its
      // first size (1 MB semi-spaces) instead of growing in the burst of start-up and keeping that
      // for good. The heap V8 holds after start went 37 -> 23 MB, idle RSS 86 -> 84 MB (83 with
      // 100,000 queued); an inquiry's overhead p50 rose ~0.02 ms, its p99 within noise. V8 reads
      // the factor each time it would grow the space, so setting it here (not on the command
      // line) is enough.
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      // WebAssembly (undici's HTTP parser, llhttp, the only module the agent runs) stays on V8's
      // baseline compiler: optimising its functions took ~16 MB of compiler memory on a V8 worker
      // thread soon after Centegra first answered, which malloc kept in that thread's arena (idle
      // RSS of an empty till 82-83 MB instead of 73 in most starts; strace -k named the
      // allocations). Parsing a Centegra answer was not measurably slower (a local request
      // ~90-140 us either way).
      v8.setFlagsFromString('--liftoff-only');
    }
    // The CLI reads process.argv.slice(2) itself: present it as if the bundle had been run directly.
    process.argv.splice(1, 1, agentBundle);
    await runBundle(args);
  }
}
