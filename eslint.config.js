// Lint: typescript-eslint on every folder, plus the import directions of STYLE.md, layer by layer:
// - the core (main/agent) knows no host, no Electron, no React, no HTTP framework;
// - main/common is pure and stands alone (the core and the renderer both use it);
// - a folder is imported through its index.ts, its public face, never by reaching inside it;
// - the renderer, the preload script and the browser bridge run outside Node: from main/ they
//   see only the contract (its types; the operation names, which carry no zod) and main/common.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The hosts over the core: each imports the core, never the other way round. */
const hosts = ['electron', 'posapi', 'headless', 'cli', 'centegra-sim', 'runtime'];

const indexOnly = [
  {
    regex: '^(\\.\\./)+[^./][^/]*/',
    message:
      "Import another folder through its index.ts (its public face), not a file inside it. If what you need is not exported there, export it from the folder's index.ts.",
  },
  {
    regex: '^\\./[^/]+/',
    message:
      "Import a subfolder through its index.ts (its public face), not a file inside it. If what you need is not exported there, export it from the subfolder's index.ts.",
  },
];

const notInTheCore = {
  paths: [
    { name: 'electron', message: 'The core runs under plain Node: hosts own Electron.' },
    { name: 'react', message: 'The core has no UI.' },
    { name: 'react-dom', message: 'The core has no UI.' },
    { name: 'fastify', message: 'HTTP servers belong to the hosts (main/posapi, main/headless).' },
    { name: 'ws', message: 'Transports belong to the hosts.' },
  ],
  patterns: [
    { group: ['@fastify/*'], message: 'HTTP servers belong to the hosts.' },
    ...hosts.map((h) => ({
      group: [`**/${h}`, `**/${h}/**`],
      message: `The core imports no host (${h}); the host imports the core.`,
    })),
  ],
};

/**
 * Outside Node (a browser page, Electron's sandboxed preload): from main/ only the contract's
 * types, its operation names (they carry no zod) and main/common. `main` is how the path to
 * main/ is written from where the rule applies.
 */
const outsideNode = (where, main, extra = []) => [
  {
    regex: `${main}(?!agent/contract(/operations)?$|common$)`,
    message: `${where} sees nothing of main/ but the contract and main/common.`,
  },
  {
    regex: `${main}agent/contract$`,
    allowTypeImports: true,
    message:
      "Only the contract's types may cross (import type); the operation names come from contract/operations.",
  },
  { regex: '^node:', message: `${where} runs outside Node: no Node built-ins.` },
  ...extra,
];

const restricted = (options) => ({ '@typescript-eslint/no-restricted-imports': ['error', options] });

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results.json',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Every host: folders through their index.ts.
    files: ['main/**/*.ts'],
    rules: restricted({ patterns: indexOnly }),
  },
  {
    files: ['main/agent/**/*.ts'],
    rules: restricted({ paths: notInTheCore.paths, patterns: [...notInTheCore.patterns, ...indexOnly] }),
  },
  {
    // Shared by the core and the renderer: pure, so it runs in both.
    files: ['main/common/**/*.ts'],
    rules: restricted({
      patterns: [
        {
          regex: '^\\.\\./',
          message: 'main/common is pure and stands alone: it imports nothing from the rest of main/.',
        },
        { regex: '^node:', message: 'main/common also runs in the renderer: no Node built-ins.' },
        {
          regex: '^(electron|react|react-dom|fastify)$',
          message: 'main/common is pure: no host, UI or server library.',
        },
      ],
    }),
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'main/headless/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restricted({
        patterns: outsideNode('The renderer talks only to window.tillAgent: it', '(^|/)main/', [
          { group: ['electron'], message: 'The renderer never sees Electron: use window.tillAgent.' },
        ]),
      }),
    },
  },
  {
    // The browser bridge is bundled for the page: what the renderer may import, and its own folder.
    files: ['main/headless/browser/**/*.ts'],
    rules: restricted({
      paths: [
        { name: 'electron', message: 'The browser bridge runs in a web page: no Electron.' },
        { name: 'fastify', message: 'The browser bridge runs in a web page: the server is main/headless.' },
      ],
      patterns: outsideNode('The browser bridge runs in a web page: it', '^\\.\\./\\.\\./', [
        {
          regex: '^\\.\\./(?!\\.\\./)',
          message: 'The browser bridge runs in a web page: it imports nothing of the headless server.',
        },
      ]),
    }),
  },
  {
    // Electron's sandboxed preload: the IPC allowlist from the operation names, nothing of Node.
    files: ['preload/**/*.ts'],
    rules: restricted({ patterns: outsideNode("Electron's sandboxed preload script", '(^|/)main/') }),
  },
  {
    // Tests read untyped JSON answers; `any` there is honest. They may reach inside a folder.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
