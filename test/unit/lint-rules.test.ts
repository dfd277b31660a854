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
