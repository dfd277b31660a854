// The top of the screen: which till this is, whether Centegra Plus can be reached (and since when
// not), and the way between the till, the Scanners panel and the Manager view.
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CentegraLink, Health } from '../../../main/agent/contract';
import { formatTime } from '../format';
import { useNow } from '../use-now';
import { linkBusy, linkConnecting, linkUnknown, linkWording } from '../wording';
import { Shape } from './Shape';

export type Screen = 'till' | 'scanners' | 'manager';

interface HeaderProps {
  till?: Health['till'];
  link?: CentegraLink;
  healthUnknown: boolean;
  screen: Screen;
  onScreen(screen: Screen): void;
  /** Configured scanners that are not connected or report a problem. */
  scannersNeedingAttention: number;
  /** Sales that did not go through and wait for a manager. */
  failedSales: number;
}

export function Header({
  till,
  link,
  healthUnknown,
  screen,
  onScreen,
  scannersNeedingAttention,
  failedSales,
}: HeaderProps) {
  // Ticks only while a rate limit stands, so "Busy" ends on time even if no event comes.
  const now = useNow(1000, link?.busyUntil !== undefined);
  // A rate limit is not "Online": Centegra answers, but asked the till to wait until busyUntil.
  const busy = link?.state === 'ONLINE' && link.busyUntil !== undefined && Date.parse(link.busyUntil) > now;
  const intl = useIntl();
  // Tone, shape and which words from wording.ts; the words from the catalogue.
  const wording = busy
    ? linkBusy
    : link
      ? linkWording[link.state]
      : healthUnknown
        ? linkUnknown
        : linkConnecting;
  // What it means for the cashier; the agent's own detail (with IT's fix) is on Diagnostics.
  const detail = wording.detail ? intl.formatMessage({ id: wording.detail }) : undefined;
  const attention =
    scannersNeedingAttention === 0
      ? undefined
      : intl.formatMessage({ id: 'header.tab.scannersAttention' }, { count: scannersNeedingAttention });
  const failed =
    failedSales === 0
      ? undefined
      : intl.formatMessage({ id: 'header.tab.managerFailed' }, { count: failedSales });
  // While not online, when it last worked tells the cashier how long this has gone on.
  const lastOk =
    detail && !busy && link?.lastOkAt
      ? intl.formatMessage(
          { id: 'header.lastReached' },
          { time: formatTime(link.lastOkAt, new Date(now), undefined, intl.locale) },
        )
      : '';
  return (
    <header className="topbar">
      <div className="topbar-row">
        <div className="brand">
          <h1>
            <FormattedMessage id="app.name" />
          </h1>
          {till && (
            <p className="till" data-testid="till">
              <FormattedMessage id="header.till" values={{ siteId: till.siteId, tillId: till.tillId }} />
            </p>
          )}
        </div>
        <p
          className={`link tone-${wording.tone}`}
          role="status"
          aria-describedby={detail ? 'link-detail' : undefined}
          data-testid="link"
        >
          <Shape shape={wording.shape} />
          <span className="visually-hidden">
            <FormattedMessage id="header.linkPrefix" />
          </span>
          <span>
            <FormattedMessage id={wording.message} />
          </span>
        </p>
      </div>
      {detail && (
        <p className={`link-detail tone-${wording.tone}`} id="link-detail" data-testid="link-detail">
          {detail}
          {lastOk && <span className="link-last-ok"> {lastOk}</span>}
        </p>
      )}
      <nav className="tabs" aria-label={intl.formatMessage({ id: 'header.nav' })}>
        {/* First, so the cashier's own two tabs stay next to each other and next to the till's
            fields in the keyboard order (Shift+Tab from the card number reaches Scanners, then Till). */}
        <Tab screen="manager" current={screen} onScreen={onScreen}>
          {failed && <TabFlag testId="manager-flag" shape="cross" count={failedSales} said={failed} />}
        </Tab>
        <Tab screen="till" current={screen} onScreen={onScreen} />
        <Tab screen="scanners" current={screen} onScreen={onScreen}>
          {attention && (
            <TabFlag
              testId="scanners-flag"
              shape="triangle"
              count={scannersNeedingAttention}
              said={attention}
            />
          )}
        </Tab>
      </nav>
    </header>
  );
}

/** A screen's tab: its name, and what needs seeing there (a flag). */
function Tab(props: {
  screen: Screen;
  current: Screen;
  onScreen(screen: Screen): void;
  children?: ReactNode;
}) {
  return (
    <button
      type="button"
      className="tab"
      aria-current={props.current === props.screen ? 'page' : undefined}
      onClick={() => props.onScreen(props.screen)}
    >
      <FormattedMessage id={`header.tab.${props.screen}`} />
      {props.children}
    </button>
  );
}

/** The count a tab shows, said after the tab's name to screen readers ("Scanners 1 needs attention"). */
function TabFlag(props: { testId: string; shape: 'cross' | 'triangle'; count: number; said: string }) {
  return (
    <>
      {' '}
      <span className="tab-flag" data-testid={props.testId}>
        <Shape shape={props.shape} />
        {props.count}
      </span>
      <span className="visually-hidden"> {props.said}</span>
    </>
  );
}
