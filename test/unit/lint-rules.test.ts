// The import directions of STYLE.md are enforced by lint; this proves the rules bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('import directions', () => {
  it.each([
    ["import { app } from 'electron';", '(electron)'],
    ["import { useState } from 'react';", 'The core has no UI'],
    ["import Fastify from 'fastify';", 'HTTP servers belong to the hosts'],
    ["import { createPosApi } from '../posapi';", 'imports no host (posapi)'],
    ["import { startHeadless } from '../../headless/serve';", 'imports no host (headless)'],
  ])('the core may not %s', async (code, message) => {
    const found = await restrictedImports(`${code}\nexport {};\n`, 'main/agent/scan/example.ts');
    expect(found.join('\n')).toContain(message);
  });

  it('the core may import its own modules', async () => {
    expect(
      await restrictedImports(
        "import { maskCardNumber } from '../cards';\nexport { maskCardNumber };\n",
        'main/agent/scan/example.ts',
      ),
    ).toEqual([]);
  });

  it('the renderer may import only the contract, and only its types', async () => {
    expect(
      await restrictedImports(
        "import type { Card } from '../../main/agent/contract';\nexport type { Card };\n",
        'renderer/src/example.ts',
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        "import { operations } from '../../main/agent/contract';\nexport { operations };\n",
        'renderer/src/example.ts',
      ),
    ).not.toEqual([]);
    expect(
      await restrictedImports(
        "import { Agent } from '../../main/agent';\nexport { Agent };\n",
        'renderer/src/example.ts',
      ),
    ).not.toEqual([]);
    expect(
      await restrictedImports(
        "import type { Agent } from '../../main/agent/agent';\nexport type { Agent };\n",
        'renderer/src/example.ts',
      ),
    ).not.toEqual([]);
    expect(
      await restrictedImports("import fs from 'node:fs';\nexport { fs };\n", 'renderer/src/example.ts'),
    ).not.toEqual([]);
    expect(
      await restrictedImports(
        "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n",
        'renderer/src/example.ts',
      ),
    ).not.toEqual([]);
  });
});

describe('layers', () => {
  it('main/runtime is a host: the core may not import it', async () => {
    const found = await restrictedImports(
      "import { startRuntime } from '../../runtime';\nexport { startRuntime };\n",
      'main/agent/scan/example.ts',
    );
    expect(found.join('\n')).toContain('imports no host (runtime)');
  });

  it.each([
    ["import { OutboxStore } from '../queue/store';", 'main/agent/sale/example.ts'],
    ["import { HidScanner } from './devices/hid';", 'main/agent/scan/example.ts'],
    ["import { ok } from '../agent/contract';", 'main/posapi/example.ts'],
    ["import { Vault } from '../agent/vault';", 'main/cli/example.ts'],
    ["import { RENDERER_CSP } from '../runtime/csp';", 'main/electron/example.ts'],
  ])('a folder is imported through its index.ts, never by reaching inside: %s', async (code, file) => {
    const found = await restrictedImports(`${code}\nexport {};\n`, file);
    expect(found.join('\n')).toContain('through its index.ts');
  });

  it.each([
    ["import { OutboxStore } from '../queue';", 'main/agent/sale/example.ts'],
    ["import { formatMinor } from '../../common';", 'main/agent/sale/example.ts'],
    ["import { ok } from '../agent';", 'main/posapi/example.ts'],
    ["import type { ScanSource } from '../types';", 'main/agent/scan/decode/example.ts'],
  ])('an index, or a file of the folder itself or above, is fine: %s', async (code, file) => {
    expect(await restrictedImports(`${code}\nexport {};\n`, file)).toEqual([]);
  });

  it('main/common stands alone: nothing of main/, no Node, no host library', async () => {
    for (const code of [
      "import { ok } from '../agent';",
      "import fs from 'node:fs';",
      "import Fastify from 'fastify';",
    ]) {
      expect(await restrictedImports(`${code}\nexport {};\n`, 'main/common/example.ts')).not.toEqual([]);
    }
  });

  it('the renderer may import main/common', async () => {
    expect(
      await restrictedImports(
        "import { formatMinor } from '../../main/common';\nexport { formatMinor };\n",
        'renderer/src/example.ts',
      ),
    ).toEqual([]);
  });

  it('the browser bridge sees the contract (types, and the operation names) and its own folder, nothing else', async () => {
    const file = 'main/headless/browser/example.ts';
    const allowed = [
      "import { operationNames } from '../../agent/contract/operations';",
      "import type { Result } from '../../agent/contract';",
      "import { BRIDGE_PATH } from './protocol';",
    ];
    for (const code of allowed) expect(await restrictedImports(`${code}\nexport {};\n`, file)).toEqual([]);
    const refused = [
      "import { operations } from '../../agent/contract';",
      "import { Agent } from '../../agent';",
      "import { addHeadlessUi } from '../server';",
      "import fs from 'node:fs';",
      "import Fastify from 'fastify';",
    ];
    for (const code of refused)
      expect(await restrictedImports(`${code}\nexport {};\n`, file)).not.toEqual([]);
  });

  it("Electron's preload may use electron and the operation names, nothing else of main/ or Node", async () => {
    const file = 'preload/example.ts';
    expect(
      await restrictedImports(
        "import { ipcRenderer } from 'electron';\nimport { IPC_CALL } from '../main/agent/contract/operations';\nimport type { Result } from '../main/agent/contract';\nexport { ipcRenderer, IPC_CALL };\nexport type { Result };\n",
        file,
      ),
    ).toEqual([]);
    for (const code of ["import { Agent } from '../main/agent';", "import fs from 'node:fs';"])
      expect(await restrictedImports(`${code}\nexport {};\n`, file)).not.toEqual([]);
  });
});
