// Lint: typescript-eslint on every folder, plus the import directions of STYLE.md:
// the core (main/agent) knows no host, no Electron, no React, no HTTP framework;
// the renderer knows nothing of main/ but the contract's types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const hosts = ['electron', 'posapi', 'headless', 'cli', 'centegra-sim'];

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
    files: ['main/agent/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
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
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'main/headless/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)main/(?!agent/contract(/|$)|common(/|$))',
              message:
                'The renderer talks only to window.tillAgent; from main/ it imports only main/common and the contract.',
            },
            {
              group: ['**/main/agent/contract', '**/main/agent/contract/**'],
              allowTypeImports: true,
              message: "Only the contract's types may cross into the renderer (import type).",
            },
            { regex: '^node:', message: 'The renderer runs in a browser sandbox: no Node built-ins.' },
            { group: ['electron'], message: 'The renderer never sees Electron: use window.tillAgent.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/headless/browser/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // Shared by the core and the renderer: pure, so it runs in both.
    files: ['main/common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
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
        },
      ],
    },
  },
  {
    // Tests read untyped JSON answers; `any` there is honest.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
