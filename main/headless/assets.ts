// Builds the browser assets when their sources changed: the renderer (Vite) and the browser
// bridge (esbuild). `npm ci` needs no separate build step, and a changed screen is rebuilt
// on the next start. In a packaged app the sources are absent and the built files are used as they are.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Where the built screens go: dist/renderer, or (for developers running several browser-test runs
 * side by side on one checkout) the folder TILL_AGENT_RENDERER_DIST names, so one run's rebuild
 * never empties the folder another run is serving.
 */
export const rendererDist = process.env.TILL_AGENT_RENDERER_DIST
  ? path.resolve(process.env.TILL_AGENT_RENDERER_DIST)
  : path.join(repoRoot, 'dist', 'renderer');
export const bridgeDist = path.join(repoRoot, 'dist', 'headless', 'bridge.js');

function newestMtime(entries: string[]): number {
  let newest = 0;
  const visit = (p: string): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  entries.forEach(visit);
  return newest;
}

function isStale(output: string, sources: string[]): boolean {
  const sourceTime = newestMtime(sources);
  if (sourceTime === 0) return false; // packaged: no sources to rebuild from
  try {
    return fs.statSync(output).mtimeMs < sourceTime;
  } catch {
    return true;
  }
}

export interface BuildOptions {
  log?: (message: string) => void;
  force?: boolean;
}

export async function ensureRendererBuilt(options: BuildOptions = {}): Promise<void> {
  const log = options.log ?? (() => {});
  const rendererSources = [
    path.join(repoRoot, 'renderer'),
    path.join(repoRoot, 'vite.config.ts'),
    path.join(repoRoot, 'main', 'agent', 'contract'),
    // The screens bundle main/common (money formatting) too.
    path.join(repoRoot, 'main', 'common'),
  ];
  if (options.force || isStale(path.join(rendererDist, 'index.html'), rendererSources)) {
    log('Building the cashier screen (renderer sources changed)…');
    const { build } = await import('vite');
    // A production build whoever asks (a test run sets NODE_ENV=test, which would give React's
    // development runtime): the screens tested are the screens shipped.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: path.join(repoRoot, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir: rendererDist, emptyOutDir: true },
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
  }
  const bridgeSources = [
    path.join(repoRoot, 'main', 'headless', 'browser'),
    path.join(repoRoot, 'main', 'agent', 'contract', 'operations.ts'),
  ];
  if (options.force || isStale(bridgeDist, bridgeSources)) {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [path.join(repoRoot, 'main', 'headless', 'browser', 'bridge.ts')],
      outfile: bridgeDist,
      bundle: true,
      format: 'iife',
      target: 'chrome120',
      minify: true,
      logLevel: 'warning',
    });
  }
}
