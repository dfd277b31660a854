// `serve`: the agent without Electron. The runtime plus the browser UI on the same port.
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
    beforeListen: ({ agent, posApi, log, listen, secrets }) => {
      // The browser's key to the screen, kept sealed like the other secrets.
      uiToken = secrets.getOrCreate('ui.session').value;
      return addHeadlessUi(posApi, { agent, uiToken, listen, log });
    },
  });
  return { runtime, uiUrl: `${runtime.origin}/?session=${uiToken}`, close: () => runtime.close() };
}
