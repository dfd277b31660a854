// The manager's Refund: money back onto a gift card — the card (typed, or scanned), the amount,
// and optionally the sale it came from and why — asked as a plain question first, then sent with
// the screen's own refundId (the same on a retry). What Factor4 did, or why it was refused. An
// earlier refund is found by its id, to void it.
import { useEffect, useRef, useState, type FormEvent, type InputHTMLAttributes, type RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { TillAgentApi } from '../../../../main/agent/contract';
import { currencySymbol, formatMoney, lastFour } from '../../format';
import {
  moneyProblem,
  readRefund,
  refundQuestion,
  type RefundEntry,
  type RefundField,
  type RefundRead,
} from '../../money';
import { Alert } from '../Alert';
import { Shape } from '../Shape';
import { FindRefund } from './FindRefund';
import { RefundOutcome } from './RefundOutcome';
import type { Refused } from './useManagerCall';
import { useRefund } from './useRefund';
import { useScannedCard } from './useScannedCard';

interface RefundViewProps {
  agent: TillAgentApi;
  session: string;
  currency: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onRefused: Refused;
}

/** The keyboard to a field of the form, by its id (the fields come and go with the scan). */
function focusField(name: RefundField): void {
  document.getElementById(`refund-${name}`)?.focus();
}

const empty: RefundEntry = { cardNumber: '', amount: '', originalBasketId: '', reason: '' };
type Ready = Extract<RefundRead, { ok: true }>['request'];

export function RefundView({ agent, session, currency, headingRef, onRefused }: RefundViewProps) {
  const intl = useIntl();
  const flow = useRefund(agent, session, currency, onRefused);
  const [scanned, clearScan] = useScannedCard(agent);
  const [entry, setEntry] = useState<RefundEntry>(empty);
  const [typo, setTypo] = useState<{ field: RefundField; message: string }>();
  /** The refund read and waiting for the manager's yes. */
  const [asking, setAsking] = useState<Ready>();
  const questionRef = useRef<HTMLParagraphElement>(null);

  /** Another refund: the card number takes the keyboard once the form is drawn again. */
  const backToForm = useRef(false);
  const formShown = !flow.refund && !asking;
  useEffect(() => {
    if (asking) questionRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (!formShown || !backToForm.current) return;
    backToForm.current = false;
    focusField('cardNumber');
  }, [formShown]);

  const edit = (field: RefundField, value: string): void => {
    setEntry((e) => ({ ...e, [field]: value }));
    flow.changed();
  };

  const read = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const r = readRefund(intl, entry, currency, scanned?.scanId);
    if (!r.ok) {
      setTypo({ field: r.field, message: r.message });
      focusField(r.field);
      return;
    }
    setTypo(undefined);
    setAsking(r.request);
  };

  const another = (): void => {
    backToForm.current = true;
    flow.reset();
    clearScan();
    setEntry(empty);
    setAsking(undefined);
  };

  const last4 = scanned ? lastFour(scanned.cardNumberMasked) : lastFour(entry.cardNumber);
  // A refund sent is refused in a refund's words; finding or voiding one, in a manager's.
  const problem = flow.problem
    ? moneyProblem(intl, flow.problem, flow.problemOn === 'send' ? 'refund' : 'manager', currency)
    : undefined;
  const field = (name: RefundField, label: string, input: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="field">
      <label htmlFor={`refund-${name}`}>{label}</label>
      <input
        id={`refund-${name}`}
        className="input"
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={entry[name]}
        aria-invalid={typo?.field === name ? true : undefined}
        aria-describedby={typo?.field === name ? 'refund-typo' : undefined}
        onChange={(event) => edit(name, event.target.value)}
        {...input}
      />
    </div>
  );

  return (
    <section className="panel-section" aria-labelledby="refund-heading" data-testid="refund-view">
      <h3 id="refund-heading" ref={headingRef} tabIndex={-1}>
        <FormattedMessage id="refund.heading" />
      </h3>
      {flow.refund ? (
        <RefundOutcome
          refund={flow.refund}
          voiding={flow.voiding}
          onVoid={flow.voidRefund}
          onAnother={another}
        />
      ) : asking ? (
        <div className="confirm" data-testid="refund-confirm">
          <p className="confirm-question" ref={questionRef} tabIndex={-1} data-testid="refund-question">
            {refundQuestion(intl, asking.amountMinor, currency, last4, asking.originalBasketId)}
          </p>
          <div className="item-actions">
            <button
              type="button"
              className="check"
              aria-disabled={flow.sending || undefined}
              onClick={() => flow.send(asking)}
            >
              {flow.sending ? (
                <FormattedMessage id="refund.sending" />
              ) : (
                <FormattedMessage
                  id="refund.send"
                  values={{ amount: formatMoney(asking.amountMinor, currency, intl.locale) }}
                />
              )}
            </button>
            {!flow.sending && (
              <button type="button" className="secondary" onClick={() => setAsking(undefined)}>
                <FormattedMessage id="refund.change" />
              </button>
            )}
          </div>
        </div>
      ) : (
        <form className="money-form" onSubmit={read} noValidate>
          {scanned ? (
            <div className="scanned-card" data-testid="refund-scanned">
              <p>
                <span className="shape shape--bars" aria-hidden="true" />
                <FormattedMessage
                  id="refund.scanned"
                  values={{ last4: lastFour(scanned.cardNumberMasked) }}
                />
              </p>
              <button type="button" className="secondary" onClick={clearScan}>
                <FormattedMessage id="refund.typeInstead" />
              </button>
            </div>
          ) : (
            field('cardNumber', intl.formatMessage({ id: 'refund.cardNumber' }), {
              inputMode: 'numeric',
              maxLength: 64,
            })
          )}
          <div className="field">
            <label htmlFor="refund-amount">
              <FormattedMessage id="refund.amount" />
            </label>
            <div className="money-input">
              <span className="money-sign" aria-hidden="true">
                {currencySymbol(currency)}
              </span>
              <input
                id="refund-amount"
                className="input input--money"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                spellCheck={false}
                maxLength={16}
                value={entry.amount}
                aria-invalid={typo?.field === 'amount' ? true : undefined}
                aria-describedby={typo?.field === 'amount' ? 'refund-typo' : undefined}
                onChange={(event) => edit('amount', event.target.value)}
              />
            </div>
          </div>
          {field('originalBasketId', intl.formatMessage({ id: 'refund.originalSale' }), { maxLength: 64 })}
          {field('reason', intl.formatMessage({ id: 'refund.reason' }), { maxLength: 200 })}
          {typo && (
            <p className="field-problem" id="refund-typo" role="alert">
              <Shape shape="triangle" />
              {typo.message}
            </p>
          )}
          <button type="submit" className="check">
            <FormattedMessage id="refund.continue" />
          </button>
        </form>
      )}
      {!flow.refund && !asking && <FindRefund finding={flow.finding} onFind={flow.find} />}
      {problem && (
        <Alert
          level={4}
          heading={problem.heading}
          className="panel-alert"
          role="alert"
          testId="refund-problem"
        >
          <p>{problem.message}</p>
        </Alert>
      )}
    </section>
  );
}
