// The Scanners panel, for IT: each configured scanner and what is wrong with it, every device the
// agent can see (with the ids to paste into the config), and the last codes exactly as they arrived;
// and its Diagnostics button, so IT can run the seven checks without the manager's PIN.
import { useCallback, useEffect, useReducer, useRef, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ScannerState, TillAgentApi } from '../../../main/agent/contract';
import { callAgent } from '../agent';
import { problemWords } from '../error-words';
import type { MessageId } from '../i18n';
import {
  configEntry,
  configuredAs,
  describeKind,
  describeOutcome,
  describeUsage,
  describeUsagePage,
  initialPanel,
  newestFirst,
  reducePanel,
  textParts,
  usbId,
  type FoundDevice,
  type ScanTrace,
} from '../scanners';
import { AgentText } from './AgentText';
import { Alert } from './Alert';
import { DiagnosticsView } from './DiagnosticsView';
import { Shape } from './Shape';
import { formatTimeToTheSecond } from '../format';

export function ScannersPanel({ agent }: { agent: TillAgentApi }) {
  const [view, setView] = useState<'scanners' | 'diagnostics'>('scanners');
  if (view === 'diagnostics') {
    return (
      <main
        className="content panel"
        aria-labelledby="diagnostics-heading"
        data-testid="scanners-diagnostics"
      >
        <DiagnosticsView
          agent={agent}
          level={2}
          aside={
            <button type="button" className="secondary refresh" onClick={() => setView('scanners')}>
              <FormattedMessage id="scanners.backToScanners" />
            </button>
          }
        />
      </main>
    );
  }
  return <ScannersReport agent={agent} onDiagnostics={() => setView('diagnostics')} />;
}

