// The renderer (React cashier and manager screens), built to dist/renderer for both hosts:
// Electron loads it through its app:// protocol, the headless host serves it over HTTP.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The screens' chunk (renderer/src/screens.tsx) is imported by main.tsx only after it has asked the
 * agent its first questions; index.html names it (and what it imports) as a modulepreload, so the
 * browser fetches and parses it from the start, beside the entry, instead of after it.
 */
function preloadScreens(): Plugin {
  return {
    name: 'till-agent:preload-screens',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const screens = chunks.find((c) => c.facadeModuleId?.endsWith('/renderer/src/screens.tsx'));
        if (!screens) throw new Error('vite.config.ts: no chunk for renderer/src/screens.tsx to preload');
        const entry = chunks.find((c) => c.isEntry);
        const files = [...new Set([...screens.imports, screens.fileName])].filter(
          (file) => file !== entry?.fileName && !entry?.imports.includes(file),
        );
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadScreens()],
  // Always React's production build, even when a test run (NODE_ENV=test) rebuilds the screens.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
