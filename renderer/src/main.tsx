// Start-up: ask the agent its first questions (first-reads.ts) while the screens' code is still
// arriving (screens.tsx, its own chunk, which index.html preloads), then draw them. A Welsh till's
// catalogue is fetched as soon as health says so, beside the screens' code.
import { findAgent } from './agent';
import { startFirstReads } from './first-reads';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  const agent = findAgent(window.tillAgent);
  const reads = agent ? startFirstReads(agent) : undefined;
  void reads?.health.then((health) => {
    if (health.ok && health.value.language === 'cy-GB') import('./i18n/cy-GB').catch(() => {});
  });
  void import('./screens').then(({ drawScreens }) => drawScreens(root, agent, reads));
}
