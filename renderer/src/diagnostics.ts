// The Diagnostics screen's state and words, pure: the agent's seven checks in Centegra's order, each
// passed or failed in words and a shape, the summary line, and which run's answer counts.
import type { ApiError, OperationOutput, Result } from '../../main/agent/contract';
import type { Shape, Tone } from './wording';

export type Diagnostics = OperationOutput<'diagnostics'>;
export type DiagnosticCheck = Diagnostics['checks'][number];
export type CheckId = DiagnosticCheck['id'];

/** The order Centegra Plus support asks for them (network, API, Factor4, key, scanners, queue), then the site's Factor4 set-up. */
export const checkOrder: readonly CheckId[] = [
  'online',
  'centegra',
  'factor4',
  'key',
  'scanners',
  'queue',
  'site',
];

export interface DiagnosticsState {
  /** The run whose answer counts (the latest asked); undefined when none is out. */
  running?: number;
  lastRun: number;
  result?: Diagnostics;
  /** Why the last run could not be made (the result shown, if any, is older). */
  problem?: ApiError;
}

export type DiagnosticsAction =
  { type: 'runStarted'; runId: number } | { type: 'runAnswered'; runId: number; result: Result<Diagnostics> };

export const initialDiagnostics: DiagnosticsState = { lastRun: 0 };

export function reduceDiagnostics(state: DiagnosticsState, action: DiagnosticsAction): DiagnosticsState {
  switch (action.type) {
    case 'runStarted':
      return { ...state, running: action.runId, lastRun: action.runId };
    case 'runAnswered':
      // An older, slower run's answer is dropped: the screen shows the newest run only.
      if (action.runId !== state.lastRun || state.running === undefined) return state;
      if (!action.result.ok) return { ...state, running: undefined, problem: action.result.error };
      return { lastRun: state.lastRun, result: action.result.value };
  }
}

/** The checks in Centegra's order; one this screen does not know yet comes last, as the agent sent it. */
export function orderedChecks(checks: readonly DiagnosticCheck[]): DiagnosticCheck[] {
  const rank = (c: DiagnosticCheck): number => {
    const i = checkOrder.indexOf(c.id);
    return i === -1 ? checkOrder.length : i;
  };
  return checks
    .map((check, i) => ({ check, i }))
    .sort((a, b) => rank(a.check) - rank(b.check) || a.i - b.i)
    .map(({ check }) => check);
}

export interface CheckWording {
  text: string;
  tone: Tone;
  shape: Shape;
}

export function describeCheckStatus(status: DiagnosticCheck['status']): CheckWording {
  return status === 'PASS'
    ? { text: 'Passed', tone: 'good', shape: 'circle' }
    : { text: 'Failed', tone: 'danger', shape: 'cross' };
}

/** `All checks passed`, `1 check failed`, `3 checks failed`. */
export function summaryLine(result: Pick<Diagnostics, 'checks' | 'allPassed'>): CheckWording {
  const failed = result.checks.filter((c) => c.status !== 'PASS').length;
  if (failed === 0 && result.allPassed) return { text: 'All checks passed', tone: 'good', shape: 'circle' };
  if (failed === 0) return { text: 'Not every check passed', tone: 'danger', shape: 'cross' };
  return {
    text: `${failed} ${failed === 1 ? 'check' : 'checks'} failed`,
    tone: 'danger',
    shape: 'cross',
  };
}

export const diagnosticsIntro =
  'Seven checks, in the order Centegra Plus support asks for them. No PIN is needed.';
export const diagnosticsProblemHeading = "Can't run the checks";
