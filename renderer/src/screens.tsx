// The screens (React, the English catalogue, the cashier screen), drawn once health has answered
// (or FIRST_HEALTH_WAIT_MS passed): the first frame shows the link and is in the till's language,
// the Welsh catalogue fetched first when that is Welsh. Without an agent, says plainly it is missing.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { TillAgentApi } from '../../main/agent/contract';
import { App } from './App';
import { NotConnected } from './components/NotConnected';
import { healthWithin, type FirstReads } from './first-reads';
import { LanguageProvider, loadMessages, storedLanguage } from './i18n';

export async function drawScreens(
  root: HTMLElement,
  agent: TillAgentApi | undefined,
  reads: FirstReads | undefined,
): Promise<void> {
  const stored = storedLanguage();
  // A language chosen this session is fetched while health is awaited.
  const storedFetch = stored ? loadMessages(stored).catch(() => {}) : undefined;
  const health = reads ? await healthWithin(reads) : undefined;
  const configured = health?.ok ? health.value.language : undefined;
  await storedFetch;
  // A catalogue that cannot be fetched leaves the screens in English.
  await loadMessages(stored ?? configured ?? 'en-GB').catch(() => {});
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider configuredAtStart={configured}>
        {agent && reads ? <App agent={agent} first={{ reads, health }} /> : <NotConnected />}
      </LanguageProvider>
    </StrictMode>,
  );
}
