// The renderer (React cashier and manager screens), built to dist/renderer for both hosts:
// Electron loads it through its app:// protocol, the headless host serves it over HTTP.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
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
