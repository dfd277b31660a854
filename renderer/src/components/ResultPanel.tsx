// What the last check, scan or sale action found: a balance in large type with the card's status
// in words (a card that can't be used is headed by its status, its balance small), a scanned
// card's actions (Apply to sale, Top up), what an apply or removal did, a top-up's new balance
// (or that it is not confirmed yet), or a problem with a heading and the agent's own instructions.
// The area is a live region: screen readers read each result out (a refusal at once, as an
// alert), and the screen brings it into view.
import type { Card, TopUp } from '../../../main/agent/contract';
import type { CSSProperties, RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { balanceWidthEm, checkedAtParts, formatLongDate, formatMoney, lastFour } from '../format';
import { noticeText, problemText, type Notice, type Problem } from '../result-words';
import type { ResultView } from '../state';
import { describeStatus, showsExpiry } from '../wording';
import { Alert } from './Alert';
import { Shape } from './Shape';

/** What the cashier may do with a scanned card shown here. */
export interface ScannedCardActions {
  /** Apply it to the open sale (only while something is still to pay). */
  onApply?(scanId: string): void;
  onTopUp(card: Card & { scanId: string }): void;
  busy: boolean;
}

interface ResultPanelProps {
  /** The area, for the screen to bring into view. */
  panelRef?: RefObject<HTMLElement | null>;
  result: ResultView;
  /** A sale is open: its amount due is the largest figure, so balances here are drawn smaller. */
  saleOpen: boolean;
  scanned: ScannedCardActions;
  /** Ask the agent again about the top-up shown as not confirmed. */
  onCheckTopUp(): void;
  /** The till's currency, for money an error's details give (a top-up's limit). */
  currency?: string;
}

export function ResultPanel({
  panelRef,
  result,
  saleOpen,
  scanned,
  onCheckTopUp,
  currency,
}: ResultPanelProps) {
  const intl = useIntl();
  return (
    <section
      ref={panelRef}
      className="result"
      aria-live="polite"
      aria-atomic="true"
      aria-label={intl.formatMessage({ id: 'result.label' })}
      data-testid="result"
    >
      {result.kind === 'idle' && (
        <p className="hint">
          <FormattedMessage id={saleOpen ? 'result.hintApply' : 'result.hintCheck'} />
        </p>
      )}
      {result.kind === 'checking' && (
        <p className="hint">
          <FormattedMessage id="result.checking" />
        </p>
      )}
      {result.kind === 'lookingUp' && (
        <div className="looking-up" data-testid="looking-up">
          <p className="looking-up-title">
            <span className="shape shape--bars" aria-hidden="true" />
            <FormattedMessage id="result.lookingUp" />
          </p>
          {result.cardNumberMasked && (
            <p className="card-number">
              <span className="visually-hidden">
                <FormattedMessage id="result.scannedCard" />
              </span>
              {result.cardNumberMasked}
            </p>
          )}
        </div>
      )}
      {result.kind === 'card' && (
        <CardResult
          card={result.card}
          scanned={result.scanned}
          compact={saleOpen}
          actions={result.scanned ? scanned : undefined}
        />
      )}
      {result.kind === 'notice' && <NoticeBox notice={result.notice} />}
      {result.kind === 'toppedUp' && (
        <ToppedUp card={result.card} amountMinor={result.amountMinor} compact={saleOpen} />
      )}
      {result.kind === 'topUpPending' && <TopUpPending topUp={result.topUp} onCheck={onCheckTopUp} />}
      {result.kind === 'problem' && <ProblemBox problem={result.problem} currency={currency} />}
    </section>
  );
}

/** What a sale action did, worded as it is drawn (a language switch re-words it). */
function NoticeBox({ notice }: { notice: Notice }) {
  const { tone, heading, message } = noticeText(useIntl(), notice);
  return (
    <div className={`notice-box tone-${tone}`} data-testid="notice">
      <h2>
        <Shape shape={tone === 'good' ? 'circle' : 'ring'} />
        {heading}
      </h2>
      {message && <p>{message}</p>}
    </div>
  );
}

/** A refusal or a typing slip, worded as it is drawn (a language switch re-words it). */
function ProblemBox({ problem, currency }: { problem: Problem; currency: string | undefined }) {
  const { heading, message } = problemText(useIntl(), problem, currency);
  return (
    <Alert level={2} heading={heading} role="alert" id="result-problem" testId="problem">
      <p>{message}</p>
    </Alert>
  );
}

interface CardResultProps {
  card: Card;
  scanned: boolean;
  compact: boolean;
  actions?: ScannedCardActions;
}

function CardResult({ card, scanned, compact, actions }: CardResultProps) {
  const intl = useIntl();
  const balance = formatMoney(card.balanceMinor, card.currency, intl.locale);
  const status = describeStatus(card);
  const date = card.expiresOn ? formatLongDate(card.expiresOn, undefined, intl.locale) : '';
  const expiry = showsExpiry(card) ? intl.formatMessage({ id: 'card.validUntil' }, { date }) : undefined;
  const at = checkedAtParts(card.checkedAt, new Date(), intl.locale);
  const checked = at
    ? at.day === undefined
      ? intl.formatMessage({ id: 'card.checkedAt' }, { time: at.time })
      : intl.formatMessage({ id: 'card.checkedOn' }, { time: at.time, day: at.day })
    : '';
  // Set through the CSSOM, which the page's CSP allows (it refuses only style attributes in HTML).
  const fit = { '--balance-em': balanceWidthEm(balance) } as CSSProperties;
  const statusLine = (
    <p
      className={`status tone-${status.tone}${status.usable ? '' : ' status--headline'}`}
      data-testid="status"
    >
      <Shape shape={status.shape} />
      <FormattedMessage id={status.message} values={{ date }} />
    </p>
  );
  return (
    <article className={`card-result tone-edge-${status.tone}`} data-testid="card">
      <div className="card-top">
        <p className="card-label">
          <FormattedMessage id={status.usable ? 'card.label.balance' : 'card.label.card'} />
        </p>
        {scanned && (
          <p className="badge" data-testid="scanned">
            <span className="shape shape--bars" aria-hidden="true" />
            <FormattedMessage id="card.scanned" />
          </p>
        )}
      </div>
      {status.usable ? (
        <>
          <p className={`balance${compact ? ' balance--compact' : ''}`} style={fit} data-testid="balance">
            {balance}
          </p>
          {statusLine}
        </>
      ) : (
        // A card that can't be used: what is wrong is the headline; its balance a small aside.
        <>
          {statusLine}
          <p className="balance-aside">
            <FormattedMessage
              id="card.balanceAside"
              values={{ balance: <span data-testid="balance">{balance}</span> }}
            />
          </p>
        </>
      )}
      <p className="card-number" data-testid="card-number">
        <span className="visually-hidden">
          <FormattedMessage id="card.numberHidden" />
        </span>
        {card.cardNumberMasked}
      </p>
      {(expiry || checked) && (
        <p className="card-meta">
          {[expiry, checked].filter((part): part is string => Boolean(part)).join(' · ')}
        </p>
      )}
      {actions && card.scanId !== undefined && (
        <ScannedActions card={{ ...card, scanId: card.scanId }} usable={status.usable} actions={actions} />
      )}
    </article>
  );
}

/** The scanned card's own buttons: the cashier decides; nothing is applied on a scan alone. */
function ScannedActions({
  card,
  usable,
  actions,
}: {
  card: Card & { scanId: string };
  usable: boolean;
  actions: ScannedCardActions;
}) {
  const { onApply } = actions;
  return (
    <div className="card-actions">
      {onApply && usable && (
        <button
          type="button"
          className="check"
          disabled={actions.busy}
          onClick={() => onApply(card.scanId)}
          data-testid="apply-scanned"
        >
          <FormattedMessage id="entry.apply" />
        </button>
      )}
      <button
        type="button"
        className="secondary"
        disabled={actions.busy}
        onClick={() => actions.onTopUp(card)}
      >
        <FormattedMessage id="entry.topUp" />
      </button>
    </div>
  );
}

function ToppedUp({ card, amountMinor, compact }: { card: Card; amountMinor: number; compact: boolean }) {
  const intl = useIntl();
  const balance = formatMoney(card.balanceMinor, card.currency, intl.locale);
  const fit = { '--balance-em': balanceWidthEm(balance) } as CSSProperties;
  return (
    <article className="card-result tone-edge-good" data-testid="topped-up">
      <p className="card-label">
        <FormattedMessage id="toppedUp.label" />
      </p>
      <p className={`balance${compact ? ' balance--compact' : ''}`} style={fit} data-testid="new-balance">
        {balance}
      </p>
      <p className="status tone-good">
        <Shape shape="circle" />
        <FormattedMessage
          id="toppedUp.added"
          values={{
            amount: formatMoney(amountMinor, card.currency, intl.locale),
            last4: lastFour(card.cardNumberMasked),
          }}
        />
      </p>
    </article>
  );
}

/** A top-up Till Agent wrote down but Centegra Plus has not confirmed: the money is not to be taken again. */
function TopUpPending({ topUp, onCheck }: { topUp: TopUp; onCheck(): void }) {
  const intl = useIntl();
  const amount = formatMoney(topUp.amountMinor, topUp.currency, intl.locale);
  return (
    <div className="notice-box tone-warning" data-testid="topup-pending">
      <h2>
        <span className="shape shape--bars" aria-hidden="true" />
        <FormattedMessage id="topUpPending.heading" />
      </h2>
      <p>
        <FormattedMessage
          id="topUpPending.message"
          values={{ amount, last4: lastFour(topUp.cardNumberMasked) }}
        />
      </p>
      <p className="pending-advice">
        <FormattedMessage id="topUpPending.advice" />
      </p>
      <button type="button" className="secondary" onClick={onCheck}>
        <FormattedMessage id="topUpPending.check" />
      </button>
    </div>
  );
}