function ScannersReport({ agent, onDiagnostics }: { agent: TillAgentApi; onDiagnostics(): void }) {
  const [state, dispatch] = useReducer(reducePanel, initialPanel);
  const lastRequest = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const read = useCallback(async (): Promise<void> => {
    const requestId = ++lastRequest.current;
    dispatch({ type: 'requested', requestId });
    const result = await callAgent(() => agent.scannersReport({}));
    dispatch({ type: 'answered', requestId, result, at: new Date().toISOString() });
  }, [agent]);

  // Read on open, and again whenever a scanner comes or goes or a code arrives.
  useEffect(() => {
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent((event) => {
        if (event.type === 'scanners') {
          dispatch({ type: 'scannersChanged', scanners: event.data.scanners });
          void read();
        } else if (event.type === 'scan' || event.type === 'resync') {
          void read();
        }
      });
    } catch {
      // Without events the Refresh button still works.
    }
    void read();
    return () => stop();
  }, [agent, read]);

  // Opened from the header: start reading at the top, for keyboard and screen reader alike.
  useEffect(() => headingRef.current?.focus(), []);

  const intl = useIntl();
  const { report, loading, problem, readAt } = state;
  const now = new Date();
  return (
    <main className="content panel" aria-labelledby="scanners-heading" data-testid="scanners-panel">
      <div className="panel-top">
        <h2 id="scanners-heading" ref={headingRef} tabIndex={-1}>
          <FormattedMessage id="scanners.heading" />
        </h2>
        <button type="button" className="secondary refresh" onClick={() => void read()}>
          <FormattedMessage id="scanners.refresh" />
        </button>
      </div>
      <div className="panel-row">
        <p>
          <FormattedMessage id="scanners.diagnosticsHint" />
        </p>
        <button type="button" className="secondary" onClick={onDiagnostics}>
          <FormattedMessage id="scanners.diagnostics" />
        </button>
      </div>
      <p className="panel-status" aria-live="polite" data-testid="panel-status">
        {loading
          ? intl.formatMessage({ id: 'scanners.reading' })
          : readAt
            ? intl.formatMessage(
                { id: 'scanners.readAt' },
                { time: formatTimeToTheSecond(readAt, now, intl.locale) },
              )
            : ''}
      </p>
      {problem && (
        <Alert
          level={3}
          heading={intl.formatMessage({ id: 'scanners.problem.heading' })}
          className="panel-alert"
          role="alert"
          testId="panel-problem"
        >
          <p>{problemWords(intl, problem, 'manager').message}</p>
          <AgentText as="p">{problem.message}</AgentText>
        </Alert>
      )}
      {report && (
        <>
          <section className="panel-section" aria-labelledby="configured-heading">
            <h3 id="configured-heading">
              <FormattedMessage id="scanners.configured.heading" />
            </h3>
            {report.scanners.length === 0 ? (
              <div className="empty" data-testid="no-scanners">
                <p>
                  <FormattedMessage id="scanners.configured.none" />
                </p>
                <p>
                  <FormattedMessage id="scanners.configured.keyboardWorks" />
                </p>
              </div>
            ) : (
              <ul className="items">
                {report.scanners.map((scanner) => (
                  <ConfiguredScanner key={scanner.deviceId} scanner={scanner} now={now} />
                ))}
              </ul>
            )}
          </section>
          <section className="panel-section" aria-labelledby="found-heading">
            <h3 id="found-heading">
              <FormattedMessage id="scanners.found.heading" />
            </h3>
            {report.found.length === 0 ? (
              <p className="empty" data-testid="no-devices">
                <FormattedMessage id="scanners.found.none" />
              </p>
            ) : (
              <ul className="items">
                {report.found.map((device) => (
                  <Found key={`${device.kind}:${device.path}`} device={device} scanners={report.scanners} />
                ))}
              </ul>
            )}
          </section>
          <section className="panel-section" aria-labelledby="recent-heading">
            <h3 id="recent-heading">
              <FormattedMessage id="scanners.recent.heading" />
            </h3>
            {report.recent.length === 0 ? (
              <p className="empty" data-testid="no-recent">
                <FormattedMessage id="scanners.recent.none" />
              </p>
            ) : (
              <ol className="items">
                {newestFirst(report.recent).map((trace, i) => (
                  <RecentCode key={`${trace.at}:${trace.deviceId}:${i}`} trace={trace} now={now} />
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </main>
  );
}

/** A name, path, id or bytes from the agent: shown as it came. */
const Data = ({ children, testId }: { children: ReactNode; testId?: string }) => (
  <AgentText english={false} testId={testId}>
    {children}
  </AgentText>
);

function Fact({ term, children, mono }: { term: string; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt>{term}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </>
  );
}

function ConfiguredScanner({ scanner, now }: { scanner: ScannerState; now: Date }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const id = usbId(scanner.vendorId, scanner.productId);
  return (
    <li className="item" data-testid="scanner">
      <div className="item-top">
        <h4>
          <Data>{scanner.name ?? scanner.deviceId}</Data>
        </h4>
        <p className={`pill tone-${scanner.connected ? 'good' : 'danger'}`} data-testid="scanner-connection">
          <Shape shape={scanner.connected ? 'circle' : 'cross'} />
          {t(scanner.connected ? 'scanners.connected' : 'scanners.notConnected')}
        </p>
      </div>
      {scanner.problem && (
        <Alert level={5} heading={t('scanners.problem')} className="item-problem" testId="scanner-problem">
          <AgentText as="p">{scanner.problem}</AgentText>
        </Alert>
      )}
      <dl className="facts">
        <Fact term={t('scanners.fact.kind')}>{describeKind(intl, scanner.kind)}</Fact>
        {scanner.name && (
          <Fact term={t('scanners.fact.device')} mono>
            <Data>{scanner.deviceId}</Data>
          </Fact>
        )}
        {scanner.path && (
          <Fact term={t('scanners.fact.path')} mono>
            <Data>{scanner.path}</Data>
          </Fact>
        )}
        {id && (
          <Fact term={t('scanners.fact.usbId')} mono>
            <Data>{id}</Data>
          </Fact>
        )}
        {scanner.usagePage !== undefined && (
          <Fact term={t('scanners.fact.usagePage')}>{describeUsagePage(intl, scanner.usagePage)}</Fact>
        )}
        <Fact term={t('scanners.fact.lastScan')}>
          {scanner.lastScanAt
            ? formatTimeToTheSecond(scanner.lastScanAt, now, intl.locale)
            : t('scanners.lastScan.none')}
        </Fact>
      </dl>
    </li>
  );
}

function Found({ device, scanners }: { device: FoundDevice; scanners: readonly ScannerState[] }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const id = usbId(device.vendorId, device.productId);
  const usage = describeUsage(intl, device.usagePage, device.usage);
  const configured = configuredAs(device, scanners);
  const name = [device.manufacturer, device.product].filter(Boolean).join(' ');
  return (
    <li className="item" data-testid="found-device">
      <div className="item-top">
        <h4>{name ? <Data>{name}</Data> : t('scanners.found.unnamed')}</h4>
        <p className={`pill tone-${configured ? 'good' : 'neutral'}`}>
          <Shape shape={configured ? 'circle' : 'ring'} />
          {configured
            ? intl.formatMessage(
                { id: 'scanners.found.inConfig' },
                { name: configured.name ?? configured.deviceId },
              )
            : t('scanners.found.notInConfig')}
        </p>
      </div>
      <dl className="facts">
        <Fact term={t('scanners.fact.kind')}>{describeKind(intl, device.kind)}</Fact>
        <Fact term={t('scanners.fact.path')} mono>
          <Data>{device.path}</Data>
        </Fact>
        {id && (
          <Fact term={t('scanners.fact.usbId')} mono>
            <Data>{id}</Data>
          </Fact>
        )}
        {usage && <Fact term={t('scanners.fact.usage')}>{usage}</Fact>}
        {device.manufacturer && (
          <Fact term={t('scanners.fact.maker')}>
            <Data>{device.manufacturer}</Data>
          </Fact>
        )}
        {device.product && (
          <Fact term={t('scanners.fact.product')}>
            <Data>{device.product}</Data>
          </Fact>
        )}
        <Fact term={t('scanners.fact.configEntry')} mono>
          <span className="copyable" data-agent-text="">
            {configEntry(device)}
          </span>
        </Fact>
      </dl>
    </li>
  );
}

function RecentCode({ trace, now }: { trace: ScanTrace; now: Date }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const outcome = describeOutcome(intl, trace);
  return (
    <li className="item" data-testid="recent-code">
      <div className="item-top">
        <h4>
          <time dateTime={trace.at}>{formatTimeToTheSecond(trace.at, now, intl.locale)}</time>
          <span className="item-device">
            {' · '}
            <Data>{trace.deviceId}</Data>
          </span>
        </h4>
        {trace.repeat && (
          <p className="pill tone-neutral" data-testid="recent-repeat">
            <Shape shape="ring" />
            {t('scanners.recent.repeat')}
          </p>
        )}
      </div>
      <p className={`outcome tone-${outcome.tone}`} data-testid="recent-outcome">
        <Shape shape={outcome.shape} />
        {outcome.agentText ? <AgentText>{outcome.text}</AgentText> : outcome.text}
      </p>
      <dl className="facts">
        {trace.aim && (
          <Fact term={t('scanners.fact.aim')} mono>
            <Data>{trace.aim}</Data>
          </Fact>
        )}
        {trace.symbology && (
          <Fact term={t('scanners.fact.symbology')}>
            <Data>{trace.symbology}</Data>
          </Fact>
        )}
        <Fact term={t('scanners.fact.bytes')} mono>
          <span className="hex" data-testid="recent-hex" data-agent-text="">
            {trace.rawHex}
          </span>
        </Fact>
        <Fact term={t('scanners.fact.text')} mono>
          {/* The code as it came; its control characters by their ASCII names (CR, LF, GS). */}
          <span data-testid="recent-text" data-agent-text="">
            {textParts(trace.text).map((part, i) =>
              'control' in part ? (
                <abbr
                  key={i}
                  className="control"
                  title={intl.formatMessage(
                    { id: 'scanners.recent.control' },
                    { code: `0x${part.code.toString(16).padStart(2, '0')}` },
                  )}
                >
                  {part.control}
                </abbr>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </span>
        </Fact>
      </dl>
    </li>
  );
}
