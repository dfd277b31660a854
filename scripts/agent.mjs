// `npm run agent`: runs the bundled command line (dist/cli/agent.mjs), rebuilding it first when
// any file under main/ (or package.json, package-lock.json, or the build scripts) is newer than the
// bundle. Node then loads one prebuilt file instead of transpiling TypeScript at every start, and
// the agent runs in this very process (signals reach it; its pid is the agent's).
//
//   node scripts/agent.mjs <command> [options]     (the commands of main/cli/agent.ts)
//   node scripts/agent.mjs --build-only             (rebuild if stale and exit; `npm ci` runs this)
//
// The bundle: esbuild, platform node, ESM, node20, split: what is reached only through import()
// (the simulator, the support bundle's zip code) is in chunk-*.mjs files beside agent.mjs, which
// Node reads when the code is first used, not at every start. Native addons (and the optional
// add-ons of bundled packages) and the build tools main/headless/assets.ts imports only when it
// must rebuild the renderer (vite, esbuild) stay external and load from node_modules, as do the
// parts of fastify the agent never calls (its JSON Schema compilers, inject()); the other pure
// JavaScript dependencies are bundled (zod without the messages of languages it does not speak). Files a module reads next to its source
// (`new URL('./x.yaml', import.meta.url)`) are copied to dist/cli/assets and the reference rewritten,
// as scripts/build-electron.mjs does for the Electron bundle; a reference that already resolves to
// the same file from dist/cli (../../package.json) is left alone, so both layouts read the same files.
// The build writes to temporary names and renames, so agents started at the same moment never
// load a half-written bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { assetsPlugin, nodeExternals, writeAssets, writeAtomic } from './bundling.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const agentBundle = path.join(repoRoot, 'dist', 'cli', 'agent.mjs');
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
  // small modules fastify, undici and friends are made of, and ESM output could not import
  // CommonJS deep paths such as 'ajv/dist/2020' (no extension, no exports map) from node_modules.
  return {
    entryPoints: [path.join(repoRoot, 'main', 'cli', 'agent.ts')],
    outdir: bundleDir,
    entryNames: '[name]',
    // Code reached only through import() (the simulator with ajv and yaml, the support bundle's
    // zip code) goes to chunks that Node reads when it is first imported, not at every start.
    // Beside the entry, so `new URL('./assets/x', import.meta.url)` means the same in both.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external,
    // Bundled CommonJS packages call require() for Node built-ins; ESM has no require of its own.
    banner: {
      js: "import { createRequire as __tillAgentCreateRequire } from 'node:module'; const require = __tillAgentCreateRequire(import.meta.url);",
    },
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
  for (const out of outputs) writeAtomic(out.path, out.contents);
  pruneChunks(new Set(outputs.map((out) => out.path)));
  return agentBundle;
}

/**
 * Removes the chunks of earlier builds. Not at once: an agent started from an earlier build may
 * still import one of its chunks (its names carry a hash of their content), so a chunk goes only
 * once no build has written it for an hour.
 */
function pruneChunks(written, keepMs = 3600_000) {
  for (const name of fs.readdirSync(bundleDir)) {
    const file = path.join(bundleDir, name);
    if (!/^chunk-.*\.mjs(\.map)?$/.test(name) || written.has(file)) continue;
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > keepMs) fs.rmSync(file, { force: true });
    } catch {
      /* removed by a build running beside this one */
    }
  }
}

export async function ensureAgentBuilt({ log = () => {} } = {}) {
  if (!bundleIsStale()) return false;
  log('Building the agent (dist/cli/agent.mjs; sources changed)…');
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
    await import(pathToFileURL(agentBundle).href);
  }
}
