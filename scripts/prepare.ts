// Runs after `npm ci`: builds the browser assets and the agent's bundle once, so the first `serve`
// starts at once. Nothing native is rebuilt here (Electron's rebuild happens when installers are built).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureRendererBuilt } from '../main/headless/assets';

try {
  await ensureRendererBuilt({ log: (m) => console.log(m) });
} catch (e) {
  console.error(`Could not build the cashier screen: ${(e as Error).message}`);
  process.exitCode = 1;
}

try {
  // The same launcher `npm run agent` uses: it rebuilds dist/cli/agent.cjs when main/ changed.
  execFileSync(process.execPath, [path.join(import.meta.dirname, 'agent.mjs'), '--build-only'], {
    stdio: 'inherit',
  });
} catch {
  console.error('Could not build the agent (dist/cli/agent.cjs): see the message above.');
  process.exitCode = 1;
}
