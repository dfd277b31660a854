// The headless host: the agent and its UI for a browser, without Electron.
export { startHeadless, type Headless } from './serve';
export { ensureRendererBuilt } from './assets';
