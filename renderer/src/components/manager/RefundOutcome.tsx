// A refund made from the Manager view: where it is (on the card, queued, voided) in words and a
// shape, how much onto which card, and Void this refund (asked first) while it stands.
import { FormattedMessage, useIntl } from 'react-intl';
import { formatMoney, lastFour } from '../../format';
import { describeRefundState, voidRefundQuestion, whyWords, type Refund } from '../../money';
import { Shape } from '../Shape';
import { ConfirmAction } from './ConfirmAction';

interface RefundOutcomeProps {
  refund: Refund;
  voiding: boolean;
  onVoid(): void;
  onAnother(): void;
}

export function RefundOutcome({ refund, voiding, onVoid, onAnother }: RefundOutcomeProps) {
  const intl = useIntl();
  const state = describeRefundState(intl, refund.state);
  const amount = formatMoney(refund.amountMinor, refund.currency, intl.locale);
  const card = lastFour(refund.cardNumberMasked);
  const standing = refund.state === 'DELIVERED' || refund.state === 'QUEUED';
  return (
    <article
      className="item refund-outcome"
      aria-labelledby="refund-outcome-heading"
      data-testid="refund-outcome"
    >
      <div className="item-top">
        <h4 id="refund-outcome-heading">
          <FormattedMessage id="refund.outcome.heading" values={{ last4: card }} />
        </h4>
        <p className="money item-amount">{amount}</p>
      </div>
      <p className={`outcome tone-${state.tone}`} role="status" data-testid="refund-state">
        <Shape shape={state.shape} />
        {state.text}
      </p>
      <dl className="facts">
        {refund.balanceAfterMinor !== undefined && refund.state === 'DELIVERED' && (
          <>
            <dt>
              <FormattedMessage id="refund.balanceNow" />
            </dt>
            <dd data-testid="refund-balance">
              {formatMoney(refund.balanceAfterMinor, refund.currency, intl.locale)}
            </dd>
          </>
        )}
        {refund.originalBasketId && (
          <>
            <dt>
              <FormattedMessage id="refund.fact.sale" />
            </dt>
            <dd data-agent-text="">{refund.originalBasketId}</dd>
          </>
        )}
        {refund.reason && (
          <>
            <dt>
              <FormattedMessage id="refund.fact.reason" />
            </dt>
            {/* As the manager typed it, in whatever language. */}
            <dd data-agent-text="">{refund.reason}</dd>
          </>
        )}
        {refund.error && (
          <>
            <dt>
              <FormattedMessage id="refund.fact.why" />
            </dt>
            <dd>{whyWords(intl, refund.error)}</dd>
          </>
        )}
        <dt>
          <FormattedMessage id="refund.fact.id" />
        </dt>
        <dd className="mono" data-agent-text="">
          {refund.refundId}
        </dd>
      </dl>
      {standing && (
        <ConfirmAction
          label={intl.formatMessage({ id: 'refund.void' })}
          question={voidRefundQuestion(intl, refund)}
          busy={voiding}
          describedBy="refund-outcome-heading"
          onConfirm={onVoid}
        />
      )}
      <button type="button" className="secondary confirm-open" onClick={onAnother}>
        <FormattedMessage id="refund.another" />
      </button>
    </article>
  );
}
