// The headless host: the agent and its UI for a browser, without Electron.
export { startHeadless, type Headless } from './serve';
export { MAX_BRIDGES } from './server';
export { ensureRendererBuilt } from './assets';
