// The manager's Void a sale: the sale's id (from the receipt or the POS), the sale read back as a
// question that says what goes back to which cards, Void sale or Keep it, and what the void did.
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { TillAgentApi } from '../../../../main/agent/contract';
import { moneyProblem, voidSaleQuestion } from '../../money';
import { Alert } from '../Alert';
import { Shape } from '../Shape';
import type { Refused } from './useManagerCall';
import { useVoidSale } from './useVoidSale';

interface VoidSaleViewProps {
  agent: TillAgentApi;
  session: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onRefused: Refused;
}

const SALE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function VoidSaleView({ agent, session, headingRef, onRefused }: VoidSaleViewProps) {
  const sale = useVoidSale(agent, session, onRefused);
  const [typed, setTyped] = useState('');
  const [typo, setTypo] = useState<string>();
  const fieldRef = useRef<HTMLInputElement>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const { step } = sale;

  /** Back to the field for another sale: focused once it is drawn again. */
  const backToField = useRef(false);

  // The keyboard goes where the manager acts next: the question, the outcome, or the field again.
  useEffect(() => {
    if (step.step === 'confirm') questionRef.current?.focus();
    else if (step.step === 'done') outcomeRef.current?.focus();
    else if (step.step === 'enter' && backToField.current) {
      backToField.current = false;
      fieldRef.current?.focus();
    }
  }, [step.step]);

  const find = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const id = typed.trim();
    if (!SALE_ID.test(id)) {
      setTypo('Type the sale id as on the receipt: letters, digits, _ or - (at most 64).');
      fieldRef.current?.focus();
      return;
    }
    setTypo(undefined);
    sale.find(id);
  };

  const again = (): void => {
    backToField.current = true;
    sale.reset();
    setTyped('');
  };

  const problem = sale.problem ? moneyProblem(sale.problem) : undefined;
  return (
    <section className="panel-section" aria-labelledby="void-sale-heading" data-testid="void-sale">
      <h3 id="void-sale-heading" ref={headingRef} tabIndex={-1}>
        Void a sale
      </h3>
      <p className="panel-intro">
        For a sale already closed: Factor4 gives back what its gift cards paid. Check the sale before you
        confirm.
      </p>
      {(step.step === 'enter' || step.step === 'finding') && (
        <form className="money-form" onSubmit={find} noValidate>
          <div className="field">
            <label htmlFor="void-sale-id">Sale id</label>
            <input
              id="void-sale-id"
              ref={fieldRef}
              className="input"
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              value={typed}
              aria-invalid={typo ? true : undefined}
              aria-describedby={typo ? 'void-sale-typo' : undefined}
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
          {typo && (
            <p className="field-problem" id="void-sale-typo" role="alert">
              <Shape shape="triangle" />
              {typo}
            </p>
          )}
          <button type="submit" className="check" aria-disabled={step.step === 'finding' || undefined}>
            {step.step === 'finding' ? 'Finding the sale…' : 'Find the sale'}
          </button>
        </form>
      )}
      {(step.step === 'confirm' || step.step === 'voiding') && (
        <div className="confirm" data-testid="void-sale-confirm">
          <p className="confirm-question" ref={questionRef} tabIndex={-1} data-testid="void-sale-question">
            {voidSaleQuestion(step.basket)}
          </p>
          <div className="item-actions">
            {step.basket.state !== 'VOIDED' && (
              <button
                type="button"
                className="check"
                aria-disabled={step.step === 'voiding' || undefined}
                onClick={sale.confirm}
              >
                {step.step === 'voiding' ? 'Voiding…' : 'Void sale'}
              </button>
            )}
            {step.step === 'confirm' && (
              <button type="button" className="secondary" onClick={again}>
                Keep it
              </button>
            )}
          </div>
        </div>
      )}
      {step.step === 'done' && (
        <>
          <p
            className="outcome tone-good"
            ref={outcomeRef}
            tabIndex={-1}
            role="status"
            data-testid="void-sale-outcome"
          >
            <Shape shape="circle" />
            {step.outcome}
          </p>
          <button type="button" className="secondary" onClick={again}>
            Void another sale
          </button>
        </>
      )}
      {problem && (
        <Alert
          level={4}
          heading={problem.heading}
          className="panel-alert"
          role="alert"
          testId="void-sale-problem"
        >
          <p>{problem.message}</p>
        </Alert>
      )}
    </section>
  );
}
