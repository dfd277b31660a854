// The Manager tab: a PIN prompt, then the sales waiting for Factor4 — how many and how old, each
// with what went wrong and what to do (Retry now; Collected / Written off for one that did not go
// through) — the CSV export, the audit, a damaged database to acknowledge, and the Diagnostics,
// Settings and Support bundle sub-views. The session ends on Lock, after 10 minutes untouched,
// when the agent says it expired, or on leaving the tab.
import { useCallback, useEffect, useReducer, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, Result, TillAgentApi } from '../../../main/agent/contract';
import { callAgent } from '../agent';
import { saveCsv } from '../download';
import { formatAge, formatEventTime, formatMinor, formatTime, lastFour } from '../format';
import {
  describeAuditAction,
  describeItemState,
  describeKind,
  describeLastError,
  describeResolution,
  initialManager,
  MANAGER_IDLE_MS,
  MANAGER_PIN,
  managerViews,
  offersResolve,
  offersRetry,
  oldestAgeMs,
  outcomeUnknownNote,
  PAGE_SIZE,
  promptState,
  queueFilters,
  reduceManager,
  refreshLimit,
  REQUERY_DELAY_MS,
  sendingLine,
  stateOf,
  summaryParts,
  type ManagerBusy,
  type ManagerItem,
  type QueueFilter,
  type Resolution,
} from '../manager';
import type { StorageHealth } from '../state';
import { useNow } from '../use-now';
import { demoPinHint } from '../wording';
import { DiagnosticsView } from './DiagnosticsView';
import { SettingsView } from './SettingsView';
import { Shape } from './Shape';
import { SupportBundleView } from './SupportBundleView';

