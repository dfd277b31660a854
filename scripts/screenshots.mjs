// `npm run screenshots`: the README's screenshots (resources/screenshot-*.png) taken again from the
// demo, `serve --demo` in Chromium (test/e2e/demo.spec.ts). Run it when the screens change, look
// at the pictures, and commit them; `npm test` keeps its screenshots in test-results/ only.
// TILL_AGENT_SCREENSHOTS=<folder> takes them somewhere else first, to compare.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const playwright = path.join(root, 'node_modules', '.bin', 'playwright');
const r = spawnSync(playwright, ['test', 'test/e2e/demo.spec.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, TILL_AGENT_SCREENSHOTS: process.env.TILL_AGENT_SCREENSHOTS || 'resources' },
});
if (r.error) console.error(`Could not run Playwright: ${r.error.message}`);
process.exitCode = r.status ?? 1;
