// What the two esbuild bundles of main/ share (scripts/build-electron.mjs, scripts/agent.mjs):
// the packages left to load from node_modules at run time, and the files a module reads next to
// its source (`new URL('./x.yaml', import.meta.url)`): the plugin points each reference at
// <bundle dir>/assets/<name> and collects the files; writeAssets() copies them there once the
// build has succeeded.
import fs from 'node:fs';
import path from 'node:path';

/** Loaded at run time from node_modules: native addons, and optional add-ons of bundled packages. */
export const nodeExternals = [
  'better-sqlite3',
  'node-hid',
  'serialport',
  '@serialport/*',
  'usb',
  // ws (through fastify's deps) and pino try these optional packages inside try/catch.
  'bufferutil',
  'utf-8-validate',
  'pino-pretty',
  // OpenTelemetry's SDK and OTLP exporter, imported only when metrics.otlp is set
  // (main/agent/metrics/otlp.ts): a till without it neither reads nor keeps their code.
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/exporter-metrics-otlp-http',
  '@opentelemetry/resources',
];

const ASSET_REF = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * @param {object} options
 * @param {string} options.repoRoot for messages
 * @param {string} options.bundleDir the folder the bundle is written to
 * @param {Map<string, string>} options.copies filled with asset name -> source file
 * @param {boolean} [options.keepSameFile] leave a reference alone when it already names the same
 *   file from the bundle's folder (../../package.json from main/x/ and from dist/x/)
 */
export function assetsPlugin({ repoRoot, bundleDir, copies, keepSameFile = false }) {
  return {
    name: 'till-agent-assets',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await fs.promises.readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const contents = source.replace(ASSET_REF, (match, quote, relative) => {
          const file = path.resolve(path.dirname(args.path), relative);
          if (!fs.existsSync(file))
            throw new Error(`${path.relative(repoRoot, args.path)} reads ${relative}, which does not exist`);
          if (keepSameFile && path.resolve(bundleDir, relative) === file) return match;
          const name = path.basename(file);
          const earlier = copies.get(name);
          if (earlier && earlier !== file)
            throw new Error(`two assets are called ${name}: ${earlier} and ${file}`);
          copies.set(name, file);
          return `new URL(${quote}./assets/${name}${quote}, import.meta.url)`;
        });
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * Writes the collected assets to <bundleDir>/assets, each under a temporary name and then renamed
 * (a bundle starting at that moment never reads half a file), afresh with mode 0644 (sources may
 * be read-only, and a read-only copy would block the next build).
 */
export function writeAssets(copies, bundleDir) {
  for (const [name, file] of copies) writeAtomic(path.join(bundleDir, 'assets', name), fs.readFileSync(file));
}

/** Writes a file under a temporary name, then renames it into place (atomic on one file system). */
export function writeAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o644 });
  fs.renameSync(tmp, file);
}
