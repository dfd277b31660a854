// The Diagnostics screen, for IT (no PIN) and the manager alike: the agent's seven checks in
// Centegra's order, each passed or failed in words and a shape, with what to do for each that
// failed; run on opening and again on demand. Shown from the Scanners tab and in the Manager view.
import { useCallback, useEffect, useReducer, useRef, type ReactNode } from 'react';
import type { TillAgentApi } from '../../../main/agent/contract';
import { callAgent } from '../agent';
import {
  describeCheckStatus,
  diagnosticsIntro,
  diagnosticsProblemHeading,
  initialDiagnostics,
  orderedChecks,
  reduceDiagnostics,
  summaryLine,
  type DiagnosticCheck,
} from '../diagnostics';
import { formatEventTime } from '../format';
import { Alert } from './Alert';
import { Shape } from './Shape';

interface DiagnosticsViewProps {
  agent: TillAgentApi;
  /** 2 when the view fills the tab (Scanners), 3 under the Manager heading. */
  level: 2 | 3;
  /** Drawn beside the heading: the way back, where there is one. */
  aside?: ReactNode;
}

export function DiagnosticsView({ agent, level, aside }: DiagnosticsViewProps) {
  const [state, dispatch] = useReducer(reduceDiagnostics, initialDiagnostics);
  const lastRun = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const running = state.running !== undefined;

  const run = useCallback(async (): Promise<void> => {
    const runId = ++lastRun.current;
    dispatch({ type: 'runStarted', runId });
    dispatch({ type: 'runAnswered', runId, result: await callAgent(() => agent.diagnostics({})) });
  }, [agent]);

  // Opened: the heading first, for keyboard and screen reader alike, and the checks run at once.
  useEffect(() => {
    headingRef.current?.focus();
    void run();
  }, [run]);

  const { result, problem } = state;
  const Heading = level === 2 ? 'h2' : 'h3';
  const Sub = level === 2 ? 'h3' : 'h4';
  const summary = result ? summaryLine(result) : undefined;
  return (
    <section className="diagnostics" aria-labelledby="diagnostics-heading" data-testid="diagnostics">
      <div className="panel-top">
        <Heading id="diagnostics-heading" ref={headingRef} tabIndex={-1}>
          Diagnostics
        </Heading>
        {aside}
      </div>
      <p className="panel-intro">{diagnosticsIntro}</p>
      <button
        type="button"
        className="check run-checks"
        aria-disabled={running || undefined}
        onClick={() => {
          if (!running) void run();
        }}
      >
        {running ? 'Checking…' : 'Run checks'}
      </button>
      <div aria-live="polite" data-testid="diagnostics-status">
        {running ? (
          <div className="diagnostics-summary tone-neutral">
            <p className="summary-text">
              <Shape shape="ring" />
              Checking…
            </p>
          </div>
        ) : result && summary ? (
          <div className={`diagnostics-summary tone-${summary.tone}`}>
            <p className="summary-text" data-testid="diagnostics-summary">
              <Shape shape={summary.shape} />
              {summary.text}
            </p>
            <p className="summary-at" data-testid="diagnostics-at">
              Checked at <time dateTime={result.at}>{formatEventTime(result.at, new Date())}</time>
            </p>
          </div>
        ) : null}
      </div>
      {problem && !running && (
        <Alert
          level={level === 2 ? 3 : 4}
          heading={diagnosticsProblemHeading}
          className="panel-alert"
          role="alert"
          testId="diagnostics-problem"
        >
          <p>{problem.message}</p>
        </Alert>
      )}
      {result && result.warnings.length > 0 && (
        <div className="warnings" data-testid="diagnostics-warnings">
          <Sub className="warnings-heading">
            <Shape shape="triangle" />
            Also to fix
          </Sub>
          <ul>
            {result.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <ol className="items checks" aria-label="Checks" aria-busy={running || undefined}>
          {orderedChecks(result.checks).map((check, i) => (
            <CheckItem key={check.id} check={check} number={i + 1} heading={Sub} />
          ))}
        </ol>
      )}
    </section>
  );
}

interface CheckItemProps {
  check: DiagnosticCheck;
  number: number;
  heading: 'h3' | 'h4';
}

function CheckItem({ check, number, heading: Heading }: CheckItemProps) {
  const wording = describeCheckStatus(check.status);
  const failed = check.status === 'FAIL';
  // A check not run says why, and what to fix first, as a failed one does.
  const advised = check.status !== 'PASS';
  const headingId = `check-${check.id}`;
  return (
    <li
      className={`item check-item${failed ? ' check-item--failed' : ''}`}
      data-testid="check"
      data-check={check.id}
      data-status={check.status}
      aria-labelledby={headingId}
    >
      <Heading id={headingId} className="check-title">
        <span className="check-number">{number}.</span> {check.title}
      </Heading>
      <div className="check-line">
        <p className={`pill tone-${wording.tone}`} data-testid="check-status">
          <Shape shape={wording.shape} />
          {wording.text}
        </p>
        <p className="check-detail" data-testid="check-detail">
          {check.detail}
        </p>
      </div>
      {advised && check.fix && (
        <div className={`advice${failed ? ' advice--failed' : ''}`} data-testid="check-fix">
          <p className="advice-heading">What to do</p>
          <p>{check.fix}</p>
        </div>
      )}
    </li>
  );
}
