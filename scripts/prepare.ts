// Runs after `npm ci`: builds the browser assets once, so the first `serve` starts at once.
// Nothing native is rebuilt here (Electron's rebuild happens when installers are built).
import { ensureRendererBuilt } from '../main/headless/assets';

try {
  await ensureRendererBuilt({ log: (m) => console.log(m) });
} catch (e) {
  console.error(`Could not build the cashier screen: ${(e as Error).message}`);
  process.exitCode = 1;
}
