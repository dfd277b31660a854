// Builds the Electron host: the main process bundle (ESM, plus the file package.json's "main"
// names if that differs) and the sandboxed preload (CommonJS, everything but `electron` inlined),
// after making sure the renderer they load is built.
//
//   node scripts/build-electron.mjs [--outdir DIR] [--skip-renderer]
//
// Files the core reads next to its sources (`new URL('./x.yaml', import.meta.url)`) are copied
// to <outdir>/main/assets and the reference rewritten, so the bundle finds them wherever it runs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { assetsPlugin, nodeExternals, writeAssets } from './bundling.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Loaded at run time: Electron itself, native addons, and optional add-ons of bundled packages. */
export const mainExternals = ['electron', ...nodeExternals];

/** Build tooling the host must never pull in: it loads the prebuilt dist/renderer instead. */
const forbiddenInMain = /^(vite|esbuild|@vitejs\/.*|rollup|lightningcss)$/;

function forbidPlugin() {
  return {
    name: 'till-agent-forbid-build-tools',
    setup(b) {
      b.onResolve({ filter: forbiddenInMain }, (args) => ({
        errors: [
          {
            text: `${args.importer} imports ${args.path}: the Electron host must not bundle build tooling (it loads the prebuilt dist/renderer).`,
          },
        ],
      }));
      b.onResolve({ filter: /headless/ }, (args) => {
        const target = path.resolve(args.resolveDir, args.path);
        if (!target.startsWith(path.join(repoRoot, 'main', 'headless'))) return undefined;
        return {
          errors: [
            {
              text: `${args.importer} imports ${args.path}: the Electron host does not use the headless host (it builds the renderer with Vite).`,
            },
          ],
        };
      });
    },
  };
}

/**
 * Bundles one main-process entry for Node (Electron's main process or plain Node), in the
 * module format its file name says (.cjs or .mjs).
 */
export async function bundleMain(entry, outfile, { minify = false } = {}) {
  const esm = !outfile.endsWith('.cjs');
  const banner = esm
    ? // Bundled CommonJS packages call require() for Node built-ins; ESM has no require of its own.
      "import { createRequire as __tillAgentCreateRequire } from 'node:module'; const require = __tillAgentCreateRequire(import.meta.url);"
    : "const __tillAgentImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";
  const bundleDir = path.dirname(outfile);
  const copies = new Map();
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: esm ? 'esm' : 'cjs',
    external: mainExternals,
    banner: { js: banner },
    define: esm ? {} : { 'import.meta.url': '__tillAgentImportMetaUrl' },
    plugins: [forbidPlugin(), assetsPlugin({ repoRoot, bundleDir, copies })],
    sourcemap: 'linked',
    minify,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  writeAssets(copies, bundleDir);
  return result.metafile;
}

/** The sandboxed preload: only `require('electron')` is allowed there, so everything else is inlined. */
export async function bundlePreload(outfile) {
  await build({
    entryPoints: [path.join(repoRoot, 'preload', 'preload.ts')],
    outfile,
    bundle: true,
    platform: 'browser',
    target: 'chrome130',
    format: 'cjs',
    external: ['electron'],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** The main-process files to write: electron.mjs, and whatever package.json's "main" names under dist/main. */
function mainOutputNames() {
  const names = new Set(['electron.mjs']);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  if (typeof pkg.main === 'string' && path.posix.dirname(pkg.main) === 'dist/main')
    names.add(path.posix.basename(pkg.main));
  return [...names];
}

function buildRenderer() {
  // The same step `npm ci` runs (scripts/prepare.ts); a child process keeps Vite out of this one.
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      path.join(repoRoot, 'scripts', 'prepare.ts'),
    ],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
}

export async function buildElectron({ outdir = path.join(repoRoot, 'dist'), renderer = true } = {}) {
  if (renderer) buildRenderer();
  const outputs = [];
  for (const name of mainOutputNames()) {
    const outfile = path.join(outdir, 'main', name);
    await bundleMain(path.join(repoRoot, 'main', 'electron', 'main.ts'), outfile);
    outputs.push(outfile);
  }
  const preload = path.join(outdir, 'preload', 'preload.cjs');
  await bundlePreload(preload);
  outputs.push(preload);
  return outputs;
}

function parseCli(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--outdir' && argv[i + 1]) options.outdir = path.resolve(argv[++i]);
    else if (arg === '--skip-renderer') options.renderer = false;
    else
      throw new Error(
        `Unknown option ${arg}. Usage: node scripts/build-electron.mjs [--outdir DIR] [--skip-renderer]`,
      );
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const outputs = await buildElectron(parseCli(process.argv.slice(2)));
    for (const file of outputs) {
      console.log(
        `  ${path.relative(process.cwd(), file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} kB`,
      );
    }
  } catch (e) {
    console.error(`Could not build the Electron host: ${e.message}`);
    process.exitCode = 1;
  }
}
