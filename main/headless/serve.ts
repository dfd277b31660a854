// `serve`: the agent without Electron. The runtime plus the browser UI on the same port.
import { randomBytes } from 'node:crypto';
import type { LoadedConfig } from '../agent';
import { startRuntime, type Runtime } from '../runtime';
import { ensureRendererBuilt } from './assets';
import { addHeadlessUi } from './server';

export interface Headless {
  runtime: Runtime;
  /** The cashier screen, with the session key that lets a browser in. */
  uiUrl: string;
  close(): Promise<void>;
}

export async function startHeadless(options: {
  loaded: LoadedConfig;
  version: string;
  onlineProbeMs?: number;
  log?: (m: string) => void;
}): Promise<Headless> {
  await ensureRendererBuilt({ log: options.log });
  let uiToken = '';
  const runtime = await startRuntime({
    loaded: options.loaded,
    version: options.version,
    onlineProbeMs: options.onlineProbeMs,
    beforeListen: ({ agent, posApi, log, listen }) => {
      // The browser's key to the screen: new at every start, so a link or cookie from an earlier
      // run (in a browser's history, say) lets no one in.
      uiToken = randomBytes(32).toString('base64url');
      return addHeadlessUi(posApi, { agent, uiToken, listen, log });
    },
  });
  return { runtime, uiUrl: `${runtime.origin}/?session=${uiToken}`, close: () => runtime.close() };
}