const AUDIT_LIMIT = 100;
/** The longest a timer may wait (setTimeout's limit); a lockout longer than this is re-read sooner. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface ManagerPanelProps {
  agent: TillAgentApi;
  storage?: StorageHealth;
}

export function ManagerPanel({ agent, storage }: ManagerPanelProps) {
  const [state, dispatch] = useReducer(reduceManager, initialManager);
  const [pin, setPin] = useState('');
  const now = useNow(15_000);
  const pinRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** The queue's or the audit's heading, focused when the manager picks that sub-view. */
  const viewHeadingRef = useRef<HTMLHeadingElement>(null);
  const lastRead = useRef(0);
  /** A call in flight that must not be sent twice (unlock, or an action on the queue). */
  const calling = useRef(false);
  /** What a read of the queue needs, as of the last render (read by event handlers and timers). */
  const latest = useRef({
    session: undefined as string | undefined,
    filter: 'ALL' as QueueFilter,
    shown: 0,
    nextCursor: undefined as string | undefined,
  });
  const { session, filter, view } = state;

  useEffect(() => {
    latest.current = { session, filter, shown: state.items.length, nextCursor: state.nextCursor };
  }, [session, filter, state.items.length, state.nextCursor]);

  const readStatus = useCallback(async (): Promise<void> => {
    dispatch({ type: 'statusRead', result: await callAgent(() => agent.managerStatus({})) });
  }, [agent]);

  /** Reads the first page again (as many items as are shown), or with `append` the next page. */
  const readQueue = useCallback(
    async (append: boolean): Promise<void> => {
      const { session: asked, filter: chosen, shown, nextCursor } = latest.current;
      if (asked === undefined || (append && nextCursor === undefined)) return;
      const seq = ++lastRead.current;
      dispatch({ type: 'queueRequested', seq, append });
      const itemState = stateOf(chosen);
      const result = await callAgent(() =>
        agent.managerQueue({
          session: asked,
          limit: append ? PAGE_SIZE : refreshLimit(shown),
          ...(itemState ? { state: itemState } : {}),
          ...(append && nextCursor ? { cursor: nextCursor } : {}),
        }),
      );
      dispatch({ type: 'queueAnswered', session: asked, seq, result, at: Date.now() });
    },
    [agent],
  );

  const readAudit = useCallback(
    async (asked: string): Promise<void> => {
      dispatch({ type: 'auditRequested' });
      const result = await callAgent(() => agent.managerAudit({ session: asked, limit: AUDIT_LIMIT }));
      dispatch({ type: 'auditAnswered', session: asked, result });
    },
    [agent],
  );

  // The status on open; the counts live from `queue` events, the page read again shortly after.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent((event) => {
        if (event.type === 'queue') {
          dispatch({ type: 'queueChanged', summary: event.data, at: Date.now() });
          timer ??= setTimeout(() => {
            timer = undefined;
            void readQueue(false);
          }, REQUERY_DELAY_MS);
        } else if (event.type === 'resync') {
          void readStatus();
          void readQueue(false);
        }
      });
    } catch {
      // Without events the page is still read on opening, on each filter and after each action.
    }
    void readStatus();
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [agent, readStatus, readQueue]);

  // A fresh page whenever the session opens or the filter changes.
  useEffect(() => {
    if (session !== undefined) void readQueue(false);
  }, [session, filter, readQueue]);

  useEffect(() => {
    if (session !== undefined && view === 'audit') void readAudit(session);
  }, [session, view, readAudit]);

  // A session that ends here (Lock, expiry, leaving the tab) is ended with the agent too.
  useEffect(() => {
    if (session === undefined) return;
    return () => void callAgent(() => agent.managerLock({ session }));
  }, [agent, session]);

  // Left alone, the view locks itself: a key or a touch anywhere counts as the manager being there.
  useEffect(() => {
    if (session === undefined) return;
    let lastSeen = Date.now();
    const seen = (): void => {
      lastSeen = Date.now();
    };
    document.addEventListener('keydown', seen, true);
    document.addEventListener('pointerdown', seen, true);
    const timer = setInterval(() => {
      if (Date.now() - lastSeen >= MANAGER_IDLE_MS) dispatch({ type: 'idleLocked' });
    }, 5_000);
    return () => {
      document.removeEventListener('keydown', seen, true);
      document.removeEventListener('pointerdown', seen, true);
      clearInterval(timer);
    };
  }, [session]);

  // The manager starts where they act next: the PIN, or once open, the queue's heading.
  useEffect(() => {
    if (session !== undefined) headingRef.current?.focus();
    else pinRef.current?.focus();
  }, [session]);

  // A sub-view picked: its heading next (Diagnostics, Settings and Support bundle focus their own).
  const shownView = useRef(view);
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    viewHeadingRef.current?.focus();
  }, [view]);

  /** A sub-view's call refused: an expired session goes back to the PIN, like the queue's. */
  const subViewRefused = useCallback(
    (asked: string, error: ApiError): void => dispatch({ type: 'subViewRefused', session: asked, error }),
    [],
  );

  // A lockout ends by itself: read the status again when it should be over.
  const lockedUntil = state.status?.lockedUntil;
  useEffect(() => {
    if (lockedUntil === undefined) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(lockedUntil) - Date.now()) + 500);
    const timer = setTimeout(() => void readStatus(), wait);
    return () => clearTimeout(timer);
  }, [lockedUntil, readStatus]);

  /** Runs one call at a time; a second press before the answer is ignored. */
  const once = async (call: () => Promise<void>): Promise<void> => {
    if (calling.current) return;
    calling.current = true;
    try {
      await call();
    } finally {
      calling.current = false;
    }
  };

  const unlock = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (promptState(state, now).disabled) return;
    const typed = pin.trim();
    if (!MANAGER_PIN.test(typed)) {
      dispatch({ type: 'pinRefused' });
      pinRef.current?.focus();
      return;
    }
    void once(async () => {
      dispatch({ type: 'unlockStarted' });
      const result = await callAgent(() => agent.managerUnlock({ pin: typed }));
      setPin('');
      dispatch({ type: 'unlockAnswered', result });
      // A lockout answer names no time; the status does.
      if (!result.ok && result.error.code === 'MANAGER_LOCKED') void readStatus();
    });
  };

  /** An action on the queue, then the page read again to show where it stands. */
  const act = <T,>(
    start: () => void,
    call: (session: string) => Promise<Result<T>>,
    done: (session: string, result: Result<T>) => void,
  ) => {
    if (session === undefined) return;
    const asked = session;
    void once(async () => {
      start();
      const result = await callAgent(() => call(asked));
      done(asked, result);
      if (result.ok) void readQueue(false);
    });
  };

  const retry = (itemId: string): void =>
    act(
      () => dispatch({ type: 'retryStarted', itemId }),
      (asked) => agent.managerRetry({ session: asked, itemId }),
      (asked, result) => dispatch({ type: 'itemAnswered', session: asked, result }),
    );

  const resolve = (itemId: string, resolution: Resolution, note: string): void =>
    act(
      () => dispatch({ type: 'resolveStarted', itemId, resolution }),
      (asked) =>
        agent.managerResolve({
          session: asked,
          itemId,
          resolution,
          ...(note.trim() ? { note: note.trim().slice(0, 200) } : {}),
        }),
      (asked, result) => dispatch({ type: 'itemAnswered', session: asked, result }),
    );

  const exportCsv = (): void => {
    const itemState = stateOf(filter);
    act(
      () => dispatch({ type: 'exportStarted' }),
      (asked) => agent.managerExport({ session: asked, ...(itemState ? { state: itemState } : {}) }),
      (asked, result) => {
        if (result.ok && latest.current.session === asked) saveCsv(result.value.filename, result.value.csv);
        dispatch({ type: 'exportAnswered', session: asked, result });
      },
    );
  };

  const acknowledge = (): void =>
    act(
      () => dispatch({ type: 'acknowledgeStarted' }),
      (asked) => agent.managerAcknowledgeStorage({ session: asked }),
      (asked, result) => dispatch({ type: 'acknowledgeAnswered', session: asked, result }),
    );

  if (session === undefined) {
    const prompt = promptState(state, now);
    const until = prompt.lockedUntil ? formatTime(prompt.lockedUntil, new Date(now)) : undefined;
    const message = state.prompt;
    return (
      <main className="content panel" aria-labelledby="manager-heading" data-testid="manager-panel">
        <h2 id="manager-heading" className="panel-title">
          Manager
        </h2>
        <form className="pin-prompt" onSubmit={unlock} noValidate data-testid="pin-prompt">
          <label htmlFor="manager-pin">Manager PIN</label>
          <input
            id="manager-pin"
            ref={pinRef}
            className="input input--manager-pin"
            type="password"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="off"
            enterKeyHint="go"
            maxLength={12}
            size={12}
            value={pin}
            disabled={prompt.disabled && !state.unlocking}
            readOnly={state.unlocking}
            aria-invalid={
              message?.code === 'MANAGER_PIN_INCORRECT' || message === undefined ? undefined : true
            }
            aria-describedby={
              message || until ? 'pin-message' : state.status?.demoPin ? 'pin-hint' : undefined
            }
            onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
          />
          {state.status?.demoPin && (
            <p className="pin-hint" id="pin-hint" data-testid="demo-pin-hint">
              {demoPinHint}
            </p>
          )}
          {(message || until) && (
            <div className="alert pin-message" role="alert" id="pin-message" data-testid="pin-message">
              <h3>
                <Shape shape={until ? 'cross' : 'triangle'} />
                {message?.heading ?? 'Manager view locked'}
              </h3>
              {message && <p>{message.message}</p>}
              {until && <p data-testid="locked-until">Locked until {until}.</p>}
            </div>
          )}
          {state.statusProblem && (
            <div className="alert pin-message" role="alert" data-testid="status-problem">
              <h3>
                <Shape shape="triangle" />
                Can't read the manager view's status
              </h3>
              <p>{state.statusProblem.message}</p>
              <button type="button" className="secondary" onClick={() => void readStatus()}>
                Try again
              </button>
            </div>
          )}
          <button type="submit" className="check" disabled={prompt.disabled && !state.unlocking}>
            {state.unlocking ? 'Opening…' : 'Open'}
          </button>
        </form>
      </main>
    );
  }

  const summary = state.summary;
  const sending = sendingLine(summary?.sending);
  const kept = storage && !storage.ok && storage.keptFile ? storage.keptFile : undefined;
  return (
    <main className="content panel" aria-labelledby="manager-heading" data-testid="manager-panel">
      <div className="panel-top">
        <h2 id="manager-heading" ref={headingRef} tabIndex={-1}>
          Manager
        </h2>
        <button type="button" className="secondary" onClick={() => dispatch({ type: 'lockPressed' })}>
          Lock
        </button>
      </div>
      <div className="chips" role="group" aria-label="Show">
        {managerViews.map((v) => (
          <Chip
            key={v.view}
            pressed={view === v.view}
            onClick={() => dispatch({ type: 'viewChosen', view: v.view })}
          >
            {v.label}
          </Chip>
        ))}
      </div>
      {kept && (
        <div className="alert panel-alert" data-testid="storage-ack">
          <h3>
            <Shape shape="cross" />
            Damaged database kept aside
          </h3>
          <p>
            Kept as <span className="mono">{kept}</span>. Once IT knows, acknowledge it here; unsent sales may
            be recoverable from it.
          </p>
          <button
            type="button"
            className="secondary"
            disabled={state.busy !== undefined}
            onClick={acknowledge}
          >
            {state.busy?.kind === 'acknowledge' ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        </div>
      )}
      <p className="panel-status" aria-live="polite" data-testid="manager-notice">
        {state.notice ?? ''}
      </p>
      {state.problem && (
        <div className="alert panel-alert" role="alert" data-testid="manager-problem">
          <h3>
            <Shape shape="triangle" />
            {state.problem.heading}
          </h3>
          <p>{state.problem.message}</p>
        </div>
      )}
      {view === 'diagnostics' && (
        <div className="panel-section">
          <DiagnosticsView agent={agent} level={3} />
        </div>
      )}
      {view === 'settings' && (
        <div className="panel-section">
          <SettingsView agent={agent} session={session} onRefused={subViewRefused} />
        </div>
      )}
      {view === 'bundle' && (
        <div className="panel-section">
          <SupportBundleView agent={agent} session={session} onRefused={subViewRefused} />
        </div>
      )}
      {view === 'queue' && (
        <section className="panel-section" aria-labelledby="queue-heading">
          <h3 id="queue-heading" ref={viewHeadingRef} tabIndex={-1}>
            Sales for Factor4
          </h3>
          {summary && (
            <div className="queue-summary" data-testid="queue-summary">
              <p data-testid="queue-counts">{summaryParts(summary, oldestAgeMs(state, now)).join(' · ')}</p>
              {sending && summary.sending && (
                <p className="queue-sending" data-testid="queue-sending">
                  <progress
                    max={summary.sending.of}
                    value={Math.min(summary.sending.sent, summary.sending.of)}
                  />
                  <span>{sending}</span>
                </p>
              )}
            </div>
          )}
          <div className="chips" role="group" aria-label="Filter">
            {queueFilters.map((f) => (
              <Chip
                key={f.filter}
                pressed={filter === f.filter}
                onClick={() => dispatch({ type: 'filterChosen', filter: f.filter })}
              >
                {f.label}
              </Chip>
            ))}
          </div>
          <button
            type="button"
            className="secondary export"
            disabled={state.busy !== undefined}
            onClick={exportCsv}
          >
            {state.busy?.kind === 'export' ? 'Exporting…' : 'Export CSV'}
          </button>
          {state.loaded && state.items.length === 0 ? (
            <p className="empty" data-testid="queue-empty">
              {filter === 'ALL' ? 'Nothing in the queue.' : 'Nothing here with this filter.'}
            </p>
          ) : (
            <ul className="items" aria-label="Queued sales">
              {state.items.map((item) => (
                <QueueItemCard
                  key={item.itemId}
                  item={item}
                  now={now}
                  busy={state.busy}
                  onRetry={() => retry(item.itemId)}
                  onResolve={(resolution, note) => resolve(item.itemId, resolution, note)}
                />
              ))}
            </ul>
          )}
          {!state.loaded && <p className="hint">Reading the queue…</p>}
          {state.nextCursor !== undefined && (
            <button
              type="button"
              className="secondary show-more"
              disabled={state.reading !== undefined}
              onClick={() => void readQueue(true)}
            >
              {state.reading?.append ? 'Reading…' : 'Show more'}
            </button>
          )}
        </section>
      )}
      {view === 'audit' && (
        <section className="panel-section" aria-labelledby="audit-heading">
          <div className="panel-top">
            <h3 id="audit-heading" ref={viewHeadingRef} tabIndex={-1}>
              Audit
            </h3>
            <button type="button" className="secondary refresh" onClick={() => void readAudit(session)}>
              Refresh
            </button>
          </div>
          {state.auditLoading && <p className="hint">Reading the audit…</p>}
          {state.audit && state.audit.length === 0 && <p className="empty">Nothing recorded yet.</p>}
          {state.audit && state.audit.length > 0 && (
            <ol className="items audit">
              {state.audit.map((entry, i) => (
                <li className="item audit-entry" key={`${entry.at}:${i}`} data-testid="audit-entry">
                  <p className="audit-top">
                    <time dateTime={entry.at}>{formatEventTime(entry.at, new Date(now))}</time>
                    <strong>{describeAuditAction(entry.action)}</strong>
                  </p>
                  {(entry.itemId || entry.detail) && (
                    <p className="audit-detail">
                      {[entry.itemId && `Item ${entry.itemId}`, entry.detail].filter(Boolean).join(' · ')}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </main>
  );
}

function Chip({ pressed, onClick, children }: { pressed: boolean; onClick(): void; children: ReactNode }) {
  return (
    <button type="button" className="chip" aria-pressed={pressed} onClick={onClick}>
      {children}
    </button>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

interface QueueItemCardProps {
  item: ManagerItem;
  now: number;
  busy?: ManagerBusy;
  onRetry(): void;
  onResolve(resolution: Resolution, note: string): void;
}

function QueueItemCard({ item, now, busy, onRetry, onResolve }: QueueItemCardProps) {
  const [note, setNote] = useState('');
  const wording = describeItemState(item);
  const money = formatMinor(item.giftCardTotalMinor, item.currency);
  const nowDate = new Date(now);
  const created = Date.parse(item.createdAt);
  const lastError = describeLastError(item);
  const headingId = `item-${item.itemId}`;
  const mine = busy !== undefined && 'itemId' in busy && busy.itemId === item.itemId;
  const resolving = mine && busy.kind === 'resolve' ? busy.resolution : undefined;
  const failed = item.state === 'FAILED' && !item.resolution;
  const itemRef = useRef<HTMLLIElement>(null);
  const resolution = item.resolution;
  const shownResolution = useRef(resolution);
  // Resolved from this card, its buttons go: keep the keyboard here rather than back at the top.
  useEffect(() => {
    const card = itemRef.current;
    if (shownResolution.current === resolution) return;
    shownResolution.current = resolution;
    if (!resolution || !card) return;
    const active = document.activeElement;
    if (active === null || active === document.body || card.contains(active)) card.focus();
  }, [resolution]);
  return (
    <li
      ref={itemRef}
      tabIndex={-1}
      className={`item queue-item${failed ? ' queue-item--failed' : ''}`}
      data-testid="queue-item"
      data-item-id={item.itemId}
      data-state={item.state}
      aria-labelledby={headingId}
    >
      <div className="item-top">
        <h4 id={headingId}>
          {describeKind(item.kind)} <span className="item-device">{item.basketId}</span>
        </h4>
        <p className="money item-amount" data-testid="item-amount">
          {money}
        </p>
      </div>
      <div className="item-badges">
        <p className={`pill tone-${wording.tone}`} data-testid="item-state">
          <Shape shape={wording.shape} />
          {wording.text}
        </p>
        {item.defect && (
          <p className="pill tone-danger" data-testid="item-fault">
            <Shape shape="triangle" />
            Fault
          </p>
        )}
      </div>
      {item.advice && (
        <div className={`advice${failed ? ' advice--failed' : ''}`} data-testid="item-advice">
          <p className="advice-heading">What to do</p>
          <p>{item.advice}</p>
        </div>
      )}
      {item.resolution && (
        <p className="outcome tone-neutral" data-testid="item-resolution">
          <Shape shape="ring" />
          Resolved: {describeResolution(item.resolution)}
        </p>
      )}
      {item.outcomeUnknown && item.state !== 'DELIVERED' && (
        <p className="outcome tone-warning" data-testid="item-unknown">
          <Shape shape="triangle" />
          {outcomeUnknownNote}
        </p>
      )}
      <dl className="facts">
        <Fact term="Made">
          {formatTime(item.createdAt, nowDate)}
          {Number.isNaN(created) ? '' : ` (${formatAge(now - created)} ago)`}
        </Fact>
        <Fact term="Cards">
          {item.cardNumbersMasked.length === 0
            ? 'none'
            : item.cardNumbersMasked.map((c) => `•••• ${lastFour(c)}`).join(', ')}
        </Fact>
        <Fact term="Attempts">{item.attempts}</Fact>
        {item.nextAttemptAt && <Fact term="Next try">{formatTime(item.nextAttemptAt, nowDate)}</Fact>}
        {item.deliveredAt && <Fact term="Delivered">{formatTime(item.deliveredAt, nowDate)}</Fact>}
        {lastError && (
          <Fact term="Last error">
            <span data-testid="item-error">{lastError}</span>
          </Fact>
        )}
      </dl>
      {offersResolve(item) && (
        <div className="resolve">
          <label htmlFor={`${headingId}-note`}>Note (optional)</label>
          <input
            id={`${headingId}-note`}
            className="input"
            type="text"
            autoComplete="off"
            maxLength={200}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <div className="item-actions">
            <button
              type="button"
              className="check"
              aria-describedby={headingId}
              aria-disabled={busy !== undefined || undefined}
              onClick={() => onResolve('COLLECTED', note)}
            >
              {resolving === 'COLLECTED' ? 'Saving…' : 'Collected'}
            </button>
            <button
              type="button"
              className="secondary"
              aria-describedby={headingId}
              aria-disabled={busy !== undefined || undefined}
              onClick={() => onResolve('WRITTEN_OFF', note)}
            >
              {resolving === 'WRITTEN_OFF' ? 'Saving…' : 'Written off'}
            </button>
          </div>
        </div>
      )}
      {offersRetry(item) && (
        <button
          type="button"
          className="secondary retry"
          aria-describedby={headingId}
          aria-disabled={busy !== undefined || undefined}
          onClick={onRetry}
        >
          {mine && busy.kind === 'retry' ? 'Retrying…' : 'Retry now'}
        </button>
      )}
    </li>
  );
}
