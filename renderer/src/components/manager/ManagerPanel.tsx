// The Manager tab: a PIN prompt, then the sales waiting for Factor4 — how many and how old, each
// with what went wrong and what to do (Retry now; Collected / Written off for one that did not go
// through) — the CSV export, the audit, a damaged database to acknowledge, the money beyond the
// single sale (the Day with its top-ups, a refund, voiding a sale), and the Diagnostics, Settings and
// Support bundle sub-views. The session ends on Lock, after 10 minutes untouched,
// when the agent says it expired, or on leaving the tab. The state is one reducer (../../manager);
// the hooks here own what talks to the agent, the timers and the listeners.
import { useReducer } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { TillAgentApi } from '../../../../main/agent/contract';
import { initialManager, managerViews, noticeWords, promptWords, reduceManager } from '../../manager';
import type { StorageHealth } from '../../state';
import { useNow } from '../../use-now';
import { Alert } from '../Alert';
import { DiagnosticsView } from '../DiagnosticsView';
import { SettingsView } from '../SettingsView';
import { SupportBundleView } from '../SupportBundleView';
import { AuditView } from './AuditView';
import { Chip } from './Chip';
import { DayView } from './DayView';
import { PinPrompt } from './PinPrompt';
import { QueueView } from './QueueView';
import { RefundView } from './RefundView';
import { VoidSaleView } from './VoidSaleView';
import { useManagerAudit } from './useManagerAudit';
import { useManagerFocus } from './useManagerFocus';
import { useManagerQueue } from './useManagerQueue';
import { useManagerSession } from './useManagerSession';

interface ManagerPanelProps {
  agent: TillAgentApi;
  storage?: StorageHealth;
  /** The till's currency, for amounts the manager types. */
  currency: string;
}

export function ManagerPanel({ agent, storage, currency }: ManagerPanelProps) {
  const intl = useIntl();
  const [state, dispatch] = useReducer(reduceManager, initialManager);
  const now = useNow(15_000);
  const { session, view } = state;
  const manager = useManagerSession(agent, state, dispatch);
  const queue = useManagerQueue(agent, state, dispatch, manager.once);
  const readAudit = useManagerAudit(agent, state, dispatch);
  const { headingRef, viewHeadingRef } = useManagerFocus(session, view);

  if (session === undefined) {
    return (
      <main className="content panel" aria-labelledby="manager-heading" data-testid="manager-panel">
        <h2 id="manager-heading" className="panel-title">
          <FormattedMessage id="manager.heading" />
        </h2>
        <PinPrompt
          state={state}
          now={now}
          onRefused={() => dispatch({ type: 'pinRefused' })}
          onUnlock={manager.unlock}
          onReadStatus={() => void manager.readStatus()}
        />
      </main>
    );
  }

  const kept = storage && !storage.ok && storage.keptFile ? storage.keptFile : undefined;
  const problem = state.problem ? promptWords(intl, state.problem) : undefined;
  return (
    <main className="content panel" aria-labelledby="manager-heading" data-testid="manager-panel">
      <div className="panel-top">
        <h2 id="manager-heading" ref={headingRef} tabIndex={-1}>
          <FormattedMessage id="manager.heading" />
        </h2>
        <button type="button" className="secondary" onClick={() => dispatch({ type: 'lockPressed' })}>
          <FormattedMessage id="manager.lock" />
        </button>
      </div>
      <div className="chips" role="group" aria-label={intl.formatMessage({ id: 'manager.views' })}>
        {managerViews.map((v) => (
          <Chip
            key={v.view}
            pressed={view === v.view}
            onClick={() => dispatch({ type: 'viewChosen', view: v.view })}
          >
            <FormattedMessage id={v.label} />
          </Chip>
        ))}
      </div>
      {kept && (
        <Alert
          level={3}
          heading={intl.formatMessage({ id: 'manager.kept.heading' })}
          shape="cross"
          className="panel-alert"
          testId="storage-ack"
        >
          <p>
            <FormattedMessage
              id="manager.kept.body"
              values={{ file: kept, mono: (chunks) => <span className="mono">{chunks}</span> }}
            />
          </p>
          <button
            type="button"
            className="secondary"
            disabled={state.busy !== undefined}
            onClick={queue.acknowledge}
          >
            <FormattedMessage
              id={
                state.busy?.kind === 'acknowledge' ? 'manager.kept.acknowledging' : 'manager.kept.acknowledge'
              }
            />
          </button>
        </Alert>
      )}
      <p className="panel-status" aria-live="polite" data-testid="manager-notice">
        {state.notice ? noticeWords(intl, state.notice) : ''}
      </p>
      {problem && (
        <Alert
          level={3}
          heading={problem.heading}
          className="panel-alert"
          role="alert"
          testId="manager-problem"
        >
          {/* The agent's reason where no code says it (why the till could not save): English, marked so. */}
          <p lang={problem.lang}>{problem.message}</p>
        </Alert>
      )}
      {view === 'diagnostics' && (
        <div className="panel-section">
          <DiagnosticsView agent={agent} level={3} />
        </div>
      )}
      {view === 'settings' && (
        <div className="panel-section">
          <SettingsView agent={agent} session={session} onRefused={manager.subViewRefused} />
        </div>
      )}
      {view === 'bundle' && (
        <div className="panel-section">
          <SupportBundleView agent={agent} session={session} onRefused={manager.subViewRefused} />
        </div>
      )}
      {view === 'queue' && (
        <QueueView
          state={state}
          now={now}
          headingRef={viewHeadingRef}
          onFilter={(filter) => dispatch({ type: 'filterChosen', filter })}
          onExport={queue.exportCsv}
          onRetry={queue.retry}
          onResolve={queue.resolve}
          onShowMore={() => void queue.readQueue(true)}
        />
      )}
      {view === 'day' && (
        <DayView
          agent={agent}
          session={session}
          now={now}
          headingRef={viewHeadingRef}
          onRefused={manager.subViewRefused}
        />
      )}
      {view === 'refund' && (
        <RefundView
          agent={agent}
          session={session}
          currency={currency}
          headingRef={viewHeadingRef}
          onRefused={manager.subViewRefused}
        />
      )}
      {view === 'voidSale' && (
        <VoidSaleView
          agent={agent}
          session={session}
          headingRef={viewHeadingRef}
          onRefused={manager.subViewRefused}
        />
      )}
      {view === 'audit' && (
        <AuditView
          audit={state.audit}
          loading={state.auditLoading}
          now={now}
          headingRef={viewHeadingRef}
          onRefresh={() => void readAudit(session)}
        />
      )}
    </main>
  );
}
