// The Diagnostics screen's state and words, pure: the agent's seven checks in Centegra's order, each
// passed or failed in words and a shape, the summary line, and which run's answer counts.
import type { ApiError, OperationOutput, Result } from '../../main/agent/contract';
import type { MessageId } from './i18n/en-GB';
import type { Words } from './i18n/words';
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

/** A check that could not be run is "Not checked" (its detail says why), never "Passed". */
export function describeCheckStatus(words: Words, status: DiagnosticCheck['status']): CheckWording {
  switch (status) {
    case 'PASS':
      return { text: words.formatMessage({ id: 'diagnostics.status.PASS' }), tone: 'good', shape: 'circle' };
    case 'NOT_CHECKED':
      return {
        text: words.formatMessage({ id: 'diagnostics.status.NOT_CHECKED' }),
        tone: 'neutral',
        shape: 'ring',
      };
    default:
      return { text: words.formatMessage({ id: 'diagnostics.status.FAIL' }), tone: 'danger', shape: 'cross' };
  }
}

const checkTitles: Record<CheckId, MessageId> = {
  online: 'diagnostics.check.online',
  centegra: 'diagnostics.check.centegra',
  factor4: 'diagnostics.check.factor4',
  key: 'diagnostics.check.key',
  scanners: 'diagnostics.check.scanners',
  queue: 'diagnostics.check.queue',
  site: 'diagnostics.check.site',
};

/**
 * A check's name in the screen's language, by its id. A check this screen does not know yet (a
 * newer agent) keeps the agent's English title: `agentText` says so, for lang="en".
 */
export function checkTitle(
  words: Words,
  check: Pick<DiagnosticCheck, 'id' | 'title'>,
): {
  text: string;
  agentText?: true;
} {
  const id = (checkTitles as Partial<Record<string, MessageId>>)[check.id];
  return id ? { text: words.formatMessage({ id }) } : { text: check.title, agentText: true };
}

/** `All checks passed`, `1 check failed`, `1 check failed, 2 could not be run`. */
export function summaryLine(words: Words, result: Pick<Diagnostics, 'checks' | 'allPassed'>): CheckWording {
  const failed = result.checks.filter((c) => c.status === 'FAIL').length;
  const notChecked = result.checks.filter((c) => c.status === 'NOT_CHECKED').length;
  if (failed === 0 && notChecked === 0 && result.allPassed)
    return {
      text: words.formatMessage({ id: 'diagnostics.summary.allPassed' }),
      tone: 'good',
      shape: 'circle',
    };
  const id: MessageId =
    failed === 0 && notChecked === 0
      ? 'diagnostics.summary.notAllPassed'
      : notChecked === 0
        ? 'diagnostics.summary.failed'
        : failed === 0
          ? 'diagnostics.summary.notRun'
          : 'diagnostics.summary.failedNotRun';
  return { text: words.formatMessage({ id }, { failed, notChecked }), tone: 'danger', shape: 'cross' };
}
