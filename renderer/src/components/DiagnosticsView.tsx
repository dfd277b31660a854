// The Diagnostics screen, for IT (no PIN) and the manager alike: the agent's seven checks in
// Centegra's order, each passed or failed in words and a shape, with what to do for each that
// failed; run on opening and again on demand. Shown from the Scanners tab and in the Manager view.
import { useCallback, useEffect, useReducer, useRef, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { TillAgentApi } from '../../../main/agent/contract';
import { callAgent } from '../agent';
import { problemWords } from '../error-words';
import {
  checkTitle,
  describeCheckStatus,
  initialDiagnostics,
  orderedChecks,
  reduceDiagnostics,
  summaryLine,
  type DiagnosticCheck,
} from '../diagnostics';
import { AgentText } from './AgentText';
import { Alert } from './Alert';
import { Shape } from './Shape';
import { formatTimeToTheSecond } from '../format';

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

  const intl = useIntl();
  const { result, problem } = state;
  const Heading = level === 2 ? 'h2' : 'h3';
  const Sub = level === 2 ? 'h3' : 'h4';
  const summary = result ? summaryLine(intl, result) : undefined;
  return (
    <section className="diagnostics" aria-labelledby="diagnostics-heading" data-testid="diagnostics">
      <div className="panel-top">
        <Heading id="diagnostics-heading" ref={headingRef} tabIndex={-1}>
          <FormattedMessage id="diagnostics.heading" />
        </Heading>
        {aside}
      </div>
      <p className="panel-intro">
        <FormattedMessage id="diagnostics.intro" />
      </p>
      <button
        type="button"
        className="check run-checks"
        aria-disabled={running || undefined}
        onClick={() => {
          if (!running) void run();
        }}
      >
        <FormattedMessage id={running ? 'diagnostics.checking' : 'diagnostics.run'} />
      </button>
      <div aria-live="polite" data-testid="diagnostics-status">
        {running ? (
          <div className="diagnostics-summary tone-neutral">
            <p className="summary-text">
              <Shape shape="ring" />
              <FormattedMessage id="diagnostics.checking" />
            </p>
          </div>
        ) : result && summary ? (
          <div className={`diagnostics-summary tone-${summary.tone}`}>
            <p className="summary-text" data-testid="diagnostics-summary">
              <Shape shape={summary.shape} />
              {summary.text}
            </p>
            <p className="summary-at" data-testid="diagnostics-at">
              <FormattedMessage
                id="diagnostics.checkedAt"
                values={{
                  time: (
                    <time dateTime={result.at}>
                      {formatTimeToTheSecond(result.at, new Date(), intl.locale)}
                    </time>
                  ),
                }}
              />
            </p>
          </div>
        ) : null}
      </div>
      {problem && !running && (
        <Alert
          level={level === 2 ? 3 : 4}
          heading={intl.formatMessage({ id: 'diagnostics.problem.heading' })}
          className="panel-alert"
          role="alert"
          testId="diagnostics-problem"
        >
          <p>{problemWords(intl, problem, 'manager').message}</p>
          <AgentText as="p">{problem.message}</AgentText>
        </Alert>
      )}
      {result && result.warnings.length > 0 && (
        <div className="warnings" data-testid="diagnostics-warnings">
          <Sub className="warnings-heading">
            <Shape shape="triangle" />
            <FormattedMessage id="diagnostics.warnings.heading" />
          </Sub>
          <ul>
            {/* IT's warnings are the agent's own English (as `diagnose` prints them). */}
            {result.warnings.map((warning, i) => (
              <li key={i}>
                <AgentText>{warning}</AgentText>
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <ol
          className="items checks"
          aria-label={intl.formatMessage({ id: 'diagnostics.checks.label' })}
          aria-busy={running || undefined}
        >
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
  const intl = useIntl();
  const wording = describeCheckStatus(intl, check.status);
  const title = checkTitle(intl, check);
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
        <span className="check-number">{number}.</span>{' '}
        {title.agentText ? <AgentText>{title.text}</AgentText> : title.text}
      </Heading>
      <div className="check-line">
        <p className={`pill tone-${wording.tone}`} data-testid="check-status">
          <Shape shape={wording.shape} />
          {wording.text}
        </p>
        {/* What the agent found, and its fix, are its own English for IT (as `diagnose` prints them). */}
        <AgentText as="p" className="check-detail" testId="check-detail">
          {check.detail}
        </AgentText>
      </div>
      {advised && check.fix && (
        <div className={`advice${failed ? ' advice--failed' : ''}`} data-testid="check-fix">
          <p className="advice-heading">
            <FormattedMessage id="diagnostics.whatToDo" />
          </p>
          <AgentText as="p">{check.fix}</AgentText>
        </div>
      )}
    </li>
  );
}
