// A refund made from the Manager view: where it is (on the card, queued, voided) in words and a
// shape, how much onto which card, and Void this refund (asked first) while it stands.
import { formatMinor, lastFour } from '../../format';
import { describeRefundState, type Refund } from '../../money';
import { Shape } from '../Shape';
import { ConfirmAction } from './ConfirmAction';

interface RefundOutcomeProps {
  refund: Refund;
  voiding: boolean;
  onVoid(): void;
  onAnother(): void;
}

export function RefundOutcome({ refund, voiding, onVoid, onAnother }: RefundOutcomeProps) {
  const state = describeRefundState(refund.state);
  const amount = formatMinor(refund.amountMinor, refund.currency);
  const card = lastFour(refund.cardNumberMasked);
  const standing = refund.state === 'DELIVERED' || refund.state === 'QUEUED';
  return (
    <article
      className="item refund-outcome"
      aria-labelledby="refund-outcome-heading"
      data-testid="refund-outcome"
    >
      <div className="item-top">
        <h4 id="refund-outcome-heading">Refund onto the card ending {card}</h4>
        <p className="money item-amount">{amount}</p>
      </div>
      <p className={`outcome tone-${state.tone}`} role="status" data-testid="refund-state">
        <Shape shape={state.shape} />
        {state.text}
      </p>
      <dl className="facts">
        {refund.balanceAfterMinor !== undefined && refund.state === 'DELIVERED' && (
          <>
            <dt>Balance now</dt>
            <dd data-testid="refund-balance">{formatMinor(refund.balanceAfterMinor, refund.currency)}</dd>
          </>
        )}
        {refund.originalBasketId && (
          <>
            <dt>Sale</dt>
            <dd>{refund.originalBasketId}</dd>
          </>
        )}
        {refund.reason && (
          <>
            <dt>Reason</dt>
            <dd>{refund.reason}</dd>
          </>
        )}
        {refund.error && (
          <>
            <dt>Why</dt>
            <dd>{refund.error.message}</dd>
          </>
        )}
        <dt>Refund id</dt>
        <dd className="mono">{refund.refundId}</dd>
      </dl>
      {standing && (
        <ConfirmAction
          label="Void this refund"
          question={`Void the ${amount} refund onto the card ending ${card}? Factor4 takes it back off the card.`}
          confirmLabel="Yes, void it"
          busyLabel="Voiding…"
          busy={voiding}
          describedBy="refund-outcome-heading"
          onConfirm={onVoid}
        />
      )}
      <button type="button" className="secondary confirm-open" onClick={onAnother}>
        Make another refund
      </button>
    </article>
  );
}
