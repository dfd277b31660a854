// The manager's Void a sale: the sale's id (from the receipt or the POS), the sale read back as a
// question that says what goes back to which cards, Void sale or Keep it, and what the void did.
import { useEffect, useRef, type RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { TillAgentApi } from '../../../../main/agent/contract';
import { moneyProblem, voidSaleOutcome, voidSaleQuestion } from '../../money';
import { Alert } from '../Alert';
import { Shape } from '../Shape';
import { FindById } from './FindById';
import type { Refused } from './useManagerCall';
import { useVoidSale } from './useVoidSale';

interface VoidSaleViewProps {
  agent: TillAgentApi;
  session: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onRefused: Refused;
}

export function VoidSaleView({ agent, session, headingRef, onRefused }: VoidSaleViewProps) {
  const intl = useIntl();
  const sale = useVoidSale(agent, session, onRefused);
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

  const again = (): void => {
    backToField.current = true;
    // The field is drawn again, so it starts empty.
    sale.reset();
  };

  const problem = sale.problem ? moneyProblem(intl, sale.problem, 'manager') : undefined;
  return (
    <section className="panel-section" aria-labelledby="void-sale-heading" data-testid="void-sale">
      <h3 id="void-sale-heading" ref={headingRef} tabIndex={-1}>
        <FormattedMessage id="voidSale.heading" />
      </h3>
      <p className="panel-intro">
        <FormattedMessage id="voidSale.intro" />
      </p>
      {(step.step === 'enter' || step.step === 'finding') && (
        <FindById
          idPrefix="void-sale"
          className="money-form"
          label={intl.formatMessage({ id: 'voidSale.label' })}
          typoMessage={intl.formatMessage({ id: 'voidSale.typo' })}
          buttonClassName="check"
          finding={step.step === 'finding'}
          findLabel={intl.formatMessage({ id: 'voidSale.find' })}
          findingLabel={intl.formatMessage({ id: 'voidSale.finding' })}
          fieldRef={fieldRef}
          onTypo={() => fieldRef.current?.focus()}
          onFind={sale.find}
        />
      )}
      {(step.step === 'confirm' || step.step === 'voiding') && (
        <div className="confirm" data-testid="void-sale-confirm">
          <p className="confirm-question" ref={questionRef} tabIndex={-1} data-testid="void-sale-question">
            {voidSaleQuestion(intl, step.basket)}
          </p>
          <div className="item-actions">
            {step.basket.state !== 'VOIDED' && (
              <button
                type="button"
                className="check"
                aria-disabled={step.step === 'voiding' || undefined}
                onClick={sale.confirm}
              >
                {step.step === 'voiding' ? (
                  <FormattedMessage id="voidSale.voiding" />
                ) : (
                  <FormattedMessage id="voidSale.void" />
                )}
              </button>
            )}
            {step.step === 'confirm' && (
              <button type="button" className="secondary" onClick={again}>
                <FormattedMessage id="voidSale.keep" />
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
            {voidSaleOutcome(intl, step.before, step.basket)}
          </p>
          <button type="button" className="secondary" onClick={again}>
            <FormattedMessage id="voidSale.another" />
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
