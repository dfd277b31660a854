// The renderer (React cashier and manager screens), built to dist/renderer for both hosts:
// Electron loads it through its app:// protocol, the headless host serves it over HTTP.
import { parse as parseMessage } from '@formatjs/icu-messageformat-parser';
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

/** The catalogues' files: one object of ICU messages each (renderer/src/i18n/messages/<area>.<lang>.ts). */
const CATALOGUE = /[\\/]renderer[\\/]src[\\/]i18n[\\/]messages[\\/][^\\/]+\.ts$/;

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/**
 * The catalogues compiled to react-intl's message AST at build time, as formatjs's `compile --ast`
 * does (the same parser, the version react-intl formats with, pinned in package.json): the screens
 * then neither parse a message at run time nor ship the ICU parser, which
 * `@formatjs/icu-messageformat-parser` resolving to its `no-parser` build leaves out (formatjs's
 * performance guide). Each catalogue becomes one `JSON.parse` of its AST, which V8 reads faster than
 * the same object written as code. Tests (vitest, Node) read the catalogues' strings as written.
 */
function precompileMessages(): Plugin {
  return {
    name: 'till-agent:precompile-messages',
    apply: 'build',
    config: () => ({
      resolve: {
        alias: [
          {
            find: /^@formatjs\/icu-messageformat-parser$/,
            replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
          },
        ],
      },
    }),
    transform(code, id) {
      if (!CATALOGUE.test(id)) return null;
      const fail = (why: string): never => this.error(`${id}: ${why} (vite.config.ts compiles catalogues)`);
      const program = this.parse(code) as unknown as { body: Node[] };
      const exported = program.body.filter((n) => n.type === 'ExportNamedDeclaration');
      if (exported.length !== 1) fail('a catalogue exports exactly one object');
      const declarations = (exported[0]!.declaration as { declarations?: { init: Node }[] } | null)
        ?.declarations;
      let init = declarations?.length === 1 ? declarations[0]!.init : undefined;
      while (init && (init.type === 'TSAsExpression' || init.type === 'TSSatisfiesExpression'))
        init = init.expression as Node;
      if (init?.type !== 'ObjectExpression') return fail('its export is not an object literal');
      const compiled: Record<string, unknown> = {};
      for (const property of init.properties as Node[]) {
        const key = property.key as Node & { value?: unknown; name?: string };
        const value = property.value as Node & { value?: unknown };
        const name = key.type === 'Identifier' ? key.name : key.value;
        if (property.type !== 'Property' || property.computed || typeof name !== 'string')
          return fail('every entry is `id: message`');
        if (value.type !== 'Literal' || typeof value.value !== 'string')
          return fail(`message ${name} is not a plain string`);
        compiled[name] = parseMessage(value.value);
      }
      const json = JSON.stringify(JSON.stringify(compiled));
      return { code: code.slice(0, init.start) + `JSON.parse(${json})` + code.slice(init.end), map: null };
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), precompileMessages(), preloadScreens()],
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
