// What the host puts on the page before the screen starts: the Electron preload or the browser
// bridge. Optional, because the screen must say so when it is missing rather than crash.
import type { TillAgentApi } from '../../main/agent/contract';

declare global {
  interface Window {
    tillAgent?: TillAgentApi;
  }
}

export {};
