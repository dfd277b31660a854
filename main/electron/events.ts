// Agent events in the desktop app: every one goes to the screen (IPC_EVENT); a scanned card can
// bring the window forward; the Centegra link colours the tray icon.
import type { BrowserWindow } from 'electron';
import { IPC_EVENT, type Agent, type AgentEvent } from '../agent';
import type { StatusTray } from './tray';
import { bringToFront } from './window';

export interface EventTargets {
  window: BrowserWindow;
  tray?: StatusTray;
  /** config.ui.bringToFrontOnScan */
  bringToFrontOnScan: boolean;
}

export function routeAgentEvent(event: AgentEvent, targets: EventTargets): void {
  const { window } = targets;
  if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, event);
  if (event.type === 'card' && targets.bringToFrontOnScan) bringToFront(window);
  if (event.type === 'centegra') targets.tray?.showLink(event.data);
}

/** Subscribes to the agent; returns the function that stops it. */
export function followAgentEvents(agent: Pick<Agent, 'subscribe'>, targets: EventTargets): () => void {
  return agent.subscribe((event) => routeAgentEvent(event, targets));
}
