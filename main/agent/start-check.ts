// What the agent answers while the start-up check of a large database runs on its own thread
// (db/integrity.ts, Agent.start), and what the POS hears if the agent cannot go on after it.
import type { OperationName } from './contract';

/**
 * Answered at once: the till's health, its scanners and card inquiries, none of which writes what
 * the POS is promised or reads a sale's money. Every other operation waits until the check has
 * passed (or an agent on a fresh file has taken over from a damaged one).
 */
const ANSWERED_WHILE_CHECKING: ReadonlySet<string> = new Set<OperationName>([
  'health',
  'inquireCard',
  'listScans',
  'submitKeyboardScan',
  'keyboardWedgeSettings',
  'scannersReport',
  'diagnostics',
]);

export const answeredWhileChecking = (op: string): boolean => ANSWERED_WHILE_CHECKING.has(op);

/** What the POS is told when the agent could not go on after its start-up check. */
export function cannotStart(e: unknown): string {
  return `Till Agent could not open its sales database (${(e as Error).message}), so it takes nothing now. Restart Till Agent; if this comes back, call IT.`;
}

/** The agent that took over, or undefined when none could: for what only needs doing if there is one. */
export const ifStarted = <T>(replacement: Promise<T>): Promise<T | undefined> =>
  replacement.catch(() => undefined);
