// Start-up: find the agent the host provided and draw the cashier screen, or say plainly that it is missing.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findAgent } from './agent';
import { App } from './App';
import { NotConnected } from './components/NotConnected';
import { LanguageProvider } from './i18n';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  const agent = findAgent(window.tillAgent);
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider>{agent ? <App agent={agent} /> : <NotConnected />}</LanguageProvider>
    </StrictMode>,
  );
}
