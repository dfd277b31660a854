// Topping up (or activating) a card, in two deliberate steps: the amount, then a plain question
// naming the card and the amount, which the cashier confirms. Nothing is sent before the second press.
// Over the till's approval limit the agent asks for a manager: the PIN is asked for right here, and
// the same top-up (the same topUpId) goes again once a manager has entered it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { TillAgentApi } from '../../../main/agent/contract';
import { currencySymbol, formatMoney } from '../format';
import { amountFieldText, describeMoneyProblem, parseMoney, type MoneyProblem } from '../money-entry';
import type { TopUpFlow } from '../sale-state';
import { topUpQuestion } from '../sale-words';
import { ManagerApproval } from './manager';
import { Shape } from './Shape';

interface TopUpPanelProps {
  agent: TillAgentApi;
  flow: TopUpFlow;
  currency: string;
  onAmount(amountMinor: number): void;
  onConfirm(): void;
  /** A manager entered the PIN: send the top-up again with their session. */
  onApproved(session: string): void;
  onBack(): void;
  onCancel(): void;
}

export function TopUpPanel({
  agent,
  flow,
  currency,
  onAmount,
  onConfirm,
  onApproved,
  onBack,
  onCancel,
}: TopUpPanelProps) {
  const [amountText, setAmountText] = useState(
    flow.step === 'amount' ? '' : amountFieldText(flow.amountMinor, currency),
  );
  const intl = useIntl();
  // What was wrong with the amount, worded when drawn (so a change of language rewords it).
  const [problem, setProblem] = useState<MoneyProblem | 'zero'>();
  const amountRef = useRef<HTMLInputElement>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);

  // Each step starts where the cashier acts next: the amount, or the question (read out, then Tab to confirm).
  useEffect(() => {
    if (flow.step === 'amount') amountRef.current?.focus();
    else if (flow.step === 'confirm') questionRef.current?.focus();
  }, [flow.step]);

  const chooseAmount = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const read = parseMoney(amountText, currency);
    if (!read.ok) {
      setProblem(read.problem);
      amountRef.current?.focus();
      return;
    }
    if (read.minor === 0) {
      setProblem('zero');
      amountRef.current?.focus();
      return;
    }
    setProblem(undefined);
    onAmount(read.minor);
  };

  const { last4 } = flow.target;
  const amount = flow.step === 'amount' ? '' : formatMoney(flow.amountMinor, currency, intl.locale);
  const question = flow.step === 'amount' ? '' : topUpQuestion(intl, last4, amount);
  return (
    <section className="topup" aria-labelledby="topup-heading" data-testid="topup">
      <h2 id="topup-heading">
        <FormattedMessage id="topUp.heading" values={{ last4 }} />
      </h2>
      {flow.step === 'amount' && (
        <form onSubmit={chooseAmount} noValidate className="topup-form">
          <div className="field">
            <label htmlFor="topup-amount">
              <FormattedMessage id="topUp.amount" />
            </label>
            <div className="money-input">
              <span className="money-sign" aria-hidden="true">
                {currencySymbol(currency)}
              </span>
              <input
                id="topup-amount"
                ref={amountRef}
                className="input input--money"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                autoCorrect="off"
                enterKeyHint="next"
                spellCheck={false}
                maxLength={16}
                value={amountText}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? 'topup-problem' : undefined}
                onChange={(event) => setAmountText(event.target.value)}
              />
            </div>
          </div>
          {problem && (
            <p className="field-problem" id="topup-problem" role="alert">
              <Shape shape="triangle" />
              {describeMoneyProblem(problem, currency, intl)}
            </p>
          )}
          <div className="topup-buttons">
            <button type="submit" className="check">
              <FormattedMessage id="topUp.continue" />
            </button>
            <button type="button" className="secondary" onClick={onCancel}>
              <FormattedMessage id="topUp.cancel" />
            </button>
          </div>
        </form>
      )}
      {(flow.step === 'approval' || (flow.step === 'sending' && flow.session !== undefined)) && (
        <>
          <p className="topup-question" data-testid="topup-question">
            {question}
          </p>
          <ManagerApproval
            agent={agent}
            message={flow.step === 'approval' ? flow.message : ''}
            limitMinor={flow.step === 'approval' ? flow.limitMinor : undefined}
            currency={currency}
            expiredSession={flow.step === 'approval' ? flow.expiredSession : undefined}
            sending={flow.step === 'sending'}
            onApproved={onApproved}
            onCancel={onCancel}
          />
          <div className="topup-buttons">
            <button type="button" className="secondary" disabled={flow.step === 'sending'} onClick={onCancel}>
              <FormattedMessage id="topUp.cancel" />
            </button>
          </div>
        </>
      )}
      {(flow.step === 'confirm' || (flow.step === 'sending' && flow.session === undefined)) && (
        <div className="topup-confirm">
          <p className="topup-question" ref={questionRef} tabIndex={-1} data-testid="topup-question">
            {question}
          </p>
          <div className="topup-buttons">
            <button type="button" className="check" disabled={flow.step === 'sending'} onClick={onConfirm}>
              {flow.step === 'sending' ? (
                <FormattedMessage id="topUp.sending" />
              ) : (
                <FormattedMessage id="topUp.send" values={{ amount }} />
              )}
            </button>
            <button type="button" className="secondary" disabled={flow.step === 'sending'} onClick={onBack}>
              <FormattedMessage id="topUp.changeAmount" />
            </button>
            <button type="button" className="secondary" disabled={flow.step === 'sending'} onClick={onCancel}>
              <FormattedMessage id="topUp.cancel" />
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
