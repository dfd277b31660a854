// The Scanners panel, for IT: each configured scanner and what is wrong with it, every device the
// agent can see (with the ids to paste into the config), and the last codes exactly as they arrived;
// and its Diagnostics button, so IT can run the seven checks without the manager's PIN.
import { useCallback, useEffect, useReducer, useRef, useState, type ReactNode } from 'react';
import type { ScannerState, TillAgentApi } from '../../../main/agent/contract';
import { callAgent } from '../agent';
import { formatEventTime } from '../format';
import {
  configEntry,
  configuredAs,
  describeKind,
  describeOutcome,
  describeUsage,
  describeUsagePage,
  initialPanel,
  newestFirst,
  noDevicesFound,
  noRecentCodes,
  noScannersConfigured,
  reducePanel,
  textParts,
  usbId,
  type FoundDevice,
  type ScanTrace,
} from '../scanners';
import { Alert } from './Alert';
import { DiagnosticsView } from './DiagnosticsView';
import { Shape } from './Shape';

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
              Back to scanners
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

  const { report, loading, problem, readAt } = state;
  const now = new Date();
  return (
    <main className="content panel" aria-labelledby="scanners-heading" data-testid="scanners-panel">
      <div className="panel-top">
        <h2 id="scanners-heading" ref={headingRef} tabIndex={-1}>
          Scanners
        </h2>
        <button type="button" className="secondary refresh" onClick={() => void read()}>
          Refresh
        </button>
      </div>
      <div className="panel-row">
        <p>Gift cards not working? Check the network, Centegra Plus, the key and the queue.</p>
        <button type="button" className="secondary" onClick={onDiagnostics}>
          Diagnostics
        </button>
      </div>
      <p className="panel-status" aria-live="polite" data-testid="panel-status">
        {loading ? 'Reading the scanners…' : readAt ? `Read at ${formatEventTime(readAt, now)}` : ''}
      </p>
      {problem && (
        <Alert
          level={3}
          heading="Can't read the scanners"
          className="panel-alert"
          role="alert"
          testId="panel-problem"
        >
          <p>{problem.message}</p>
        </Alert>
      )}
      {report && (
        <>
          <section className="panel-section" aria-labelledby="configured-heading">
            <h3 id="configured-heading">Configured scanners</h3>
            {report.scanners.length === 0 ? (
              <div className="empty" data-testid="no-scanners">
                <p>{noScannersConfigured}</p>
                <p>Scanners that type like a keyboard work without being configured.</p>
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
            <h3 id="found-heading">Found on this till</h3>
            {report.found.length === 0 ? (
              <p className="empty" data-testid="no-devices">
                {noDevicesFound}
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
            <h3 id="recent-heading">Recent codes</h3>
            {report.recent.length === 0 ? (
              <p className="empty" data-testid="no-recent">
                {noRecentCodes}
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

function Fact({ term, children, mono }: { term: string; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt>{term}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </>
  );
}

function ConfiguredScanner({ scanner, now }: { scanner: ScannerState; now: Date }) {
  const id = usbId(scanner.vendorId, scanner.productId);
  return (
    <li className="item" data-testid="scanner">
      <div className="item-top">
        <h4>{scanner.name ?? scanner.deviceId}</h4>
        <p className={`pill tone-${scanner.connected ? 'good' : 'danger'}`} data-testid="scanner-connection">
          <Shape shape={scanner.connected ? 'circle' : 'cross'} />
          {scanner.connected ? 'Connected' : 'Not connected'}
        </p>
      </div>
      {scanner.problem && (
        <Alert level={5} heading="Problem" className="item-problem" testId="scanner-problem">
          <p>{scanner.problem}</p>
        </Alert>
      )}
      <dl className="facts">
        <Fact term="Kind">{describeKind(scanner.kind)}</Fact>
        {scanner.name && (
          <Fact term="Device" mono>
            {scanner.deviceId}
          </Fact>
        )}
        {scanner.path && (
          <Fact term="Path" mono>
            {scanner.path}
          </Fact>
        )}
        {id && (
          <Fact term="USB id" mono>
            {id}
          </Fact>
        )}
        {scanner.usagePage !== undefined && (
          <Fact term="Usage page">{describeUsagePage(scanner.usagePage)}</Fact>
        )}
        <Fact term="Last scan">
          {scanner.lastScanAt ? formatEventTime(scanner.lastScanAt, now) : 'none yet'}
        </Fact>
      </dl>
    </li>
  );
}

function Found({ device, scanners }: { device: FoundDevice; scanners: readonly ScannerState[] }) {
  const id = usbId(device.vendorId, device.productId);
  const usage = describeUsage(device.usagePage, device.usage);
  const configured = configuredAs(device, scanners);
  const title = [device.manufacturer, device.product].filter(Boolean).join(' ') || 'Unnamed device';
  return (
    <li className="item" data-testid="found-device">
      <div className="item-top">
        <h4>{title}</h4>
        <p className={`pill tone-${configured ? 'good' : 'neutral'}`}>
          <Shape shape={configured ? 'circle' : 'ring'} />
          {configured ? `In the config as ${configured.name ?? configured.deviceId}` : 'Not in the config'}
        </p>
      </div>
      <dl className="facts">
        <Fact term="Kind">{describeKind(device.kind)}</Fact>
        <Fact term="Path" mono>
          {device.path}
        </Fact>
        {id && (
          <Fact term="USB id" mono>
            {id}
          </Fact>
        )}
        {usage && <Fact term="Usage">{usage}</Fact>}
        {device.manufacturer && <Fact term="Maker">{device.manufacturer}</Fact>}
        {device.product && <Fact term="Product">{device.product}</Fact>}
        <Fact term="Config entry" mono>
          <span className="copyable">{configEntry(device)}</span>
        </Fact>
      </dl>
    </li>
  );
}

function RecentCode({ trace, now }: { trace: ScanTrace; now: Date }) {
  const outcome = describeOutcome(trace);
  return (
    <li className="item" data-testid="recent-code">
      <div className="item-top">
        <h4>
          <time dateTime={trace.at}>{formatEventTime(trace.at, now)}</time>
          <span className="item-device"> · {trace.deviceId}</span>
        </h4>
        {trace.repeat && (
          <p className="pill tone-neutral" data-testid="recent-repeat">
            <Shape shape="ring" />
            repeat (ignored)
          </p>
        )}
      </div>
      <p className={`outcome tone-${outcome.tone}`} data-testid="recent-outcome">
        <Shape shape={outcome.shape} />
        {outcome.text}
      </p>
      <dl className="facts">
        {trace.aim && (
          <Fact term="AIM id" mono>
            {trace.aim}
          </Fact>
        )}
        {trace.symbology && <Fact term="Symbology">{trace.symbology}</Fact>}
        <Fact term="Bytes (hex)" mono>
          <span className="hex" data-testid="recent-hex">
            {trace.rawHex}
          </span>
        </Fact>
        <Fact term="Text" mono>
          <span data-testid="recent-text">
            {textParts(trace.text).map((part, i) =>
              'control' in part ? (
                <abbr
                  key={i}
                  className="control"
                  title={`control character 0x${part.code.toString(16).padStart(2, '0')}`}
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
